/*
 * Hybrid translator: host signals raised by LLVM trace code, and by a
 * tagged address in TCG code that skipped QEMU's tag removal (see
 * hybrid-signal.h and accel/tcg/hybrid-tbi.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "host-signal.h"
#include "qemu.h"
#include "user-internals.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-tbi.h"
#include "hybrid/linux-user/hybrid-signal.h"

int hybrid_host_signal(int host_sig, const siginfo_t *info, void *puc)
{
    if (host_sig == SIGBUS && info->si_code == SI_KERNEL &&
        hybrid_pc_in_trace(host_signal_pc(puc))) {
        return SIGSEGV;             /* #SS: a stack-segment #GP */
    }
    if (host_sig == SIGSEGV && info->si_code > 0) {
        /* Does not return if it restarts the instruction. */
        hybrid_tbi_fault(host_signal_pc(puc), info, host_signal_mask(puc),
                         thread_cpu);
    }
    return host_sig;
}
