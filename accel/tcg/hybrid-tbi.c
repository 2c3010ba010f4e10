/*
 * Hybrid translator: plain guest loads and stores without QEMU's
 * top-byte-ignore idiom, until a tagged address shows up (the why and
 * the invariants: hybrid-tbi.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/cpu_ldst.h"
#include "tcg/tcg.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-tbi.h"

/* Raw addresses in new TBs: -hybrid on, -hybrid-tbi on, no tag seen yet. */
static bool hybrid_tbi_raw;

/*
 * Set while TBs translated in raw mode may still exist: from
 * hybrid_tbi_init() to the first tb_flush() after the mode went exact.
 */
static bool raw_code;

/* The guest PC of the access that ended raw mode, for the log. */
static uint64_t fault_pc;

void hybrid_tbi_init(bool debugger)
{
    /*
     * A debugger's watchpoints and single steps see the accesses, and
     * nothing here is worth a difference there.
     */
    hybrid_tbi_raw = hybrid_config.enabled && hybrid_config.tbi &&
                     !debugger;
    raw_code = hybrid_tbi_raw;
}

bool hybrid_tbi_skip(void)
{
    /* The recorder's blocks keep QEMU's ops: see hybrid-tbi.h. */
    return qatomic_read(&hybrid_tbi_raw) && !hybrid_capturing;
}

/*
 * Could the exact address differ from @si_addr, the one that faulted?
 * A #GP (SI_KERNEL) gives no address: a non-canonical one, as a tag
 * makes.  With 5-level paging a tag of 0xff can be canonical, a kernel
 * address: then the page fault names it.
 */
static bool tagged_fault(const siginfo_t *info)
{
    uint64_t addr = (uintptr_t)info->si_addr;

    return info->si_code == SI_KERNEL ||
           ((addr >> 56) != 0 && !(addr & (1ull << 55)));
}

void hybrid_tbi_fault(uintptr_t host_pc, const siginfo_t *info,
                      const sigset_t *mask, CPUState *cpu)
{
    if (!qatomic_read(&raw_code) || !tagged_fault(info) ||
        helper_retaddr != 0 ||          /* in a helper: clean addresses */
        /* Not in TCG's buffer: a trace (its ops are QEMU's) or not ours. */
        !in_code_gen_buffer((const void *)(host_pc - tcg_splitwx_diff))) {
        return;
    }
    /*
     * The state at the instruction, as for any fault (the pc as
     * adjust_signal_pc() makes it for generated code).  Not a block's
     * code (the prologue): QEMU's own handling, as before.
     */
    if (!cpu_restore_state(cpu, host_pc + GETPC_ADJ)) {
        return;
    }
    qatomic_set(&hybrid_tbi_raw, false);
    qatomic_inc(&hybrid_stats.tbi_restarts);
    if (!qatomic_read(&fault_pc)) {
        qatomic_set(&fault_pc, ((CPUArchState *)cpu->env_ptr)->pc);
    }
    /* Queued before the restart: the next TB entry leaves for it. */
    tb_flush(cpu);
    sigprocmask(SIG_SETMASK, mask, NULL);
    cpu_loop_exit_noexc(cpu);
}

void hybrid_tbi_flushed(void)
{
    if (!qatomic_read(&raw_code) || qatomic_read(&hybrid_tbi_raw)) {
        return;
    }
    qatomic_set(&raw_code, false);
    hybrid_log_event("tagged address at guest pc 0x%" PRIx64 ": plain "
                     "loads and stores strip tags from now on",
                     (uint64_t)qatomic_read(&fault_pc));
}
