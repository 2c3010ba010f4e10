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

typedef struct HybridConfig {
    bool enabled;          /* -hybrid on: traces may be compiled by LLVM */
    bool stats;            /* -hybrid-stats: print a summary at exit */
} HybridConfig;

/*
 * Counters.  Each is updated atomically by whichever thread does the
 * work; they are only read for the report, so no ordering is needed
 * between them.
 */
typedef struct HybridStats {
    uint64_t tcg_blocks;       /* blocks translated by TCG */
    uint64_t tcg_guest_insns;  /* guest instructions in those blocks */
    uint64_t tcg_code_bytes;   /* host code emitted by TCG */
} HybridStats;

extern HybridConfig hybrid_config;
extern HybridStats hybrid_stats;

/* Is the LLVM tier compiled into this binary? */
bool hybrid_llvm_available(void);

/* Hook: TCG has just generated host code for a block. */
void hybrid_tb_translated(unsigned guest_insns, size_t host_code_bytes);

/* Hook: the guest process is about to end (exit or fatal signal). */
void hybrid_process_exit(void);

/* Print the statistics summary to @f. */
void hybrid_stats_report(FILE *f);

#endif /* HYBRID_ACCEL_TCG_HYBRID_H */
