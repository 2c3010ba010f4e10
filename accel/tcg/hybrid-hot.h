/*
 * Hybrid translator, stage 1: hot counting.
 *
 * Owns the per-TB slots (counter, state, installed trace) and the entry
 * stub every TB gets with -hybrid on.  See docs/hybrid-tier.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_HOT_H
#define HYBRID_ACCEL_TCG_HOT_H

typedef struct HybridTrace HybridTrace;

typedef enum HybridSlotState {
    SLOT_COLD,         /* counting */
    SLOT_RECORDING,    /* a thread is forming a trace from this head */
    SLOT_PENDING,      /* a trace is queued or compiling */
    SLOT_INSTALLED,    /* slot->trace runs on every entry */
    SLOT_MEMBER,       /* inside another head's trace: do not start one */
    SLOT_BLACKLISTED,  /* failed too often: never again */
} HybridSlotState;

typedef struct HybridSlot {
    int32_t counter;            /* entries left; <= 0 calls the helper */
    uint32_t state;             /* HybridSlotState */
    uint32_t failures;          /* failed attempts, for the penalty */
    uint32_t waiting_hits;      /* counter ran out while its job waited */
    bool via_returns;           /* its last region was closed by returns */
    bool acyclic;               /* ... or ends at its function's return */
    uint64_t region_hash;       /* of the last region recorded, or 0 */
    uint64_t bad_region;        /* of the last one that proved unprofitable */
    HybridTrace *trace;         /* set with release, read with acquire */
    TranslationBlock *tb;       /* the block this slot counts */
} HybridSlot;

/*
 * Hook (translator_loop, after gen_tb_start): emit the entry stub for the
 * TB being translated.  Nothing with -hybrid off or while the recorder
 * re-translates a block.
 */
void hybrid_gen_block_entry(TranslationBlock *tb);

/* True while the recorder re-translates a block on this thread. */
extern __thread bool hybrid_capturing;

/* Forget every slot (tb_flush: no TB refers to them any more). */
void hybrid_slots_flush(void);

/* A head failed to give a trace: penalize it, blacklist it in the end. */
void hybrid_slot_failed(HybridSlot *slot);

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
 * A head whose job was dropped only for lack of room in the queue: it
 * may record again after a wait, without counting as a failure.
 */
void hybrid_slot_retry(HybridSlot *slot);

/*
 * The guest rewrote the code of a trace or of a queued job headed at
 * @pc.  With @wasted, before the work paid for itself: heads of that
 * page then wait longer before they record (see page_threshold()).
 * Without, after: the page's heads wait no longer than at first.
 */
void hybrid_page_rewritten(uint64_t pc, bool wasted);

/* Has a trace that made @steps block moves paid for its compile? */
bool hybrid_trace_paid(uint64_t steps);

/* Never try this head again. */
void hybrid_slot_blacklist(HybridSlot *slot);

/* The slot of @tb, or NULL (call with mmap_lock held). */
HybridSlot *hybrid_slot_of(TranslationBlock *tb);

/*
 * Mark the slots of a trace's other blocks as covered by it (they would
 * only record the same loop again), or give them back.
 */
void hybrid_slots_cover(HybridSlot **slots, uint32_t n, bool covered);

#endif /* HYBRID_ACCEL_TCG_HOT_H */
