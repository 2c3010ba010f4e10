/*
 * Shared macros for the offload test programs (aarch64 Linux, C).
 *
 * Every program prints only what must be the same under plain emulation
 * and with -offload (values, checksums, symbolic names), and ends with
 * "<name>: done".  The check.sh of this directory reads the "//!" lines
 * of each program: which functions qemu-offload-cc must offload, which it
 * must refuse (and why), which must be entered from guest code (a call
 * count above 0 in -hybrid-stats), and the expected exit status.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_TEST_H
#define OFFLOAD_TEST_H

#include <stdint.h>

/* A function meant to be offloaded: keep it a real guest function. */
#define OFFLOAD_FN __attribute__((noinline))

/*
 * An empty inline asm: the function containing it is not eligible for
 * offload (inline asm), so it stays emulated guest code.  Test drivers
 * (main, comparators, callbacks) use it so that the guest side of each
 * boundary is known.
 */
#define GUEST_ONLY() __asm__ volatile("" ::: "memory")

/* Checksum step (FNV-1a over a 64-bit value). */
#define MIX(h, v) ((h) = ((h) ^ (uint64_t)(v)) * 0x100000001b3ull)
#define MIX_INIT 0xcbf29ce484222325ull

#endif /* OFFLOAD_TEST_H */
