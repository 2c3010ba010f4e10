/*
 * Hybrid translator: TCG helpers, included into QEMU's accel/tcg helper
 * list (tcg-runtime.h, by accel/tcg/patches/0005).  No include guard:
 * the helper machinery includes this several times with different
 * DEF_HELPER definitions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/*
 * Called from a TB's entry stub when its counter runs out; runs the
 * installed trace (returns 1: continue with lookup_and_goto_ptr) or
 * counts the head hot (returns 0: run the TB as usual).  Reads and writes
 * every global, so no call flags.
 */
DEF_HELPER_FLAGS_2(hybrid_enter, 0, i32, env, ptr)

/*
 * An indirect-branch cache missed (hybrid-ic.c): helper_lookup_tb_ptr,
 * then remember the TB in the site.  Reads the PC global like it.
 */
DEF_HELPER_FLAGS_2(hybrid_ic_miss, TCG_CALL_NO_WG, cptr, env, ptr)

/*
 * An indirect branch without a cache yet (hybrid-ic.c):
 * helper_lookup_tb_ptr, and count; the TB is translated again with
 * caches once a site of it has run IC_HOT_RUNS times.
 */
DEF_HELPER_FLAGS_2(hybrid_ic_cold, TCG_CALL_NO_WG, cptr, env, ptr)

/* The offload run time's helpers (offload/runtime/). */
#include "hybrid/offload/runtime/offload-helpers.h"
