/*
 * Hybrid translator: the inlined floating-point fast path.
 *
 * Owns the host-FP fast path of QEMU's scalar vfp helpers add, sub, mul,
 * div, muladd (on a host with FMA only) and sqrt: the same "hardfloat"
 * path softfloat takes, under the same conditions (round to nearest
 * even, inexact already set, normal or zero inputs, a finite result not
 * too close to the limits), and the helper itself for every other case,
 * so results and flags are bit-exact; of the a64 compares (NZCV) when
 * both inputs are ordered, as softfloat compares on the host too; and of
 * neg and abs, which are the sign-bit operations softfloat does too.
 * The contract, and why it holds: docs/fp.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

typedef enum FpOp {
    FP_ADD, FP_SUB, FP_MUL, FP_DIV, FP_MULADD, FP_SQRT, FP_NEG, FP_ABS,
    FP_CMP
} FpOp;

/* Each helper: its operation, precision and number of TCG inputs. */
static const struct {
    FpOp op;
    unsigned bits;
    int nb_iargs;
} fp_info[HYBRID_FP_NB] = {
    [HYBRID_FP_ADDS] = { FP_ADD, 32, 3 },
    [HYBRID_FP_SUBS] = { FP_SUB, 32, 3 },
    [HYBRID_FP_MULS] = { FP_MUL, 32, 3 },
    [HYBRID_FP_DIVS] = { FP_DIV, 32, 3 },
    [HYBRID_FP_ADDD] = { FP_ADD, 64, 3 },
    [HYBRID_FP_SUBD] = { FP_SUB, 64, 3 },
    [HYBRID_FP_MULD] = { FP_MUL, 64, 3 },
    [HYBRID_FP_DIVD] = { FP_DIV, 64, 3 },
    [HYBRID_FP_MULADDS] = { FP_MULADD, 32, 4 },
    [HYBRID_FP_MULADDD] = { FP_MULADD, 64, 4 },
    [HYBRID_FP_SQRTS] = { FP_SQRT, 32, 2 },
    [HYBRID_FP_SQRTD] = { FP_SQRT, 64, 2 },
    [HYBRID_FP_NEGS] = { FP_NEG, 32, 1 },
    [HYBRID_FP_NEGD] = { FP_NEG, 64, 1 },
    [HYBRID_FP_ABSS] = { FP_ABS, 32, 1 },
    [HYBRID_FP_ABSD] = { FP_ABS, 64, 1 },
    [HYBRID_FP_CMPS] = { FP_CMP, 32, 3 },
    [HYBRID_FP_CMPES] = { FP_CMP, 32, 3 },
    [HYBRID_FP_CMPD] = { FP_CMP, 64, 3 },
    [HYBRID_FP_CMPED] = { FP_CMP, 64, 3 },
};

/*
 * Which inlined helper is @func, or -1.  muladd only on a host with FMA:
 * elsewhere llvm.fma becomes a call into libm, no better than the helper,
 * which softfloat then runs on libm's fma() itself.
 */
int tr_fp_helper_index(Tr *tr, void *func)
{
    for (int i = 0; i < HYBRID_FP_NB; i++) {
        if (tr->tgt->fp_helpers[i] && tr->tgt->fp_helpers[i] == func) {
            if (fp_info[i].op == FP_MULADD && !tr->tgt->host_fma) {
                return -1;
            }
            return i;
        }
    }
    return -1;
}

/* The helper a call op inlines (tr_do_fp_fast()), or -1: a plain call. */
int tr_fp_fast_index(Tr *tr, const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    int k;

    if (op->opc != INDEX_op_call || op->nb_oargs != 1) {
        return -1;
    }
    k = tr_fp_helper_index(tr, (void *)(uintptr_t)a[1 + op->nb_iargs]);
    return k >= 0 && fp_info[k].nb_iargs == op->nb_iargs ? k : -1;
}

/* Fields of an IEEE value held in an integer of @bits (32 or 64). */
static LLVMValueRef fp_abs_bits(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);

    return LLVMBuildAnd(tr->b, v, LLVMConstInt(ty, bits == 64 ?
                        0x7fffffffffffffffull : 0x7fffffffull, 0), "");
}

/* The magnitudes, as bits, of the smallest normal and of infinity. */
static uint64_t fp_min_normal(unsigned bits)
{
    return bits == 64 ? 0x0010000000000000ull : 0x00800000ull;
}

static uint64_t fp_inf(unsigned bits)
{
    return bits == 64 ? 0x7ff0000000000000ull : 0x7f800000ull;
}

/* Is magnitude @m in [lo, hi)?  One subtraction and one unsigned compare. */
static LLVMValueRef fp_mag_in(Tr *tr, LLVMValueRef m, uint64_t lo,
                              uint64_t hi)
{
    LLVMTypeRef ty = LLVMTypeOf(m);

    return LLVMBuildICmp(tr->b, LLVMIntULT,
                         LLVMBuildSub(tr->b, m, LLVMConstInt(ty, lo, 0), ""),
                         LLVMConstInt(ty, hi - lo, 0), "");
}

static LLVMValueRef fp_is_zero(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return LLVMBuildICmp(tr->b, LLVMIntEQ, fp_abs_bits(tr, v, bits),
                         LLVMConstInt(LLVMTypeOf(v), 0, 0), "");
}

/* Normal: the magnitude at least the smallest normal, below infinity. */
static LLVMValueRef fp_is_normal(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return fp_mag_in(tr, fp_abs_bits(tr, v, bits), fp_min_normal(bits),
                     fp_inf(bits));
}

static LLVMValueRef fp_is_zon(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return LLVMBuildOr(tr->b, fp_is_normal(tr, v, bits),
                       fp_is_zero(tr, v, bits), "");
}

/* Bit 31 or 63: the sign. */
static uint64_t fp_sign_bit(unsigned bits)
{
    return 1ull << (bits - 1);
}

/* neg and abs: float{32,64}_chs / _abs, the sign bit alone; no flags. */
static bool fp_sign_op(Tr *tr, const uint64_t *a, FpOp op, unsigned bits)
{
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMValueRef x = tr_get_as(tr, a[1], ity);

    return tr_set(tr, a[0], op == FP_NEG ?
        LLVMBuildXor(tr->b, x, LLVMConstInt(ity, fp_sign_bit(bits), 0), "") :
        LLVMBuildAnd(tr->b, x, LLVMConstInt(ity, fp_sign_bit(bits) - 1, 0), ""));
}

/*
 * softfloat's own conditions on the inputs for its host path, given
 * inexact already raised and round to nearest even (can_use_fpu()):
 *  - add, sub, mul: both zero or normal (float{32,64}_gen2);
 *  - div: the dividend zero or normal, the divisor normal;
 *  - muladd: all three zero or normal (float{32,64}_muladd);
 *  - sqrt: +0 or a positive normal (float{32,64}_sqrt).
 * A denormal input under FZ is flushed by softfloat first and then takes
 * its host path; here it takes the helper, which does the same.
 */
static LLVMValueRef fp_inputs_ok(Tr *tr, LLVMValueRef ok, FpOp op,
                                 LLVMValueRef *v, unsigned bits)
{
    LLVMBuilderRef b = tr->b;

    /* One statement per check: C leaves the order of arguments open. */
    ok = LLVMBuildAnd(b, ok, fp_is_zon(tr, v[0], bits), "");
    switch (op) {
    case FP_DIV:
        return LLVMBuildAnd(b, ok, fp_is_normal(tr, v[1], bits), "");
    case FP_MULADD:
        ok = LLVMBuildAnd(b, ok, fp_is_zon(tr, v[1], bits), "");
        return LLVMBuildAnd(b, ok, fp_is_zon(tr, v[2], bits), "");
    case FP_SQRT:
        return LLVMBuildAnd(b, ok,
            LLVMBuildICmp(b, LLVMIntSGE, v[0],
                          LLVMConstInt(LLVMTypeOf(v[0]), 0, 0), ""), "");
    default:
        return LLVMBuildAnd(b, ok, fp_is_zon(tr, v[1], bits), "");
    }
}

/*
 * The result of the fast path may need softfloat after all when it is
 * at or below the smallest normal (underflow, flush to zero); not when
 * softfloat's host path takes it as is: an exact zero sum or difference
 * of two zeros, a zero dividend, a zero product plus a zero or normal
 * addend (float{32,64}_muladd does no check then).
 */
static LLVMValueRef fp_post_check(Tr *tr, FpOp op, LLVMValueRef *v,
                                  unsigned bits)
{
    LLVMBuilderRef b = tr->b;
    LLVMValueRef zy, zx;

    if (op == FP_DIV) {
        return LLVMBuildNot(b, fp_is_zero(tr, v[0], bits), "");
    }
    zy = fp_is_zero(tr, v[1], bits);
    zx = fp_is_zero(tr, v[0], bits);
    return LLVMBuildNot(b, op == FP_MULADD ? LLVMBuildOr(b, zx, zy, "") :
                                             LLVMBuildAnd(b, zx, zy, ""), "");
}

/*
 * At the builder, on the helper's path: call helper @k.  No write-back
 * before it and no reload after it, unlike TCG (the helpers carry no
 * call flags, so TCG saves every global): each of fp_info[]'s helpers
 * reads its value arguments and its float_status alone, writes only the
 * float_status's flags, and cannot raise a guest exception (QEMU does
 * not trap FP exceptions), so env's registers are neither read nor
 * changed.  The write-back and reload cost a store, a load and a phi
 * per dirty global per FP op: nbody's one trace had 1055 phis and took
 * 250 ms of codegen (measured with -d hybrid).  The caller restores
 * tr->restore_set where the paths meet (the fast path stored no id).
 */
static LLVMValueRef fp_helper_call(Tr *tr, int k, LLVMTypeRef rty,
                                   LLVMTypeRef *ptys, LLVMValueRef *args,
                                   int n)
{
    LLVMValueRef callee;

    tr_set_restore_point(tr);
    callee = LLVMConstIntToPtr(LLVMConstInt(tr->i64,
                               (uintptr_t)tr->tgt->fp_helpers[k], 0), tr->ptr);
    return LLVMBuildCall2(tr->b, LLVMFunctionType(rty, ptys, n, false),
                          callee, args, n, "");
}

/*
 * At the builder: the value is @fast where @ok holds, else helper @k's
 * on @args.  One branch to a block of its own that calls the helper;
 * the host result is computed before it, in the block that tests it,
 * so an FP op adds two blocks to the trace (four with separate fast,
 * overflow and tiny blocks cost nbody's trace 30% more codegen time).
 */
static LLVMValueRef fp_or_helper(Tr *tr, LLVMValueRef ok, LLVMValueRef fast,
                                 int k, LLVMTypeRef *ptys,
                                 LLVMValueRef *args, int n)
{
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef rty = LLVMTypeOf(fast);
    LLVMBasicBlockRef slow, merge, in_b[2];
    LLVMValueRef in_v[2], r;
    bool restore_set = tr->restore_set;

    slow = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_soft");
    merge = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_done");
    in_v[0] = fast;
    in_b[0] = LLVMGetInsertBlock(b);
    LLVMBuildCondBr(b, ok, merge, slow);

    LLVMPositionBuilderAtEnd(b, slow);
    in_v[1] = fp_helper_call(tr, k, rty, ptys, args, n);
    in_b[1] = LLVMGetInsertBlock(b);
    LLVMBuildBr(b, merge);

    LLVMPositionBuilderAtEnd(b, merge);
    tr->restore_set = restore_set;      /* the fast path stored none */
    r = LLVMBuildPhi(b, rty, "");
    LLVMAddIncoming(r, in_v, in_b, 2);
    return r;
}

/*
 * NZCV = vfp_cmp{,e}{s,d}_a64(a, b, fpst): fcmp, fcmpe, fccmp, fccmpe.
 * softfloat's float{32,64}_hs_compare compares on the host whenever
 * the inputs (flushed under FZ) are ordered, with no other condition:
 * an ordered compare raises no flag, quiet or signalling, in any
 * rounding mode.  Here both inputs must be zero, normal or infinite
 * (not NaN: the helper raises invalid and gives unordered; not
 * denormal: under FZ the helper flushes it and raises input denormal).
 */
static bool fp_compare(Tr *tr, const uint64_t *a, int k, unsigned bits)
{
    const HybridTarget *t = tr->tgt;
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMValueRef v[2], ok, fx, fy, r, args[3];
    LLVMTypeRef ptys[3];

    v[0] = tr_get_as(tr, a[1], ity);
    v[1] = tr_get_as(tr, a[2], ity);
    ok = NULL;
    for (int i = 0; i < 2; i++) {
        /* Zero, or from the smallest normal up to infinity included. */
        LLVMValueRef o = LLVMBuildOr(b, fp_is_zero(tr, v[i], bits),
            fp_mag_in(tr, fp_abs_bits(tr, v[i], bits), fp_min_normal(bits),
                      fp_inf(bits) + 1), "");

        ok = ok ? LLVMBuildAnd(b, ok, o, "") : o;
    }
    fx = LLVMBuildBitCast(b, v[0], fty, "");
    fy = LLVMBuildBitCast(b, v[1], fty, "");
    r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOLT, fx, fy, ""),
                        LLVMConstInt(tr->i64, t->nzcv_less, 0),
                        LLVMConstInt(tr->i64, t->nzcv_greater, 0), "");
    r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOEQ, fx, fy, ""),
                        LLVMConstInt(tr->i64, t->nzcv_equal, 0), r, "");
    ptys[0] = ptys[1] = ity;
    ptys[2] = tr->ptr;
    args[0] = v[0];
    args[1] = v[1];
    args[2] = LLVMBuildIntToPtr(b, tr_get_as(tr, a[3], tr->i64), tr->ptr, "");
    r = fp_or_helper(tr, ok, r, k, ptys, args, 3);
    return tr_set(tr, a[0], r);
}

/*
 * r = helper(inputs..., fpst or env) for the helpers of fp_info[], with
 * the host path of softfloat inline, as softfloat has it:
 *   inexact already raised, round to nearest even, the inputs of
 *   fp_inputs_ok(): the host result is the correctly rounded one (fma:
 *   with its single rounding) and raises no flag softfloat would not
 *   have raised already, but overflow: an infinite result takes the
 *   helper, which raises it, and so does a result at or below the
 *   smallest normal (fp_post_check()), for underflow and flushing.
 *   sqrt of +0 or a positive normal can neither overflow nor underflow.
 *   Everything else: the helper.
 * Neither path writes env back or reloads it (fp_helper_call()).
 * The host computes in SSE with MXCSR as QEMU leaves it: round to
 * nearest even, no FTZ/DAZ, exceptions masked.
 */
bool tr_do_fp_fast(Tr *tr, const HybridOp *op, const uint64_t *a, int k)
{
    const HybridTarget *t = tr->tgt;
    FpOp fop = fp_info[k].op;
    unsigned bits = fp_info[k].bits;
    int nv = fp_info[k].nb_iargs - 1;     /* value inputs; then fpst/env */
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMTypeRef rmty = LLVMIntTypeInContext(tr->ctx, 8 * t->fpst_rmode_size);
    LLVMBuilderRef b = tr->b;
    LLVMValueRef v[3], fv[3], fpst, flags, rm, ok, r, ri;
    LLVMValueRef off, args[4];
    LLVMTypeRef ptys[4];

    if (fop == FP_NEG || fop == FP_ABS) {
        return fp_sign_op(tr, a, fop, bits);
    }
    if (fop == FP_CMP) {
        return fp_compare(tr, a, k, bits);
    }
    for (int i = 0; i < nv; i++) {
        v[i] = tr_get_as(tr, a[1 + i], ity);
    }
    if (fop == FP_SQRT) {
        /* helper_vfp_sqrt{s,d}(a, env) use env->vfp.fp_status. */
        off = LLVMConstInt(tr->i64, t->env_fpst_offset, 0);
        fpst = LLVMBuildGEP2(b, tr->i8, tr->env, &off, 1, "");
    } else {
        fpst = LLVMBuildIntToPtr(b, tr_get_as(tr, a[1 + nv], tr->i64),
                                 tr->ptr, "");
    }

    off = LLVMConstInt(tr->i64, t->fpst_flags_offset, 0);
    flags = LLVMBuildLoad2(b, tr->i16,
                           LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");
    off = LLVMConstInt(tr->i64, t->fpst_rmode_offset, 0);
    rm = LLVMBuildLoad2(b, rmty, LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");

    ok = LLVMBuildAnd(b,
        LLVMBuildICmp(b, LLVMIntNE,
                      LLVMBuildAnd(b, flags, LLVMConstInt(tr->i16, t->flag_inexact, 0), ""),
                      LLVMConstInt(tr->i16, 0, 0), ""),
        LLVMBuildICmp(b, LLVMIntEQ, rm, LLVMConstInt(rmty, t->rmode_nearest_even, 0), ""), "");
    ok = fp_inputs_ok(tr, ok, fop, v, bits);

    for (int i = 0; i < nv; i++) {
        fv[i] = LLVMBuildBitCast(b, v[i], fty, "");
    }
    switch (fop) {
    case FP_ADD:
        r = LLVMBuildFAdd(b, fv[0], fv[1], "");
        break;
    case FP_SUB:
        r = LLVMBuildFSub(b, fv[0], fv[1], "");
        break;
    case FP_MUL:
        r = LLVMBuildFMul(b, fv[0], fv[1], "");
        break;
    case FP_DIV:
        r = LLVMBuildFDiv(b, fv[0], fv[1], "");
        break;
    case FP_MULADD:
        r = tr_call_intrinsic(tr, "llvm.fma", fty, fv, 3);
        break;
    default:
        r = tr_call_intrinsic(tr, "llvm.sqrt", fty, fv, 1);
        break;
    }
    ri = LLVMBuildBitCast(b, r, ity, "");
    if (fop != FP_SQRT) {
        /*
         * Kept: a normal result (above the smallest normal, below
         * infinity), or any result where fp_post_check() says softfloat
         * keeps it (those are zeros or the normal addend, never
         * infinite).  An infinite result goes to the helper, which
         * computes it again and raises overflow.
         */
        LLVMValueRef keep = LLVMBuildOr(b,
            fp_mag_in(tr, fp_abs_bits(tr, ri, bits), fp_min_normal(bits) + 1,
                      fp_inf(bits)),
            LLVMBuildNot(b, fp_post_check(tr, fop, v, bits), ""), "");

        ok = LLVMBuildAnd(b, ok, keep, "");
    }
    for (int i = 0; i < nv; i++) {
        ptys[i] = ity;
        args[i] = v[i];
    }
    ptys[nv] = tr->ptr;
    args[nv] = fop == FP_SQRT ? tr->env : fpst;
    r = fp_or_helper(tr, ok, ri, k, ptys, args, nv + 1);
    return tr_set(tr, a[0], r);
}
