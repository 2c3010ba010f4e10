/*
 * Hybrid translator: the optimizer threads.
 *
 * Each thread takes recorded traces from the queue, builds LLVM IR
 * (translate.c), compiles it with its own JIT (jit.c) and hands the code
 * to the patcher (accel/tcg/hybrid-install.c).  It never touches a
 * TCGContext or runs guest code, and it blocks all signals.
 *
 * This file is the LLVM tier's one way in: it registers its operations
 * with the queue (accel/tcg/hybrid-optimizer.h) before main(), and
 * accel/tcg calls nothing else of llvm-backend.
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
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-time.h"
#include "hybrid/accel/tcg/hybrid-sample.h"
#include "hybrid/accel/tcg/hybrid-optimizer.h"
#include "hybrid/llvm-backend/translate.h"
#include "hybrid/llvm-backend/jit.h"

/* The queue is shared (accel/tcg/hybrid-queue.c): any thread takes any job. */
typedef struct Optimizer {
    pthread_t thread;
    QemuMutex busy;               /* held but while asleep (fork parks it) */
    HybridJit *jit;               /* kept across fork: the child reuses it */
    bool jit_tried;               /* NULL jit: LLVM could not be loaded */
} Optimizer;

static Optimizer *opts;
static int nb_opts;
static HybridTarget target;
static bool started;          /* the warm-up is over: the sampler runs */
static bool made;             /* start_threads() ran, or is running */
static bool running;          /* ... and made every thread: traces on */

/*
 * The pass pipeline.  Trace IR needs promotion of our allocas, local
 * simplification, redundancy elimination and loop-invariant code motion;
 * default<O2> adds inlining, unrolling and vectorizers that find nothing
 * to do here and cost three times as long (bintree: 665 ms of passes for
 * 27 traces against 227 ms, the loops' code unchanged; measured with -d
 * hybrid, see docs/hybrid-tier.md).
 */
static const char *passes =
    "function(sroa,early-cse<memssa>,simplifycfg,instcombine,"
    "loop-mssa(loop-rotate,licm),gvn,dse,instcombine,simplifycfg)";

/*
 * QEMU_HYBRID_PASSES overrides it, for measuring pipelines (a developer
 * knob: LLVM aborts on a pipeline it cannot build).
 */
static void choose_passes(void)
{
    const char *p = getenv("QEMU_HYBRID_PASSES");

    if (p && *p) {
        passes = p;
    }
}

/*
 * An LLVM error: one line to the -d hybrid log, or to stderr under
 * -hybrid-stats when no log is on.  Other messages go on the timeline
 * (hybrid_jit_log_debug()).
 */
void hybrid_jit_log(const char *fmt, ...)
{
    FILE *f = NULL;
    bool locked = false;
    va_list ap;

    if (qemu_loglevel_mask(LOG_HYBRID)) {
        /* The log may be stderr itself: unlock whatever trylock gave. */
        f = qemu_log_trylock();
        locked = f != NULL;
    } else if (hybrid_config.stats) {
        f = stderr;
    }
    if (!f) {
        return;
    }
    fprintf(f, "qemu-hybrid: LLVM: ");
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fprintf(f, "\n");
    if (locked) {
        qemu_log_unlock(f);
    }
}

void hybrid_jit_log_debug(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    hybrid_log_eventv(fmt, ap);       /* on the run's timeline */
    va_end(ap);
}

void hybrid_jit_dump(const char *title, LLVMModuleRef mod)
{
    FILE *f;
    char *text;

    if (!qemu_loglevel_mask(LOG_HYBRID)) {
        return;
    }
    text = LLVMPrintModuleToString(mod);
    f = qemu_log_trylock();
    if (f) {
        fprintf(f, "qemu-hybrid: %s:\n%s\n", title, text);
        qemu_log_unlock(f);
    }
    LLVMDisposeMessage(text);
}

static void free_code(HybridCode *code)
{
    if (code->handle) {
        hybrid_jit_discard(code->handle);
    }
    g_free(code->ranges);
}

/* This thread's CPU time: what the optimizer takes from the process. */
static int64_t thread_cpu_ns(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
        return 0;
    }
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

static int64_t load_cpu_ns;     /* CPU time loading LLVM took (process()) */

static void process(Optimizer *o, HybridJob *job)
{
    int64_t t0 = get_clock();
    HybridReject why = HYBRID_REJECT_NONE;
    HybridCode code;
    HybridTarget tgt;
    LLVMModuleRef mod;
    g_autofree char *name = NULL;
    int64_t cpu0;

    qatomic_add(&hybrid_stats.queue_wait_ns, t0 - job->queued_ns);
    hybrid_free_dead(free_code);

    if (hybrid_job_drop_if_stale(job)) {
        return;                     /* code changed or flushed meanwhile */
    }
    /*
     * LLVM is loaded for the first trace (jit.c), not at start-up: short
     * programs never pay for it.
     */
    if (!o->jit && !o->jit_tried) {
        int64_t load0 = thread_cpu_ns();

        o->jit_tried = true;
        if (hybrid_jit_global_init()) {
            o->jit = hybrid_jit_new();
        }
        qatomic_add(&load_cpu_ns, thread_cpu_ns() - load0);
        hybrid_jit_log_debug("LLVM loaded in %.1f ms (%.1f ms of CPU): %s",
                             (get_clock() - t0) / 1e6,
                             (thread_cpu_ns() - load0) / 1e6,
                             hybrid_llvm_library());
    }
    if (!o->jit) {
        hybrid_install_failed(job, HYBRID_REJECT_NO_JIT);
        return;
    }
    cpu0 = thread_cpu_ns();
    name = hybrid_jit_next_name(o->jit);
    /* Read once: hybrid_install() drops the trace if it changed since. */
    job->faults_fatal = !hybrid_faults_observed();
    tgt = target;
    tgt.faults_fatal = job->faults_fatal;
    tgt.host_fma = hybrid_jit_host_fma(o->jit);
    hybrid_jit_log_debug("%s: head 0x%" PRIx64 ", %u blocks, %u guest insns, "
                         "%u TCG ops", name, job->ir.blocks[0].pc,
                         job->ir.nb_blocks, job->ir.nb_insns, job->ir.nb_ops);
    mod = hybrid_translate(hybrid_jit_context(o->jit), &job->ir, &tgt,
                           name, &why);
    if (!mod) {
        hybrid_install_failed(job, why);
    } else if (!hybrid_jit_compile(o->jit, mod, name, passes, &code)) {
        hybrid_install_failed(job, HYBRID_REJECT_COMPILE_FAILED);
    } else {
        qatomic_add(&hybrid_stats.compile_cpu_ns, thread_cpu_ns() - cpu0);
        qatomic_add(&hybrid_stats.compiled_ops, job->ir.nb_ops);
        qatomic_add(&hybrid_stats.traces_compiled, 1);
        qatomic_add(&hybrid_stats.jit_code_bytes, code.size);
        hybrid_install(job, &code);
    }
    qatomic_add(&hybrid_stats.opt_ns, get_clock() - t0);
}

/* CPU time of the whole process: a forked child starts again from 0. */
static int64_t process_cpu_ns(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) {
        return INT64_MAX;
    }
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

/*
 * The optimizer's CPU budget.  On a CI machine the second core is not
 * free: before the budget, the optimizer of a 4 s run of gawk, perl or
 * tclsh compiled the whole time (3.8-5.3 s of CPU for 108-141 traces)
 * and the process took 1.5-2x the CPU time of -hybrid off.  So its CPU
 * time, less loading LLVM (over_budget()), may not pass
 * OPT_BUDGET_BASE_MS plus the smaller of
 *  - hybrid_config.budget_pct percent of the emulation threads' (the
 *    rest of the process's) CPU time: the cap, and
 *  - what the traces have earned, with the sampler: OPT_EARN_PCT percent
 *    of the emulation time to start with, plus half the time the
 *    samples show in traces (a trace runs its loop about twice as fast
 *    as TCG, so that is about what they saved).  Perl, where the traces
 *    compiled took 2% of the samples, stays near the floor; flac, where
 *    they take 80%, gets the cap.
 * Over budget, the optimizer waits; the queue keeps its hottest jobs
 * (hybrid_queue_pop()), and heads stop recording while it is full.
 */
#define OPT_BUDGET_BASE_MS 50
#define OPT_EARN_PCT 5
#define OPT_BUDGET_POLL_US 5000

static bool throttled;          /* an optimizer waits for its budget */

static int64_t budget_ns(int64_t emu)
{
    int64_t cap = emu / 100 * hybrid_config.budget_pct;
    int permille = hybrid_sample_trace_permille();

    if (permille >= 0) {
        int64_t earned = emu / 100 * OPT_EARN_PCT + emu / 2000 * permille;

        cap = MIN(cap, earned);
    }
    return cap + OPT_BUDGET_BASE_MS * SCALE_MS;
}

/*
 * Loading LLVM is not charged to the budget: the queue buys it once, with
 * the pooled surplus of the jobs that paid their rent (hybrid-queue.c),
 * and charging it too held the first traces back for what had already
 * been paid (lame: 105 ms of load, then 728 ms waiting after the first
 * compile; sox 434 ms).
 */
static bool over_budget(void)
{
    int64_t opt = qatomic_read(&hybrid_stats.opt_cpu_ns);

    return opt - qatomic_read(&load_cpu_ns) >
           budget_ns(process_cpu_ns() - opt);
}

static bool optimizer_throttled(void)
{
    return qatomic_read(&throttled);
}

/* Until the emulation threads have run enough for the next job. */
static void wait_for_budget(void)
{
    int64_t t0 = get_clock();

    qatomic_set(&throttled, true);
    hybrid_jit_log_debug("over budget (optimizer %.0f ms of CPU, -hybrid-budget "
                         "%d%%): waiting", qatomic_read(&hybrid_stats.opt_cpu_ns) / 1e6,
                         hybrid_config.budget_pct);
    while (over_budget()) {
        g_usleep(OPT_BUDGET_POLL_US);
        hybrid_sample_own_switches();
    }
    qatomic_set(&throttled, false);
    qatomic_add(&hybrid_stats.opt_budget_wait_ns, get_clock() - t0);
    hybrid_jit_log_debug("budget: resuming after %.0f ms",
                         (get_clock() - t0) / 1e6);
}

static void *optimizer_main(void *opaque)
{
    Optimizer *o = opaque;

    /*
     * Named by itself: naming another thread opens /proc/self/task/N/comm,
     * a descriptor in the guest's table, and the drainer thread makes
     * this one while the guest runs (fdtable: open() gave 4, not 3).
     */
    pthread_setname_np(pthread_self(), "hybrid-llvm");
    /* All signals are blocked (start_thread()). */
    hybrid_private_fds();
    hybrid_sample_thread(true);
    for (;;) {
        /*
         * Loading LLVM costs about 30 ms and 50 MiB: not for a loop
         * that got hot and ended, only for a head that still runs once
         * its trace is queued.  Tests that want every trace at once pass
         * -hybrid-warmup 0.
         */
        bool ran_again = !o->jit && hybrid_config.warmup_ms > 0;
        HybridJob *job;
        int64_t cpu0;

        if (hybrid_config.budget_pct && over_budget()) {
            wait_for_budget();
        }
        qemu_mutex_lock(&o->busy);
        job = hybrid_queue_pop(&o->busy, ran_again);
        cpu0 = thread_cpu_ns();
        if (job) {
            process(o, job);
        } else {
            /* Woken with nothing to compile: dead traces to free? */
            hybrid_free_dead(free_code);
        }
        qatomic_add(&hybrid_stats.opt_cpu_ns, thread_cpu_ns() - cpu0);
        qemu_mutex_unlock(&o->busy);
        hybrid_sample_own_switches();
    }
    return NULL;
}

/*
 * Not qemu_thread_create(), which exits the process when the thread
 * cannot be made: now that it happens while the guest runs, the guest
 * may have lowered RLIMIT_NPROC meanwhile.  Then the tier stays off.
 */
static bool start_thread(Optimizer *o)
{
    pthread_attr_t attr;
    sigset_t all, old;
    int err;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* Guest signals are the vCPU threads' business: none from the start. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    err = pthread_create(&o->thread, &attr, optimizer_main, o);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err) {
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: no optimizer thread: %s; "
                      "traces stay off\n", strerror(err));
        return false;
    }
    return true;
}

/*
 * Once.  Heads record only when every thread runs (jobs go to them round
 * robin): if one cannot be made, the tier stays off for the process.
 */
static bool start_threads(void)
{
    if (qatomic_xchg(&made, true)) {
        return false;
    }
    for (int i = 0; i < nb_opts; i++) {
        if (!start_thread(&opts[i])) {
            return false;
        }
    }
    qatomic_set(&running, true);
    return true;
}

/*
 * The optimizers start once the process has used -hybrid-warmup ms of
 * CPU time and a trace waits for them.  Most programs that end sooner (a
 * compiler driver, a test case, hello world) would spend more on loading
 * LLVM (~30 ms, ~50 MiB) and compiling than traces could win back, and
 * even a thread that only sleeps costs them: its creation, and its exit
 * at exit_group, made a hello world 0.3-0.4 ms (4%) slower.  Jobs wait in
 * the queue meanwhile.  With the samples deciding, the end of the
 * warm-up starts only the sampler; the optimizer threads, and with them
 * recording, wait until the samples say LLVM could pay
 * (hybrid_sample_affords_llvm(); the drainer wakes us then).  Called
 * when a head gets hot (the recorder waits for the optimizers,
 * hybrid_optimizer_ready()), when a trace is queued, when the head of a
 * queued trace runs again and on a wake: CPU time is a system call, so
 * it is read at most once a millisecond.
 */
static bool maybe_start(void)
{
    static int64_t next_look;
    int64_t now;

    if (qatomic_read(&started)) {
        /* Also when the sampler stopped (too many context switches). */
        return (!hybrid_sample_decides() || hybrid_sample_affords_llvm()) &&
               start_threads();
    }
    now = get_clock();
    if (now < qatomic_read(&next_look)) {
        return false;
    }
    qatomic_set(&next_look, now + SCALE_MS);
    if (process_cpu_ns() < (int64_t)hybrid_config.warmup_ms * SCALE_MS ||
        qatomic_xchg(&started, true)) {
        return false;
    }
    hybrid_sample_init();
    if (hybrid_sample_decides() && !hybrid_sample_affords_llvm()) {
        return false;
    }
    return start_threads();
}

static bool optimizer_ready(void)
{
    return qatomic_read(&running) || maybe_start();
}

static bool optimizer_running(void)
{
    return qatomic_read(&running);
}

/*
 * QEMU leaves by exit() on some paths (semihosting SYS_EXIT, fatal
 * errors), which runs LLVM's C++ static destructors, some of them
 * registered lazily by the optimizer itself: an optimizer still compiling
 * then crashes the process.  No atexit() ordering avoids that, so the
 * build wraps exit() (-Wl,--wrap=exit, see meson.build): every exit()
 * QEMU calls first waits for each optimizer to finish its job and keeps
 * it parked.  _exit() and exit_group, the guest's way out, need nothing.
 */
void __real_exit(int status) G_GNUC_NORETURN;
void __wrap_exit(int status) G_GNUC_NORETURN;

void __wrap_exit(int status)
{
    static bool parked;

    if (!parked) {
        parked = true;
        for (int i = 0; i < nb_opts; i++) {
            qemu_mutex_lock(&opts[i].busy);
        }
    }
    __real_exit(status);
}

static bool optimizer_start(int n, const HybridTarget *tgt)
{
    target = *tgt;
    choose_passes();
    nb_opts = n;
    opts = g_new0(Optimizer, n);
    for (int i = 0; i < n; i++) {
        qemu_mutex_init(&opts[i].busy);
    }
    if (hybrid_config.warmup_ms == 0) {
        /* Every trace at once (tests): no gate for the samples either. */
        qatomic_set(&started, true);
        hybrid_sample_init();
        start_threads();
    }
    return true;
}

static void optimizer_submit(HybridJob *job)
{
    hybrid_queue_push(job);
    if (!qatomic_read(&running)) {
        maybe_start();
    }
}

static void optimizer_wake(void)
{
    if (!qatomic_read(&running)) {
        maybe_start();
        return;
    }
    hybrid_queue_kick();
}

static void optimizer_fork_start(void)
{
    /* Park every optimizer between jobs: no LLVM lock is held at fork. */
    for (int i = 0; i < nb_opts; i++) {
        qemu_mutex_lock(&opts[i].busy);
    }
    hybrid_sample_fork_start();
}

static void optimizer_fork_end(bool child)
{
    hybrid_sample_fork_end(child);
    for (int i = 0; i < nb_opts; i++) {
        qemu_mutex_unlock(&opts[i].busy);
    }
    if (child) {
        hybrid_time_fork_child();
        /*
         * Threads do not survive fork; their queues and JITs do.  The
         * child warms up again, on its own CPU time.
         */
        qatomic_set(&started, false);
        qatomic_set(&made, false);
        qatomic_set(&running, false);
        if (hybrid_config.warmup_ms == 0) {
            qatomic_set(&started, true);
            start_threads();
        }
    }
}

static const HybridOptimizerOps llvm_optimizer = {
    .start = optimizer_start,
    .submit = optimizer_submit,
    .wake = optimizer_wake,
    .ready = optimizer_ready,
    .running = optimizer_running,
    .throttled = optimizer_throttled,
    .fork_start = optimizer_fork_start,
    .fork_end = optimizer_fork_end,
};

/* Before main(): hybrid_init() finds the tier built in. */
static void __attribute__((constructor)) optimizer_register(void)
{
    hybrid_optimizer_register(&llvm_optimizer);
}
