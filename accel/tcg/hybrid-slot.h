/*
 * Hybrid translator: the life of a head's slot.
 *
 * A slot is the record a head TB's entry stub counts in (hybrid-hot.c).
 * hybrid-slot.c owns its state machine: every change of state, of the
 * counter's re-arming, of the failure count and of the installed trace
 * is made there, by the stub's helper when the count reaches the limit
 * and by the functions below, which the recorder, the queue and the
 * patcher call.  The one write elsewhere is the stub's own increment of
 * the count, racy on purpose (hybrid-hot.c).
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

/*
 * Counting.  The entry stub adds one to a count and calls the helper
 * once it reaches the slot's limit (an unsigned compare: limit 0 calls
 * it at every entry).  A single-threaded guest counts in the slot
 * itself.  Once the guest has a second thread (QEMU then translates
 * everything again with CF_PARALLEL), each vCPU counts in a row of its
 * own (hybrid_slot_count_row()): the threads of a parallel program run
 * the same loops, and one shared count written at every entry bounced
 * its cache line between the cores (xz -T2 ran 1.7x slower than
 * -hybrid off with nothing compiled).  Arming a slot sets its limit;
 * the calling thread's count restarts at each helper call.
 */
#define HYBRID_SLOT_SHARED UINT32_MAX   /* row_index: counts in the slot */
#define HYBRID_COUNT_ROWS 64            /* vCPUs by cpu_index % this */
#define HYBRID_COUNT_ROW_SLOTS (1u << 18)   /* per-vCPU slots, at most */

typedef struct HybridSlot {
    uint32_t count;             /* entries counted, if row_index is SHARED */
    uint32_t limit;             /* count at which the stub calls the helper */
    uint32_t row_index;         /* its count in each vCPU's row, or SHARED */
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

/*
 * A new slot for @tb, COLD, hot after @limit entries (mmap_lock held).
 * It counts per vCPU if @tb was translated for parallel execution.
 */
HybridSlot *hybrid_slot_new(TranslationBlock *tb, uint32_t limit);

/*
 * The base of the per-vCPU count rows: vCPU c's count of a slot is the
 * uint32_t at base + (c % HYBRID_COUNT_ROWS) * HYBRID_COUNT_ROW_BYTES +
 * row_index * 4.  Only valid for a slot whose row_index is not SHARED.
 */
#define HYBRID_COUNT_ROW_BYTES (HYBRID_COUNT_ROW_SLOTS * sizeof(uint32_t))
uint8_t *hybrid_slot_count_rows(void);

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
