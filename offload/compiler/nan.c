/*
 * qemu-offload-cc: aarch64's default NaN, checked where values are seen.
 *
 * An invalid operation (0/0, inf-inf, 0*inf, sqrt(-1)) makes a default
 * NaN: 0x7ff8000000000000 on aarch64, 0xfff8000000000000 (sign set) on
 * x86.  Both propagate NaN operands unchanged through arithmetic, so the
 * two machines differ only in that sign, and only for NaNs an operation
 * created.
 *
 * Checking every operation would cost a compare and a branch each, and
 * stop vectorization.  Instead, arithmetic (fadd, fsub, fmul, fdiv, frem,
 * fpext, fptrunc, sqrt, fma) forms trees; a value is checked once where it
 * leaves its tree (stored, returned, passed, merged by a phi or select,
 * negated...; not where it is compared or converted to an integer, which
 * ignore a NaN's sign).  The common path is one unordered compare and a
 * predicted branch.  Only for a NaN, a cold call decides: the result is
 * exactly x86's default NaN and none of the tree's leaves (its loads,
 * arguments, constants, phis) is, so an operation in the tree created it,
 * and aarch64's result is its default NaN.  A tree with too many leaves is
 * cut into smaller ones by checking some inner values.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aapcs64.h"
#include "offload-cc.h"

#define MAX_LEAVES 8
#define MAX_INNER 64

static bool calls(LLVMValueRef in, const char *prefix)
{
    LLVMValueRef callee;

    if (LLVMGetInstructionOpcode(in) != LLVMCall) {
        return false;
    }
    callee = LLVMGetCalledValue(in);
    return LLVMIsAFunction(callee) &&
           !strncmp(LLVMGetValueName(callee), prefix, strlen(prefix));
}

/* An operation that creates or propagates NaNs: part of a tree. */
static bool is_tree_op(LLVMValueRef v)
{
    if (!LLVMIsAInstruction(v) || !is_fp_scalar(LLVMTypeOf(v))) {
        return false;
    }
    switch (LLVMGetInstructionOpcode(v)) {
    case LLVMFAdd:
    case LLVMFSub:
    case LLVMFMul:
    case LLVMFDiv:
    case LLVMFRem:
    case LLVMFPExt:
    case LLVMFPTrunc:
        return true;
    case LLVMCall:
        return calls(v, "llvm.sqrt.") || calls(v, "llvm.fma.") ||
               calls(v, "llvm.fmuladd.");
    default:
        return false;
    }
}

/* A use that ignores the sign of a NaN, or continues the tree. */
static bool blind_user(LLVMValueRef user)
{
    if (is_tree_op(user)) {
        return true;
    }
    switch (LLVMGetInstructionOpcode(user)) {
    case LLVMFCmp:
    case LLVMFPToSI:
    case LLVMFPToUI:
        return true;
    default:
        return false;
    }
}

static unsigned operands_of(LLVMValueRef v)
{
    if (LLVMGetInstructionOpcode(v) == LLVMCall) {
        return LLVMGetNumArgOperands(v);
    }
    return (unsigned)LLVMGetNumOperands(v);
}

/* A walk over one tree: its leaves, and the inner values seen. */
typedef struct Walk {
    LLVMValueRef leaves[MAX_LEAVES];
    unsigned n;
    LLVMValueRef seen[MAX_INNER];
    unsigned nseen;
} Walk;

static bool in_set(LLVMValueRef *set, unsigned n, LLVMValueRef v)
{
    for (unsigned i = 0; i < n; i++) {
        if (set[i] == v) {
            return true;
        }
    }
    return false;
}

/*
 * Add the leaves of v's tree to w.  Each inner value is walked once (a
 * tree may share subtrees: x*x*x... would otherwise be walked 2^n
 * times).  False when the tree has more than MAX_LEAVES leaves or
 * MAX_INNER inner values: the caller cuts it.
 */
static bool collect_leaves(LLVMValueRef v, Walk *w)
{
    unsigned i, nops = operands_of(v);

    for (i = 0; i < nops; i++) {
        LLVMValueRef o = LLVMGetOperand(v, i);

        if (!is_fp_scalar(LLVMTypeOf(o))) {
            continue;
        }
        if (is_tree_op(o)) {
            if (in_set(w->seen, w->nseen, o)) {
                continue;
            }
            if (w->nseen == MAX_INNER) {
                return false;
            }
            w->seen[w->nseen++] = o;
            if (!collect_leaves(o, w)) {
                return false;
            }
        } else if (!in_set(w->leaves, w->n, o)) {
            if (w->n == MAX_LEAVES) {
                return false;
            }
            w->leaves[w->n++] = o;
        }
    }
    return true;
}

static LLVMTypeRef int_of(LLVMContextRef ctx, LLVMTypeRef t)
{
    unsigned bits = LLVMGetTypeKind(t) == LLVMHalfTypeKind ? 16u :
                    LLVMGetTypeKind(t) == LLVMFloatTypeKind ? 32u : 64u;

    return LLVMIntTypeInContext(ctx, bits);
}

/* x86's default NaN of t, as an integer; aarch64's is without the sign. */
static LLVMValueRef x86_dn(LLVMContextRef ctx, LLVMTypeRef t)
{
    LLVMTypeRef it = int_of(ctx, t);

    switch (LLVMGetTypeKind(t)) {
    case LLVMHalfTypeKind:
        return LLVMConstInt(it, 0xfe00, 0);
    case LLVMFloatTypeKind:
        return LLVMConstInt(it, 0xffc00000, 0);
    default:
        return LLVMConstInt(it, 0xfff8000000000000ull, 0);
    }
}

static void add_fn_attr(LLVMContextRef ctx, LLVMValueRef f, const char *name)
{
    unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));

    LLVMAddAttributeAtIndex(f, LLVMAttributeFunctionIndex,
                            LLVMCreateEnumAttribute(ctx, kind, 0));
}

/*
 * The check for a value of type t with leaves of types lt[0..n):
 * T ofl.nan.K(T r, leaves...), inlined, calling its cold half for NaNs.
 */
static LLVMValueRef check_fn(Job *job, LLVMTypeRef t, LLVMTypeRef *lt,
                             unsigned n)
{
    LLVMContextRef ctx = job->ctx;
    LLVMTypeRef params[MAX_LEAVES + 1], ft;
    LLVMValueRef f, slow, r, any, isdn, args[MAX_LEAVES + 1];
    LLVMBasicBlockRef entry, fast, cold;
    LLVMBuilderRef b;
    char name[128];
    size_t len;
    unsigned i;

    len = snprintf(name, sizeof(name), "ofl.nan.%c",
                   "hfd"[LLVMGetTypeKind(t) - LLVMHalfTypeKind]);
    for (i = 0; i < n; i++) {
        len += snprintf(name + len, sizeof(name) - len, "%c",
                        "hfd"[LLVMGetTypeKind(lt[i]) - LLVMHalfTypeKind]);
    }
    f = LLVMGetNamedFunction(job->mod, name);
    if (f) {
        return f;
    }
    params[0] = t;
    for (i = 0; i < n; i++) {
        params[i + 1] = lt[i];
    }
    ft = LLVMFunctionType(t, params, n + 1, 0);
    b = LLVMCreateBuilderInContext(ctx);

    /* Cold: r is x86's default NaN and no leaf is. */
    slow = LLVMAddFunction(job->mod, "ofl.nan.slow", ft);
    LLVMSetLinkage(slow, LLVMInternalLinkage);
    add_fn_attr(ctx, slow, "noinline");
    add_fn_attr(ctx, slow, "cold");
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(ctx, slow, ""));
    r = LLVMGetParam(slow, 0);
    isdn = LLVMBuildICmp(b, LLVMIntEQ,
                         LLVMBuildBitCast(b, r, int_of(ctx, t), ""),
                         x86_dn(ctx, t), "");
    any = LLVMConstInt(LLVMInt1TypeInContext(ctx), 0, 0);
    for (i = 0; i < n; i++) {
        LLVMValueRef l = LLVMGetParam(slow, i + 1);

        any = LLVMBuildOr(b, any, LLVMBuildICmp(b, LLVMIntEQ,
                          LLVMBuildBitCast(b, l, int_of(ctx, lt[i]), ""),
                          x86_dn(ctx, lt[i]), ""), "");
    }
    isdn = LLVMBuildAnd(b, isdn, LLVMBuildNot(b, any, ""), "");
    LLVMBuildRet(b, LLVMBuildSelect(b, isdn,
                 LLVMBuildBitCast(b, LLVMBuildXor(b,
                     LLVMBuildBitCast(b, r, int_of(ctx, t), ""),
                     LLVMConstShl(LLVMConstInt(int_of(ctx, t), 1, 0),
                                  LLVMConstInt(int_of(ctx, t),
                                               LLVMGetIntTypeWidth(
                                                   int_of(ctx, t)) - 1, 0)),
                     ""), t, ""), r, ""));

    /* Hot: one unordered compare. */
    f = LLVMAddFunction(job->mod, name, ft);
    LLVMSetLinkage(f, LLVMInternalLinkage);
    add_fn_attr(ctx, f, "alwaysinline");
    entry = LLVMAppendBasicBlockInContext(ctx, f, "");
    fast = LLVMAppendBasicBlockInContext(ctx, f, "");
    cold = LLVMAppendBasicBlockInContext(ctx, f, "");
    r = LLVMGetParam(f, 0);
    LLVMPositionBuilderAtEnd(b, entry);
    LLVMBuildCondBr(b, LLVMBuildFCmp(b, LLVMRealUNO, r, r, ""), cold, fast);
    LLVMPositionBuilderAtEnd(b, fast);
    LLVMBuildRet(b, r);
    LLVMPositionBuilderAtEnd(b, cold);
    for (i = 0; i <= n; i++) {
        args[i] = LLVMGetParam(f, i);
    }
    LLVMBuildRet(b, LLVMBuildCall2(b, ft, slow, args, n + 1, ""));
    LLVMDisposeBuilder(b);
    job_add_fn(job, slow, "ofl.nan.slow");
    job_add_fn(job, f, name);
    return f;
}

/*
 * Check v (a tree op) right after it; its users that see the value
 * (all of them when cut: v becomes a leaf of the trees above it) take
 * the checked value.  False if v's tree has too many leaves.
 */
static bool check_value(Job *job, LLVMBuilderRef b, LLVMValueRef v, bool cut)
{
    LLVMValueRef args[MAX_LEAVES + 1], fn, chk, *users = NULL;
    LLVMTypeRef lt[MAX_LEAVES];
    LLVMUseRef u;
    Walk w = { .n = 0, .nseen = 0 };
    unsigned nu = 0, i, j;

    if (!collect_leaves(v, &w)) {
        return false;
    }
    for (u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
        LLVMValueRef user = LLVMGetUser(u);

        if ((!cut && blind_user(user)) || in_set(users, nu, user)) {
            continue;
        }
        users = realloc(users, (nu + 1) * sizeof(*users));
        users[nu++] = user;
    }
    if (!nu) {
        return true;
    }
    for (i = 0; i < w.n; i++) {
        lt[i] = LLVMTypeOf(w.leaves[i]);
        args[i + 1] = w.leaves[i];
    }
    fn = check_fn(job, LLVMTypeOf(v), lt, w.n);
    args[0] = v;
    LLVMPositionBuilder(b, LLVMGetInstructionParent(v),
                        LLVMGetNextInstruction(v));
    chk = LLVMBuildCall2(b, LLVMGlobalGetValueType(fn), fn, args, w.n + 1, "");
    for (i = 0; i < nu; i++) {
        unsigned nops = LLVMGetNumOperands(users[i]);

        for (j = 0; j < nops; j++) {
            if (LLVMGetOperand(users[i], j) == v) {
                LLVMSetOperand(users[i], j, chk);
            }
        }
    }
    free(users);
    return true;
}

/* Cut v's tree: check the tree ops among its operands (all their uses). */
static void cut_below(Job *job, LLVMBuilderRef b, LLVMValueRef v)
{
    unsigned i, nops = operands_of(v);

    for (i = 0; i < nops; i++) {
        LLVMValueRef o = LLVMGetOperand(v, i);

        if (is_tree_op(o) && !check_value(job, b, o, true)) {
            cut_below(job, b, o);
            check_value(job, b, o, true);
        }
    }
}

void nan_checks(Job *job, LLVMValueRef fn)
{
    LLVMBuilderRef b = LLVMCreateBuilderInContext(job->ctx);
    LLVMValueRef *list = NULL, in;
    LLVMBasicBlockRef bb;
    int n = 0, i;

    for (bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
        for (in = LLVMGetFirstInstruction(bb); in;
             in = LLVMGetNextInstruction(in)) {
            if (is_tree_op(in)) {
                list = realloc(list, (n + 1) * sizeof(*list));
                list[n++] = in;
            }
        }
    }
    /* Top-down would re-walk trees; any order is correct. */
    for (i = 0; i < n; i++) {
        if (!check_value(job, b, list[i], false)) {
            cut_below(job, b, list[i]);
            check_value(job, b, list[i], false);
        }
    }
    free(list);
    LLVMDisposeBuilder(b);
}
