/*
 * Hybrid translator: host signals raised by LLVM trace code, and by
 * tagged addresses in TCG code.
 *
 * A host memory operand based on %rbp or %rsp uses the stack segment: a
 * non-canonical address there (a wild guest pointer) raises #SS, which
 * Linux reports as SIGBUS with si_code SI_KERNEL, where the same access
 * through any other register raises #GP, a SIGSEGV.  TCG code keeps env
 * in %rbp and never puts a guest address there; LLVM may.  So that the
 * guest sees the SIGSEGV TCG would give, host_signal_handler() passes
 * the host signal through hybrid_host_signal() first (hook patch
 * linux-user/patches/0017-host-signal-hook.patch).
 *
 * A SIGSEGV in TCG code translated without QEMU's tag removal may be a
 * tagged address: hybrid_tbi_fault() (accel/tcg/hybrid-tbi.h) then runs
 * the instruction again, exactly, and the guest sees no signal.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LINUX_USER_SIGNAL_H
#define HYBRID_LINUX_USER_SIGNAL_H

/*
 * The host signal to handle in place of @host_sig (from context @puc);
 * does not return when the fault was ours to restart.
 */
int hybrid_host_signal(int host_sig, const siginfo_t *info, void *puc);

#endif /* HYBRID_LINUX_USER_SIGNAL_H */
