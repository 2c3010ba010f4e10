/*
 * Hybrid translator: the inlined floating-point fast path.
 *
 * Owns the host-FP fast path of QEMU's add/sub/mul/div helpers: the same
 * "hardfloat" path softfloat takes, under the same conditions (round to
 * nearest even, inexact already set, normal or zero inputs, a finite
 * result not too close to the limits), and the helper itself for every
 * other case, so results and flags are bit-exact.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

enum { FP_ADD, FP_SUB, FP_MUL, FP_DIV };

int tr_fp_helper_index(Tr *tr, void *func)
{
    for (int i = 0; i < 8; i++) {
        if (tr->tgt->fp_helpers[i] && tr->tgt->fp_helpers[i] == func) {
            return i;
        }
    }
    return -1;
}

/* Fields of an IEEE value held in an integer of @bits (32 or 64). */
static LLVMValueRef fp_abs_bits(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);

    return LLVMBuildAnd(tr->b, v, LLVMConstInt(ty, bits == 64 ?
                        0x7fffffffffffffffull : 0x7fffffffull, 0), "");
}

static LLVMValueRef fp_exp(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);
    unsigned mant = bits == 64 ? 52 : 23;
    uint64_t emax = bits == 64 ? 0x7ff : 0xff;

    return LLVMBuildAnd(tr->b,
                        LLVMBuildLShr(tr->b, v, LLVMConstInt(ty, mant, 0), ""),
                        LLVMConstInt(ty, emax, 0), "");
}

static LLVMValueRef fp_is_zero(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return LLVMBuildICmp(tr->b, LLVMIntEQ, fp_abs_bits(tr, v, bits),
                         LLVMConstInt(LLVMTypeOf(v), 0, 0), "");
}

static LLVMValueRef fp_is_normal(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMTypeOf(v);
    LLVMValueRef e = fp_exp(tr, v, bits);

    return LLVMBuildAnd(tr->b,
        LLVMBuildICmp(tr->b, LLVMIntNE, e, LLVMConstInt(ty, 0, 0), ""),
        LLVMBuildICmp(tr->b, LLVMIntNE, e,
                      LLVMConstInt(ty, bits == 64 ? 0x7ff : 0xff, 0), ""), "");
}

static LLVMValueRef fp_is_zon(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return LLVMBuildOr(tr->b, fp_is_normal(tr, v, bits),
                       fp_is_zero(tr, v, bits), "");
}

/*
 * r = helper(a, b, fpst) for the vfp add/sub/mul/div helpers, with the
 * fast path of softfloat's float{32,64}_gen2 inline:
 *   inexact already raised, round to nearest even, both inputs zero or
 *   normal (divisor normal): the host result is the correctly rounded
 *   one; an infinite result raises overflow; a result at or below the
 *   smallest normal (but exact zeros from zero inputs) takes the helper,
 *   which sorts out underflow and flushing.  Everything else: the helper.
 * The helper's path writes env back before the call (as TCG would for
 * the helper) and reloads afterwards; the fast path touches no global.
 */
bool tr_do_fp_fast(Tr *tr, const HybridOp *op, const uint64_t *a, int k)
{
    const HybridTarget *t = tr->tgt;
    unsigned bits = k < 4 ? 32 : 64;
    int kind = k & 3;
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMTypeRef rmty = LLVMIntTypeInContext(tr->ctx, 8 * t->fpst_rmode_size);
    LLVMBuilderRef b = tr->b;
    LLVMBasicBlockRef fast, ovf, chk, slow, merge, from_ovf, from_chk, from_slow;
    LLVMValueRef x, y, fpst, pflags, flags, rm, ok, r, ri, tiny, post, phi;
    LLVMValueRef off, callee, args[3], helper_r, in_v[3];
    LLVMBasicBlockRef in_b[3];
    LLVMTypeRef ptys[3];
    GSet dirty;
    bool restore_set;

    x = tr_get_as(tr, a[1], ity);
    y = tr_get_as(tr, a[2], ity);
    fpst = LLVMBuildIntToPtr(b, tr_get_as(tr, a[3], tr->i64), tr->ptr, "");

    off = LLVMConstInt(tr->i64, t->fpst_flags_offset, 0);
    pflags = LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, "");
    flags = LLVMBuildLoad2(b, tr->i16, pflags, "");
    off = LLVMConstInt(tr->i64, t->fpst_rmode_offset, 0);
    rm = LLVMBuildLoad2(b, rmty, LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");

    ok = LLVMBuildAnd(b,
        LLVMBuildICmp(b, LLVMIntNE,
                      LLVMBuildAnd(b, flags, LLVMConstInt(tr->i16, t->flag_inexact, 0), ""),
                      LLVMConstInt(tr->i16, 0, 0), ""),
        LLVMBuildICmp(b, LLVMIntEQ, rm, LLVMConstInt(rmty, t->rmode_nearest_even, 0), ""), "");
    ok = LLVMBuildAnd(b, ok, fp_is_zon(tr, x, bits), "");
    ok = LLVMBuildAnd(b, ok, kind == FP_DIV ? fp_is_normal(tr, y, bits) :
                                              fp_is_zon(tr, y, bits), "");

    fast = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_fast");
    ovf = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_overflow");
    chk = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_tiny");
    slow = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_soft");
    merge = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_done");
    LLVMBuildCondBr(b, ok, fast, slow);

    LLVMPositionBuilderAtEnd(b, fast);
    {
        LLVMValueRef fx = LLVMBuildBitCast(b, x, fty, "");
        LLVMValueRef fy = LLVMBuildBitCast(b, y, fty, "");

        r = kind == FP_ADD ? LLVMBuildFAdd(b, fx, fy, "") :
            kind == FP_SUB ? LLVMBuildFSub(b, fx, fy, "") :
            kind == FP_MUL ? LLVMBuildFMul(b, fx, fy, "") :
                             LLVMBuildFDiv(b, fx, fy, "");
    }
    ri = LLVMBuildBitCast(b, r, ity, "");
    LLVMBuildCondBr(b, LLVMBuildICmp(b, LLVMIntEQ, fp_abs_bits(tr, ri, bits),
                                     LLVMConstInt(ity, bits == 64 ?
                                         0x7ff0000000000000ull : 0x7f800000ull, 0), ""),
                    ovf, chk);

    LLVMPositionBuilderAtEnd(b, ovf);
    LLVMBuildStore(b, LLVMBuildOr(b, flags,
                                  LLVMConstInt(tr->i16, t->flag_overflow, 0), ""),
                   pflags);
    from_ovf = LLVMGetInsertBlock(b);
    LLVMBuildBr(b, merge);

    LLVMPositionBuilderAtEnd(b, chk);
    /* |r| <= smallest normal, as bits: at most 0x0010... / 0x0080.... */
    tiny = LLVMBuildICmp(b, LLVMIntULE, fp_abs_bits(tr, ri, bits),
                         LLVMConstInt(ity, bits == 64 ? 0x0010000000000000ull :
                                                        0x00800000ull, 0), "");
    post = kind == FP_DIV ? LLVMBuildNot(b, fp_is_zero(tr, x, bits), "") :
           LLVMBuildNot(b, LLVMBuildAnd(b, fp_is_zero(tr, x, bits),
                                        fp_is_zero(tr, y, bits), ""), "");
    from_chk = LLVMGetInsertBlock(b);
    LLVMBuildCondBr(b, LLVMBuildAnd(b, tiny, post, ""), slow, merge);

    /*
     * Only the helper's path syncs env as TCG would before the call: the
     * fast path reads no global, and a write-back on it cost a store per
     * dirty global per FP op (dirty_step() keeps them dirty after it).
     * matmul 4.11 -> 4.01 s, stencil 4.66 -> 4.54 s.
     */
    LLVMPositionBuilderAtEnd(b, slow);
    dirty = tr->dirty;
    restore_set = tr->restore_set;
    tr_set_restore_point(tr);
    tr_write_back_some(tr, true, false);   /* the helper reads no vregs */
    ptys[0] = ity;
    ptys[1] = ity;
    ptys[2] = tr->ptr;
    args[0] = x;
    args[1] = y;
    args[2] = fpst;
    callee = LLVMConstIntToPtr(LLVMConstInt(tr->i64,
                               (uintptr_t)t->fp_helpers[k], 0), tr->ptr);
    helper_r = LLVMBuildCall2(b, LLVMFunctionType(ity, ptys, 3, false),
                              callee, args, 3, "");
    tr_reload_some(tr, true, false);
    tr->dirty = dirty;
    from_slow = LLVMGetInsertBlock(b);
    LLVMBuildBr(b, merge);

    LLVMPositionBuilderAtEnd(b, merge);
    tr->restore_set = restore_set;      /* the fast path stored none */
    phi = LLVMBuildPhi(b, ity, "");
    in_v[0] = ri;
    in_b[0] = from_ovf;
    in_v[1] = ri;
    in_b[1] = from_chk;
    in_v[2] = helper_r;
    in_b[2] = from_slow;
    LLVMAddIncoming(phi, in_v, in_b, 3);
    return tr_set(tr, a[0], phi);
}
