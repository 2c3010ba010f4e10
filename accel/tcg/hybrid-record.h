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

#include "hybrid/accel/tcg/hybrid-hot.h"

/* Does @tb end with a call (BL, BLR, BLRAA...)?  Under mmap_lock. */
bool hybrid_tb_ends_in_call(TranslationBlock *tb);

/* The counter of @slot's head ran out (slot state is SLOT_RECORDING). */
void hybrid_record(CPUState *cpu, HybridSlot *slot);

#endif /* HYBRID_ACCEL_TCG_RECORD_H */
