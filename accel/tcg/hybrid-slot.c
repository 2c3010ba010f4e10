/*
 * Hybrid translator: the life of a head's slot.
 *
 * Every change of a slot's state is made here (the table of states and
 * moves is in hybrid-slot.h), together with what goes with it: the
 * limit re-armed for the new state, the failure count, the installed
 * trace.  It is asked by the entry stub's helper when a count runs out
 * (helper_hybrid_enter(), at the end: it runs the installed trace or
 * decides what a hot head does), and by the recorder, the queue and the
 * patcher when a recording, a job or a trace ends.
 *
 * Concurrency.  The stub's increment of the count and the writes that
 * re-arm the limit race on purpose: they only decide when to look.  A
 * move out of COLD or MEMBER is a compare-and-swap, for any thread may
 * try it (a count running out, a trace covering the block).  The
 * other moves are made by the one thread that owns the slot's current
 * work: the recording thread while RECORDING, whoever ends the job while
 * PENDING (the queue under its lock, the optimizer under the patcher's),
 * the patcher under its lock while INSTALLED.  So an assert on the state
 * a move starts from is exact, and cheap: none is on the entry path.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-slot.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-pool.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-record.h"
#include "hybrid/accel/tcg/hybrid-sample.h"

/* Slots: their addresses are baked into TB code (hybrid-pool.h). */
static HybridPool slot_pool = HYBRID_POOL_INIT(HybridSlot, 4096);
static GHashTable *slot_by_tb;        /* TranslationBlock * -> HybridSlot * */

#define STATE_BIT(s) (1u << (s))

/* A move may only start from one of the states in @legal. */
static inline void slot_expect(HybridSlot *slot, uint32_t legal)
{
    assert(legal & STATE_BIT(qatomic_read(&slot->state)));
}

/*
 * The per-vCPU count rows (hybrid-slot.h), reserved at the first parallel
 * slot and never committed beyond what is counted: 64 rows of 1 MB of
 * address space, a page of each touched per 1,024 heads.  Row indices
 * are handed out in order and all taken back at tb_flush.
 */
static uint8_t *count_rows;
static bool count_rows_failed;
static uint32_t next_row_index;
#define COUNT_ROWS_BYTES (HYBRID_COUNT_ROWS * HYBRID_COUNT_ROW_BYTES)

uint8_t *hybrid_slot_count_rows(void)
{
    return count_rows;
}

/* A row index for a new slot of a parallel TB, or SHARED. */
static uint32_t row_index_new(TranslationBlock *tb)
{
    void *p;

    if (!(tb_cflags(tb) & CF_PARALLEL) ||
        next_row_index >= HYBRID_COUNT_ROW_SLOTS) {
        return HYBRID_SLOT_SHARED;
    }
    if (!count_rows) {
        if (count_rows_failed) {
            return HYBRID_SLOT_SHARED;
        }
        p = mmap(NULL, COUNT_ROWS_BYTES, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) {
            count_rows_failed = true;   /* count in the slots: slower */
            return HYBRID_SLOT_SHARED;
        }
        count_rows = p;
    }
    return next_row_index++;
}

/* The count of @slot that the stub of the vCPU running @env adds to. */
static uint32_t *own_count(CPUArchState *env, HybridSlot *slot)
{
    unsigned row = env_cpu(env)->cpu_index % HYBRID_COUNT_ROWS;

    if (slot->row_index == HYBRID_SLOT_SHARED) {
        return &slot->count;
    }
    return (uint32_t *)(count_rows + row * HYBRID_COUNT_ROW_BYTES) +
           slot->row_index;
}

/*
 * Arm @slot: the helper is called again after @limit more entries of
 * the vCPU that asks (the helper restarts its count), or of whichever
 * vCPU reaches it first for a move made elsewhere.
 */
static void slot_arm(HybridSlot *slot, int64_t limit)
{
    uint32_t l = MIN(limit, INT32_MAX);

    /*
     * Every vCPU's stub reads the limit at every entry: a store of the
     * same value would still take the line away from the others.
     */
    if (qatomic_read(&slot->limit) != l) {
        qatomic_set(&slot->limit, l);
    }
    if (slot->row_index == HYBRID_SLOT_SHARED) {
        qatomic_set(&slot->count, 0);
    }
}

HybridSlot *hybrid_slot_new(TranslationBlock *tb, uint32_t limit)
{
    HybridSlot *s = hybrid_pool_alloc(&slot_pool);

    s->row_index = row_index_new(tb);
    s->limit = limit;
    s->state = SLOT_COLD;
    s->tb = tb;
    if (!slot_by_tb) {
        slot_by_tb = g_hash_table_new(NULL, NULL);
    }
    g_hash_table_insert(slot_by_tb, tb, s);
    return s;
}

HybridSlot *hybrid_slot_of(TranslationBlock *tb)
{
    return slot_by_tb ? g_hash_table_lookup(slot_by_tb, tb) : NULL;
}

void hybrid_slots_flush(void)
{
    hybrid_pool_reset(&slot_pool);
    /* Exclusive (tb_flush): no stub runs.  The rows read as zeros again. */
    if (count_rows && next_row_index) {
        madvise(count_rows, COUNT_ROWS_BYTES, MADV_DONTNEED);
    }
    next_row_index = 0;
    if (slot_by_tb) {
        g_hash_table_remove_all(slot_by_tb);
    }
}

/*
 * A covered head still runs its TCG code when the trace that covers it
 * is entered elsewhere, or left into it: after this many runs, it gets
 * a trace of its own over the same region (hybrid_record()).  More than
 * a head's threshold: every such trace is a second copy of the region
 * for LLVM to compile.
 */
static int32_t member_runs(void)
{
    return MIN((int64_t)hybrid_config.threshold * 16, INT32_MAX);
}

/*
 * Entries a hot head waits while the queue is full, before it looks
 * again: a full queue is seconds of work for the optimizer.  With 2,000
 * hot loops and a wait of 16 thresholds, heads recorded 687,274 traces
 * for 534 compiled, and the program ran 3 times longer.
 */
static int32_t room_wait(void)
{
    return MIN((int64_t)hybrid_config.threshold << 8, INT32_MAX);
}

void hybrid_slot_retry(HybridSlot *slot)
{
    slot_expect(slot, STATE_BIT(SLOT_PENDING));
    slot_arm(slot, room_wait());
    qatomic_set(&slot->state, SLOT_COLD);
}

void hybrid_slots_cover(HybridSlot **slots, uint32_t n, bool covered)
{
    for (uint32_t i = 0; i < n; i++) {
        HybridSlot *s = slots[i];

        if (!s) {
            continue;
        }
        if (covered) {
            if (qatomic_cmpxchg(&s->state, SLOT_COLD, SLOT_MEMBER) ==
                SLOT_COLD) {
                slot_arm(s, member_runs());
            }
        } else if (qatomic_cmpxchg(&s->state, SLOT_MEMBER, SLOT_COLD) ==
                   SLOT_MEMBER) {
            slot_arm(s, hybrid_config.threshold);
        }
    }
}

/* Never try this head again. */
static void slot_blacklist(HybridSlot *slot)
{
    slot_arm(slot, INT32_MAX);
    qatomic_set(&slot->state, SLOT_BLACKLISTED);
    qatomic_add(&hybrid_stats.heads_blacklisted, 1);
}

/* The states a head's work can fail in; an installed one is unlinked. */
static void expect_work(HybridSlot *slot)
{
    slot_expect(slot, STATE_BIT(SLOT_RECORDING) | STATE_BIT(SLOT_PENDING) |
                      STATE_BIT(SLOT_INSTALLED));
    assert(!qatomic_read(&slot->trace));
}

void hybrid_slot_failed(HybridSlot *slot)
{
    uint32_t n;

    expect_work(slot);
    n = ++slot->failures;
    if (n >= HYBRID_MAX_FAILURES) {
        slot_blacklist(slot);
        return;
    }
    /* A growing penalty (x4 a failure) before the head may try again. */
    slot_arm(slot, (int64_t)hybrid_config.threshold << (n * 2));
    qatomic_set(&slot->state, SLOT_COLD);
}

void hybrid_slot_recorded(HybridSlot *slot, HybridSlot **members,
                          uint32_t n)
{
    slot_expect(slot, STATE_BIT(SLOT_RECORDING));
    qatomic_set(&slot->state, SLOT_PENDING);
    hybrid_slots_cover(members, n, true);
}

void hybrid_slot_installed(HybridSlot *slot, HybridTrace *trace)
{
    slot_expect(slot, STATE_BIT(SLOT_PENDING));
    qatomic_set(&slot->state, SLOT_INSTALLED);
    qatomic_store_release(&slot->trace, trace);
    /* Every entry from now on comes to the helper, which runs it. */
    slot_arm(slot, 0);
}

void hybrid_slot_unlinked(HybridSlot *slot)
{
    slot_expect(slot, STATE_BIT(SLOT_INSTALLED));
    qatomic_set(&slot->trace, NULL);
}

bool hybrid_slot_unprofitable(HybridSlot *slot)
{
    expect_work(slot);
    if (!slot->via_returns) {
        slot_blacklist(slot);
        return false;
    }
    /* hybrid_record() fails this region, unchanged, without a compile. */
    slot->bad_region = slot->region_hash;
    hybrid_slot_failed(slot);
    return true;
}

/*
 * Record a trace for @slot unless another thread took it from @state
 * first.  A covered head (SLOT_MEMBER) records its covering region.
 */
static void record_from(CPUArchState *env, HybridSlot *slot, uint32_t state)
{
    if (qatomic_cmpxchg(&slot->state, state, SLOT_RECORDING) != state) {
        return;
    }
    qatomic_add(&hybrid_stats.heads_hot, 1);
    slot_arm(slot, hybrid_config.threshold);
    hybrid_record(env_cpu(env), slot, state == SLOT_MEMBER);
}

/* The counter of a head without a trace ran out. */
/*
 * With the sampler on (and a budget), a head records only once the
 * samples have seen its block: recording re-translates every block of
 * the region on this thread, and perl's run recorded 839 regions, 17
 * blocks each, for 19 compiled.  A loop that has not shown in a sample
 * (about a millisecond of CPU time) cannot pay for a compile of 30-100
 * ms.  It looks again HYBRID_UNSAMPLED_WAIT thresholds later.
 */
#define HYBRID_UNSAMPLED_WAIT 16

static bool sampled_cold(HybridSlot *slot)
{
    return hybrid_sample_decides() && slot->tb &&
           hybrid_sample_heat(slot->tb->pc) == 0;
}

static uint32_t slot_hot(CPUArchState *env, HybridSlot *slot)
{
    uint32_t state = qatomic_read(&slot->state);

    if (state == SLOT_COLD && !hybrid_optimizer_ready()) {
        /*
         * Still warming up, or the samples do not yet say that LLVM
         * could pay: what gets hot now (libc's start-up, most of a short
         * program) would wait for LLVM, and mostly never run again.
         * Recording it cost a hello world 0.1 ms.  Looking again at
         * every threshold, with the sampler's lookup, took 0.8 ms of a
         * 60 ms djpeg run (16,000 helper calls): every
         * HYBRID_UNSAMPLED_WAIT thresholds is soon enough.
         */
        slot_arm(slot, (int64_t)hybrid_config.threshold *
                       HYBRID_UNSAMPLED_WAIT);
        return 0;
    }
    if ((state == SLOT_COLD || state == SLOT_MEMBER) && sampled_cold(slot)) {
        slot_arm(slot, (int64_t)hybrid_config.threshold *
                       HYBRID_UNSAMPLED_WAIT);
        return 0;
    }
    switch (state) {
    case SLOT_COLD:
        if (!hybrid_queue_has_room()) {
            slot_arm(slot, room_wait());
            break;
        }
        record_from(env, slot, SLOT_COLD);
        break;
    case SLOT_MEMBER:
        if (!hybrid_queue_has_room()) {
            slot_arm(slot, room_wait());
            break;
        }
        record_from(env, slot, SLOT_MEMBER);
        break;
    case SLOT_BLACKLISTED:
        slot_arm(slot, INT32_MAX);
        break;
    default:
        /*
         * Recording or compiling elsewhere: look again later.  A head
         * that keeps running while its job waits is what the optimizer
         * should compile first (hybrid_queue_pop()); before LLVM is
         * loaded, it compiles nothing else.  With the samples deciding,
         * the drainer looks at the queue every 20 ms: a wake at every
         * threshold of every waiting head (thousands a second) only made
         * the optimizer rank jobs that had not paid their rent yet.
         */
        qatomic_inc(&slot->waiting_hits);
        if (!hybrid_sample_decides()) {
            hybrid_optimizer_wake();
            slot_arm(slot, hybrid_config.threshold);
        } else {
            /*
             * Its job waits for samples (milliseconds): a helper call
             * every threshold was 5.6% of a one-block loop's time.
             */
            slot_arm(slot, (int64_t)hybrid_config.threshold *
                           HYBRID_UNSAMPLED_WAIT);
        }
        break;
    }
    return 0;
}

/* The entry stub's call (hybrid-hot.c): its counter ran out. */
uint32_t HELPER(hybrid_enter)(CPUArchState *env, void *p)
{
    HybridSlot *slot = p;
    HybridTrace *trace = qatomic_load_acquire(&slot->trace);

    if (trace) {
        /*
         * Every entry comes here while the trace is installed (limit 0).
         * Only a re-arm racing with the install can have changed it.
         */
        if (qatomic_read(&slot->limit)) {
            slot_arm(slot, 0);
        }
        return hybrid_run_trace(env, trace);
    }
    *own_count(env, slot) = 0;
    /* A thread that makes no system call is sampled from its hot loop. */
    hybrid_sample_thread(false);
    return slot_hot(env, slot);
}
