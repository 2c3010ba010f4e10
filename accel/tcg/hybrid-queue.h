/*
 * Hybrid translator, stage 3: the queue between emulation threads and the
 * optimizer threads.
 *
 * A job is one recorded trace.  Invariants, all under the queue's lock:
 *  - a pending job's blocks are all valid: invalidating one of them
 *    (hybrid_queue_drop_tb()) drops the job at once;
 *  - no two pending jobs have the same head pc: the newer one supersedes
 *    the older, which is dropped at once;
 *  - the pending jobs hold at most HYBRID_QUEUE_MAX_JOBS jobs and
 *    HYBRID_QUEUE_MAX_BYTES bytes.  While they are full, heads do not
 *    record (hybrid_queue_has_room()) unless a pending job is cold; a
 *    push past the bounds drops cold jobs, else the new one;
 *  - a tb_flush drops every pending job (hybrid_queue_flush()).
 * A dropped job's head may record again later (see job_drop()).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_QUEUE_H
#define HYBRID_ACCEL_TCG_QUEUE_H

#include "qemu/queue.h"
#include "qemu/thread.h"
#include "hybrid/accel/tcg/hybrid-optimizer.h"
#include "hybrid/accel/tcg/hybrid-slot.h"

typedef struct HybridJob {
    QTAILQ_ENTRY(HybridJob) link; /* in the queue while pending */
    HybridSlot *head;             /* where the trace will be installed */
    TranslationBlock **tbs;       /* the blocks, in ir.blocks order */
    HybridSlot **members;         /* their slots, but the head's (or NULL) */
    uint32_t nb_tbs;
    uint64_t generation;          /* hybrid_generation when recorded */
    int64_t queued_ns;            /* for the queue-wait statistic */
    uint32_t hits_at_push;        /* head's waiting_hits when queued */
    size_t bytes;                 /* memory it holds (hybrid_job_bytes) */
    bool acyclic;                 /* region ends at returns, no cycle */
    bool covered;                 /* the region of the trace covering its
                                     head (hybrid_record()) */
    uint32_t merges;              /* live traces it merges, when popped */
    bool held;                    /* popped: its blocks still counted */
    bool faults_fatal;            /* translated while a guest fault was
                                     fatal (hybrid_faults_observed()) */
    uint32_t saves_pct;           /* of its TCG time (saves_pct()) */
    HybridTraceIR ir;
} HybridJob;

/*
 * Bounds of the pending jobs.  A job holds its trace IR: a one-block
 * loop of 5 instructions takes about 2 KiB, a 300-instruction block
 * about 45 KiB, a full 64-block region a few hundred KiB (trimmed,
 * hybrid_trace_ir_trim()).  The optimizer compiles 20 to 100 small
 * traces a second, so 256 jobs are seconds of work: a job that waits
 * behind that many belongs to a loop that will likely have ended.
 * Before the bounds, a guest JIT that kept writing hot code queued
 * 10,000 jobs of 90 KiB (900 MiB) in 10 s (tests/hybrid/churn.c).
 */
#define HYBRID_QUEUE_MAX_JOBS 256
#define HYBRID_QUEUE_MAX_BYTES (8 * 1024 * 1024)

/*
 * A job whose head has not run out of its counter again for this long
 * since it was queued is cold: a loop that is still hot runs its
 * threshold (50 entries) far more often.
 */
#define HYBRID_QUEUE_COLD_NS (200 * 1000 * 1000)

HybridJob *hybrid_job_new(HybridSlot *head, uint32_t nb_blocks);
void hybrid_job_free(HybridJob *job);

void hybrid_queue_init(void);

/*
 * Is there room for one more job?  While there is none, heads wait
 * instead of recording traces that would only be dropped: the
 * optimizer, not the recorder, sets the pace.  Cheap when there is.
 */
bool hybrid_queue_has_room(void);

/*
 * Emulation thread: queue @job (taken over).  Only waits for the
 * queue's lock, which nobody holds for longer than a look through the
 * (bounded) pending jobs.
 */
void hybrid_queue_push(HybridJob *job);

/*
 * Optimizer thread, holding @busy: the next job to compile, the one
 * whose head ran out of its counter most often while waiting (with
 * @ran_again: only one whose head did so since it was queued).  Sleeps
 * with @busy released while there is none; returns NULL when woken
 * (hybrid_queue_kick()) with nothing queued, so that the caller can
 * free dead traces.  fork() takes every optimizer's busy lock, so it
 * never splits an optimizer in the middle of its work.
 */
HybridJob *hybrid_queue_pop(QemuMutex *busy, bool ran_again);
void hybrid_queue_kick(void);
/* The same, only when jobs wait (the sampler, after each drain). */
void hybrid_queue_kick_if_pending(void);

/*
 * Does a pending job, or one an optimizer compiles, hold @tb?  Then
 * translating @tb again would drop it (hybrid_hot_promote() asks).
 */
bool hybrid_queue_holds_tb(TranslationBlock *tb);

/* Hook (TB invalidation, install_lock held): drop the jobs holding @tb. */
void hybrid_queue_drop_tb(TranslationBlock *tb);

/* Hook (tb_flush, every vCPU stopped): drop every pending job. */
void hybrid_queue_flush(void);

/*
 * The optimizer side, through the operations it registered
 * (hybrid-optimizer.h; llvm-backend/optimizer.c).  Without one, a job is
 * freed and the optimizer is never ready.
 */
void hybrid_optimizer_submit(HybridJob *job);
void hybrid_optimizer_wake(void);
/*
 * True once the optimizers run: the process has used -hybrid-warmup ms
 * of CPU time.  Heads that get hot sooner are not recorded yet.
 */
bool hybrid_optimizer_ready(void);
/* The same, but only looks: never reads the clock, never starts them. */
bool hybrid_optimizer_running(void);
/* Is an optimizer waiting for its CPU budget (-hybrid-budget)? */
bool hybrid_optimizer_throttled(void);

/*
 * While the optimizer waits for its budget, this many pending jobs are
 * enough: recording more only costs the emulation threads translations
 * (on gawk, 282 traces recorded for 8 compiled) for jobs that would wait
 * behind them.
 */
#define HYBRID_QUEUE_THROTTLED_JOBS 16

/*
 * Samples (hybrid_sample_heat(), halved every 200 ms) a job's blocks need
 * before it is compiled: 3 is about 1% of a thread's time lately.  Not
 * with -hybrid-budget 0, which compiles everything (the tests' hot mode).
 */
#define HYBRID_QUEUE_MIN_HEAT 3

/*
 * The price of a compile (surplus_us() in hybrid-queue.c).  Loading LLVM,
 * bought once with the first trace by the jobs that paid for themselves
 * together: with qemu-hybrid-llvm.so (llvm-backend/link-llvm-lib.sh),
 * 20-28 ms of the optimizer's CPU time (sox, lame, ptrchase, accum,
 * sha256; -d hybrid's "LLVM loaded"), and the first compile's own set-up,
 * about 10 ms (codegen of a first small trace 14-19 ms, of the next 8-9).
 * Debian's libLLVM-16.so.1 took 69-70 ms of CPU (accum, ptrchase, sha256,
 * ours hidden): with it the first compile waits longer than it needs to,
 * never shorter.  An op, before any is
 * compiled: translation, passes and code generation took 60-100 us a TCG
 * op on integer regions (perl, 1,129-1,370 ops) and 104-378 us on float
 * ones (lame, 614-2,719 ops), -d hybrid at 3ad3c0f.  A short process
 * (a test binary) whose regions never pay for it does not load LLVM.
 */
#define HYBRID_QUEUE_LLVM_LOAD_MS 30
#define HYBRID_QUEUE_PRIOR_NS_PER_OP (150 * 1000)

/*
 * The share of its TCG time a region saves as a trace: a trace runs its
 * loop about twice as fast as TCG (tests/bench, integer kernels, 1.6-2x
 * against -hybrid off), the same figure as the optimizer's earned budget
 * (llvm-backend/optimizer.c).
 */
#define HYBRID_QUEUE_SAVES_PCT 50

/*
 * ... and a region of float code saves more: each inlined FP op is a
 * helper call in TCG code (float32_mul() alone is 25 instructions on its
 * fast path, before the call's own) and a few instructions in a trace (tests/bench FP kernels: 2.0-3.7x
 * against -hybrid off).  A region gains HYBRID_QUEUE_FP_SAVES_PCT points
 * per inlined FP call per guest instruction, up to
 * HYBRID_QUEUE_MAX_SAVES_PCT: most of lame's and sox's regions reach
 * it.  Assuming 50% for them too kept them in TCG code for most of the
 * run: lame's regions waited 1.7-2.2 s to compile in a 4 s run.  With
 * this, 7 interleaved runs (wall / CPU): lame 1.055 / 1.052, sox 1.097
 * / 1.061; integer regions keep 50%.
 */
#define HYBRID_QUEUE_FP_SAVES_PCT 100
#define HYBRID_QUEUE_MAX_SAVES_PCT 90

/*
 * The share of the time of the traces it merges that a region is taken
 * to save (merged_samples() in hybrid-queue.c): their exits and entries,
 * the TCG glue between them.  A first estimate, not a measurement: with
 * it, tests/hybrid/merge.c's outer region is compiled as soon as it is
 * recorded (its traces had earned 85-400 ms by then), sha256's 0.3 s
 * after; what merged regions save across programs is not measured yet.
 */
#define HYBRID_QUEUE_MERGE_SAVES_PCT 25

#endif /* HYBRID_ACCEL_TCG_QUEUE_H */
