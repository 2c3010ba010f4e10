/*
 * Hybrid translator: run-time configuration and statistics.
 *
 * This header owns the state every stage of the hybrid tier shares: the
 * mode chosen on the command line (plain TCG or TCG + LLVM traces) and
 * the counters printed by -hybrid-stats.  The stages themselves (hot
 * counting, trace recording, the optimizer queue, the LLVM translator,
 * the patcher) live in files of their own and only report here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_HYBRID_H
#define HYBRID_ACCEL_TCG_HYBRID_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "hybrid/accel/tcg/hybrid-reject.h"
#include "hybrid/linux-user/hybrid-options.def"

/*
 * The options of linux-user/hybrid-options.def, one field each: bool for
 * on/off and flags, int for numbers (-hybrid-threshold: entries before a
 * head is hot, -hybrid-warmup: process CPU time in ms before the
 * optimizer loads LLVM and compiles, ...).
 */
#define HYBRID_CONFIG_FIELD_BOOL(field) bool field;
#define HYBRID_CONFIG_FIELD_FLAG(field) bool field;
#define HYBRID_CONFIG_FIELD_INT(field) int field;
#define HYBRID_CONFIG_FIELD_FUNC(field)
#define HYBRID_CONFIG_FIELD(kind, name, env, field, dflt, min, max, arg,     \
                            help, note)                                      \
    HYBRID_CONFIG_FIELD_##kind(field)
typedef struct HybridConfig {
    HYBRID_OPTIONS(HYBRID_CONFIG_FIELD)
} HybridConfig;
#undef HYBRID_CONFIG_FIELD

/* A head that failed this often is never tried again. */
#define HYBRID_MAX_FAILURES 4

/*
 * Counters, in the order -hybrid-stats prints them, as
 * X(field, how, label): how is
 *   TCG       counted with the tier off too: always printed
 *   COUNT     printed while the tier is active
 *   REJECTS   COUNT, then the count of each reject reason seen
 *   MS        nanoseconds, printed in ms
 *   MS_SHARE  MS, then its share of the emulation threads' time
 * Each is updated atomically by whichever thread does the work; they are
 * only read for the report, so no ordering is needed between them.
 */
#define HYBRID_STATS(X)                                                      \
    X(tcg_blocks, TCG, "TCG blocks translated")                              \
    X(tcg_guest_insns, TCG, "TCG guest insns translated")  /* in them */     \
    X(tcg_code_bytes, TCG, "TCG host code bytes")                            \
    X(tbi_restarts, TCG, "TCG tagged-address restarts")  /* hybrid-tbi.h */ \
    /* translated again for the samples (hybrid_hot_promote()) */            \
    X(blocks_promoted, COUNT, "blocks sampled, edges counted")               \
    X(heads_hot, COUNT, "hot heads")    /* heads whose counter ran out */    \
    X(heads_no_cycle, COUNT, "  on no cycle") /* hot, on no chained cycle */ \
    X(heads_same_region, COUNT, "  unprofitable region again")               \
    X(heads_acyclic, COUNT, "  regions to a return") /* not to the head */   \
    X(heads_covered, COUNT, "  inside another trace")  /* its region */      \
    X(heads_blacklisted, COUNT, "heads blacklisted")                         \
    X(traces_recorded, COUNT, "traces recorded")  /* queued to optimize */   \
    X(trace_blocks, COUNT, "  blocks in them")                               \
    X(traces_compiled, COUNT, "traces compiled")                             \
    X(compiled_ops, COUNT, "  TCG ops in them")  /* the cost model's unit */ \
    /* compiled over live traces, earning from them (hybrid-queue.c) */     \
    X(traces_merging, COUNT, "  merging other traces")                       \
    X(traces_installed, COUNT, "traces installed")                           \
    X(traces_rejected, REJECTS, "traces rejected")  /* hybrid_note_reject */ \
    X(traces_dropped, COUNT, "traces dropped (stale)") /* code changed */    \
    /* the coldest, past the queue's bounds */                               \
    X(traces_dropped_room, COUNT, "traces dropped (no room)")                \
    X(traces_invalidated, COUNT, "traces invalidated")                       \
    /* left too soon on average: unlinked */                                 \
    X(traces_unprofitable, COUNT, "traces unprofitable")                     \
    X(trace_entries, COUNT, "trace entries")  /* times a trace was run */    \
    X(trace_faults, COUNT, "  left by a fault")  /* or an exception */       \
    X(trace_steps, COUNT, "  block moves inside")  /* block to block */      \
    X(jit_code_bytes, COUNT, "LLVM host code bytes")                         \
    X(ic_sites, COUNT, "indirect-branch caches")  /* hybrid-ic.c */          \
    X(ic_misses, COUNT, "  misses (full lookups)")                           \
    X(ic_cold_misses, COUNT, "  cold sites' full lookups")                   \
    /* wall time inside traces, summed over threads (-hybrid-stats) */       \
    X(trace_ns, MS_SHARE, "time in traces (ms)")                             \
    X(opt_ns, MS, "optimizer time (ms)")  /* busy, wall clock */             \
    X(opt_cpu_ns, MS, "  of it on a CPU (ms)")                               \
    /* translate + compile of the traces compiled, on a CPU */               \
    X(compile_cpu_ns, MS, "  compiling traces (ms)")                         \
    /* the optimizer waiting for -hybrid-budget */                           \
    X(opt_budget_wait_ns, MS, "  waiting, over budget (ms)")                 \
    X(queue_wait_ns, MS, "queue wait (ms)")  /* recorded -> picked up */

#define HYBRID_STATS_FIELD(field, how, label) uint64_t field;
typedef struct HybridStats {
    HYBRID_STATS(HYBRID_STATS_FIELD)
} HybridStats;
#undef HYBRID_STATS_FIELD

extern HybridConfig hybrid_config;
extern HybridStats hybrid_stats;

/* Bumped by tb_flush: work recorded before it is stale. */
extern uint64_t hybrid_generation;

/* Is the LLVM tier running in this process (on, built, started)? */
bool hybrid_active(void);

/*
 * Is @func one of the scalar FP helpers the LLVM tier inlines?  The
 * sampler credits their time to the calling block, the queue expects
 * more from regions that call them.
 */
bool hybrid_fp_helper(const void *func);

/*
 * Our threads (the optimizers, the sampler's drainer) call this first:
 * their own copy of the descriptor table, with every descriptor closed
 * but the log's and -perfmap's, so that what they open and close never
 * takes a number the guest's next open() should get.
 */
void hybrid_private_fds(void);

/* Count a rejected trace under @why (hybrid-reject.h). */
void hybrid_note_reject(HybridReject why);

/*
 * Hook (main, after tcg_prologue_init): start the tier if enabled.
 * @debugger: a gdbstub will watch the guest (-g), and see its faults.
 */
void hybrid_init(bool debugger);

/* Hooks (fork_start / fork_end in linux-user/main.c). */
void hybrid_fork_start(void);
void hybrid_fork_end(bool child);

/* Is the LLVM tier compiled into this binary? */
bool hybrid_llvm_available(void);

/* Hook: TCG has just generated host code for a block. */
void hybrid_tb_translated(TranslationBlock *tb, size_t host_code_bytes);

/* Hook: the guest process is about to end (exit or fatal signal). */
void hybrid_process_exit(void);

/*
 * -d hybrid: one line for a decision of the tier (a head recorded, a job
 * queued, compiled or dropped, a trace installed or unlinked), stamped
 * with the milliseconds since the tier started, so that a run's log
 * reads as its timeline.  Cheap when the category is off.
 */
void hybrid_log_event(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void hybrid_log_eventv(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);

/* Print the statistics summary to @f. */
void hybrid_stats_report(FILE *f);

#endif /* HYBRID_ACCEL_TCG_HYBRID_H */
