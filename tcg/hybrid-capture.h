/*
 * Hybrid translator: capture the TCG ops of one block into a trace IR.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TCG_CAPTURE_H
#define HYBRID_TCG_CAPTURE_H

#include "hybrid/accel/tcg/hybrid-reject.h"
#include "hybrid/accel/tcg/hybrid-trace-ir.h"

/*
 * Append the ops now in @s (one TB, after tcg_optimize) to @ir as block
 * @b, which is ir->blocks[@block_idx].  Returns 0, or -1 with *@why set
 * to the reason the block cannot be carried.
 */
int hybrid_capture_ops(TCGContext *s, HybridTraceIR *ir, HybridBlock *b,
                       uint32_t block_idx, HybridReject *why);

#endif /* HYBRID_TCG_CAPTURE_H */
