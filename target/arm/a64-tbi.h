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
 * target/arm/patches/0027-a64-tbi-plain-access.patch).  The idiom's ops,
 * just emitted, are taken out again.
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

/* Is @op "opc out, in, x" (x: @c's temp, or any constant if @c is NULL)? */
static inline bool a64_tbi_op_is(TCGOp *op, TCGOpcode opc, TCGv_i64 out,
                                 TCGv_i64 in, TCGv_i64 c)
{
    TCGTemp *x;

    if (!op || op->opc != opc || arg_temp(op->args[0]) != tcgv_i64_temp(out)
        || arg_temp(op->args[1]) != tcgv_i64_temp(in)) {
        return false;
    }
    x = arg_temp(op->args[2]);
    return c ? x == tcgv_i64_temp(c) : x->kind == TEMP_CONST && x->val == 8;
}

/*
 * Drop the idiom just emitted for @clean from @dirty if it is there:
 * shl clean, dirty, 8; sar clean, clean, 8; and clean, clean, dirty
 * (gen_top_byte_ignore() with TBI0 on an x86-64 host).  Liveness would
 * drop it anyway once @clean is overwritten; removing it here saves the
 * optimizer and liveness passes three ops an access.
 */
static inline void a64_tbi_drop_idiom(TCGv_i64 clean, TCGv_i64 dirty)
{
    TCGOp *and = tcg_last_op();
    TCGOp *sar = and ? QTAILQ_PREV(and, link) : NULL;
    TCGOp *shl = sar ? QTAILQ_PREV(sar, link) : NULL;

    if (a64_tbi_op_is(and, INDEX_op_and_i64, clean, clean, dirty) &&
        a64_tbi_op_is(sar, INDEX_op_sar_i64, clean, clean, NULL) &&
        a64_tbi_op_is(shl, INDEX_op_shl_i64, clean, dirty, NULL)) {
        tcg_op_remove(tcg_ctx, and);
        tcg_op_remove(tcg_ctx, sar);
        tcg_op_remove(tcg_ctx, shl);
    }
}

/* @clean, just made from @dirty, becomes @dirty itself where allowed. */
static inline void a64_tbi_plain(DisasContext *s, TCGv_i64 clean,
                                 TCGv_i64 dirty)
{
#ifdef CONFIG_USER_ONLY
    if (hybrid_tbi_skip() && !s->mte_active[0] && !s->mte_active[1] &&
        !s->align_mem) {
        a64_tbi_drop_idiom(clean, dirty);
        tcg_gen_mov_i64(clean, dirty);
    }
#endif
}

#endif /* HYBRID_A64_TBI_H */
