/*
 * Hybrid translator, stage 3: the queue.
 *
 * One queue for every optimizer thread, under one lock.  The lock is
 * what lets a job be dropped the moment it goes stale, from whichever
 * thread sees it: a lock-free stack (the first design) could only be
 * emptied by its consumer, which dropped a stale job when it popped it,
 * one per compile; a guest JIT writing hot code queued jobs faster than
 * that, without bound.  Nobody holds the lock for longer than a look
 * through the pending jobs, which are bounded (hybrid-queue.h).
 *
 * Pending jobs are kept newest first; the optimizer takes the job whose
 * head ran out of its counter most often while waiting (the loop the
 * program is in now), else the newest: on a busy machine a big trace
 * queued behind colder ones left nbody's main loop in TCG for seconds.
 * pending_tbs counts, for each TB, the jobs that hold it (pending, or
 * being compiled: held), so an invalidation that touches none of them
 * costs one hash lookup.
 *
 * QemuEvent lets the optimizers sleep without producers waiting on them.
 *
 * The optimizer registers its operations here (hybrid-optimizer.h);
 * the recorder, the slots and the patcher reach it through the
 * hybrid_optimizer_*() calls at the end of the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include "qemu/log.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "tcg/tcg.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-slot.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-sample.h"
#include "hybrid/accel/tcg/hybrid-optimizer.h"

static QemuMutex lock;
static QTAILQ_HEAD(, HybridJob) pending = QTAILQ_HEAD_INITIALIZER(pending);
static uint32_t nb_pending;       /* written under the lock, read without */
static size_t pending_bytes;      /* the same */
static GHashTable *pending_tbs;   /* TranslationBlock * -> jobs holding it */
static QemuEvent work;

static void count_tbs(HybridJob *job, int delta);

HybridJob *hybrid_job_new(HybridSlot *head, uint32_t nb_blocks)
{
    HybridJob *job = g_new0(HybridJob, 1);

    job->head = head;
    job->nb_tbs = nb_blocks;
    job->tbs = g_new0(TranslationBlock *, nb_blocks);
    job->members = g_new0(HybridSlot *, nb_blocks);
    job->generation = qatomic_read(&hybrid_generation);
    hybrid_trace_ir_init(&job->ir);
    job->ir.nb_blocks = nb_blocks;
    job->ir.blocks = g_new0(HybridBlock, nb_blocks);
    return job;
}

void hybrid_job_free(HybridJob *job)
{
    if (job->held) {
        qemu_mutex_lock(&lock);
        count_tbs(job, -1);
        qemu_mutex_unlock(&lock);
    }
    hybrid_trace_ir_free(&job->ir);
    g_free(job->tbs);
    g_free(job->members);
    g_free(job);
}

/* What @job holds, as allocated (the IR is trimmed before queueing). */
static size_t job_bytes(HybridJob *job)
{
    return sizeof(*job) +
           job->nb_tbs * (sizeof(*job->tbs) + sizeof(*job->members)) +
           hybrid_trace_ir_bytes(&job->ir);
}

void hybrid_queue_init(void)
{
    qemu_mutex_init(&lock);
    qemu_event_init(&work, false);
    pending_tbs = g_hash_table_new(NULL, NULL);
}

void hybrid_queue_kick(void)
{
    qemu_event_set(&work);
}

void hybrid_queue_kick_if_pending(void)
{
    if (qatomic_read(&nb_pending)) {
        qemu_event_set(&work);
    }
}

static void count_tbs(HybridJob *job, int delta)
{
    for (uint32_t i = 0; i < job->nb_tbs; i++) {
        gpointer key = job->tbs[i];
        int n = GPOINTER_TO_INT(g_hash_table_lookup(pending_tbs, key)) + delta;

        if (n > 0) {
            g_hash_table_insert(pending_tbs, key, GINT_TO_POINTER(n));
        } else {
            g_hash_table_remove(pending_tbs, key);
        }
    }
}

static void unqueue(HybridJob *job)
{
    QTAILQ_REMOVE(&pending, job, link);
    qatomic_set(&nb_pending, nb_pending - 1);
    qatomic_set(&pending_bytes, pending_bytes - job->bytes);
    count_tbs(job, -1);
}

typedef enum DropWhy {
    DROP_STALE,         /* one of its blocks was invalidated */
    DROP_SUPERSEDED,    /* a newer job has the same head pc */
    DROP_ROOM,          /* past the bounds: a cold one, or the new one */
    DROP_FLUSH,         /* tb_flush: the slots are gone too */
} DropWhy;

/*
 * Free a job that will not be compiled, and give its slots back: the
 * head records again after a penalty (code that changed may change
 * again, hybrid_page_rewritten()) or, when it only lacked room, after
 * a plain wait; the blocks it covered may head traces of their own.
 */
static void job_drop(HybridJob *job, DropWhy why)
{
    static const char *const why_text[] = {
        [DROP_STALE] = "a block changed", [DROP_SUPERSEDED] = "superseded",
        [DROP_ROOM] = "no room", [DROP_FLUSH] = "tb_flush or exit",
    };

    hybrid_log_event("head 0x%" PRIx64 ": job dropped: %s",
                     (uint64_t)job->ir.blocks[0].pc, why_text[why]);
    if (why != DROP_FLUSH) {
        hybrid_slots_cover(job->members, job->nb_tbs, false);
        if (why == DROP_ROOM) {
            hybrid_slot_retry(job->head);
            qatomic_add(&hybrid_stats.traces_dropped_room, 1);
        } else {
            if (why == DROP_STALE) {
                hybrid_page_rewritten(job->ir.blocks[0].pc, true);
            }
            hybrid_slot_failed(job->head);
            qatomic_add(&hybrid_stats.traces_dropped, 1);
        }
    } else {
        qatomic_add(&hybrid_stats.traces_dropped, 1);
    }
    hybrid_job_free(job);
}

static bool job_has_invalid_tb(HybridJob *job)
{
    for (uint32_t i = 0; i < job->nb_tbs; i++) {
        if (qatomic_read(&job->tbs[i]->cflags) & CF_INVALID) {
            return true;
        }
    }
    return false;
}

/* Times @job's head ran out its counter again while the job waited. */
static uint32_t hits(HybridJob *job, bool since_push)
{
    uint32_t n = hybrid_slot_waiting_hits(job->head);

    return since_push ? n - job->hits_at_push : n;
}

/*
 * A pending job whose head has not run out of its counter since it was
 * queued, HYBRID_QUEUE_COLD_NS ago or more: its loop has ended, or runs
 * too rarely to be worth compiling before the others.  The oldest such
 * job, or NULL.
 */
static HybridJob *cold_job(int64_t now)
{
    HybridJob *job, *cold = NULL;

    QTAILQ_FOREACH(job, &pending, link) {
        if (!hits(job, true) && now - job->queued_ns >= HYBRID_QUEUE_COLD_NS) {
            cold = job;
        }
    }
    return cold;
}

static bool full(void)
{
    return qatomic_read(&nb_pending) >= HYBRID_QUEUE_MAX_JOBS ||
           qatomic_read(&pending_bytes) >= HYBRID_QUEUE_MAX_BYTES;
}

bool hybrid_queue_has_room(void)
{
    static int64_t next_look;
    static bool cold_found;
    int64_t now;

    if (qatomic_read(&nb_pending) >= HYBRID_QUEUE_THROTTLED_JOBS &&
        hybrid_optimizer_throttled()) {
        return false;
    }
    if (!full()) {
        return true;
    }
    /* Full: look for a cold job at most once a millisecond. */
    now = get_clock();
    if (now >= qatomic_read(&next_look)) {
        qemu_mutex_lock(&lock);
        qatomic_set(&cold_found, cold_job(now) != NULL);
        qatomic_set(&next_look, now + SCALE_MS);
        qemu_mutex_unlock(&lock);
    }
    return qatomic_read(&cold_found);
}

/*
 * The share of its TCG time @job's trace is expected to save: more for
 * float code (HYBRID_QUEUE_FP_SAVES_PCT).
 */
static uint32_t saves_pct(HybridJob *job)
{
    const HybridTraceIR *ir = &job->ir;
    uint32_t fp = 0, pct;

    for (uint32_t i = 0; i < ir->nb_ops; i++) {
        const HybridOp *op = &ir->ops[i];

        if (op->opc == INDEX_op_call &&
            hybrid_fp_helper((void *)(uintptr_t)
                             ir->args[op->args + op->nb_oargs + op->nb_iargs])) {
            fp++;
        }
    }
    pct = HYBRID_QUEUE_SAVES_PCT +
          (ir->nb_insns ? (uint64_t)fp * HYBRID_QUEUE_FP_SAVES_PCT /
                          ir->nb_insns : 0);
    return MIN(pct, HYBRID_QUEUE_MAX_SAVES_PCT);
}

void hybrid_queue_push(HybridJob *job)
{
    HybridJob *old, *next;

    job->queued_ns = get_clock();
    job->saves_pct = saves_pct(job);
    job->bytes = job_bytes(job);
    job->hits_at_push = hybrid_slot_waiting_hits(job->head);
    qemu_mutex_lock(&lock);
    /*
     * An invalidation that ran before we took the lock did not see the
     * job, but set CF_INVALID before it told us (patch 0008).
     */
    if (job->generation != qatomic_read(&hybrid_generation)) {
        job_drop(job, DROP_FLUSH);
        qemu_mutex_unlock(&lock);
        return;
    }
    if (job_has_invalid_tb(job)) {
        job_drop(job, DROP_STALE);
        qemu_mutex_unlock(&lock);
        return;
    }
    QTAILQ_FOREACH_SAFE(old, &pending, link, next) {
        if (old->tbs[0]->pc == job->tbs[0]->pc) {
            unqueue(old);
            job_drop(old, DROP_SUPERSEDED);
        }
    }
    QTAILQ_INSERT_HEAD(&pending, job, link);
    qatomic_set(&nb_pending, nb_pending + 1);
    qatomic_set(&pending_bytes, pending_bytes + job->bytes);
    count_tbs(job, 1);
    while (nb_pending > HYBRID_QUEUE_MAX_JOBS ||
           pending_bytes > HYBRID_QUEUE_MAX_BYTES) {
        /* Cold jobs go first; else the new one, which is not hot yet. */
        old = cold_job(job->queued_ns);
        if (!old) {
            if (nb_pending == 1) {
                break;              /* alone, however big: let it be */
            }
            old = job;
        }
        unqueue(old);
        job_drop(old, DROP_ROOM);
        if (old == job) {
            break;
        }
    }
    qemu_mutex_unlock(&lock);
    qemu_event_set(&work);
}

void hybrid_queue_drop_tb(TranslationBlock *tb)
{
    HybridJob *job, *next;

    qemu_mutex_lock(&lock);
    if (g_hash_table_contains(pending_tbs, tb)) {
        QTAILQ_FOREACH_SAFE(job, &pending, link, next) {
            for (uint32_t i = 0; i < job->nb_tbs; i++) {
                if (job->tbs[i] == tb) {
                    unqueue(job);
                    job_drop(job, DROP_STALE);
                    break;
                }
            }
        }
    }
    qemu_mutex_unlock(&lock);
}

void hybrid_queue_flush(void)
{
    HybridJob *job, *next;

    qemu_mutex_lock(&lock);
    QTAILQ_FOREACH_SAFE(job, &pending, link, next) {
        unqueue(job);
        job_drop(job, DROP_FLUSH);
    }
    qemu_mutex_unlock(&lock);
}

/*
 * The samples of the job's blocks (hybrid-sample.h): the emulation time
 * its trace would take over, lately.  Entries alone rank a loop of 3
 * instructions with one of 300.
 */
static uint64_t heat(HybridJob *job)
{
    uint64_t sum = 0;

    for (uint32_t i = 0; i < job->nb_tbs; i++) {
        sum += hybrid_sample_heat(job->tbs[i]->pc);
    }
    return sum;
}

/*
 * What compiling @job is expected to cost the optimizer, in us of CPU:
 * its TCG ops at the mean cost of an op compiled so far (a prior before
 * the first).  A flat cost made a region of 2,055 float ops (sox: 0.3 ms
 * an op) look as cheap as one of 50.
 */
static int64_t compile_cost_us(HybridJob *job)
{
    uint64_t ops = qatomic_read(&hybrid_stats.compiled_ops);
    uint64_t ns_per_op = ops ?
        qatomic_read(&hybrid_stats.compile_cpu_ns) / ops :
        HYBRID_QUEUE_PRIOR_NS_PER_OP;

    return (uint64_t)job->ir.nb_ops * ns_per_op / 1000;
}

/*
 * Merging.  Traces that pass control to each other through TCG code (two
 * loops of one function, a loop and the loop around it) each leave and
 * enter at every turn of the outer code: the exit writes every register
 * back, the glue runs as TCG code, the entry goes through the head's
 * helper.  A region over all of them is one trace, and the outer head's
 * recorder forms it as it forms any (hybrid-record.c).  But its TCG
 * samples are only the glue's, and it would pay its rent only after
 * seconds: sha256's outer loop was recorded at 539 ms and never compiled
 * (1.16 s), against 0.77 s when compiled at once.  So a region also
 * earns from the live traces whose heads it holds (not its own head: a
 * covered head's region is its covering trace, a copy, not a merge).
 */
static uint64_t merged_samples(HybridJob *job, uint32_t *traces)
{
    uint64_t sum = 0;
    uint32_t n = 0;

    for (uint32_t i = 1; hybrid_config.merge && !job->covered &&
                         i < job->nb_tbs; i++) {
        HybridSlot *s = job->members[i];

        if (s && qatomic_read(&s->trace)) {
            sum += hybrid_sample_traced_rent(job->tbs[i]->pc);
            n++;
        }
    }
    if (traces) {
        *traces = n;
    }
    return sum;
}

/*
 * What the time its region took in TCG so far would have saved as a
 * trace, less what compiling @job costs, in us: the rent paid beyond the
 * price (ski rental: buying only once the rent paid reaches the price
 * keeps the total within twice the better choice made in hindsight).
 * What a trace saves is job->saves_pct of the time; a compile
 * spends the rent of its blocks (spend()), so that a second region over
 * them pays its own.  GCC's cc1 spreads its time over thousands of small
 * regions: with heat alone, its optimizer compiled regions worth 1% of
 * the samples each, 30-100 ms of CPU apiece, that ran 0.2% of the time
 * as traces.
 */
static int64_t surplus_us(HybridJob *job)
{
    int64_t samples = 0;

    for (uint32_t i = 0; i < job->nb_tbs; i++) {
        samples += hybrid_sample_rent(job->tbs[i]->pc);
    }
    return samples * HYBRID_SAMPLE_US * job->saves_pct / 100 +
           merged_samples(job, NULL) * HYBRID_SAMPLE_US *
           HYBRID_QUEUE_MERGE_SAVES_PCT / 100 -
           compile_cost_us(job);
}

/*
 * The job to compile next, or NULL if none may go yet: the one with the
 * most samples, then the most entries.  With the sampler on, a job needs
 * HYBRID_QUEUE_MIN_HEAT samples lately (a region where the program
 * spends no measurable time now cannot win back its compile) and its
 * rent paid (surplus_us() >= 0).  Loading LLVM is bought once for all
 * traces: before the first compile, the surpluses of the jobs that paid
 * must together reach HYBRID_QUEUE_LLVM_LOAD_MS (flac spreads its time
 * over a dozen loops, none of which pays for the load alone).
 */
static HybridJob *hottest(bool since_push)
{
    HybridJob *job, *best = NULL;
    bool sampled = hybrid_sample_decides();
    bool loaded = qatomic_read(&hybrid_stats.compiled_ops) != 0;
    uint64_t best_heat = 0;
    int64_t pooled = 0;

    QTAILQ_FOREACH(job, &pending, link) {
        uint64_t h = 0;

        if (sampled) {
            int64_t s;

            h = heat(job);
            if (h < HYBRID_QUEUE_MIN_HEAT || (s = surplus_us(job)) < 0) {
                continue;
            }
            pooled += s;
        }
        if (!best || h > best_heat ||
            (h == best_heat && hits(job, since_push) > hits(best, since_push))) {
            best = job;
            best_heat = h;
        }
    }
    if (sampled && !loaded && pooled < HYBRID_QUEUE_LLVM_LOAD_MS * 1000) {
        return NULL;
    }
    return best && (!since_push || hits(best, true)) ? best : NULL;
}

bool hybrid_queue_holds_tb(TranslationBlock *tb)
{
    bool held;

    qemu_mutex_lock(&lock);
    held = g_hash_table_contains(pending_tbs, tb);
    qemu_mutex_unlock(&lock);
    return held;
}

/* The job goes to be compiled: its blocks' rent is used up. */
static void spend(HybridJob *job)
{
    for (uint32_t i = 0; i < job->nb_tbs; i++) {
        hybrid_sample_spend(job->tbs[i]->pc);
    }
}

HybridJob *hybrid_queue_pop(QemuMutex *busy, bool ran_again)
{
    HybridJob *job;
    bool woken = false;

    for (;;) {
        qemu_event_reset(&work);
        qemu_mutex_lock(&lock);
        job = hottest(ran_again);
        if (job) {
            unqueue(job);
            /* Its blocks stay held until it is freed (holds_tb()). */
            count_tbs(job, 1);
            job->held = true;
            /* Only where their samples counted (-hybrid-merge on). */
            if (!merged_samples(job, &job->merges)) {
                job->merges = 0;
            }
            if (job->merges) {
                qatomic_add(&hybrid_stats.traces_merging, 1);
            }
            if (qemu_loglevel_mask(LOG_HYBRID)) {
                hybrid_log_event("head 0x%" PRIx64 ": to compile: heat %"
                                 PRIu64 ", saves %u%%, rent less price %.1f"
                                 " ms, merges %u traces, queued %.1f ms ago",
                                 (uint64_t)job->ir.blocks[0].pc, heat(job),
                                 job->saves_pct, hybrid_sample_decides() ?
                                 surplus_us(job) / 1000.0 : 0.0, job->merges,
                                 (get_clock() - job->queued_ns) / 1e6);
            }
            spend(job);
            qemu_mutex_unlock(&lock);
            return job;
        }
        if (woken && QTAILQ_EMPTY(&pending)) {
            qemu_mutex_unlock(&lock);
            return NULL;
        }
        qemu_mutex_unlock(&lock);
        /*
         * A push, a waiting hit or a kick after the reset sets the
         * event: nothing is lost.
         */
        qemu_mutex_unlock(busy);
        qemu_event_wait(&work);
        /* Its waits are not the guest's switches (watch_switches()). */
        hybrid_sample_own_switches();
        qemu_mutex_lock(busy);
        woken = true;
    }
}

/* ------------------------------------------------------------------ */
/* The registered optimizer                                            */

static const HybridOptimizerOps *optimizer;   /* set before main() */

void hybrid_optimizer_register(const HybridOptimizerOps *ops)
{
    assert(!optimizer);
    optimizer = ops;
}

bool hybrid_optimizer_registered(void)
{
    return optimizer != NULL;
}

bool hybrid_optimizer_start(int n, const HybridTarget *target)
{
    return optimizer && optimizer->start(n, target);
}

void hybrid_optimizer_submit(HybridJob *job)
{
    if (!optimizer) {
        hybrid_job_free(job);
        return;
    }
    optimizer->submit(job);
}

void hybrid_optimizer_wake(void)
{
    if (optimizer) {
        optimizer->wake();
    }
}

bool hybrid_optimizer_ready(void)
{
    return optimizer && optimizer->ready();
}

bool hybrid_optimizer_running(void)
{
    return optimizer && optimizer->running();
}

bool hybrid_optimizer_throttled(void)
{
    return optimizer && optimizer->throttled();
}

void hybrid_fork_start(void)
{
    if (hybrid_active()) {
        optimizer->fork_start();
    }
}

void hybrid_fork_end(bool child)
{
    if (hybrid_active()) {
        optimizer->fork_end(child);
    }
}
