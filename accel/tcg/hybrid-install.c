/*
 * Hybrid translator, stage 6: the patcher.
 *
 * Lifetimes, in one place:
 *  - A trace is linked from its head slot (release store) under
 *    install_lock, only if no member TB was invalidated and no tb_flush
 *    happened since it was recorded.
 *  - Invalidating any member unlinks it (no new entries) and kicks every
 *    vCPU, so one running it leaves at the next block start, the point
 *    where TCG would notice too.  An unlinked (dead) trace stays indexed
 *    and its code mapped until an RCU grace period has passed: vCPUs run
 *    guest code inside rcu_read_lock() (cpu_exec()), so by then none is
 *    inside it, nor faulting there (the fault restore must still find
 *    it).  The kick makes every vCPU leave cpu_exec() soon, which ends
 *    the grace period.  The RCU callback only pushes the trace onto a
 *    lock-free stack (it may run while the process forks, so it takes
 *    no lock); the optimizer thread then takes it out of the indexes
 *    and frees its record and code (hybrid_free_dead()).
 *  - tb_flush runs with every vCPU stopped: then no trace can be running
 *    or be entered again, and the optimizer thread frees the live ones
 *    at once; dead ones still go through their grace period.
 * Before the grace periods, dead traces stayed listed until a tb_flush,
 * and the fault restore's lookup went through all of them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/thread.h"
#include "qemu/rcu.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "hw/core/cpu.h"
#include "hw/core/tcg-cpu-ops.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-slot.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-sample.h"
#include "hybrid/accel/tcg/hybrid-perfmap.h"
#include "hybrid/accel/tcg/hybrid-ic.h"
#include "hybrid/accel/tcg/hybrid-tbi.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hybrid/accel/tcg/hybrid-time.h"

static QemuMutex install_lock;
static GHashTable *by_tb;        /* TranslationBlock * -> GPtrArray of the
                                    indexed traces holding it */
static GHashTable *all;          /* indexed traces: live, or dead within
                                    their grace period */
static GTree *by_code;           /* HybridCodeRange * -> its indexed trace */
/*
 * Every range ever indexed lies within [code_lo, code_hi): a pc outside
 * is in no trace, known without the lock (the sampler asks about every
 * word of a stack it dumps).  Widened under install_lock, never narrowed.
 */
static uintptr_t code_lo = UINTPTR_MAX, code_hi;
static GPtrArray *freeable;      /* traces whose code may be freed */
static HybridTrace *reclaimed;   /* dead, past their grace period: a
                                    lock-free stack, next_reclaim */

/* Set once, under install_lock (see hybrid_faults_observed()). */
static bool faults_observed;

/* The frame of the trace this thread is running, if any. */
static __thread HybridFrame *cur_frame;
/* With -hybrid-stats: when this thread entered it, or 0 once counted. */
static __thread int64_t cur_entry_ns;

/* Code ranges never overlap: order them by start. */
static gint range_cmp(gconstpointer a, gconstpointer b)
{
    const HybridCodeRange *x = a, *y = b;

    return x->start < y->start ? -1 : x->start > y->start;
}

/* g_tree_search(): is the host pc @p below, inside or above @range? */
static gint pc_vs_range(gconstpointer range, gconstpointer p)
{
    const HybridCodeRange *r = range;
    uintptr_t pc = *(const uintptr_t *)p;

    return pc < r->start ? -1 : pc >= r->end;
}

void hybrid_install_init(void)
{
    qemu_mutex_init(&install_lock);
    by_tb = g_hash_table_new(NULL, NULL);
    all = g_hash_table_new(NULL, NULL);
    by_code = g_tree_new(range_cmp);
    freeable = g_ptr_array_new();
}

static void unlink_trace(HybridTrace *t);

/* Is @tb a block of a live trace?  Called with install_lock held. */
static bool in_live_trace(TranslationBlock *tb)
{
    GPtrArray *list = g_hash_table_lookup(by_tb, tb);

    for (guint i = 0; list && i < list->len; i++) {
        if (!((HybridTrace *)g_ptr_array_index(list, i))->dead) {
            return true;
        }
    }
    return false;
}

/*
 * Entered often, left at once: unlink it.  A head whose region was
 * closed by returns (a recursion) may record again after a penalty, for
 * that region may be the path the program took early on only: bintree's
 * build() calls malloc(), which took its slow path until the first
 * trees were freed.  The same region again counts as a failure without
 * compiling (hybrid_record()), and a head inside another live trace
 * waits until that trace goes.  Any other head is blacklisted: a loop's
 * region recorded again from its inner head swallowed the outer loop,
 * and lz77 ran 7% slower (0.88 -> 0.94 s).
 */
static void trace_unprofitable(HybridTrace *t)
{
    HybridSlot *head = t->head;

    qemu_mutex_lock(&install_lock);
    if (!t->dead) {
        unlink_trace(t);
        hybrid_log_event("head 0x%" PRIx64 ": unlinked, unprofitable: "
                         "%" PRIu64 " block moves in %" PRIu64 " entries",
                         (uint64_t)t->tbs[0]->pc, t->steps, t->entries);
        if (hybrid_slot_unprofitable(head) && in_live_trace(head->tb)) {
            hybrid_slots_cover(&head, 1, true);
        }
        qatomic_add(&hybrid_stats.traces_unprofitable, 1);
    }
    qemu_mutex_unlock(&install_lock);
}

/*
 * The block moves a trace must make per entry on average to stay linked:
 * a few for any trace (entering and leaving cost about that much), and
 * twice around its region for a big one.  A trace that leaves sooner does
 * not fit how the code runs, and while it is linked its blocks may not
 * head a region of their own (hybrid_slots_cover()), however much better.
 */
static uint64_t trace_min_steps(HybridTrace *t)
{
    uint64_t block_ops = MAX(1, t->nb_ops / MAX(1, t->nb_tbs));
    uint64_t min = MIN(HYBRID_MIN_STEPS,
                       DIV_ROUND_UP(HYBRID_MIN_ENTRY_OPS, block_ops));

    if (t->acyclic) {
        return min;                     /* once through, not around */
    }
    return MAX(min, 2 * (uint64_t)t->nb_tbs);
}

/* -hybrid-stats: the entry of this thread's trace ended @now. */
static void count_entry(int64_t now, uint32_t steps, bool fault)
{
    /* Shared counters: only when they will be printed. */
    qatomic_add(&hybrid_stats.trace_ns, now - cur_entry_ns);
    qatomic_add(&hybrid_stats.trace_entries, 1);
    qatomic_add(&hybrid_stats.trace_steps, steps);
    if (fault) {
        qatomic_add(&hybrid_stats.trace_faults, 1);
    }
    cur_entry_ns = 0;
}

/*
 * A trace's entry and step counts are shared by the threads that run it:
 * in a parallel guest (its head counts per vCPU, hybrid-slot.h), one
 * write an entry from each thread bounced the counts' cache line between
 * the cores.  There a thread adds one entry in PARALLEL_TALLY, weighted,
 * so the counts stay estimates of the same totals; a single-threaded
 * guest counts every entry.
 */
#define PARALLEL_TALLY 16
static __thread uint32_t tally_tick;

static void trace_tally(HybridTrace *trace, uint32_t steps)
{
    uint64_t weight = 1, before;

    if (trace->parallel) {
        if (++tally_tick % PARALLEL_TALLY) {
            return;
        }
        weight = PARALLEL_TALLY;
    }
    trace->steps += (uint64_t)steps * weight;
    before = trace->entries;
    trace->entries = before + weight;
    /* Every HYBRID_PROFIT_PERIOD entries: has it paid so far? */
    if (before / HYBRID_PROFIT_PERIOD !=
        trace->entries / HYBRID_PROFIT_PERIOD &&
        trace->steps < trace->entries * trace_min_steps(trace)) {
        trace_unprofitable(trace);
    }
}

uint32_t hybrid_run_trace(CPUArchState *env, HybridTrace *trace)
{
    HybridFrame frame = { .restore_id = UINT32_MAX };
    uint32_t r;

    /*
     * If the trace leaves by longjmp (an exception), cur_frame is left
     * dangling; it is only read while the host PC is inside trace code,
     * that is, while this thread runs a trace that set it afresh.  Such
     * an exit is counted by hybrid_restore_state(), which comes first.
     */
    cur_frame = &frame;
    if (hybrid_config.stats) {
        hybrid_time_thread_seen();
        cur_entry_ns = get_clock();
    }
    r = trace->fn(env, &frame);
    cur_frame = NULL;
    hybrid_sample_left_trace(trace->tbs[0]->pc,
                             qatomic_read(&env_cpu(env)->exit_request));
    if (cur_entry_ns) {
        count_entry(get_clock(), frame.steps, false);
    }
    trace_tally(trace, frame.steps);

    if (r == HYBRID_EXIT_NOT_ENTERED) {
        return 0;
    }
    if (r == HYBRID_EXIT_DISPATCH) {
        /*
         * The trace ended where TCG would exit to the cpu_exec loop.  Ask
         * the next TB's exit check to do exactly that.
         */
        qatomic_set(&cpu_neg(env_cpu(env))->icount_decr.u16.high, -1);
    }
    return 1;
}

static void trace_free(HybridTrace *t, HybridFreeCode free_code)
{
    free_code(&t->code);
    g_free(t->tbs);
    g_free(t->members);
    g_free(t->insns);
    g_free(t);
}

static void trace_index(HybridTrace *t)
{
    for (uint32_t i = 0; i < t->nb_tbs; i++) {
        GPtrArray *list = g_hash_table_lookup(by_tb, t->tbs[i]);

        if (!list) {
            list = g_ptr_array_new();
            g_hash_table_insert(by_tb, t->tbs[i], list);
        }
        g_ptr_array_add(list, t);
    }
    for (int r = 0; r < t->code.nb_ranges; r++) {
        qatomic_set(&code_lo, MIN(code_lo, t->code.ranges[r].start));
        qatomic_set(&code_hi, MAX(code_hi, t->code.ranges[r].end));
        g_tree_insert(by_code, &t->code.ranges[r], t);
    }
    g_hash_table_add(all, t);
}

/* Out of every index (an invalidated TB's list went already). */
static void trace_unindex(HybridTrace *t)
{
    for (uint32_t i = 0; i < t->nb_tbs; i++) {
        GPtrArray *list = g_hash_table_lookup(by_tb, t->tbs[i]);

        if (list) {
            g_ptr_array_remove_fast(list, t);
            if (!list->len) {
                g_hash_table_remove(by_tb, t->tbs[i]);
                g_ptr_array_free(list, true);
            }
        }
    }
    for (int r = 0; r < t->code.nb_ranges; r++) {
        g_tree_remove(by_code, &t->code.ranges[r]);
    }
    g_hash_table_remove(all, t);
}

/* RCU thread: no vCPU can be in @t any more.  Takes no lock. */
static void trace_quiescent(HybridTrace *t)
{
    HybridTrace *old;

    do {
        old = qatomic_read(&reclaimed);
        t->next_reclaim = old;
    } while (qatomic_cmpxchg(&reclaimed, old, t) != old);
    hybrid_queue_kick();
}

void hybrid_free_dead(HybridFreeCode free_code)
{
    HybridTrace *t = qatomic_xchg(&reclaimed, NULL);
    GPtrArray *list;

    qemu_mutex_lock(&install_lock);
    for (; t; t = t->next_reclaim) {
        /* After a flush, the indexes were emptied without it. */
        if (t->generation == qatomic_read(&hybrid_generation)) {
            trace_unindex(t);
        }
        g_ptr_array_add(freeable, t);
    }
    list = freeable;
    freeable = g_ptr_array_new();
    qemu_mutex_unlock(&install_lock);

    for (guint i = 0; i < list->len; i++) {
        trace_free(g_ptr_array_index(list, i), free_code);
    }
    g_ptr_array_free(list, true);
}

/* A trace whose code was never linked: its code may go at once. */
static void drop_unlinked(HybridCode *code)
{
    HybridTrace *t = g_new0(HybridTrace, 1);

    t->code = *code;
    t->dead = true;
    g_ptr_array_add(freeable, t);
    qatomic_add(&hybrid_stats.traces_dropped, 1);
}

static bool job_is_current(HybridJob *job)
{
    if (job->generation != qatomic_read(&hybrid_generation)) {
        return false;     /* a tb_flush happened: the head slot is gone */
    }
    if (job->faults_fatal && faults_observed) {
        /* Built to keep registers across accesses: retry with care. */
        hybrid_slot_failed(job->head);
        return false;
    }
    for (uint32_t i = 0; i < job->nb_tbs; i++) {
        if (qatomic_read(&job->tbs[i]->cflags) & CF_INVALID) {
            hybrid_page_rewritten(job->ir.blocks[0].pc, true);
            hybrid_slot_failed(job->head);
            return false;
        }
    }
    return true;
}

bool hybrid_job_drop_if_stale(HybridJob *job)
{
    bool stale;

    qemu_mutex_lock(&install_lock);
    stale = !job_is_current(job);
    if (stale) {
        if (job->generation == qatomic_read(&hybrid_generation)) {
            hybrid_slots_cover(job->members, job->nb_tbs, false);
        }
        qatomic_add(&hybrid_stats.traces_dropped, 1);
    }
    qemu_mutex_unlock(&install_lock);
    if (stale) {
        hybrid_job_free(job);
    }
    return stale;
}

void hybrid_install(HybridJob *job, HybridCode *code)
{
    HybridTrace *t;

    qemu_mutex_lock(&install_lock);
    if (!job_is_current(job)) {
        if (job->generation == qatomic_read(&hybrid_generation)) {
            hybrid_slots_cover(job->members, job->nb_tbs, false);
        }
        drop_unlinked(code);
        qemu_mutex_unlock(&install_lock);
        hybrid_job_free(job);
        return;
    }
    t = g_new0(HybridTrace, 1);
    t->fn = code->fn;
    t->code = *code;
    t->head = job->head;
    t->nb_tbs = job->nb_tbs;
    t->nb_ops = job->ir.nb_ops;
    t->tbs = g_memdup2(job->tbs, sizeof(*t->tbs) * job->nb_tbs);
    t->members = g_memdup2(job->members, sizeof(*t->members) * job->nb_tbs);
    t->faults_fatal = job->faults_fatal;
    t->acyclic = job->acyclic;
    t->parallel = job->head->row_index != HYBRID_SLOT_SHARED;
    t->nb_insns = job->ir.nb_insns;
    t->insns = g_memdup2(job->ir.insns, sizeof(*t->insns) * job->ir.nb_insns);
    t->generation = job->generation;
    trace_index(t);

    for (int i = 0; i < code->nb_ranges; i++) {
        hybrid_perfmap_add((void *)code->ranges[i].start,
                           code->ranges[i].end - code->ranges[i].start,
                           "trace", t->tbs[0]->pc);
    }
    hybrid_slot_installed(t->head, t);
    hybrid_log_event("head 0x%" PRIx64 ": installed, %d blocks",
                     (uint64_t)t->tbs[0]->pc, t->nb_tbs);
    qatomic_add(&hybrid_stats.traces_installed, 1);
    qemu_mutex_unlock(&install_lock);
    hybrid_job_free(job);
}

void hybrid_install_failed(HybridJob *job, HybridReject why)
{
    hybrid_note_reject(why);
    qemu_mutex_lock(&install_lock);
    if (job->generation == qatomic_read(&hybrid_generation)) {
        hybrid_slots_cover(job->members, job->nb_tbs, false);
        hybrid_slot_failed(job->head);
    }
    qemu_mutex_unlock(&install_lock);
    hybrid_job_free(job);
}

static HybridTrace *trace_at(uintptr_t host_pc)
{
    return g_tree_search(by_code, pc_vs_range, &host_pc);
}

/* Outside every trace's code, surely (see code_lo). */
static bool outside_traces(uintptr_t host_pc)
{
    return host_pc < qatomic_read(&code_lo) ||
           host_pc >= qatomic_read(&code_hi);
}

bool hybrid_pc_in_trace(uintptr_t host_pc)
{
    HybridTrace *t;

    if (!hybrid_active()) {
        return false;
    }
    qemu_mutex_lock(&install_lock);
    t = trace_at(host_pc);
    qemu_mutex_unlock(&install_lock);
    return t != NULL;
}

bool hybrid_trace_head_at(uintptr_t host_pc, uint64_t *guest_pc)
{
    HybridTrace *t;
    bool found = false;

    if (!hybrid_active() || outside_traces(host_pc)) {
        return false;
    }
    qemu_mutex_lock(&install_lock);
    t = trace_at(host_pc);
    if (t && t->head && t->head->tb) {
        *guest_pc = t->head->tb->pc;
        found = true;
    }
    qemu_mutex_unlock(&install_lock);
    return found;
}

bool hybrid_restore_state(CPUState *cpu, uintptr_t host_pc)
{
    /*
     * host_pc is a return address (GETPC) or a faulting PC moved forward
     * by GETPC_ADJ: step back into the instruction, as TCG's lookup does,
     * or a call that ends a trace would seem to lie past its code.
     */
    uintptr_t pc = host_pc - GETPC_ADJ;
    uint64_t words[HYBRID_INSN_WORDS];
    HybridTrace *t;
    HybridInsn *in;
    uint32_t id;

    if (!hybrid_active()) {
        return false;
    }
    qemu_mutex_lock(&install_lock);
    t = trace_at(pc);
    qemu_mutex_unlock(&install_lock);
    if (!t) {
        return false;
    }
    if (cur_entry_ns) {
        /* Left by a longjmp: hybrid_run_trace() will not count it. */
        count_entry(get_clock(), 0, true);
    }
    id = cur_frame ? cur_frame->restore_id : UINT32_MAX;
    if (id >= t->nb_insns) {
        /* A fault where the trace recorded no restore point: our bug. */
        fprintf(stderr, "qemu-hybrid: fault in a trace at %p without a "
                "restore point; please report\n", (void *)host_pc);
        abort();
    }
    in = &t->insns[id];
    for (int k = 0; k < HYBRID_INSN_WORDS; k++) {
        words[k] = in->words[k];
    }
    CPU_GET_CLASS(cpu)->tcg_ops->restore_state_to_opc(cpu, t->tbs[in->block],
                                                      words);
    return true;
}

/*
 * No new entries; members may start traces of their own again.  Freed
 * once no vCPU can be inside (see the top of the file).
 */
static void unlink_trace(HybridTrace *t)
{
    t->dead = true;
    hybrid_slot_unlinked(t->head);
    hybrid_slots_cover(t->members, t->nb_tbs, false);
    call_rcu(t, trace_quiescent, rcu);
}

void hybrid_tb_invalidated(TranslationBlock *tb)
{
    GPtrArray *list;
    bool kick = false;

    if (!hybrid_active()) {
        return;
    }
    qemu_mutex_lock(&install_lock);
    list = g_hash_table_lookup(by_tb, tb);
    if (list) {
        for (guint i = 0; i < list->len; i++) {
            HybridTrace *t = g_ptr_array_index(list, i);

            if (!t->dead) {
                hybrid_page_rewritten(t->tbs[0]->pc,
                                      !hybrid_trace_paid(t->steps));
                unlink_trace(t);
                hybrid_slot_failed(t->head);
                qatomic_add(&hybrid_stats.traces_invalidated, 1);
                kick = true;
            }
        }
        g_hash_table_remove(by_tb, tb);
        g_ptr_array_free(list, true);
    }
    hybrid_queue_drop_tb(tb);
    qemu_mutex_unlock(&install_lock);

    if (kick) {
        CPUState *cpu;

        /* Whoever runs an unlinked trace leaves it at the next block. */
        RCU_READ_LOCK_GUARD();
        CPU_FOREACH(cpu) {
            cpu_exit(cpu);
        }
    }
}

int hybrid_covering_region(TranslationBlock *tb, TranslationBlock **out,
                           int max, bool *acyclic)
{
    GPtrArray *list;
    int n = 0;

    qemu_mutex_lock(&install_lock);
    list = g_hash_table_lookup(by_tb, tb);
    for (guint i = 0; list && i < list->len && !n; i++) {
        HybridTrace *t = g_ptr_array_index(list, i);

        if (t->dead || t->tbs[0] == tb || t->nb_tbs > max) {
            continue;
        }
        out[n++] = tb;
        for (uint32_t k = 0; k < t->nb_tbs; k++) {
            if (t->tbs[k] != tb) {
                out[n++] = t->tbs[k];
            }
        }
        *acyclic = t->acyclic;
    }
    qemu_mutex_unlock(&install_lock);
    return n;
}

bool hybrid_tb_in_live_trace(TranslationBlock *tb)
{
    bool live;

    qemu_mutex_lock(&install_lock);
    live = in_live_trace(tb);
    qemu_mutex_unlock(&install_lock);
    return live;
}

bool hybrid_faults_observed(void)
{
    return qatomic_read(&faults_observed);
}

void hybrid_observe_faults(void)
{
    GHashTableIter iter;
    gpointer key;

    qemu_mutex_lock(&install_lock);
    if (!faults_observed) {
        qatomic_set(&faults_observed, true);
        g_hash_table_iter_init(&iter, all);
        while (g_hash_table_iter_next(&iter, &key, NULL)) {
            HybridTrace *t = key;

            if (!t->dead && t->faults_fatal) {
                unlink_trace(t);
                hybrid_slot_failed(t->head);
                qatomic_add(&hybrid_stats.traces_invalidated, 1);
            }
        }
    }
    qemu_mutex_unlock(&install_lock);
}

static void free_by_tb_list(gpointer key, gpointer value, gpointer opaque)
{
    g_ptr_array_free(value, true);
}

/* Live traces go at once; dead ones when their grace period ends. */
static void free_if_live(gpointer key, gpointer value, gpointer opaque)
{
    HybridTrace *t = key;

    if (!t->dead) {
        g_ptr_array_add(freeable, t);
    }
}

void hybrid_tb_flush(void)
{
    hybrid_tbi_flushed();
    if (!hybrid_active()) {
        return;
    }
    qemu_mutex_lock(&install_lock);
    qatomic_inc(&hybrid_generation);
    g_hash_table_foreach(all, free_if_live, NULL);
    g_hash_table_remove_all(all);
    g_tree_destroy(by_code);
    by_code = g_tree_new(range_cmp);
    g_hash_table_foreach(by_tb, free_by_tb_list, NULL);
    g_hash_table_remove_all(by_tb);
    hybrid_queue_flush();
    hybrid_slots_flush();
    hybrid_ic_flush();
    qemu_mutex_unlock(&install_lock);
    hybrid_optimizer_wake();
}

void hybrid_log_traces(void)
{
    GHashTableIter iter;
    gpointer key;
    FILE *f;

    if (!hybrid_active() || !qemu_loglevel_mask(LOG_HYBRID)) {
        return;
    }
    f = qemu_log_trylock();
    if (!f) {
        return;
    }
    qemu_mutex_lock(&install_lock);
    g_hash_table_iter_init(&iter, all);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        HybridTrace *t = key;

        fprintf(f, "qemu-hybrid: trace head 0x%" PRIx64 ": %u blocks, "
                "%zu code bytes, %" PRIu64 " entries, %" PRIu64 " steps%s\n",
                (uint64_t)t->tbs[0]->pc, t->nb_tbs, t->code.size, t->entries,
                t->steps, t->dead ? " (unlinked)" : "");
    }
    qemu_mutex_unlock(&install_lock);
    qemu_log_unlock(f);
}
