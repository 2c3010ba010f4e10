/*
 * Hybrid translator: syscalls that change what traces may assume.
 *
 * While the guest has no handler for SIGSEGV or SIGBUS, a guest fault
 * ends the process, and nothing sees the registers it happened with:
 * traces then keep guest registers in host registers across guest memory
 * accesses (accel/tcg/hybrid-install.h, hybrid_faults_observed()).  The
 * sigaction that could install such a handler must not run beside one of
 * those traces, so it runs with the other CPUs stopped, and retires them
 * first.  do_syscall() brackets do_syscall1() with these two calls (hook
 * patch linux-user/patches/0016-syscall-hook.patch).  With -hybrid-stats
 * they also time the call (accel/tcg/hybrid-time.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LINUX_USER_SYSCALL_H
#define HYBRID_LINUX_USER_SYSCALL_H

/*
 * Before syscall @num with its first two arguments: stop the other CPUs
 * if it needs them stopped.  Returns what to pass to _end.
 */
bool hybrid_syscall_begin(int num, abi_long arg1, abi_long arg2);

/* After it: let them run again; @stopped is what _begin returned. */
void hybrid_syscall_end(bool stopped);

#endif /* HYBRID_LINUX_USER_SYSCALL_H */
