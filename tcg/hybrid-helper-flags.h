/*
 * Hybrid translator: helpers that touch no TCG global, told to TCG.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TCG_HELPER_FLAGS_H
#define HYBRID_TCG_HELPER_FLAGS_H

/*
 * With -hybrid on, before the first block is translated: the helpers
 * @funcs (n of them; it may be called more than once) are called as if
 * declared TCG_CALL_NO_RWG (hybrid-helper-flags.c says why that is
 * exact for which).
 */
void hybrid_helper_flags_init(void *const *funcs, int n);

/*
 * tcg_gen_callN()'s hook: the helper information to record for a call
 * of @func, whose own is @info (an opaque TCGHelperInfo, which only
 * tcg/ may look into).  @info itself unless hybrid_helper_flags_init()
 * named @func.
 */
const void *hybrid_helper_info(void *func, const void *info);

#endif /* HYBRID_TCG_HELPER_FLAGS_H */
