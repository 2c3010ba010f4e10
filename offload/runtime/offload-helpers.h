/*
 * Offload run time: TCG helpers, included by accel/tcg/hybrid-helpers.h
 * into QEMU's accel/tcg helper list.  No include guard: the helper
 * machinery includes this several times with different DEF_HELPER
 * definitions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/*
 * The body of a block that starts an offloaded function: call its
 * native version (index in the manifest), leave the return address in
 * env->pc.  Reads and writes guest registers, may longjmp: no flags.
 */
DEF_HELPER_FLAGS_2(offload_call, 0, void, env, i32)
