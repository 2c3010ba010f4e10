/*
 * qemu-offload-cc: give native code aarch64's answers where x86 differs.
 *
 * The IR is the guest program's, but what some operations produce is up
 * to the machine, and the guest's compiled code defines what the program
 * prints:
 *  - a NaN made by an invalid operation (0/0, inf-inf, sqrt(-1)) is
 *    aarch64's default NaN, sign clear; x86 makes one with the sign set
 *    (nan.c);
 *  - a float-to-integer conversion out of range saturates (fcvtzs and
 *    fcvtzu; NaN gives 0); x86 gives the "integer indefinite" value;
 *    narrower results are converted at 32 bits and truncated, as GCC does;
 *  - integer division by zero gives 0 (remainder: the dividend), and
 *    INT_MIN / -1 gives INT_MIN; x86 traps;
 *  - sqrt() of a negative number sets the guest's errno: the square root
 *    is computed inline and only a negative argument calls the guest's
 *    sqrt, as GCC's code does (the host libc would set the host's errno).
 * Each such instruction of an eligible function is replaced by its
 * aarch64 equivalent, before optimization (constant operands fold the
 * guards away).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "offload-cc.h"

/* The default NaN of fp type t (or a splat of it for a vector). */
static LLVMValueRef default_nan(LLVMTypeRef t)
{
    LLVMContextRef ctx = LLVMGetTypeContext(t);
    LLVMTypeRef et = t;
    LLVMValueRef s, elems[64];
    unsigned i, n;

    if (LLVMGetTypeKind(t) == LLVMVectorTypeKind) {
        et = LLVMGetElementType(t);
    }
    switch (LLVMGetTypeKind(et)) {
    case LLVMHalfTypeKind:
        s = LLVMConstInt(LLVMInt16TypeInContext(ctx), 0x7e00, 0);
        break;
    case LLVMFloatTypeKind:
        s = LLVMConstInt(LLVMInt32TypeInContext(ctx), 0x7fc00000, 0);
        break;
    case LLVMDoubleTypeKind:
        s = LLVMConstInt(LLVMInt64TypeInContext(ctx), 0x7ff8000000000000ull,
                         0);
        break;
    default:
        return NULL;
    }
    s = LLVMConstBitCast(s, et);
    if (et == t) {
        return s;
    }
    n = LLVMGetVectorSize(t);
    if (n > 64) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        elems[i] = s;
    }
    return LLVMConstVector(elems, n);
}

/* fptosi/fptoui -> the saturating intrinsics, at 32 bits at least. */
static void fix_fptoint(Job *job, LLVMBuilderRef b, LLVMValueRef in)
{
    bool is_signed = LLVMGetInstructionOpcode(in) == LLVMFPToSI;
    LLVMValueRef src = LLVMGetOperand(in, 0), decl, r;
    LLVMTypeRef dt = LLVMTypeOf(in), st = LLVMTypeOf(src), wt = dt, types[2];
    const char *name = is_signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat";
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));

    if (LLVMGetTypeKind(dt) == LLVMVectorTypeKind) {
        return;     /* not produced before vectorization */
    }
    if (LLVMGetIntTypeWidth(dt) < 32) {
        wt = LLVMInt32TypeInContext(job->ctx);
    }
    types[0] = wt;
    types[1] = st;
    decl = LLVMGetIntrinsicDeclaration(job->mod, id, types, 2);
    LLVMPositionBuilderBefore(b, in);
    r = LLVMBuildCall2(b, LLVMIntrinsicGetType(job->ctx, id, types, 2), decl,
                       &src, 1, "ofl.cvt");
    if (wt != dt) {
        r = LLVMBuildTrunc(b, r, dt, "");
    }
    LLVMReplaceAllUsesWith(in, r);
    LLVMInstructionEraseFromParent(in);
}

static bool const_is(LLVMValueRef v, long long k)
{
    return LLVMIsAConstantInt(v) && LLVMConstIntGetSExtValue(v) == k;
}

/* Division and remainder as sdiv/udiv/msub compute them on aarch64. */
static void fix_division(LLVMBuilderRef b, LLVMValueRef in)
{
    LLVMOpcode op = LLVMGetInstructionOpcode(in);
    bool is_signed = op == LLVMSDiv || op == LLVMSRem;
    bool is_div = op == LLVMSDiv || op == LLVMUDiv;
    LLVMValueRef n = LLVMGetOperand(in, 0), d = LLVMGetOperand(in, 1);
    LLVMTypeRef t = LLVMTypeOf(in);
    LLVMValueRef zero, one, minus1, dz, dm1 = NULL, bad, safe, q, r;

    if (LLVMGetTypeKind(t) != LLVMIntegerTypeKind ||
        (LLVMIsAConstantInt(d) && !const_is(d, 0) &&
         !(is_signed && const_is(d, -1)))) {
        return;
    }
    LLVMPositionBuilderBefore(b, in);
    zero = LLVMConstNull(t);
    one = LLVMConstInt(t, 1, 0);
    minus1 = LLVMConstAllOnes(t);
    dz = LLVMBuildICmp(b, LLVMIntEQ, d, zero, "");
    bad = dz;
    if (is_signed) {
        dm1 = LLVMBuildICmp(b, LLVMIntEQ, d, minus1, "");
        bad = LLVMBuildOr(b, dz, dm1, "");
    }
    safe = LLVMBuildSelect(b, bad, one, d, "");
    q = LLVMBuildBinOp(b, op, n, safe, "");
    if (is_div) {
        /* x / 0 = 0; x / -1 = -x (wrapping) */
        r = is_signed ? LLVMBuildSelect(b, dm1, LLVMBuildSub(b, zero, n, ""),
                                        q, "") : q;
        r = LLVMBuildSelect(b, dz, zero, r, "ofl.div");
    } else {
        /* x % 0 = x; x % -1 = 0 (and q above is x % 1 = 0) */
        r = LLVMBuildSelect(b, dz, n, q, "ofl.rem");
    }
    LLVMReplaceAllUsesWith(in, r);
    LLVMInstructionEraseFromParent(in);
}

bool semantics_handles(const char *name)
{
    return !strcmp(name, "sqrt") || !strcmp(name, "sqrtf");
}

/*
 * T name(T x): x < 0 ? the guest's name(x) (errno, default NaN) :
 * llvm.sqrt(x).  Without a guest sqrt (built with -fno-math-errno, say)
 * the slow path is the default NaN.
 */
static LLVMValueRef checked_sqrt(Job *job, LLVMValueRef decl)
{
    const char *name = LLVMGetValueName(decl);
    LLVMTypeRef ft = LLVMGlobalGetValueType(decl);
    LLVMTypeRef t = LLVMGetReturnType(ft);
    const char *iname = "llvm.sqrt";
    unsigned id = LLVMLookupIntrinsicID(iname, strlen(iname));
    LLVMValueRef f, x, r, isqrt;
    LLVMBasicBlockRef entry, fast, slow;
    LLVMBuilderRef b;
    char fname[64];
    bool guest;

    snprintf(fname, sizeof(fname), "ofl.checked.%s", name);
    f = LLVMGetNamedFunction(job->mod, fname);
    if (f) {
        return f;
    }
    guest = guest_elf_global(job->guest, name, 1u << GSYM_FUNC) ||
            guest_elf_plt(job->guest, name);
    f = LLVMAddFunction(job->mod, fname, ft);
    LLVMSetLinkage(f, LLVMInternalLinkage);
    b = LLVMCreateBuilderInContext(job->ctx);
    entry = LLVMAppendBasicBlockInContext(job->ctx, f, "entry");
    fast = LLVMAppendBasicBlockInContext(job->ctx, f, "fast");
    slow = LLVMAppendBasicBlockInContext(job->ctx, f, "negative");
    x = LLVMGetParam(f, 0);
    LLVMPositionBuilderAtEnd(b, entry);
    LLVMBuildCondBr(b, LLVMBuildFCmp(b, LLVMRealOLT, x, LLVMConstNull(t), ""),
                    slow, fast);
    LLVMPositionBuilderAtEnd(b, fast);
    isqrt = LLVMGetIntrinsicDeclaration(job->mod, id, &t, 1);
    r = LLVMBuildCall2(b, LLVMIntrinsicGetType(job->ctx, id, &t, 1), isqrt,
                       &x, 1, "");
    LLVMBuildRet(b, r);
    LLVMPositionBuilderAtEnd(b, slow);
    if (guest) {
        LLVMBuildRet(b, LLVMBuildCall2(b, ft, decl, &x, 1, ""));
    } else {
        LLVMBuildRet(b, default_nan(t));
    }
    LLVMDisposeBuilder(b);
    job_add_fn(job, f, fname);
    return f;
}

static void fix_libcall(Job *job, LLVMValueRef in)
{
    LLVMValueRef callee = LLVMGetCalledValue(in);

    if (!LLVMIsAFunction(callee) || !LLVMIsDeclaration(callee) ||
        !semantics_handles(LLVMGetValueName(callee)) ||
        LLVMCountParams(callee) != 1 || LLVMGetNumArgOperands(in) != 1 ||
        !LLVMIsAFunction(callee)) {
        return;
    }
    LLVMSetOperand(in, LLVMGetNumOperands(in) - 1, checked_sqrt(job, callee));
}

static void fix_function(Job *job, LLVMValueRef fn)
{
    LLVMBuilderRef b;
    LLVMValueRef *list = NULL, in;
    LLVMBasicBlockRef bb;
    int n = 0, i;

    /* First, while conversions are still fptosi/fptoui (NaN-blind users). */
    if (!job->x86_nans) {
        nan_checks(job, fn);
    }
    b = LLVMCreateBuilderInContext(job->ctx);

    for (bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
        for (in = LLVMGetFirstInstruction(bb); in;
             in = LLVMGetNextInstruction(in)) {
            list = realloc(list, (n + 1) * sizeof(*list));
            list[n++] = in;
        }
    }
    for (i = 0; i < n; i++) {
        in = list[i];
        switch (LLVMGetInstructionOpcode(in)) {
        case LLVMCall:
            fix_libcall(job, in);
            break;
        case LLVMFPToSI:
        case LLVMFPToUI:
            fix_fptoint(job, b, in);
            break;
        case LLVMSDiv:
        case LLVMUDiv:
        case LLVMSRem:
        case LLVMURem:
            fix_division(b, in);
            break;
        default:
            break;
        }
    }
    free(list);
    LLVMDisposeBuilder(b);
}

int aarch64_semantics(Job *job)
{
    int i, n = job->nfns;      /* helpers added below need no fixing */

    for (i = 0; i < n; i++) {
        if (!job->fns[i].reason) {
            fix_function(job, job->fns[i].fn);
        }
    }
    return 0;
}
