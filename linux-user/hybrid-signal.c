/*
 * Hybrid translator: host signals raised by LLVM trace code
 * (see hybrid-signal.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "host-signal.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/linux-user/hybrid-signal.h"

int hybrid_host_signal(int host_sig, const siginfo_t *info, void *puc)
{
    if (host_sig == SIGBUS && info->si_code == SI_KERNEL &&
        hybrid_pc_in_trace(host_signal_pc(puc))) {
        return SIGSEGV;             /* #SS: a stack-segment #GP */
    }
    return host_sig;
}
