/*
 * Hybrid translator: run-time configuration and statistics.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "hybrid/hybrid-config.h"
#include "hybrid/accel/tcg/hybrid.h"

HybridConfig hybrid_config = {
    /*
     * Plain TCG until the LLVM tier is complete and proven correct;
     * -hybrid off must stay bit-for-bit QEMU 7.2.
     */
    .enabled = false,
    .stats = false,
};

HybridStats hybrid_stats;

bool hybrid_llvm_available(void)
{
#ifdef CONFIG_HYBRID_LLVM
    return true;
#else
    return false;
#endif
}

void hybrid_tb_translated(unsigned guest_insns, size_t host_code_bytes)
{
    /* Translation is rare next to execution: a locked add costs nothing. */
    qatomic_add(&hybrid_stats.tcg_blocks, 1);
    qatomic_add(&hybrid_stats.tcg_guest_insns, guest_insns);
    qatomic_add(&hybrid_stats.tcg_code_bytes, host_code_bytes);
}

static const char *hybrid_mode_name(void)
{
    if (!hybrid_config.enabled) {
        return "off (plain TCG)";
    }
    if (!hybrid_llvm_available()) {
        return "on, but this build has no LLVM tier: plain TCG";
    }
    return "on (LLVM trace tier not active yet: plain TCG)";
}

void hybrid_stats_report(FILE *f)
{
    fprintf(f, "qemu-hybrid statistics (pid %d)\n", (int)getpid());
    fprintf(f, "  %-28s %s\n", "mode", hybrid_mode_name());
    fprintf(f, "  %-28s %" PRIu64 "\n", "TCG blocks translated",
            qatomic_read(&hybrid_stats.tcg_blocks));
    fprintf(f, "  %-28s %" PRIu64 "\n", "TCG guest insns translated",
            qatomic_read(&hybrid_stats.tcg_guest_insns));
    fprintf(f, "  %-28s %" PRIu64 "\n", "TCG host code bytes",
            qatomic_read(&hybrid_stats.tcg_code_bytes));
}

void hybrid_process_exit(void)
{
    if (hybrid_config.stats) {
        hybrid_stats_report(stderr);
        fflush(stderr);
    }
}
