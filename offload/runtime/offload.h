/*
 * Offload run time: the hooks QEMU calls (-offload FILE).
 *
 * This header is the whole surface the rest of qemu-aarch64 sees of the
 * offload run time: the option, the start-up hook, the translator hook
 * that binds an offloaded function's entry to its native version, the
 * syscall hook that ends a host-to-guest call, and the exit report.
 * The contract with offload objects is offload/include/offload-abi.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_RUNTIME_OFFLOAD_H
#define OFFLOAD_RUNTIME_OFFLOAD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct DisasContextBase;

/*
 * The guest syscall number of the "return from a host-to-guest call"
 * stub: unused by Linux on aarch64, so a guest issuing it by itself gets
 * ENOSYS as before.
 */
#define OFFLOAD_MAGIC_SYSCALL 0xfe0f

/* -offload FILE / QEMU_OFFLOAD (linux-user/hybrid-options.c). */
void offload_set_path(const char *path);

/*
 * Hook (linux-user main, once the guest is loaded and guest_base is
 * final): load and check the offload object, if one was given.  Any
 * problem is a warning and the program runs fully emulated.
 */
void offload_init(const char *exec_path);

/* Is @pc the entry of a function bound to native code? */
bool offload_is_bound(uint64_t pc);

/*
 * Hook (translator_loop, first instruction of a block): if the block
 * starts an offloaded function, emit the native call in place of the
 * instruction, end the block and return true.
 */
bool offload_gen_call(struct DisasContextBase *db);

/*
 * Hook (top of do_syscall): the guest executed the return stub of a
 * host-to-guest call; jump back to the native caller.  Returns (and the
 * syscall goes on as usual) when it is not one of ours.
 */
void offload_syscall_hook(CPUArchState *env, int num);

/* Print the offload part of -hybrid-stats to @f. */
void offload_stats_report(FILE *f);

#endif /* OFFLOAD_RUNTIME_OFFLOAD_H */
