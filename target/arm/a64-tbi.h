/*
 * The address of a plain aarch64 load or store, for TCG.
 *
 * Owns: the one translator hook that lets an LDR, STR, LDP, STP, LD1..4
 * or ST1..4 use its address as the guest register holds it, without
 * QEMU 7.2's top-byte-ignore idiom, while accel/tcg/hybrid-tbi.h allows
 * it (-hybrid on, no tagged address seen yet; why that is exact: there).
 * translate-a64.c calls a64_tbi_plain() right after gen_mte_check1() or
 * gen_mte_checkN() in those six decoders only, where the address goes to
 * inline qemu_ld/st ops and nothing else (hook patch
 * target/arm/patches/0027-a64-tbi-plain-access.patch).  The idiom's ops
 * are then dead, and TCG's liveness pass drops them.
 *
 * Not with MTE (its checks are helpers that need the tag), nor with
 * alignment checks (their slow path reports the address).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_A64_TBI_H
#define HYBRID_A64_TBI_H

#include "tcg/tcg-op.h"
#include "hybrid/accel/tcg/hybrid-tbi.h"

/* @clean, just made from @dirty, becomes @dirty itself where allowed. */
static inline void a64_tbi_plain(DisasContext *s, TCGv_i64 clean,
                                 TCGv_i64 dirty)
{
#ifdef CONFIG_USER_ONLY
    if (hybrid_tbi_skip() && !s->mte_active[0] && !s->mte_active[1] &&
        !s->align_mem) {
        tcg_gen_mov_i64(clean, dirty);
    }
#endif
}

#endif /* HYBRID_A64_TBI_H */
