/*
 * Hybrid translator: the inlined floating-point fast path.
 *
 * Owns the host-FP fast path of QEMU's scalar vfp helpers add, sub, mul,
 * div, muladd (on a host with FMA only), sqrt, the conversions between
 * single and double and from integers, and min/max: the host computes the
 * operation and its result is kept where it is provably softfloat's
 * (the environment guard, once per trace: inexact already raised, round
 * to nearest even, FZ clear; and a check of the result), the helper
 * runs for every other case, so results and flags are bit-exact; of the
 * a64 compares (NZCV) when
 * both inputs are ordered, as softfloat compares on the host too; and of
 * neg and abs, which are the sign-bit operations softfloat does too.
 * The contract, and why it holds: docs/fp.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include <float.h>
#include <math.h>
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

typedef enum FpOp {
    FP_ADD, FP_SUB, FP_MUL, FP_DIV, FP_MULADD, FP_SQRT, FP_NEG, FP_ABS,
    FP_CMP, FP_SITOF, FP_UITOF, FP_WIDEN, FP_NARROW, FP_MAX, FP_MIN
} FpOp;

/*
 * Each helper: its operation, precision (of the result) and number of
 * TCG inputs; for the conversions from integers, the integer's width.
 */
static const struct {
    FpOp op;
    unsigned bits;
    int nb_iargs;
    unsigned ibits;
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
    [HYBRID_FP_SQTOS] = { FP_SITOF, 32, 3, 64 },
    [HYBRID_FP_UQTOS] = { FP_UITOF, 32, 3, 64 },
    [HYBRID_FP_SQTOD] = { FP_SITOF, 64, 3, 64 },
    [HYBRID_FP_UQTOD] = { FP_UITOF, 64, 3, 64 },
    [HYBRID_FP_SITOS] = { FP_SITOF, 32, 2, 32 },
    [HYBRID_FP_UITOS] = { FP_UITOF, 32, 2, 32 },
    [HYBRID_FP_SITOD] = { FP_SITOF, 64, 2, 32 },
    [HYBRID_FP_UITOD] = { FP_UITOF, 64, 2, 32 },
    [HYBRID_FP_CVTDS] = { FP_WIDEN, 64, 2 },
    [HYBRID_FP_CVTSD] = { FP_NARROW, 32, 2 },
    [HYBRID_FP_MAXS] = { FP_MAX, 32, 3 },
    [HYBRID_FP_MINS] = { FP_MIN, 32, 3 },
    [HYBRID_FP_MAXNUMS] = { FP_MAX, 32, 3 },
    [HYBRID_FP_MINNUMS] = { FP_MIN, 32, 3 },
    [HYBRID_FP_MAXD] = { FP_MAX, 64, 3 },
    [HYBRID_FP_MIND] = { FP_MIN, 64, 3 },
    [HYBRID_FP_MAXNUMD] = { FP_MAX, 64, 3 },
    [HYBRID_FP_MINNUMD] = { FP_MIN, 64, 3 },
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
 * Is the host's result @r (as bits) of @op on @v the one softfloat gives,
 * with no flag but inexact?  Given, as fp_env_ok() makes sure, inexact
 * already raised, round to nearest even and neither input nor output
 * flushing (FPCR.FZ clear):
 *  - a result above the smallest normal and below infinity: every input
 *    was finite (a NaN or an infinity gives a NaN, an infinity or, for
 *    x / inf, a zero), both sides round the exact result correctly (a
 *    denormal input is an exact value to both: no flush, no IDC), and it
 *    was not tiny (an exact result below the smallest normal rounds to at
 *    most that), so no underflow, and no overflow;
 *  - add, sub: any finite result.  A sum below the smallest normal is
 *    exact (both inputs are multiples of the smallest denormal), so it
 *    raises nothing, and a zero one has IEEE's sign on both sides;
 *  - mul with an input zero, div with a zero dividend: a zero result is
 *    exact (0 * inf and 0 / 0 are NaNs, refused);
 *  - muladd with a or b zero: a finite result is the addend, or a signed
 *    zero, exactly;
 *  - sqrt: anything but a NaN (sqrt of a negative or of a NaN): +-0,
 *    +inf and the root of a positive number, denormal or not, are exact
 *    or inexact alone.
 * Everything else goes to the helper: overflow, underflow, NaNs, and
 * the zero or denormal results of mul, div and muladd that may be tiny.
 */
static LLVMValueRef fp_keep(Tr *tr, FpOp op, LLVMValueRef *fv,
                            LLVMValueRef r, unsigned bits)
{
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef fty = LLVMTypeOf(r);
    LLVMValueRef m;
    LLVMValueRef zero = LLVMConstReal(fty, 0.0);
    LLVMValueRef finite, normal, exact;

    /*
     * In the host's FP compares (exact; MXCSR's DAZ is off, so a denormal
     * is not zero): the values stay in XMM registers, where the integer
     * tests of their bits moved each to a general register and back.
     */
    if (op == FP_SQRT) {
        return LLVMBuildFCmp(b, LLVMRealORD, r, zero, "");
    }
    m = tr_call_intrinsic(tr, "llvm.fabs", fty, &r, 1);
    finite = LLVMBuildFCmp(b, LLVMRealOLT, m, LLVMConstReal(fty, INFINITY), "");
    if (op == FP_ADD || op == FP_SUB) {
        return finite;
    }
    normal = LLVMBuildAnd(b, finite,
        LLVMBuildFCmp(b, LLVMRealOGT, m,
                      LLVMConstReal(fty, bits == 64 ? DBL_MIN : FLT_MIN), ""),
        "");
    exact = LLVMBuildFCmp(b, LLVMRealOEQ, fv[0], zero, "");
    if (op != FP_DIV) {
        exact = LLVMBuildOr(b, exact,
                            LLVMBuildFCmp(b, LLVMRealOEQ, fv[1], zero, ""), "");
    }
    exact = LLVMBuildAnd(b, exact, op == FP_MULADD ? finite :
                         LLVMBuildFCmp(b, LLVMRealOEQ, r, zero, ""), "");
    return LLVMBuildOr(b, normal, exact, "");
}

/*
 * Does the float_status at @fpst let the host compute (fp_keep())?
 * Inexact already raised (FPSR.IXC), round to nearest even (FPCR.RMode
 * = RN), no flushing (FPCR.FZ = 0).
 */
static LLVMValueRef fp_env_ok(Tr *tr, LLVMValueRef fpst)
{
    const HybridTarget *t = tr->tgt;
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef rmty = LLVMIntTypeInContext(tr->ctx, 8 * t->fpst_rmode_size);
    LLVMValueRef off, flags, rm, ftz, fiz, ok;

    off = LLVMConstInt(tr->i64, t->fpst_flags_offset, 0);
    flags = LLVMBuildLoad2(b, tr->i16,
                           LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");
    off = LLVMConstInt(tr->i64, t->fpst_rmode_offset, 0);
    rm = LLVMBuildLoad2(b, rmty, LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");
    off = LLVMConstInt(tr->i64, t->fpst_ftz_offset, 0);
    ftz = LLVMBuildLoad2(b, tr->i8, LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");
    off = LLVMConstInt(tr->i64, t->fpst_fiz_offset, 0);
    fiz = LLVMBuildLoad2(b, tr->i8, LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");

    ok = LLVMBuildICmp(b, LLVMIntNE,
                       LLVMBuildAnd(b, flags, LLVMConstInt(tr->i16, t->flag_inexact, 0), ""),
                       LLVMConstInt(tr->i16, 0, 0), "");
    ok = LLVMBuildAnd(b, ok,
                      LLVMBuildICmp(b, LLVMIntEQ, rm,
                                    LLVMConstInt(rmty, t->rmode_nearest_even, 0), ""), "");
    return LLVMBuildAnd(b, ok,
                        LLVMBuildICmp(b, LLVMIntEQ, LLVMBuildOr(b, ftz, fiz, ""),
                                      LLVMConstInt(tr->i8, 0, 0), ""), "");
}

/*
 * The environment guard, once per trace rather than once per op.  What
 * fp_env_ok() reads changes only by a write to the float_status: the
 * inlined helpers only add flags (inexact stays raised), and FPCR and
 * FPSR are written by other helpers (msr, the frontend's set_rmode) or,
 * in principle, by a store to env.  So each float_status the trace's FP
 * ops use (env plus a constant: the frontend's fpstatus_ptr()) gets an
 * i1 slot, set at entry and again after every helper call that may have
 * side effects and every store that may reach it; the ops read the
 * slot.  Per op this took nbody's trace from 5 loads, 4 compares and a
 * phi of the flags after each helper path to one register.
 */
/* The env offset of the float_status @op (helper @k) uses, if constant. */
static bool fp_status_offset(Tr *tr, const HybridBlock *blk,
                             const HybridOp *op, int k, int64_t *off)
{
    const uint64_t *a = &tr->ir->args[op->args];
    int nv = fp_info[k].nb_iargs - 1;

    switch (fp_info[k].op) {
    case FP_NEG:
    case FP_ABS:
    case FP_CMP:
        return false;               /* no environment guard */
    case FP_SQRT:
    case FP_WIDEN:
    case FP_NARROW:
        *off = tr->tgt->env_fpst_offset;
        return true;
    default:
        return tr_env_offset_of(tr, blk, op - tr->ir->ops, a[1 + nv], off);
    }
}

static LLVMValueRef fp_env_ptr(Tr *tr, int64_t off)
{
    LLVMValueRef o = LLVMConstInt(tr->i64, off, 0);

    return LLVMBuildGEP2(tr->b, tr->i8, tr->env, &o, 1, "");
}

void tr_fp_env_init(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;

    tr->fp_out = LLVMBuildAlloca(tr->b, tr->i64, "fpout");
    tr->nb_fp_env = 0;
    for (uint32_t bi = 0; bi < ir->nb_blocks; bi++) {
        const HybridBlock *blk = &ir->blocks[bi];

        for (uint32_t i = blk->first_op; i < blk->first_op + blk->nb_ops; i++) {
            const HybridOp *op = &ir->ops[i];
            int k = tr_fp_fast_index(tr, op), e;
            int64_t off;

            if (k < 0 || !fp_status_offset(tr, blk, op, k, &off)) {
                continue;
            }
            for (e = 0; e < tr->nb_fp_env && tr->fp_env[e].off != off; e++) {
            }
            if (e == tr->nb_fp_env && e < ARRAY_SIZE(tr->fp_env)) {
                tr->fp_env[e].off = off;
                tr->fp_env[e].slot = LLVMBuildAlloca(tr->b, tr->i1, "fpenv");
                tr->nb_fp_env++;
            }
        }
    }
    tr_fp_env_refresh(tr);
}

void tr_fp_env_refresh(Tr *tr)
{
    for (int e = 0; e < tr->nb_fp_env; e++) {
        LLVMBuildStore(tr->b, fp_env_ok(tr, fp_env_ptr(tr, tr->fp_env[e].off)),
                       tr->fp_env[e].slot);
    }
}

/* A store of @size bytes at env + @off (@env_base), or anywhere else. */
void tr_fp_env_stored(Tr *tr, bool env_base, int64_t off, unsigned size)
{
    for (int e = 0; e < tr->nb_fp_env; e++) {
        if (!env_base || (off < tr->fp_env[e].off + tr->tgt->fpst_size &&
                          off + size > tr->fp_env[e].off)) {
            tr_fp_env_refresh(tr);
            return;
        }
    }
}

/* The guard of the op being translated: its slot, or read now. */
static LLVMValueRef fp_env_guard(Tr *tr, int k, LLVMValueRef fpst)
{
    int64_t off;

    if (fp_status_offset(tr, tr->blk, tr->op, k, &off)) {
        for (int e = 0; e < tr->nb_fp_env; e++) {
            if (tr->fp_env[e].off == off) {
                return LLVMBuildLoad2(tr->b, tr->i1, tr->fp_env[e].slot, "");
            }
        }
    }
    return fp_env_ok(tr, fpst);
}

/*
 * The function the helper path calls for helper @k: a thunk in the
 * module that calls the helper and preserves every register (LLVM's
 * preserve_all convention), so that the FP values a trace keeps in XMM
 * registers across an op need no spill around its rare helper call.
 * With plain calls (SysV: every XMM register is the caller's to save)
 * nbody's trace spilled and reloaded values around every op, even on
 * the fast path: 3.3-4.2 s against 1.2 s with no helper paths at all.
 * The thunk stores the helper's result through its last argument (the
 * trace's fp_out slot) rather than returning it: LLVM 16 restores RAX
 * too in a preserve_all function's epilogue, over the return value.
 */
#define CC_PRESERVE_ALL 15      /* LLVMPreserveAllCallConv */

static LLVMValueRef fp_soft_thunk(Tr *tr, int k, LLVMTypeRef hfty,
                                  LLVMTypeRef *tfty)
{
    LLVMTypeRef ptys[5];
    unsigned n = LLVMCountParamTypes(hfty), attr;
    LLVMBuilderRef b;
    LLVMValueRef fn, callee, args[4], r;
    char name[32];

    LLVMGetParamTypes(hfty, ptys);
    ptys[n] = tr->ptr;
    *tfty = LLVMFunctionType(tr->voidt, ptys, n + 1, false);
    if (tr->fp_thunk[k]) {
        return tr->fp_thunk[k];
    }
    snprintf(name, sizeof(name), "fp_soft_%d", k);
    fn = LLVMAddFunction(tr->mod, name, *tfty);
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    LLVMSetFunctionCallConv(fn, CC_PRESERVE_ALL);
    attr = LLVMGetEnumAttributeKindForName("noinline", 8);
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(tr->ctx, attr, 0));
    attr = LLVMGetEnumAttributeKindForName("cold", 4);
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(tr->ctx, attr, 0));
    b = LLVMCreateBuilderInContext(tr->ctx);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(tr->ctx, fn,
                                                              "entry"));
    for (unsigned i = 0; i < n; i++) {
        args[i] = LLVMGetParam(fn, i);
    }
    callee = LLVMConstIntToPtr(LLVMConstInt(tr->i64,
                               (uintptr_t)tr->tgt->fp_helpers[k], 0), tr->ptr);
    r = LLVMBuildCall2(b, hfty, callee, args, n, "");
    LLVMBuildStore(b, r, LLVMGetParam(fn, n));
    LLVMBuildRetVoid(b);
    LLVMDisposeBuilder(b);
    tr->fp_thunk[k] = fn;
    return fn;
}

/*
 * At the builder, on the helper's path: call helper @k (through its
 * thunk).  No write-back before it and no reload after it, unlike TCG
 * (the helpers carry no call flags, so TCG saves every global): each of
 * fp_info[]'s helpers reads its value arguments and its float_status
 * alone, writes only the float_status's flags, and cannot raise a guest
 * exception (QEMU does not trap FP exceptions), so env's registers are
 * neither read nor changed.  The write-back and reload cost a store, a
 * load and a phi per dirty global per FP op: nbody's one trace had 1055
 * phis and took 250 ms of codegen (measured with -d hybrid).  The caller
 * restores tr->restore_set where the paths meet (the fast path stored
 * no id).
 */
static LLVMValueRef fp_helper_call(Tr *tr, int k, LLVMTypeRef rty,
                                   LLVMTypeRef *ptys, LLVMValueRef *args,
                                   int n)
{
    LLVMTypeRef tfty;
    LLVMValueRef thunk, call, targs[5];

    thunk = fp_soft_thunk(tr, k, LLVMFunctionType(rty, ptys, n, false),
                          &tfty);
    memcpy(targs, args, n * sizeof(args[0]));
    targs[n] = tr->fp_out;
    tr_set_restore_point(tr);
    call = LLVMBuildCall2(tr->b, tfty, thunk, targs, n + 1, "");
    LLVMSetInstructionCallConv(call, CC_PRESERVE_ALL);
    return LLVMBuildLoad2(tr->b, rty, tr->fp_out, "");
}

/*
 * At the builder: the value is @fast where @ok holds, else helper @k's
 * on @args (returning @hty: the bits of @fast's type).  One branch to a block of its own that calls the helper;
 * the host result is computed before it, in the block that tests it,
 * so an FP op adds two blocks to the trace (four with separate fast,
 * overflow and tiny blocks cost nbody's trace 30% more codegen time).
 */
static LLVMValueRef fp_or_helper(Tr *tr, LLVMValueRef ok, LLVMValueRef fast,
                                 int k, LLVMTypeRef hty, LLVMTypeRef *ptys,
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
    /* The helper returns the bits (@hty) of what @fast is. */
    in_v[1] = LLVMBuildBitCast(b, fp_helper_call(tr, k, hty, ptys, args, n),
                               rty, "");
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
    r = fp_or_helper(tr, ok, r, k, tr->i64, ptys, args, 3);
    return tr_set(tr, a[0], r);
}

/*
 * f = vfp_{s,u}{q,i}to{s,d}(x[, shift], fpst): scvtf and ucvtf.  With no
 * fixed-point shift, softfloat rounds the integer to the nearest float,
 * ties to even, and raises inexact if that rounded: the host's
 * conversion (cvtsi2sd and friends, and LLVM's correctly rounded
 * sequences for unsigned 64-bit values) under MXCSR's round to nearest.
 * No integer overflows a float or is tiny, so under the environment
 * guard (inexact already raised, round to nearest even) every result is
 * softfloat's and no flag changes: no check of the result.  A shift
 * (scvtf with #fbits) goes to the helper.
 */
static bool fp_from_int(Tr *tr, const uint64_t *a, int k)
{
    unsigned bits = fp_info[k].bits, ibits = fp_info[k].ibits;
    int n = fp_info[k].nb_iargs;
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, ibits);
    LLVMTypeRef rty = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMValueRef x, fpst, ok, r, args[3];
    LLVMTypeRef ptys[3];
    bool no_shift = true;

    x = tr_get_as(tr, a[1], ity);
    fpst = LLVMBuildIntToPtr(b, tr_get_as(tr, a[n], tr->i64), tr->ptr, "");
    ptys[0] = ity;
    args[0] = x;
    if (n == 3) {
        const HybridTemp *sh = tr_temp_of(tr, a[2]);

        no_shift = sh->kind == HT_CONST && (uint32_t)sh->val == 0;
        ptys[1] = tr->i32;
        args[1] = tr_get_as(tr, a[2], tr->i32);
    }
    ptys[n - 1] = tr->ptr;
    args[n - 1] = fpst;
    r = fp_info[k].op == FP_SITOF ? LLVMBuildSIToFP(b, x, fty, "") :
                                    LLVMBuildUIToFP(b, x, fty, "");
    ok = no_shift ? fp_env_guard(tr, k, fpst) : LLVMConstInt(tr->i1, 0, 0);
    r = fp_or_helper(tr, ok, r, k, rty, ptys, args, n);
    return tr_set(tr, a[0], LLVMBuildBitCast(b, r, rty, ""));
}

/*
 * vfp_fcvtds(s, env), vfp_fcvtsd(d, env): FCVT between single and double,
 * on env->vfp.fp_status.  Under the environment guard (inexact raised,
 * round to nearest even, FZ clear):
 *  - widening is exact for every input but a NaN (quieted, maybe
 *    invalid): zeros, denormals (no flush), normals and infinities give
 *    softfloat's double and no flag;
 *  - narrowing keeps a result above FLT_MIN and finite (not tiny: the
 *    exact value was at least FLT_MIN; no overflow; inexact already
 *    raised), or a zero from a zero.  NaNs, infinities, overflow and the
 *    results that may be tiny go to the helper (target/arm/host-fp-cvt.h
 *    takes the same cases outside traces).
 */
static bool fp_convert(Tr *tr, const uint64_t *a, int k)
{
    bool widen = fp_info[k].op == FP_WIDEN;
    unsigned ibits = widen ? 32 : 64, obits = fp_info[k].bits;
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, ibits);
    LLVMTypeRef oty = LLVMIntTypeInContext(tr->ctx, obits);
    LLVMTypeRef ifty = widen ? LLVMFloatTypeInContext(tr->ctx) :
                               LLVMDoubleTypeInContext(tr->ctx);
    LLVMTypeRef ofty = widen ? LLVMDoubleTypeInContext(tr->ctx) :
                               LLVMFloatTypeInContext(tr->ctx);
    LLVMValueRef x, fx, r, ok, m, zero, args[2];
    LLVMTypeRef ptys[2];

    x = tr_get_as(tr, a[1], ity);
    fx = LLVMBuildBitCast(b, x, ifty, "");
    if (widen) {
        r = LLVMBuildFPExt(b, fx, ofty, "");
        ok = LLVMBuildFCmp(b, LLVMRealORD, fx, fx, "");
    } else {
        r = LLVMBuildFPTrunc(b, fx, ofty, "");
        m = tr_call_intrinsic(tr, "llvm.fabs", ofty, &r, 1);
        ok = LLVMBuildAnd(b,
            LLVMBuildFCmp(b, LLVMRealOGT, m, LLVMConstReal(ofty, FLT_MIN), ""),
            LLVMBuildFCmp(b, LLVMRealOLT, m, LLVMConstReal(ofty, INFINITY), ""),
            "");
        zero = LLVMBuildFCmp(b, LLVMRealOEQ, fx, LLVMConstReal(ifty, 0.0), "");
        ok = LLVMBuildOr(b, ok, zero, "");
    }
    ok = LLVMBuildAnd(b, fp_env_guard(tr, k,
                                      fp_env_ptr(tr, tr->tgt->env_fpst_offset)),
                      ok, "");
    ptys[0] = ity;
    ptys[1] = tr->ptr;
    args[0] = x;
    args[1] = tr->env;
    r = fp_or_helper(tr, ok, r, k, oty, ptys, args, 2);
    return tr_set(tr, a[0], LLVMBuildBitCast(b, r, oty, ""));
}

/*
 * vfp_{max,min}{,num}{s,d}(a, b, fpst): fmax, fmin, fmaxnm, fminnm.
 * With neither input a NaN, the four are the same function and raise
 * no flag once FZ is clear (the environment guard; under FZ softfloat
 * flushes a denormal input and raises input denormal): the larger (the
 * smaller) value, and of two zeros the positive (the negative) one, which
 * is the AND (the OR) of their bits, as of any two equal values.  A NaN
 * input (max and min propagate it, maxnm and minnm may not, signalling
 * ones raise invalid) goes to the helper.
 */
static bool fp_minmax(Tr *tr, const uint64_t *a, int k)
{
    unsigned bits = fp_info[k].bits;
    bool max = fp_info[k].op == FP_MAX;
    LLVMBuilderRef b = tr->b;
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMValueRef v[2], fv[2], fpst, ok, r, eq, args[3];
    LLVMTypeRef ptys[3];

    for (int i = 0; i < 2; i++) {
        v[i] = tr_get_as(tr, a[1 + i], ity);
        fv[i] = LLVMBuildBitCast(b, v[i], fty, "");
    }
    fpst = LLVMBuildIntToPtr(b, tr_get_as(tr, a[3], tr->i64), tr->ptr, "");
    r = LLVMBuildSelect(b, LLVMBuildFCmp(b, max ? LLVMRealOGT : LLVMRealOLT,
                                         fv[0], fv[1], ""), v[0], v[1], "");
    eq = max ? LLVMBuildAnd(b, v[0], v[1], "") : LLVMBuildOr(b, v[0], v[1], "");
    r = LLVMBuildSelect(b, LLVMBuildFCmp(b, LLVMRealOEQ, fv[0], fv[1], ""),
                        eq, r, "");
    ok = LLVMBuildAnd(b, fp_env_guard(tr, k, fpst),
                      LLVMBuildFCmp(b, LLVMRealORD, fv[0], fv[1], ""), "");
    ptys[0] = ptys[1] = ity;
    ptys[2] = tr->ptr;
    args[0] = v[0];
    args[1] = v[1];
    args[2] = fpst;
    r = fp_or_helper(tr, ok, LLVMBuildBitCast(b, r, fty, ""), k, ity, ptys,
                     args, 3);
    return tr_set(tr, a[0], LLVMBuildBitCast(b, r, ity, ""));
}

/*
 * r = helper(inputs..., fpst or env) for the helpers of fp_info[], with
 * the host computing it where softfloat's result is known to be the
 * host's: under fp_env_ok() (the environment guard, from its slot) and
 * fp_keep() (the result).  Everything else: the helper.  Neither path
 * writes env back or reloads it (fp_helper_call()).  The host computes
 * in SSE with MXCSR as QEMU leaves it: round to nearest even, no
 * FTZ/DAZ, exceptions masked.  The contract: docs/fp.md.
 */
bool tr_do_fp_fast(Tr *tr, const HybridOp *op, const uint64_t *a, int k)
{
    FpOp fop = fp_info[k].op;
    unsigned bits = fp_info[k].bits;
    int nv = fp_info[k].nb_iargs - 1;     /* value inputs; then fpst/env */
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMBuilderRef b = tr->b;
    LLVMValueRef v[3], fv[3], fpst, ok, r, args[4];
    LLVMTypeRef ptys[4];

    if (fop == FP_NEG || fop == FP_ABS) {
        return fp_sign_op(tr, a, fop, bits);
    }
    if (fop == FP_CMP) {
        return fp_compare(tr, a, k, bits);
    }
    if (fop == FP_SITOF || fop == FP_UITOF) {
        return fp_from_int(tr, a, k);
    }
    if (fop == FP_WIDEN || fop == FP_NARROW) {
        return fp_convert(tr, a, k);
    }
    if (fop == FP_MAX || fop == FP_MIN) {
        return fp_minmax(tr, a, k);
    }
    for (int i = 0; i < nv; i++) {
        v[i] = tr_get_as(tr, a[1 + i], ity);
        fv[i] = LLVMBuildBitCast(b, v[i], fty, "");
    }
    if (fop == FP_SQRT) {
        /* helper_vfp_sqrt{s,d}(a, env) use env->vfp.fp_status. */
        fpst = fp_env_ptr(tr, tr->tgt->env_fpst_offset);
    } else {
        fpst = LLVMBuildIntToPtr(b, tr_get_as(tr, a[1 + nv], tr->i64),
                                 tr->ptr, "");
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
    ok = LLVMBuildAnd(b, fp_env_guard(tr, k, fpst),
                      fp_keep(tr, fop, fv, r, bits), "");
    for (int i = 0; i < nv; i++) {
        ptys[i] = ity;
        args[i] = v[i];
    }
    ptys[nv] = tr->ptr;
    args[nv] = fop == FP_SQRT ? tr->env : fpst;
    r = fp_or_helper(tr, ok, r, k, ity, ptys, args, nv + 1);
    return tr_set(tr, a[0], LLVMBuildBitCast(b, r, ity, ""));
}
