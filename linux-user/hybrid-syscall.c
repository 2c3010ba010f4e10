/*
 * Hybrid translator: syscalls that change what traces may assume
 * (see hybrid-syscall.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "hw/core/cpu.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-time.h"
#include "hybrid/accel/tcg/hybrid-sample.h"
#include "hybrid/linux-user/hybrid-syscall.h"

/*
 * Could syscall @num install a handler for a fault signal?  Any new
 * disposition counts: telling SIG_DFL from a handler would mean reading
 * guest memory here, and programs set these signals rarely.
 */
static bool may_catch_faults(int num, abi_long sig, abi_long act)
{
    return num == TARGET_NR_rt_sigaction && act != 0 &&
           (sig == TARGET_SIGSEGV || sig == TARGET_SIGBUS);
}

bool hybrid_syscall_begin(int num, abi_long arg1, abi_long arg2)
{
    if (hybrid_config.stats) {
        /* Traces never run in a system call: not emulation time. */
        hybrid_time_syscall_begin(num == TARGET_NR_exit);
    }
    if (num == TARGET_NR_exit) {
        hybrid_sample_thread_exit();
    } else {
        /* Threads start being sampled at their first system call. */
        hybrid_sample_thread(false);
    }
    if (!may_catch_faults(num, arg1, arg2) || !hybrid_active() ||
        hybrid_faults_observed()) {
        return false;
    }
    /*
     * The caller runs no guest code now (cpu_exec_end() came before the
     * syscall), so it counts as stopped itself; the others leave their
     * traces at the next exit poll.
     */
    start_exclusive();
    hybrid_observe_faults();
    return true;
}

void hybrid_syscall_end(bool stopped)
{
    if (stopped) {
        end_exclusive();
    }
    if (hybrid_config.stats) {
        hybrid_time_syscall_end();
    }
}
