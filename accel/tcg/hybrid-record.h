/*
 * Hybrid translator, stage 2: trace recording.
 *
 * Turns a hot head into a region of blocks (chained edges on cycles
 * through the head), captures each block's TCG ops and queues the trace
 * for the optimizer.  See docs/hybrid-tier.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_RECORD_H
#define HYBRID_ACCEL_TCG_RECORD_H

#include "hybrid/accel/tcg/hybrid-slot.h"

/*
 * The counter of @slot's head ran out (slot state is SLOT_RECORDING).
 * If @covered, the head is a block of another head's live trace, run in
 * TCG when entered from outside it: its region is that trace's, entered
 * at this block.
 */
void hybrid_record(CPUState *cpu, HybridSlot *slot, bool covered);

#endif /* HYBRID_ACCEL_TCG_RECORD_H */
