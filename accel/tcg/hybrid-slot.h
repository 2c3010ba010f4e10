/*
 * Hybrid translator: the life of a head's slot.
 *
 * A slot is the record a head TB's entry stub counts in (hybrid-hot.c).
 * hybrid-slot.c owns its state machine: every change of state, of the
 * counter's re-arming, of the failure count and of the installed trace
 * is made there, by the stub's helper when the counter runs out and by
 * the functions below, which the recorder, the queue and the patcher
 * call.  The one write elsewhere is the stub's own decrement of the
 * counter, racy on purpose (hybrid-hot.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_SLOT_H
#define HYBRID_ACCEL_TCG_SLOT_H

typedef struct HybridTrace HybridTrace;

/*
 * States and the legal moves between them (hybrid-slot.c asserts them):
 *
 *   from         to           by                        who asks
 *   (new)        COLD         hybrid_slot_new()         entry stub
 *   COLD         RECORDING    helper_hybrid_enter()     entry stub
 *   MEMBER       RECORDING    helper_hybrid_enter()     entry stub
 *   COLD         MEMBER       hybrid_slots_cover()      recorder, patcher
 *   MEMBER       COLD         hybrid_slots_cover()      queue, patcher
 *   RECORDING    PENDING      hybrid_slot_recorded()    recorder
 *   RECORDING    COLD         hybrid_slot_failed()      recorder
 *   PENDING      COLD         hybrid_slot_failed()      queue, patcher
 *   PENDING      COLD         hybrid_slot_retry()       queue (no room)
 *   PENDING      INSTALLED    hybrid_slot_installed()   patcher
 *   INSTALLED    COLD         hybrid_slot_unlinked(),   patcher
 *                             then hybrid_slot_failed(),
 *                             or for a region closed by
 *                             returns, ..._unprofitable()
 *   INSTALLED    BLACKLISTED  hybrid_slot_unlinked(),   patcher
 *                             then ..._unprofitable()
 *   RECORDING,   BLACKLISTED  hybrid_slot_failed(),     as for COLD
 *   PENDING,                  the HYBRID_MAX_FAILURES'th
 *   INSTALLED                 time
 *   (any)        (gone)       hybrid_slots_flush()      tb_flush
 *
 * A slot has at most one job or trace at a time: it leaves PENDING only
 * when its job ends (dropped, failed or installed), and INSTALLED only
 * once its trace is unlinked.  An unlinked slot stays INSTALLED, with
 * no trace, until the patcher says why (under its lock, at once).
 */
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
    /*
     * The recorder's notes on the region it last formed from this head,
     * written by it while the slot is RECORDING (hybrid-record.c).
     */
    bool via_returns;           /* its last region was closed by returns */
    bool acyclic;               /* ... or ends at its function's return */
    uint64_t region_hash;       /* of the last region recorded, or 0 */
    uint64_t bad_region;        /* of the last one that proved unprofitable */
    HybridTrace *trace;         /* set with release, read with acquire */
    TranslationBlock *tb;       /* the block this slot counts */
} HybridSlot;

/* A new slot for @tb, COLD, hot after @counter entries (mmap_lock held). */
HybridSlot *hybrid_slot_new(TranslationBlock *tb, int32_t counter);

/* The slot of @tb, or NULL (call with mmap_lock held). */
HybridSlot *hybrid_slot_of(TranslationBlock *tb);

/* Forget every slot (tb_flush: no TB refers to them any more). */
void hybrid_slots_flush(void);

/*
 * Recorder: the trace of @slot is queued.  Its other blocks' slots,
 * @members (NULL where a block has none), are covered by it meanwhile.
 */
void hybrid_slot_recorded(HybridSlot *slot, HybridSlot **members,
                          uint32_t n);

/* A head failed to give a trace: penalize it, blacklist it in the end. */
void hybrid_slot_failed(HybridSlot *slot);

/*
 * A head whose job was dropped only for lack of room in the queue: it
 * may record again after a wait, without counting as a failure.
 */
void hybrid_slot_retry(HybridSlot *slot);

/* Patcher, under its lock: @trace is linked; it runs from now on. */
void hybrid_slot_installed(HybridSlot *slot, HybridTrace *trace);

/*
 * Patcher, under its lock: the slot's trace is unlinked (no new
 * entries).  The caller then says why: hybrid_slot_failed() or
 * hybrid_slot_unprofitable().
 */
void hybrid_slot_unlinked(HybridSlot *slot);

/*
 * Patcher, under its lock, after hybrid_slot_unlinked(): the slot's
 * trace was entered often and left at once (trace_unprofitable() in
 * hybrid-install.c).  A head whose region was closed by returns is
 * penalized, and this returns true: it may record again, unless it has
 * failed too often.  Any other head is blacklisted: false.
 */
bool hybrid_slot_unprofitable(HybridSlot *slot);

/*
 * Mark the slots of a trace's other blocks as covered by it (they would
 * only record the same loop again), or give them back.  NULL entries are
 * skipped; only COLD slots are covered, only MEMBER ones given back.
 */
void hybrid_slots_cover(HybridSlot **slots, uint32_t n, bool covered);

/* Times the counter ran out while the slot's job waited. */
static inline uint32_t hybrid_slot_waiting_hits(HybridSlot *slot)
{
    return qatomic_read(&slot->waiting_hits);
}

#endif /* HYBRID_ACCEL_TCG_SLOT_H */
