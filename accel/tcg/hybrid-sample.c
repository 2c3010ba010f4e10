/*
 * Hybrid translator: the sampler (see hybrid-sample.h).
 *
 * Each sampled thread owns a Ring: a perf_event ring buffer of
 * PERF_SAMPLE_IP records.  The drainer thread wakes every DRAIN_MS,
 * reads every ring under rings_lock and credits each sample to a bin and,
 * for TCG and trace code, to a guest pc in the profile table.
 *
 * Where perf_event_open is refused, or with -hybrid-sample clock, a Ring
 * is the thread's CPU-time clock instead (the clock source, below): the
 * drainer reads the clocks every CLOCK_TICK_MS and, for each millisecond
 * or more a thread has run, asks that thread where it is, through QEMU's
 * own queued CPU work (async_run_on_cpu: the thread leaves its TB chain
 * at the next block, as for any exit request).  No signal, no timer, no
 * system call of the guest's is touched.
 *
 * The profile table is written by the drainer only; other threads read
 * a pc's heat without a lock (a stale value only shifts a decision by a
 * drain).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/thread.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include "qemu/madvise.h"
#include "qemu/timer.h"
#include <sys/resource.h>
#include "hybrid/hybrid-config.h"
#ifdef CONFIG_HYBRID_PFM
#include <perfmon/pfmlib_perf_event.h>
#endif
#include "cpu.h"
#include "exec/exec-all.h"
#include "tcg/tcg.h"
#include "disas/disas.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-sample.h"

/*
 * One sample per millisecond of a thread's CPU time: a 1 s run gives
 * 1,000 samples a thread, enough to rank the regions worth 1% or more.
 * A sample record is 16 bytes; drained every 20 ms, a ring of 4 pages
 * holds 50 times what a thread writes meanwhile.
 */
#define SAMPLE_PERIOD_NS (HYBRID_SAMPLE_US * 1000)
#define SAMPLE_FREQ_HZ (1000000 / HYBRID_SAMPLE_US)
#define RING_DATA_PAGES 8
#define DRAIN_MS 20

/*
 * The bytes of user stack a vCPU thread's sample carries, from its stack
 * pointer up: enough to reach the return address into the TCG block or
 * trace that called the helper the sample is in (credit_caller()).  A
 * record is then 288 bytes: 20 ms of samples are 5.6 KiB, a ring of 8
 * pages holds 5 drains' worth.
 */
#define STACK_DUMP_BYTES 256

/* Heat halves every HEAT_HALF_LIFE drains (200 ms). */
#define HEAT_HALF_LIFE 10

/* Guest pcs the profile can tell apart; past that, samples are "unplaced". */
#define PROFILE_BITS 13
#define PROFILE_SIZE (1u << PROFILE_BITS)

typedef enum SampleBin {
    BIN_TCG,
    BIN_TRACE,
    BIN_HELPERS,
    BIN_OPTIMIZER,
    BIN_OTHER,
    BIN_COUNT
} SampleBin;

static const char *const bin_names[BIN_COUNT] = {
    [BIN_TCG] = "TCG code",
    [BIN_TRACE] = "traces",
    [BIN_HELPERS] = "helpers, emulator",
    [BIN_OPTIMIZER] = "optimizer",
    [BIN_OTHER] = "other (libraries)",
};

typedef struct Ring {
    struct perf_event_mmap_page *meta;  /* NULL: the clock source, or */
    bool pending;               /* ... a vCPU's event, not opened yet */
    pid_t tid;                  /* that vCPU thread */
    size_t map_size;
    bool optimizer;
    QLIST_ENTRY(Ring) link;
    CPUState *cpu;              /* its vCPU; NULL: an optimizer */
    /* The clock source: the thread's clock and its last answer. */
    clockid_t clock;
    int64_t clock_ns;           /* CPU time accounted for so far */
    uint32_t asked;             /* the weight of a question out, or 0 */
    uint64_t answer;            /* its guest pc + 1, 0: none yet */
    bool answer_trace;          /* the thread was in the trace there */
} Ring;

/*
 * A pc's samples.  Those in TCG code and those in traces are kept apart:
 * the time a trace already runs is not time a new trace would take over,
 * and counting it let a region that a trace covers be compiled again and
 * again (sox: three compiles of one loop of 807 TCG ops, entered at
 * three of its blocks).
 */
typedef struct ProfileEntry {
    uint64_t pc;                /* guest pc + 1, 0: free */
    uint32_t heat;              /* decaying TCG count (hybrid_sample_heat) */
    uint32_t total;             /* every TCG sample */
    uint32_t spent;             /* total when last compiled (rent) */
    uint32_t traced;            /* samples in traces headed here */
    uint32_t traced_spent;      /* traced when last compiled (merging) */
} ProfileEntry;

static enum { SAMPLE_AUTO, SAMPLE_OFF, SAMPLE_NAMED, SAMPLE_CLOCK } mode;
static bool clock_source;       /* the threads' CPU-time clocks */
static char *event_name;        /* SAMPLE_NAMED: as given */
static struct perf_event_attr attr_template;
static bool stack_dumps;        /* vCPU samples carry STACK_DUMP_BYTES */
static const char *event_desc;  /* what the report calls it */
static bool ready;              /* sampling: an event opened, not stopped */
static bool stopped;            /* stop_sampling() ran: no rings */
static const char *refused_why;

static QemuMutex rings_lock;
static QLIST_HEAD(, Ring) rings = QLIST_HEAD_INITIALIZER(rings);
static bool drainer_started;
static bool drainer_probed;     /* probe() ran (not again after a fork) */
static QemuEvent probed;        /* ... and hybrid_sample_init() may go on */
static bool start_drainer(void);
static __thread Ring *self;
static __thread bool self_tried;

static ProfileEntry profile[PROFILE_SIZE];
static uint64_t bins[BIN_COUNT];
static uint64_t unplaced, lost, drains;
static uint64_t called;         /* helper and library samples whose caller
                                   was found (credit_caller()) */
static uint64_t called_rent;    /* ... and credited to a TCG block: in an
                                   inlined helper */

/*
 * The TCG samples that pay for loading LLVM (hybrid_sample_affords_llvm()):
 * 30 ms of load at 50% saved, 60 samples of a millisecond.
 */
#define AFFORD_SAMPLES (HYBRID_QUEUE_LLVM_LOAD_MS * 1000 / HYBRID_SAMPLE_US * \
                        100 / HYBRID_QUEUE_SAVES_PCT)
static bool affords;            /* latched by the drainer (look_affords()) */

extern const char __executable_start[];
extern const char etext[];

void hybrid_sample_option(const char *arg)
{
    g_free(event_name);
    event_name = NULL;
    if (!strcmp(arg, "auto") || !strcmp(arg, "on")) {
        mode = SAMPLE_AUTO;
    } else if (!strcmp(arg, "off")) {
        mode = SAMPLE_OFF;
    } else if (!strcmp(arg, "clock")) {
        mode = SAMPLE_CLOCK;
    } else {
        mode = SAMPLE_NAMED;
        event_name = g_strdup(arg);
    }
}

/* @tid 0: the calling thread.  Only our threads call this (their own table). */
static int perf_open(struct perf_event_attr *attr, pid_t tid)
{
    return syscall(SYS_perf_event_open, attr, tid, -1, -1,
                   PERF_FLAG_FD_CLOEXEC);
}

/* Sampling settings common to every event. */
static void attr_finish(struct perf_event_attr *a)
{
    a->size = sizeof(*a);
    a->sample_type = PERF_SAMPLE_IP;
    a->exclude_kernel = 1;
    a->exclude_hv = 1;
    a->disabled = 0;
    a->inherit = 0;
    if (a->type == PERF_TYPE_SOFTWARE) {
        /* cpu-clock and task-clock count nanoseconds. */
        a->freq = 0;
        a->sample_period = SAMPLE_PERIOD_NS;
    } else {
        a->freq = 1;
        a->sample_freq = SAMPLE_FREQ_HZ;
    }
}

/* Does @a open on this thread?  errno tells why not. */
static bool attr_opens(struct perf_event_attr *a)
{
    int fd = perf_open(a, 0);

    if (fd < 0) {
        return false;
    }
    close(fd);
    return true;
}

/*
 * auto: the hardware cycle counter where the host has a PMU, else the
 * kernel's cpu-clock (these VMs have none).  Both are perf's generic
 * events, so auto needs no libpfm4 (whose start-up costs 1.5-13 ms).
 */
static bool choose_auto(void)
{
    struct perf_event_attr a = { .type = PERF_TYPE_HARDWARE,
                                 .config = PERF_COUNT_HW_CPU_CYCLES };

    attr_finish(&a);
    if (attr_opens(&a)) {
        attr_template = a;
        event_desc = "cycles";
        return true;
    }
    memset(&a, 0, sizeof(a));
    a.type = PERF_TYPE_SOFTWARE;
    a.config = PERF_COUNT_SW_CPU_CLOCK;
    attr_finish(&a);
    if (attr_opens(&a)) {
        attr_template = a;
        event_desc = "cpu-clock";
        return true;
    }
    return false;
}

#ifdef CONFIG_HYBRID_PFM
/* A named event, through libpfm4.  An unknown name is a usage error. */
static void encode_named(void)
{
    struct perf_event_attr a = { 0 };
    pfm_perf_encode_arg_t arg = { .attr = &a, .size = sizeof(arg) };
    int ret = pfm_initialize();

    if (ret == PFM_SUCCESS) {
        ret = pfm_get_os_event_encoding(event_name, PFM_PLM3,
                                        PFM_OS_PERF_EVENT, &arg);
    }
    if (ret != PFM_SUCCESS) {
        error_report("-hybrid-sample: event '%s': %s", event_name,
                     pfm_strerror(ret));
        exit(EXIT_FAILURE);
    }
    attr_finish(&a);
    attr_template = a;
    event_desc = event_name;
}
#else
static void encode_named(void)
{
    error_report("-hybrid-sample: event '%s': this build has no libpfm4 "
                 "(use auto or off)", event_name);
    exit(EXIT_FAILURE);
}
#endif

/*
 * Samples in helpers and in the emulator are the time of the TCG block
 * or trace that called them, if the sample shows which: a stack dump
 * does.  Without one, nbody's hot TCG loop got the 7% of the samples in
 * its own code and none of the 40% in the float helpers it called: it
 * was never compiled.  A kernel or filter that refuses the dump leaves
 * the samples as they were.
 */
static void try_stack_dumps(void)
{
    struct perf_event_attr a = attr_template;

    a.sample_type |= PERF_SAMPLE_STACK_USER;
    a.sample_stack_user = STACK_DUMP_BYTES;
    if (attr_opens(&a)) {
        attr_template = a;
        stack_dumps = true;
    }
}

void hybrid_sample_setup(void)
{
    if (mode == SAMPLE_NAMED) {
        encode_named();
    }
}

/*
 * Drainer, first thing after hybrid_private_fds(): which event opens (its
 * probes open descriptors: here, not on a vCPU thread, where a guest
 * thread's open() could get another number meanwhile).
 */
static void probe(void)
{
    bool ok;

    if (mode == SAMPLE_CLOCK) {
        ok = false;
    } else {
        ok = mode == SAMPLE_NAMED ? attr_opens(&attr_template) : choose_auto();
    }
    if (!ok && mode != SAMPLE_CLOCK) {
        refused_why = errno == EACCES || errno == EPERM ?
            "perf_event_open refused (perf_event_paranoid, seccomp)" :
            "perf_event_open failed";
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: no perf_event: %s (%s); "
                      "the threads' CPU-time clocks instead\n", refused_why,
                      strerror(errno));
    }
    if (ok) {
        try_stack_dumps();
    } else {
        clock_source = true;
        event_desc = refused_why ?
            g_strdup_printf("clock, as %s", refused_why) :
            "clock (-hybrid-sample clock)";
    }
    qatomic_set(&ready, true);
}

void hybrid_sample_init(void)
{
    static bool done;
    bool made;

    if (done) {
        return;
    }
    done = true;
    qemu_mutex_init(&rings_lock);
    qemu_event_init(&probed, false);
    if (mode == SAMPLE_OFF) {
        refused_why = "off (-hybrid-sample off)";
        return;
    }
    qemu_mutex_lock(&rings_lock);
    made = start_drainer();
    qemu_mutex_unlock(&rings_lock);
    if (!made) {
        refused_why = "no drainer thread could be made";
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: sampler off: %s\n",
                      refused_why);
        return;
    }
    qemu_event_wait(&probed);           /* probe(), on the drainer */
    hybrid_sample_thread(false);
}

bool hybrid_sample_running(void)
{
    return ready;
}

bool hybrid_sample_decides(void)
{
    return hybrid_config.budget_pct && qatomic_read(&ready);
}

bool hybrid_sample_affords_llvm(void)
{
    return qatomic_read(&affords);
}

/*
 * Drainer, after a drain: has the TCG time (samples in TCG code, and in
 * the FP helpers credited to it) reached AFFORD_SAMPLES?  A djpeg test
 * case of libjpeg-turbo's suite (60 ms) spent 4 ms more than -hybrid off
 * when the optimizer thread was made and heads recorded at the end of
 * the warm-up, for nothing: no region can pay before this holds.
 */
static void look_affords(void)
{
    uint64_t tcg = bins[BIN_TCG] + called_rent;

    if (qatomic_read(&affords) || tcg < AFFORD_SAMPLES) {
        return;
    }
    qatomic_set(&affords, true);
    qemu_log_mask(LOG_HYBRID, "qemu-hybrid: %" PRIu64 " samples in TCG code "
                  "could pay for LLVM: recording starts\n", tcg);
    hybrid_optimizer_wake();
}

int hybrid_sample_trace_permille(void)
{
    uint64_t emu = bins[BIN_TCG] + bins[BIN_TRACE] + bins[BIN_HELPERS] +
                   bins[BIN_OTHER];

    if (!qatomic_read(&ready) || emu < 50) {
        return -1;
    }
    return bins[BIN_TRACE] * 1000 / emu;
}

/* ---- the profile ------------------------------------------------------ */

static ProfileEntry *profile_slot(uint64_t pc, bool insert)
{
    uint64_t key = pc + 1;
    uint32_t h = (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - PROFILE_BITS));

    for (uint32_t i = 0; i < 32; i++) {
        ProfileEntry *e = &profile[(h + i) & (PROFILE_SIZE - 1)];
        uint64_t k = qatomic_read(&e->pc);

        if (k == key) {
            return e;
        }
        if (k == 0) {
            if (!insert) {
                return NULL;
            }
            qatomic_set(&e->pc, key);
            return e;
        }
    }
    return NULL;
}

/* The profile entry of @pc, or NULL (none, or no sampler). */
static ProfileEntry *profile_of(uint64_t pc)
{
    return ready ? profile_slot(pc, false) : NULL;
}

uint32_t hybrid_sample_heat(uint64_t pc)
{
    ProfileEntry *e = profile_of(pc);

    return e ? qatomic_read(&e->heat) : 0;
}

/* Blocks with HYBRID_SAMPLE_EDGE_MIN samples, hashed (hybrid_sample_seen()). */
#define SEEN_BITS 16
static unsigned long seen[BITS_TO_LONGS(1u << SEEN_BITS)];

static unsigned seen_bit(uint64_t pc)
{
    return ((pc >> 2) ^ (pc >> (2 + SEEN_BITS))) & ((1u << SEEN_BITS) - 1);
}

bool hybrid_sample_seen(uint64_t pc)
{
    unsigned b = seen_bit(pc);

    return qatomic_read(&seen[BIT_WORD(b)]) & BIT_MASK(b);
}

uint32_t hybrid_sample_rent(uint64_t pc)
{
    ProfileEntry *e = profile_of(pc);

    return e ? qatomic_read(&e->total) - qatomic_read(&e->spent) : 0;
}

uint32_t hybrid_sample_traced_rent(uint64_t pc)
{
    ProfileEntry *e = profile_of(pc);

    return e ? qatomic_read(&e->traced) - qatomic_read(&e->traced_spent) : 0;
}

void hybrid_sample_spend(uint64_t pc)
{
    ProfileEntry *e = profile_of(pc);

    if (e) {
        qatomic_set(&e->spent, qatomic_read(&e->total));
        qatomic_set(&e->traced_spent, qatomic_read(&e->traced));
    }
}



static void promote_work(CPUState *cpu, run_on_cpu_data data)
{
    hybrid_hot_promote(cpu, data.target_ptr);
}

/*
 * Does a block's count go from @before to @after past HYBRID_SAMPLE_EDGE_MIN
 * or one of its powers of 4 times (16, 64, ...)?  Each is a chance to be
 * translated again, in case the last one found the block held by a job
 * or its loop's back edge not through it: indirect, with one chance,
 * made 4 heads and ran 11% of its time in traces, against 12 and 57%
 * with every edge counted.
 */
static bool promote_point(uint32_t before, uint32_t after)
{
    for (uint64_t t = HYBRID_SAMPLE_EDGE_MIN; t <= after; t *= 4) {
        if (before < t) {
            return true;
        }
    }
    return false;
}

/*
 * Credit @weight samples at @pc, taken on @r's thread.  A TCG block that
 * reaches a promote_point() is translated again by the thread that ran
 * it, so that its edges are counted (hybrid_hot_promote()).
 */
static void credit(Ring *r, uint64_t pc, bool trace, uint32_t weight)
{
    ProfileEntry *e = profile_slot(pc, true);
    uint32_t before;

    if (!e) {
        unplaced += weight;
        return;
    }
    if (trace) {
        e->traced += weight;
        return;
    }
    before = e->total;
    qatomic_set(&e->heat, e->heat + weight);
    qatomic_set(&e->total, e->total + weight);
    if (before < HYBRID_SAMPLE_EDGE_MIN && e->total >= HYBRID_SAMPLE_EDGE_MIN) {
        unsigned b = seen_bit(pc);

        /* The drainer is the only writer. */
        qatomic_set(&seen[BIT_WORD(b)], seen[BIT_WORD(b)] | BIT_MASK(b));
    }
    if (promote_point(before, e->total) && r->cpu &&
        hybrid_sample_decides()) {
        async_run_on_cpu(r->cpu, promote_work, RUN_ON_CPU_TARGET_PTR(pc));
    }
}

static void decay(void)
{
    for (uint32_t i = 0; i < PROFILE_SIZE; i++) {
        if (profile[i].heat) {
            qatomic_set(&profile[i].heat, profile[i].heat / 2);
        }
    }
}

/* ---- the clock source -------------------------------------------------- */

/*
 * Where perf_event is refused (Debian's default perf_event_paranoid of 3
 * refuses it to every unprivileged process; so do containers' seccomp
 * filters), the drainer reads each thread's CPU-time clock every
 * CLOCK_TICK_MS.  Once a thread has run a millisecond or more since its
 * last answer, it is asked where it is: QEMU's queued CPU work makes it
 * leave its chain of TBs at the next block boundary (or a trace at its
 * next exit-request poll) and answer from its own thread, the guest pc
 * it goes on at, weighted by the milliseconds the answer stands for.
 * Nothing of this reaches the guest: the thread is not signalled, only
 * asked to exit to the cpu_exec loop, as QEMU does for its own work.
 * The time of helpers and of the emulator is credited to the block that
 * runs next; a trace that a question interrupts is credited as a trace.
 */
#define CLOCK_TICK_MS 2

static __thread uint64_t trace_left;    /* head pc + 1 (hybrid_sample_left_trace) */

void hybrid_sample_left_trace(uint64_t head_pc, bool exit_requested)
{
    if (clock_source && exit_requested) {
        trace_left = head_pc + 1;
    }
}

static int64_t clock_now(Ring *r)
{
    struct timespec ts;

    if (clock_gettime(r->clock, &ts) != 0) {
        return r->clock_ns;
    }
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

/* On the asked thread: where it goes on (queued CPU work). */
static void clock_answer(CPUState *cpu, run_on_cpu_data data)
{
    Ring *r = data.host_ptr;
    CPUArchState *env = cpu->env_ptr;
    target_ulong pc, cs_base;
    uint32_t flags;

    cpu_get_tb_cpu_state(env, &pc, &cs_base, &flags);
    qatomic_set(&r->answer_trace, trace_left != 0);
    qatomic_store_release(&r->answer, trace_left ? trace_left : pc + 1);
    trace_left = 0;
}

/* Drainer, rings_lock held: take @r's answer, ask again if it ran 1 ms. */
static void clock_tick(Ring *r)
{
    uint64_t answer = qatomic_load_acquire(&r->answer);
    int64_t now = clock_now(r);
    uint32_t ms;

    if (answer) {
        bool trace = qatomic_read(&r->answer_trace);

        bins[trace ? BIN_TRACE : BIN_TCG] += r->asked;
        credit(r, answer - 1, trace, r->asked);
        qatomic_set(&r->answer, 0);
        r->asked = 0;
    }
    if (r->asked || now - r->clock_ns < SAMPLE_PERIOD_NS) {
        return;
    }
    ms = (now - r->clock_ns) / SAMPLE_PERIOD_NS;
    r->clock_ns += (int64_t)ms * SAMPLE_PERIOD_NS;
    if (!r->cpu) {
        bins[BIN_OPTIMIZER] += ms;
        return;
    }
    r->asked = ms;
    async_run_on_cpu(r->cpu, clock_answer, RUN_ON_CPU_HOST_PTR(r));
}

/*
 * The vCPU of the calling emulation thread.  Before its first cpu_exec
 * (the tier starting from main() with -hybrid-warmup 0) current_cpu is
 * not set yet: the only thread then is the main one, first_cpu's.
 */
static CPUState *thread_vcpu(void)
{
    return current_cpu ? current_cpu : first_cpu;
}

/* The calling thread's clock as a Ring, or NULL. */
static Ring *clock_ring(bool optimizer)
{
    Ring *r;
    clockid_t clock;

    if (pthread_getcpuclockid(pthread_self(), &clock) != 0 ||
        (!optimizer && !thread_vcpu())) {
        return NULL;
    }
    r = g_new0(Ring, 1);
    r->optimizer = optimizer;
    r->clock = clock;
    r->cpu = optimizer ? NULL : thread_vcpu();
    r->clock_ns = clock_now(r);
    return r;
}

/* ---- draining ------------------------------------------------------ */

/*
 * The function called by the x86 call instruction that returns to @ret in
 * TCG code, or NULL.  tcg/i386's tcg_out_branch() emits "call rel32" for
 * a target within 2 GiB, else "call *disp32(%rip)" through a pointer in
 * the TB's constant pool.
 */
static void *called_from(uintptr_t ret)
{
    const uint8_t *p = (const uint8_t *)ret;
    int32_t rel;
    uint64_t fn;

    /* The bytes read lie in the buffer (its prologue comes first). */
    if (!in_code_gen_buffer((void *)(ret - 6))) {
        return NULL;
    }
    if (p[-6] == 0xff && p[-5] == 0x15) {
        memcpy(&rel, p - 4, 4);
        if (!in_code_gen_buffer((void *)(ret + rel)) ||
            !in_code_gen_buffer((void *)(ret + rel + 7))) {
            return NULL;
        }
        memcpy(&fn, (const void *)(ret + rel), 8);
        return (void *)(uintptr_t)fn;
    }
    if (p[-5] == 0xe8) {
        memcpy(&rel, p - 4, 4);
        return (void *)(ret + rel);
    }
    return NULL;
}

/* A helper a trace computes inline (the FP ones): its time is rent. */
static bool inlined_helper(void *fn)
{
    return fn && hybrid_fp_helper(fn);
}

/*
 * The caller of the helper or emulator code a vCPU sample is in: the
 * first word of its stack dump that is an address in a trace or in a TCG
 * block, the return address of the call out of generated code (a
 * helper's own frame holds data, not code addresses; the emulator's
 * loop, below TB code on the stack, finds none).  Says whether there was
 * one.  A trace gets the sample as trace time; a TCG block gets the sample only if the
 * helper called is one a trace computes inline (the FP helpers): a trace
 * calls every other helper as TCG does and saves little of that time.
 * Credited as heat and rent, SVE memcpy helper time made sqlite3's
 * regions look worth compiling: two unprofitable traces and 0.5 s of CPU
 * in some runs; as heat alone, 3-5 compiles in 4 runs of 6, where the
 * tree before compiled none.  FP helper time credited took sox from
 * 1.06x to 1.30x (3 interleaved runs each).
 */
static bool credit_caller(Ring *r, const uint64_t *stack, uint32_t words)
{
    for (uint32_t i = 0; i < words; i++) {
        uint64_t w = stack[i], guest_pc;

        if (in_code_gen_buffer((void *)(uintptr_t)w)) {
            TranslationBlock *tb = tcg_tb_lookup(w);

            if (tb) {
                if (inlined_helper(called_from(w))) {
                    called_rent++;
                    credit(r, tb->pc, false, 1);
                }
                return true;
            }
        } else if (hybrid_trace_head_at(w, &guest_pc)) {
            credit(r, guest_pc, true, 1);
            return true;
        }
    }
    return false;
}

/*
 * A sample at host @ip, with @words words of the stack above it: a bin
 * for the statistics, and a guest pc to credit.  Samples in helpers and
 * the emulator stay in their bin (where the host time went); some go to
 * their caller too (credit_caller()).
 */
static void classify(Ring *r, uint64_t ip, const uint64_t *stack,
                     uint32_t words)
{
    uint64_t guest_pc;

    if (r->optimizer) {
        bins[BIN_OPTIMIZER]++;
    } else if (hybrid_trace_head_at(ip, &guest_pc)) {
        bins[BIN_TRACE]++;
        credit(r, guest_pc, true, 1);
    } else if (in_code_gen_buffer((void *)(uintptr_t)ip)) {
        TranslationBlock *tb = tcg_tb_lookup(ip);

        bins[BIN_TCG]++;
        if (tb) {
            credit(r, tb->pc, false, 1);
        } else {
            unplaced++;         /* the prologue, or a block being made */
        }
    } else {
        bool helper = ip >= (uintptr_t)__executable_start &&
                      ip < (uintptr_t)etext;

        bins[helper ? BIN_HELPERS : BIN_OTHER]++;
        if (credit_caller(r, stack, words)) {
            called++;
        }
    }
}

/* Copy @n bytes at ring offset @off, across the ring's end if need be. */
static void ring_read(Ring *r, uint64_t off, void *dst, size_t n)
{
    uint8_t *data = (uint8_t *)r->meta + r->meta->data_offset;
    uint64_t size = r->meta->data_size;
    size_t first;

    off %= size;
    first = MIN(n, size - off);
    memcpy(dst, data + off, first);
    memcpy((uint8_t *)dst + first, data, n - first);
}

/*
 * The stack dump of a sample record whose fields after the ip start at
 * ring offset @off and take @n bytes: { u64 size; u8 data[size]; u64
 * dyn_size (if size) }, dyn_size the bytes the kernel could copy.  Into
 * @stack; returns the words read, 0 if the record has none.
 */
static uint32_t read_stack(Ring *r, uint64_t off, uint64_t n,
                           uint64_t *stack)
{
    uint64_t size, dyn;

    if (!stack_dumps || r->optimizer || n < 8) {
        return 0;
    }
    ring_read(r, off, &size, 8);
    if (size == 0 || size > STACK_DUMP_BYTES || n < 16 + size) {
        return 0;
    }
    ring_read(r, off + 8 + size, &dyn, 8);
    dyn = MIN(dyn, size) & ~7ull;
    ring_read(r, off + 8, stack, dyn);
    return dyn / 8;
}

static void drain_ring(Ring *r)
{
    struct perf_event_mmap_page *m = r->meta;
    uint64_t head, tail;

    if (r->pending) {
        return;
    }
    if (!m) {
        clock_tick(r);
        return;
    }
    head = qatomic_load_acquire(&m->data_head);
    tail = m->data_tail;

    while (tail < head) {
        struct perf_event_header h;
        uint64_t body[2], stack[STACK_DUMP_BYTES / 8];

        ring_read(r, tail, &h, sizeof(h));
        if (h.size < sizeof(h)) {
            break;              /* never seen: give the ring up to here */
        }
        if (h.type == PERF_RECORD_SAMPLE && h.size >= sizeof(h) + 8) {
            ring_read(r, tail + sizeof(h), body, 8);
            classify(r, body[0], stack,
                     read_stack(r, tail + sizeof(h) + 8,
                                h.size - sizeof(h) - 8, stack));
        } else if (h.type == PERF_RECORD_LOST && h.size >= sizeof(h) + 16) {
            ring_read(r, tail + sizeof(h), body, 16);
            lost += body[1];
        }
        tail += h.size;
    }
    qatomic_store_release(&m->data_tail, head);
}

/* Unmap every ring: the events go with their last reference. */
static void stop_sampling(const char *why)
{
    Ring *r, *next;

    QLIST_FOREACH_SAFE(r, &rings, link, next) {
        drain_ring(r);
        QLIST_REMOVE(r, link);
        if (r->meta) {
            munmap(r->meta, r->map_size);
        }
        g_free(r);
    }
    refused_why = why;
    qatomic_set(&ready, false);
    qemu_log_mask(LOG_HYBRID, "qemu-hybrid: sampler stopped: %s\n", why);
}

/*
 * With a per-thread software event (cpu-clock: no PMU, as in these VMs),
 * every context switch of a sampled thread stops and starts an hrtimer: two
 * threads passing a byte through pipes took 2.5x as long (2.8 -> 7.2 s for
 * 200,000 round trips, ~10 us a switch).  What that costs is relative to
 * the work the threads do between switches, so the watch compares the
 * emulation threads' switches (blocking and preempted) with their CPU time:
 * beyond SWITCH_COST_PCT of it at SWITCH_COST_NS a switch (2,000 switches a
 * CPU second), the vCPU events are closed for a while, and hot counters do
 * not take over (the samples still decide, from what they have seen: a
 * block they never saw stays chained).  Go's os/signal tests (about 10
 * threads, 17,000 switches a CPU second, 1.0 s of CPU) took 0.13 s more CPU
 * than -hybrid off with the events open (7 interleaved runs, twice); a
 * limit of 3,000 switches a second a thread (of wall time) never stopped
 * them, as most of their threads mostly wait.  Stopping the sampler for
 * good left hot counters deciding alone: every backward and call edge
 * unchained for its first trips, 0.55 s more there (measured with
 * -hybrid-sample off).  The pause lasts PAUSE_FIRST_MS of the emulation
 * threads' CPU time, twice as long each time after: a program whose
 * switching was a phase gets its samples back.  Hardware events cost little
 * per switch and are not watched, nor is the clock source.  The watch runs
 * on the drainer only: its CPU time is the one left out.  It takes its
 * first counts when sampling starts and looks every SWITCH_LOOK_DRAINS
 * drains (60 ms): looking every 200 ms, from the first multiple of 10
 * drains, Go's os/signal tests paused only after 4,871 switches in 228 ms
 * of emulation CPU, and still took 8% more CPU than -hybrid off (0.925 of
 * its CPU time, 7 interleaved runs); looking every 60 ms from the start,
 * 0.983 (7 runs, against 0.959 for the tree before in the same set).
 */
#define SWITCH_COST_NS 10000
#define SWITCH_COST_PCT 2
#define SWITCH_LOOK_DRAINS 3
#define PAUSE_FIRST_MS 1000

/* Switches: [0] asked for (voluntary), [1] preemptions. */
typedef struct Switches {
    int64_t n[2];
} Switches;

/* The optimizers' (hybrid_sample_own_switches) */
static int64_t own_switches[2];

static Switches switches_of(int who)
{
    struct rusage ru;
    Switches s = { { 0, 0 } };

    if (getrusage(who, &ru) == 0) {
        s.n[0] = ru.ru_nvcsw;
        s.n[1] = ru.ru_nivcsw;
    }
    return s;
}

void hybrid_sample_own_switches(void)
{
    static __thread Switches reported;
    Switches now = switches_of(RUSAGE_THREAD);

    for (int k = 0; k < 2; k++) {
        qatomic_add(&own_switches[k], now.n[k] - reported.n[k]);
    }
    reported = now;
}

static int64_t cpu_clock_ns(clockid_t c)
{
    struct timespec ts;

    if (clock_gettime(c, &ts) != 0) {
        return 0;
    }
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

/* The emulation threads' CPU time: not the drainer's or the optimizers'. */
static int64_t emulation_cpu_ns(void)
{
    return cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID) -
           cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID) -
           (int64_t)qatomic_read(&hybrid_stats.opt_cpu_ns);
}

static Switches watch_last;     /* at the last watch_switches() */
static int64_t watch_last_cpu;
static bool watch_begun;        /* the first look (the counts) is taken */
static int64_t paused_until;    /* emulation CPU ns; 0: not paused */
static int64_t pause_ns = PAUSE_FIRST_MS * SCALE_MS;
static uint64_t pauses;

/*
 * Close the vCPU threads' events (rings_lock held): each ring waits, as
 * a new thread's does, for open_pending() after the pause.
 */
static void pause_vcpu_rings(int64_t now_cpu)
{
    Ring *r;

    QLIST_FOREACH(r, &rings, link) {
        if (!r->optimizer && r->meta) {
            drain_ring(r);
            munmap(r->meta, r->map_size);
            r->meta = NULL;
            r->pending = true;
        }
    }
    paused_until = now_cpu + pause_ns;
    pauses++;
    qemu_log_mask(LOG_HYBRID, "qemu-hybrid: sampler paused for %" PRId64
                  " ms of CPU: too many context switches\n",
                  pause_ns / SCALE_MS);
    pause_ns *= 2;
}

/* The emulation threads' switches: not the drainer's or the optimizers'. */
static void watch_switches(void)
{
    int64_t cpu = emulation_cpu_ns();
    Switches all, drainer;
    int64_t n = 0;

    if (clock_source || attr_template.type != PERF_TYPE_SOFTWARE) {
        return;
    }
    all = switches_of(RUSAGE_SELF);
    drainer = switches_of(RUSAGE_THREAD);
    for (int k = 0; k < 2; k++) {
        int64_t now = all.n[k] - drainer.n[k] - qatomic_read(&own_switches[k]);

        n += now - watch_last.n[k];
        watch_last.n[k] = now;
    }
    if (paused_until) {
        if (cpu >= paused_until) {
            paused_until = 0;           /* open_pending() reopens them */
            qemu_log_mask(LOG_HYBRID, "qemu-hybrid: sampler resumed\n");
        }
    } else if (watch_last_cpu && n * SWITCH_COST_NS * 100 >
               (cpu - watch_last_cpu) * SWITCH_COST_PCT) {
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: %" PRId64 " context switches"
                      " in %" PRId64 " ms of emulation CPU\n", n,
                      (cpu - watch_last_cpu) / SCALE_MS);
        pause_vcpu_rings(cpu);
    }
    watch_last_cpu = cpu;
}

/*
 * Open @a for thread @tid (0: the caller) and map its ring into @r.  On
 * one of our threads only: the descriptor lives for a moment, in the
 * caller's own table (hybrid_private_fds()).
 */
static bool ring_map(Ring *r, struct perf_event_attr *a, pid_t tid)
{
    size_t size = (1 + RING_DATA_PAGES) * qemu_real_host_page_size();
    int fd = perf_open(a, tid);
    void *map;

    if (fd < 0) {
        return false;
    }
    map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    /* The mapping holds the event. */
    close(fd);
    if (map == MAP_FAILED) {
        return false;
    }
    qemu_madvise(map, size, QEMU_MADV_DONTFORK);
    r->map_size = size;
    qatomic_store_release(&r->meta, map);
    return true;
}

/*
 * Drainer, rings_lock held: open the events of vCPU threads that joined
 * since the last drain.  A thread that has gone (ESRCH) or whose event
 * does not open keeps a ring that holds nothing.
 */
static void open_pending(void)
{
    Ring *r;

    QLIST_FOREACH(r, &rings, link) {
        if (r->pending && r->tid > 0) {
            struct perf_event_attr a = attr_template;

            if (ring_map(r, &a, r->tid)) {
                r->pending = false;
            } else {
                r->tid = -1;    /* stays pending: drain_ring() skips it */
            }
        }
    }
}

static void drain_all(bool watch)
{
    Ring *r;

    qemu_mutex_lock(&rings_lock);
    if (!clock_source && !paused_until) {
        open_pending();
    }
    QLIST_FOREACH(r, &rings, link) {
        drain_ring(r);
    }
    if (++drains % HEAT_HALF_LIFE == 0) {
        decay();
    }
    /* The first look only takes the counts: take it at once. */
    if (watch && qatomic_read(&ready) &&
        (!watch_begun || drains % SWITCH_LOOK_DRAINS == 0)) {
        watch_begun = true;
        watch_switches();
    }
    qemu_mutex_unlock(&rings_lock);
}

/* The clock source's ticks between drains: its questions and answers. */
static void clock_tick_all(void)
{
    Ring *r;

    qemu_mutex_lock(&rings_lock);
    QLIST_FOREACH(r, &rings, link) {
        clock_tick(r);
    }
    qemu_mutex_unlock(&rings_lock);
}

static void *drainer_main(void *opaque)
{
    /* By itself: see optimizer_main() (llvm-backend/optimizer.c). */
    pthread_setname_np(pthread_self(), "hybrid-sample");
    hybrid_private_fds();
    if (!drainer_probed) {
        drainer_probed = true;
        probe();
        qemu_event_set(&probed);
    }
    for (unsigned tick = 1;; tick++) {
        if (clock_source) {
            g_usleep(CLOCK_TICK_MS * 1000);
            if (tick % (DRAIN_MS / CLOCK_TICK_MS)) {
                clock_tick_all();
                continue;
            }
        } else {
            g_usleep(DRAIN_MS * 1000);
        }
        drain_all(true);
        look_affords();
        /* Waiting jobs may have become hot enough (HYBRID_QUEUE_MIN_HEAT). */
        hybrid_queue_kick_if_pending();
    }
    return NULL;
}

/*
 * Like the optimizer's: all signals blocked, and no exit on failure (the
 * guest may have lowered RLIMIT_NPROC): false then.
 */
static bool start_drainer(void)
{
    pthread_attr_t attr;
    pthread_t thread;
    sigset_t all, old;
    int err;

    drainer_started = true;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    err = pthread_create(&thread, &attr, drainer_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return err == 0;
}

/* ---- threads --------------------------------------------------------- */

/*
 * The calling thread's ring.  An optimizer opens its own event (its
 * descriptor table is private: hybrid_private_fds()); a vCPU thread's
 * shares the guest's, so its event is opened by the drainer, for its
 * thread id, at the next drain: a guest that started threads while
 * another opened files saw open() return the wrong number 3,147 times in
 * 3 s when each new thread opened its own.
 */
void hybrid_sample_thread(bool optimizer)
{
    Ring *r;

    /* Called at every hot-counter helper call: keep this path short. */
    if (self_tried || !ready) {
        return;
    }
    self_tried = true;
    if (clock_source) {
        r = clock_ring(optimizer);
        if (!r) {
            return;
        }
    } else if (optimizer) {
        struct perf_event_attr a = attr_template;

        a.sample_type &= ~PERF_SAMPLE_STACK_USER;   /* see classify() */
        a.sample_stack_user = 0;
        r = g_new0(Ring, 1);
        r->optimizer = true;
        if (!ring_map(r, &a, 0)) {
            g_free(r);
            return;
        }
    } else {
        if (!thread_vcpu()) {
            return;
        }
        r = g_new0(Ring, 1);
        r->pending = true;
        r->tid = qemu_get_thread_id();
        r->cpu = thread_vcpu();
    }
    qemu_mutex_lock(&rings_lock);
    if (!stopped && !drainer_started && !start_drainer()) {
        /* Nothing would read the rings: hot counters decide alone. */
        stop_sampling("stopped: the drainer thread could not be made");
        stopped = true;
    }
    if (stopped) {
        qemu_mutex_unlock(&rings_lock);
        if (r->meta) {
            munmap(r->meta, r->map_size);
        }
        g_free(r);
        return;
    }
    QLIST_INSERT_HEAD(&rings, r, link);
    qemu_mutex_unlock(&rings_lock);
    self = r;
}

void hybrid_sample_thread_exit(void)
{
    Ring *r = self;

    if (!r) {
        return;
    }
    self = NULL;
    qemu_mutex_lock(&rings_lock);
    if (stopped) {
        /* stop_sampling() has unmapped and freed it already. */
        qemu_mutex_unlock(&rings_lock);
        return;
    }
    if (r->meta) {
        drain_ring(r);      /* a clock asks nothing of a thread that goes */
    }
    QLIST_REMOVE(r, link);
    qemu_mutex_unlock(&rings_lock);
    if (r->meta) {
        munmap(r->meta, r->map_size);
    }
    g_free(r);
}

void hybrid_sample_fork_start(void)
{
    if (ready) {
        qemu_mutex_lock(&rings_lock);
    }
}

void hybrid_sample_fork_end(bool child)
{
    if (!ready) {
        return;
    }
    qemu_mutex_unlock(&rings_lock);
    if (!child) {
        return;
    }
    /*
     * The rings were not inherited (MADV_DONTFORK) and neither was the
     * drainer: start again, with this thread, the child's only one.
     */
    QLIST_INIT(&rings);
    drainer_started = false;
    self = NULL;
    self_tried = false;
    memset(profile, 0, sizeof(profile));
    memset(seen, 0, sizeof(seen));
    memset(bins, 0, sizeof(bins));
    unplaced = lost = drains = called = called_rent = 0;
    affords = false;
    /* The child's clocks and switch counts start again from zero. */
    memset(&watch_last, 0, sizeof(watch_last));
    watch_last_cpu = paused_until = 0;
    watch_begun = false;
    pause_ns = PAUSE_FIRST_MS * SCALE_MS;
    pauses = 0;
    hybrid_sample_thread(false);
}

/* ---- report ------------------------------------------------------------ */

static uint32_t all_of(const ProfileEntry *e)
{
    return e->total + e->traced;
}

static int by_total(const void *a, const void *b)
{
    uint32_t x = all_of(*(ProfileEntry * const *)a);
    uint32_t y = all_of(*(ProfileEntry * const *)b);

    return x < y ? 1 : x > y ? -1 : 0;
}

void hybrid_sample_report(FILE *f)
{
    ProfileEntry *top[PROFILE_SIZE];
    uint64_t all = 0;
    int n = 0;

    if (self && qatomic_read(&ready)) {
        drain_all(false);       /* at exit, on a vCPU thread */
    }
    for (int i = 0; i < BIN_COUNT; i++) {
        all += bins[i];
    }
    if (!all && !qatomic_read(&ready)) {
        fprintf(f, "  %-28s none: %s\n", "samples",
                refused_why ? refused_why : "the tier is off");
        return;
    }
    fprintf(f, "  %-28s %" PRIu64 " (%s, 1 kHz of CPU time a thread)\n",
            "samples", all, event_desc);
    if (stopped) {
        fprintf(f, "    %s\n", refused_why);
    }
    if (pauses) {
        fprintf(f, "    %-26s %" PRIu64 " (context switches)\n", "paused",
                pauses);
    }
    for (int i = 0; i < BIN_COUNT && all; i++) {
        fprintf(f, "    %-26s %.1f%%\n", bin_names[i], 100.0 * bins[i] / all);
    }
    if (!stack_dumps && !clock_source) {
        fprintf(f, "    %-26s none: the kernel refused stack dumps\n",
                "caller found");
    } else if (bins[BIN_HELPERS] + bins[BIN_OTHER] && stack_dumps) {
        fprintf(f, "    %-26s %.1f%% of helpers and libraries "
                "(%.1f%% credited to TCG code: FP helpers it calls)\n",
                "caller found", 100.0 * called /
                (bins[BIN_HELPERS] + bins[BIN_OTHER]), 100.0 * called_rent /
                (bins[BIN_HELPERS] + bins[BIN_OTHER]));
    }
    if (lost || unplaced) {
        fprintf(f, "    %-26s %" PRIu64 " lost, %" PRIu64 " unplaced\n", "",
                lost, unplaced);
    }
    for (uint32_t i = 0; i < PROFILE_SIZE; i++) {
        if (all_of(&profile[i])) {
            top[n++] = &profile[i];
        }
    }
    qsort(top, n, sizeof(top[0]), by_total);
    for (int i = 0; i < n && i < 10 && all; i++) {
        const char *sym = lookup_symbol(top[i]->pc - 1);

        fprintf(f, "    %5.1f%% 0x%-12" PRIx64 " %-6s %s\n",
                100.0 * all_of(top[i]) / all, top[i]->pc - 1,
                top[i]->traced >= top[i]->total ? "trace" : "tcg", sym);
    }
}
