/*
 * Hybrid translator, stage 1: hot counting.
 *
 * Decides which TBs are heads (loop headers, function entries), gives
 * them a slot (hybrid-slot.h, whose state machine is hybrid-slot.c) and
 * emits their entry stub, which counts down the slot's counter and calls
 * the helper when it runs out.  See docs/hybrid-tier.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_HOT_H
#define HYBRID_ACCEL_TCG_HOT_H

/*
 * Hook (translator_loop, after gen_tb_start): emit the entry stub for the
 * TB being translated.  Nothing with -hybrid off or while the recorder
 * re-translates a block.
 */
void hybrid_gen_block_entry(TranslationBlock *tb);

/* True while the recorder re-translates a block on this thread. */
extern __thread bool hybrid_capturing;

/*
 * cpu_exec is about to chain from -> to, which @cpu has just taken.  A
 * backward or call edge taken often enough makes to's pc a head (a loop
 * header, a function entry).  Returns true if the edge must not be
 * chained: it is still being counted, or to was just invalidated to get
 * its stub.
 */
bool hybrid_chain_edge(CPUState *cpu, TranslationBlock *from,
                       TranslationBlock *to);

/*
 * The guest rewrote the code of a trace or of a queued job headed at
 * @pc.  With @wasted, before the work paid for itself: heads of that
 * page then wait longer before they record (see page_threshold()).
 * Without, after: the page's heads wait no longer than at first.
 */
void hybrid_page_rewritten(uint64_t pc, bool wasted);

/*
 * The samples found the TCG code of the block at @pc (hybrid-sample.c):
 * translate again the block @cpu ran there, so that its edges come
 * through hybrid_chain_edge() and are counted (with the samples deciding,
 * only edges of sampled blocks are).  On @cpu's thread, outside cpu_exec
 * (queued work).
 */
void hybrid_hot_promote(CPUState *cpu, uint64_t pc);

/* Has a trace that made @steps block moves paid for its compile? */
bool hybrid_trace_paid(uint64_t steps);

#endif /* HYBRID_ACCEL_TCG_HOT_H */
