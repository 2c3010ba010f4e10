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
 * Counters.  Each is updated atomically by whichever thread does the
 * work; they are only read for the report, so no ordering is needed
 * between them.
 */
typedef struct HybridStats {
    uint64_t tcg_blocks;       /* blocks translated by TCG */
    uint64_t tcg_guest_insns;  /* guest instructions in those blocks */
    uint64_t tcg_code_bytes;   /* host code emitted by TCG */
    uint64_t heads_hot;        /* heads whose counter ran out */
    uint64_t heads_blacklisted;
    uint64_t heads_no_cycle;   /* hot, but on no chained cycle */
    uint64_t heads_same_region; /* unprofitable region recorded again */
    uint64_t heads_acyclic;    /* regions that end at a return instead */
    uint64_t heads_covered;    /* inside another trace: its region */
    uint64_t traces_recorded;  /* queued for the optimizer */
    uint64_t trace_blocks;     /* blocks in those traces */
    uint64_t traces_compiled;
    uint64_t traces_rejected;  /* by reason: hybrid_note_reject() */
    uint64_t traces_dropped;   /* code changed before install */
    uint64_t traces_dropped_room; /* the coldest, past the queue's bounds */
    uint64_t traces_installed;
    uint64_t traces_invalidated;
    uint64_t traces_unprofitable;  /* left too soon on average: unlinked */
    uint64_t trace_entries;    /* times a trace was run */
    uint64_t trace_faults;     /* ... and left by a fault or exception */
    uint64_t trace_steps;      /* block-to-block moves inside traces */
    uint64_t trace_ns;         /* time inside traces (with -hybrid-stats) */
    uint64_t opt_ns;           /* optimizer busy time (wall clock) */
    uint64_t opt_cpu_ns;       /* the CPU time of that */
    uint64_t queue_wait_ns;    /* recorded -> optimizer picked it up */
    uint64_t opt_budget_wait_ns; /* optimizer waiting for -hybrid-budget */
    uint64_t jit_code_bytes;   /* host code emitted by LLVM */
    uint64_t ic_sites;         /* indirect-branch caches (hybrid-ic.c) */
    uint64_t ic_misses;        /* lookups they could not answer */
} HybridStats;

extern HybridConfig hybrid_config;
extern HybridStats hybrid_stats;

/* Bumped by tb_flush: work recorded before it is stale. */
extern uint64_t hybrid_generation;

/* Is the LLVM tier running in this process (on, built, started)? */
bool hybrid_active(void);

/* Count a rejected trace under @why (a string literal). */
void hybrid_note_reject(const char *why);

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

/* Print the statistics summary to @f. */
void hybrid_stats_report(FILE *f);

#endif /* HYBRID_ACCEL_TCG_HYBRID_H */
