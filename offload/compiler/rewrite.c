/*
 * qemu-offload-cc: make the eligible functions' IR valid on the host.
 *
 * In every eligible function:
 *  - a guest global, or the address of a function, becomes a load from
 *    the import table (guest addresses, filled at load time), done once
 *    in the entry block; constant expressions built on such an address
 *    become instructions;
 *  - a call to a function that stays emulated becomes a call to a stub
 *    that puts the arguments where AAPCS64 wants them and asks the
 *    runtime to run the guest function (host-to-guest call);
 *  - an indirect call becomes a call to a stub that runs the target
 *    natively when it is an offloaded function, else in the guest;
 *  - calls to other eligible functions stay native.
 * Then each bound function gets its bridge (guest call -> native), and
 * everything else of the guest program is deleted from the module.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aapcs64.h"
#include "offload-abi.h"
#include "offload-cc.h"

typedef struct FnCtx {
    Job *job;
    LLVMValueRef fn;
    LLVMBuilderRef b;
    LLVMValueRef *imports;     /* loaded import values, by index */
    int nimports;
} FnCtx;

static LLVMTypeRef ptr_type(Job *job)
{
    return LLVMPointerTypeInContext(job->ctx, 0);
}

static LLVMTypeRef i64_type(Job *job)
{
    return LLVMInt64TypeInContext(job->ctx);
}

static LLVMValueRef runtime_fn(Job *job, const char *name, LLVMTypeRef ret,
                               LLVMTypeRef *params, unsigned n)
{
    LLVMValueRef f = LLVMGetNamedFunction(job->mod, name);

    if (!f) {
        f = LLVMAddFunction(job->mod, name,
                            LLVMFunctionType(ret, params, n, 0));
        LLVMSetVisibility(f, LLVMHiddenVisibility);
    }
    return f;
}

/* The guest address in import slot idx, loaded with builder b. */
static LLVMValueRef load_import(Job *job, LLVMBuilderRef b, int idx)
{
    LLVMValueRef i = LLVMConstInt(i64_type(job), idx, 0);
    LLVMValueRef slot = LLVMConstGEP2(i64_type(job), job->import_table, &i, 1);

    return LLVMBuildLoad2(b, i64_type(job), slot, "ofl.import");
}

/* The import as a pointer value, loaded once at the function's entry. */
static LLVMValueRef import_value(FnCtx *c, int idx)
{
    LLVMBuilderRef eb;
    LLVMBasicBlockRef entry;

    if (idx >= c->nimports) {
        c->imports = realloc(c->imports, (idx + 1) * sizeof(LLVMValueRef));
        memset(c->imports + c->nimports, 0,
               (idx + 1 - c->nimports) * sizeof(LLVMValueRef));
        c->nimports = idx + 1;
    }
    if (!c->imports[idx]) {
        eb = LLVMCreateBuilderInContext(c->job->ctx);
        entry = LLVMGetEntryBasicBlock(c->fn);
        LLVMPositionBuilderBefore(eb, LLVMGetFirstInstruction(entry));
        c->imports[idx] = LLVMBuildIntToPtr(eb, load_import(c->job, eb, idx),
                                            ptr_type(c->job), "ofl.addr");
        LLVMDisposeBuilder(eb);
    }
    return c->imports[idx];
}

static bool is_host_copy(LLVMValueRef gv, Job *job)
{
    const char *why;

    if (!LLVMIsGlobalConstant(gv) || !LLVMGetInitializer(gv)) {
        return false;
    }
    if (LLVMGetLinkage(gv) == LLVMPrivateLinkage) {
        return true;
    }
    /* A named constant: the guest's own copy when it has one. */
    return job_import_for(job, gv, &why) < 0;
}

/*
 * The replacement of constant k inside function c->fn (instructions are
 * inserted at the builder's position), or NULL when k needs none.
 */
static LLVMValueRef map_constant(FnCtx *c, LLVMValueRef k, int depth)
{
    LLVMValueRef ops[8], v;
    const char *why;
    bool changed = false;
    int i, n, idx;

    if (LLVMIsAFunction(k)) {
        if (!strncmp(LLVMGetValueName(k), "llvm.", 5)) {
            return NULL;
        }
        idx = job_import_for(c->job, k, &why);
        return idx < 0 ? NULL : import_value(c, idx);
    }
    if (LLVMIsAGlobalVariable(k)) {
        if (is_host_copy(k, c->job)) {
            return NULL;
        }
        idx = job_import_for(c->job, k, &why);
        return idx < 0 ? NULL : import_value(c, idx);
    }
    if (!LLVMIsAConstantExpr(k) || depth > 32) {
        return NULL;
    }
    n = LLVMGetNumOperands(k);
    if (n > 8) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        ops[i] = map_constant(c, LLVMGetOperand(k, i), depth + 1);
        changed |= ops[i] != NULL;
        if (!ops[i]) {
            ops[i] = LLVMGetOperand(k, i);
        }
    }
    if (!changed) {
        return NULL;
    }
    switch (LLVMGetConstOpcode(k)) {
    case LLVMGetElementPtr:
        v = LLVMIsInBounds(k) ?
            LLVMBuildInBoundsGEP2(c->b, LLVMGetGEPSourceElementType(k),
                                  ops[0], ops + 1, n - 1, "") :
            LLVMBuildGEP2(c->b, LLVMGetGEPSourceElementType(k), ops[0],
                          ops + 1, n - 1, "");
        return v;
    case LLVMBitCast:
    case LLVMPtrToInt:
    case LLVMIntToPtr:
    case LLVMAddrSpaceCast:
    case LLVMTrunc:
        return LLVMBuildCast(c->b, LLVMGetConstOpcode(k), ops[0],
                             LLVMTypeOf(k), "");
    case LLVMICmp:
        return LLVMBuildICmp(c->b, LLVMGetICmpPredicate(k), ops[0], ops[1],
                             "");
    default:
        return LLVMBuildBinOp(c->b, LLVMGetConstOpcode(k), ops[0], ops[1], "");
    }
}

/* Replace the operands of in that refer to guest globals. */
static void map_operands(FnCtx *c, LLVMValueRef in, int nops)
{
    bool phi = LLVMGetInstructionOpcode(in) == LLVMPHI;
    int i;

    for (i = 0; i < nops; i++) {
        LLVMValueRef op = LLVMGetOperand(in, i), nv;

        if (!LLVMIsConstant(op)) {
            continue;
        }
        if (phi) {
            LLVMBasicBlockRef from = LLVMGetIncomingBlock(in, i);

            LLVMPositionBuilderBefore(c->b, LLVMGetBasicBlockTerminator(from));
        } else {
            LLVMPositionBuilderBefore(c->b, in);
        }
        nv = map_constant(c, op, 0);
        if (nv) {
            LLVMSetOperand(in, i, nv);
        }
    }
}

/* ---- host-to-guest calls ---- */

/*
 * Emit, at b, a guest call of the function at guest address addr (i64)
 * with the arguments args laid out by l; returns the result.
 */
static LLVMValueRef emit_guest_call(Job *job, LLVMBuilderRef b,
                                    LLVMTypeRef fnty, const CallLayout *l,
                                    LLVMValueRef addr, LLVMValueRef *args)
{
    LLVMTypeRef i8 = LLVMInt8TypeInContext(job->ctx);
    LLVMTypeRef i32 = LLVMInt32TypeInContext(job->ctx);
    LLVMTypeRef regs_ty = LLVMArrayType(i8, regs_size());
    LLVMTypeRef params[2] = { i64_type(job), ptr_type(job) };
    LLVMValueRef call_guest = runtime_fn(job, "__offload_call_guest",
                                         LLVMVoidTypeInContext(job->ctx),
                                         params, 2);
    LLVMValueRef regs, stack, idx, cargs[2];
    LLVMTypeRef rt = LLVMGetReturnType(fnty);
    unsigned i;

    regs = LLVMBuildAlloca(b, regs_ty, "ofl.regs");
    LLVMSetAlignment(regs, 16);
    LLVMBuildMemSet(b, regs, LLVMConstInt(i8, 0, 0),
                    LLVMConstInt(i64_type(job), regs_size(), 0), 16);
    idx = LLVMConstInt(i64_type(job), regs_stack_offset(), 0);
    stack = LLVMBuildGEP2(b, i8, regs, &idx, 1, "");
    for (i = 0; i < l->nargs; i++) {
        aapcs64_store(b, args[i], &l->args[i], regs, stack);
    }
    idx = LLVMConstInt(i64_type(job), regs_nstack_offset(), 0);
    LLVMBuildStore(b, LLVMConstInt(i32, (l->stack_size + 7) / 8, 0),
                   LLVMBuildGEP2(b, i8, regs, &idx, 1, ""));
    cargs[0] = addr;
    cargs[1] = regs;
    LLVMBuildCall2(b, LLVMGlobalGetValueType(call_guest), call_guest, cargs,
                   2, "");
    if (LLVMGetTypeKind(rt) == LLVMVoidTypeKind) {
        return NULL;
    }
    return aapcs64_load(b, rt, &l->ret, regs, stack);
}

static LLVMValueRef new_function(Job *job, const char *prefix, int n,
                                 LLVMTypeRef fnty)
{
    char name[64];
    LLVMValueRef f;

    snprintf(name, sizeof(name), "%s.%d", prefix, n);
    f = LLVMAddFunction(job->mod, name, fnty);
    LLVMSetLinkage(f, LLVMInternalLinkage);
    return f;
}

static void finish(LLVMBuilderRef b, LLVMValueRef v)
{
    if (v) {
        LLVMBuildRet(b, v);
    } else {
        LLVMBuildRetVoid(b);
    }
}

static void copy_call_attrs(LLVMValueRef from, LLVMValueRef to, unsigned nargs,
                            unsigned shift)
{
    LLVMAttributeRef attrs[64];
    unsigned i, j, n;

    for (i = 0; i <= nargs; i++) {
        LLVMAttributeIndex src = i == 0 ? LLVMAttributeReturnIndex : i + shift;
        LLVMAttributeIndex dst = i == 0 ? LLVMAttributeReturnIndex : i;

        n = LLVMGetCallSiteAttributeCount(from, src);
        if (n > 64) {
            continue;
        }
        LLVMGetCallSiteAttributes(from, src, attrs);
        for (j = 0; j < n; j++) {
            LLVMAddCallSiteAttribute(to, dst, attrs[j]);
        }
    }
}

/* A stub that calls guest function import idx with call's signature. */
static LLVMValueRef guest_stub(Job *job, LLVMValueRef call, int idx)
{
    static int count;
    LLVMTypeRef fnty = LLVMGetCalledFunctionType(call);
    LLVMTypeRef ft = LLVMFunctionType(LLVMGetReturnType(fnty), NULL, 0, 0);
    unsigned n = LLVMGetNumArgOperands(call), i;
    LLVMTypeRef params[64];
    LLVMValueRef f, args[64];
    LLVMBuilderRef b;
    const char *why;
    CallLayout l;

    for (i = 0; i < n; i++) {
        params[i] = LLVMTypeOf(LLVMGetOperand(call, i));
    }
    ft = LLVMFunctionType(LLVMGetReturnType(fnty), params, n, 0);
    if (!aapcs64_layout(ft, call_sret_index(call), &l, &why)) {
        return NULL;            /* analyze() made sure this cannot happen */
    }
    f = new_function(job, "ofl.gcall", count++, ft);
    b = LLVMCreateBuilderInContext(job->ctx);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(job->ctx, f,
                                                              "entry"));
    for (i = 0; i < n; i++) {
        args[i] = LLVMGetParam(f, i);
    }
    finish(b, emit_guest_call(job, b, ft, &l, load_import(job, b, idx), args));
    LLVMDisposeBuilder(b);
    return f;
}

/* The load bias the run time wrote into the manifest. */
static LLVMValueRef load_bias(Job *job, LLVMBuilderRef b)
{
    LLVMTypeRef i8 = LLVMInt8TypeInContext(job->ctx);
    LLVMValueRef m = LLVMGetNamedGlobal(job->mod, OFFLOAD_MANIFEST_SYMBOL);
    LLVMValueRef off = LLVMConstInt(i64_type(job),
                                    offsetof(OffloadManifest, load_bias), 0);

    if (!m) {
        m = LLVMAddGlobal(job->mod, i8, OFFLOAD_MANIFEST_SYMBOL);
    }
    return LLVMBuildLoad2(b, i64_type(job),
                          LLVMBuildGEP2(b, i8, m, &off, 1, ""), "bias");
}

/*
 * In stub f, at b: switch on the guest address in f's first parameter
 * over the bound functions of type fnty, each case a direct native call
 * returning its result; anything else continues at other.
 */
static void switch_known(Job *job, LLVMBuilderRef b, LLVMValueRef f,
                         LLVMTypeRef fnty, LLVMValueRef call,
                         LLVMValueRef *args, unsigned n,
                         LLVMBasicBlockRef other)
{
    LLVMValueRef addr, sw, c;
    unsigned ncases = 0;
    int i;

    for (i = 0; i < job->nfns; i++) {
        Fn *g = &job->fns[i];

        ncases += !g->reason && g->bound &&
                  LLVMGlobalGetValueType(g->fn) == fnty;
    }
    if (!ncases) {
        LLVMBuildBr(b, other);
        return;
    }
    addr = LLVMBuildSub(b, LLVMBuildPtrToInt(b, LLVMGetParam(f, 0),
                                             i64_type(job), ""),
                        load_bias(job, b), "");
    sw = LLVMBuildSwitch(b, addr, other, ncases);
    for (i = 0; i < job->nfns; i++) {
        Fn *g = &job->fns[i];
        LLVMBasicBlockRef bb;

        if (g->reason || !g->bound || LLVMGlobalGetValueType(g->fn) != fnty) {
            continue;
        }
        bb = LLVMAppendBasicBlockInContext(job->ctx, f, "known");
        LLVMAddCase(sw, LLVMConstInt(i64_type(job), g->gsym->value, 0), bb);
        LLVMPositionBuilderAtEnd(b, bb);
        c = LLVMBuildCall2(b, fnty, g->fn, args, n, "");
        copy_call_attrs(call, c, n, 0);
        finish(b, LLVMGetTypeKind(LLVMGetReturnType(fnty)) ==
               LLVMVoidTypeKind ? NULL : c);
    }
}

/*
 * A stub for an indirect call: (fp, args...) -> native call when fp is an
 * offloaded function's guest address, else a guest call.
 */
static LLVMValueRef indirect_stub(Job *job, LLVMValueRef call)
{
    static int count;
    LLVMTypeRef fnty = LLVMGetCalledFunctionType(call);
    unsigned n = LLVMGetNumArgOperands(call), i;
    LLVMTypeRef params[65], p = ptr_type(job);
    LLVMValueRef f, args[64], native_of, native, isnull, ncall, r;
    LLVMBasicBlockRef entry, bn, bg, lookup;
    LLVMBuilderRef b;
    LLVMTypeRef ft;
    const char *why;
    CallLayout l;

    if (!aapcs64_layout(fnty, call_sret_index(call), &l, &why)) {
        return NULL;
    }
    params[0] = p;
    for (i = 0; i < n; i++) {
        params[i + 1] = LLVMTypeOf(LLVMGetOperand(call, i));
    }
    ft = LLVMFunctionType(LLVMGetReturnType(fnty), params, n + 1, 0);
    f = new_function(job, "ofl.icall", count++, ft);
    native_of = runtime_fn(job, "__offload_native_of", p, &p, 1);
    b = LLVMCreateBuilderInContext(job->ctx);
    entry = LLVMAppendBasicBlockInContext(job->ctx, f, "entry");
    bn = LLVMAppendBasicBlockInContext(job->ctx, f, "native");
    bg = LLVMAppendBasicBlockInContext(job->ctx, f, "guest");
    LLVMPositionBuilderAtEnd(b, entry);
    for (i = 0; i < n; i++) {
        args[i] = LLVMGetParam(f, i + 1);
    }
    /*
     * First the offloaded functions of exactly this type, by guest
     * address: direct calls LLVM can inline, instead of a table lookup
     * and an indirect call.  Then any offloaded function (a call through
     * a cast pointer), then the guest.
     */
    lookup = LLVMAppendBasicBlockInContext(job->ctx, f, "lookup");
    switch_known(job, b, f, fnty, call, args, n, lookup);
    LLVMPositionBuilderAtEnd(b, lookup);
    args[0] = LLVMGetParam(f, 0);
    native = LLVMBuildCall2(b, LLVMGlobalGetValueType(native_of), native_of,
                            args, 1, "native");
    isnull = LLVMBuildICmp(b, LLVMIntEQ, native, LLVMConstNull(p), "");
    LLVMBuildCondBr(b, isnull, bg, bn);

    for (i = 0; i < n; i++) {
        args[i] = LLVMGetParam(f, i + 1);
    }
    LLVMPositionBuilderAtEnd(b, bn);
    ncall = LLVMBuildCall2(b, fnty, native, args, n, "");
    copy_call_attrs(call, ncall, n, 0);
    finish(b, LLVMGetTypeKind(LLVMGetReturnType(fnty)) == LLVMVoidTypeKind ?
           NULL : ncall);

    LLVMPositionBuilderAtEnd(b, bg);
    r = emit_guest_call(job, b, fnty, &l,
                        LLVMBuildPtrToInt(b, LLVMGetParam(f, 0), i64_type(job),
                                          ""), args);
    finish(b, r);
    LLVMDisposeBuilder(b);
    return f;
}

/* Replace call by a call of stub with extra leading arguments. */
static void redirect_call(Job *job, LLVMBuilderRef b, LLVMValueRef call,
                          LLVMValueRef stub, LLVMValueRef lead)
{
    unsigned n = LLVMGetNumArgOperands(call), i, k = 0;
    LLVMValueRef args[65], nc;

    if (lead) {
        args[k++] = lead;
    }
    for (i = 0; i < n; i++) {
        args[k++] = LLVMGetOperand(call, i);
    }
    LLVMPositionBuilderBefore(b, call);
    nc = LLVMBuildCall2(b, LLVMGlobalGetValueType(stub), stub, args, k, "");
    if (LLVMGetTypeKind(LLVMTypeOf(call)) != LLVMVoidTypeKind) {
        LLVMReplaceAllUsesWith(call, nc);
    }
    LLVMInstructionEraseFromParent(call);
}

/* Does a direct call of g stay a native call? */
static bool native_callee(Job *job, LLVMValueRef g)
{
    Fn *gf;

    if (!strncmp(LLVMGetValueName(g), "llvm.", 5)) {
        return true;
    }
    if (LLVMIsDeclaration(g)) {
        return host_bound_function(LLVMGetValueName(g));
    }
    gf = job_fn(job, g);
    return gf && !gf->reason;
}

static int rewrite_call(FnCtx *c, LLVMValueRef in)
{
    LLVMValueRef callee = LLVMGetCalledValue(in), stub;
    unsigned nargs = LLVMGetNumArgOperands(in);
    const char *why;
    int idx;

    if (LLVMIsAFunction(callee)) {
        map_operands(c, in, nargs);
        if (native_callee(c->job, callee)) {
            return 0;
        }
        idx = job_import_for(c->job, callee, &why);
        stub = idx < 0 ? NULL : guest_stub(c->job, in, idx);
        if (!stub) {
            fprintf(stderr, "qemu-offload-cc: internal error: no way to call "
                    "%s\n", LLVMGetValueName(callee));
            return -1;
        }
        redirect_call(c->job, c->b, in, stub, NULL);
        return 0;
    }
    map_operands(c, in, nargs + 1);
    stub = indirect_stub(c->job, in);
    if (!stub) {
        fprintf(stderr, "qemu-offload-cc: internal error: indirect call\n");
        return -1;
    }
    redirect_call(c->job, c->b, in, stub, LLVMGetCalledValue(in));
    return 0;
}

static int rewrite_function(Job *job, Fn *f)
{
    FnCtx c = { job, f->fn, LLVMCreateBuilderInContext(job->ctx), NULL, 0 };
    LLVMValueRef *list = NULL, in;
    LLVMBasicBlockRef bb;
    int n = 0, i, ret = 0;

    /* Collect first: rewriting inserts and erases instructions. */
    for (bb = LLVMGetFirstBasicBlock(f->fn); bb; bb = LLVMGetNextBasicBlock(bb)) {
        for (in = LLVMGetFirstInstruction(bb); in;
             in = LLVMGetNextInstruction(in)) {
            list = realloc(list, (n + 1) * sizeof(*list));
            list[n++] = in;
        }
    }
    for (i = 0; i < n && ret == 0; i++) {
        if (LLVMGetInstructionOpcode(list[i]) == LLVMCall) {
            ret = rewrite_call(&c, list[i]);
        } else {
            map_operands(&c, list[i], LLVMGetNumOperands(list[i]));
        }
    }
    free(list);
    free(c.imports);
    LLVMDisposeBuilder(c.b);
    return ret;
}

/* void bridge(OffloadRegs *r): a guest call's arguments -> f -> results. */
static LLVMValueRef make_bridge(Job *job, Fn *f, int k)
{
    LLVMTypeRef fnty = LLVMGlobalGetValueType(f->fn), p = ptr_type(job);
    LLVMTypeRef i8 = LLVMInt8TypeInContext(job->ctx);
    unsigned n = LLVMCountParams(f->fn), i, j, na;
    LLVMValueRef br, regs, sp, stack, args[64], call, idx;
    LLVMAttributeRef attrs[64];
    LLVMBuilderRef b;
    const char *why;
    CallLayout l;
    char name[64];

    aapcs64_layout(fnty, fn_sret_index(f->fn), &l, &why);
    snprintf(name, sizeof(name), "ofl.bridge.%d", k);
    br = LLVMAddFunction(job->mod, name,
                         LLVMFunctionType(LLVMVoidTypeInContext(job->ctx),
                                          &p, 1, 0));
    LLVMSetVisibility(br, LLVMHiddenVisibility);
    b = LLVMCreateBuilderInContext(job->ctx);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(job->ctx, br,
                                                              "entry"));
    regs = LLVMGetParam(br, 0);
    idx = LLVMConstInt(i64_type(job), regs_sp_offset(), 0);
    sp = LLVMBuildLoad2(b, i64_type(job),
                        LLVMBuildGEP2(b, i8, regs, &idx, 1, ""), "sp");
    stack = LLVMBuildIntToPtr(b, sp, p, "stack");
    for (i = 0; i < n; i++) {
        args[i] = aapcs64_load(b, LLVMTypeOf(LLVMGetParam(f->fn, i)),
                               &l.args[i], regs, stack);
    }
    call = LLVMBuildCall2(b, fnty, f->fn, args, n, "");
    /* The callee's own attributes (sret, zeroext...) fix its host ABI. */
    for (i = 0; i <= n; i++) {
        LLVMAttributeIndex ai = i == 0 ? LLVMAttributeReturnIndex : i;

        na = LLVMGetAttributeCountAtIndex(f->fn, ai);
        if (na > 64) {
            continue;
        }
        LLVMGetAttributesAtIndex(f->fn, ai, attrs);
        for (j = 0; j < na; j++) {
            LLVMAddCallSiteAttribute(call, ai, attrs[j]);
        }
    }
    if (l.ret.n) {
        aapcs64_store(b, call, &l.ret, regs, stack);
    }
    LLVMBuildRetVoid(b);
    LLVMDisposeBuilder(b);
    return br;
}

/* Delete a function that stays emulated (after its callers are rewritten). */
static void drop_function(Job *job, LLVMValueRef f)
{
    LLVMValueRef decl;

    if (LLVMGetFirstUse(f)) {
        decl = LLVMAddFunction(job->mod, "ofl.dropped",
                               LLVMGlobalGetValueType(f));
        LLVMReplaceAllUsesWith(f, decl);
    }
    LLVMDeleteFunction(f);
}

/* Drop globals and declarations nothing native uses any more. */
static void drop_unused(Job *job)
{
    bool changed = true;
    LLVMValueRef v, next;

    for (v = LLVMGetFirstGlobal(job->mod); v; v = next) {
        next = LLVMGetNextGlobal(v);
        if (!strncmp(LLVMGetValueName(v), "llvm.", 5)) {
            LLVMDeleteGlobal(v);       /* llvm.used and friends */
        }
    }
    while (changed) {
        changed = false;
        for (v = LLVMGetFirstGlobal(job->mod); v; v = next) {
            next = LLVMGetNextGlobal(v);
            if (!LLVMGetFirstUse(v) && v != job->import_table) {
                LLVMDeleteGlobal(v);
                changed = true;
            }
        }
        for (v = LLVMGetFirstFunction(job->mod); v; v = next) {
            next = LLVMGetNextFunction(v);
            if (LLVMIsDeclaration(v) && !LLVMGetFirstUse(v)) {
                LLVMDeleteFunction(v);
                changed = true;
            }
        }
    }
    /* What is left of the guest's data is a host copy: keep it private. */
    for (v = LLVMGetFirstGlobal(job->mod); v; v = LLVMGetNextGlobal(v)) {
        if (v != job->import_table && LLVMGetInitializer(v)) {
            LLVMSetLinkage(v, LLVMPrivateLinkage);
        }
    }
}

static int cmp_bound(const void *a, const void *b)
{
    const Fn *x = *(Fn *const *)a, *y = *(Fn *const *)b;

    return x->gsym->value < y->gsym->value ? -1 :
           x->gsym->value > y->gsym->value;
}

int rewrite(Job *job)
{
    LLVMValueRef placeholder, table;
    Fn **bound;
    int i, nb = 0;

    placeholder = LLVMAddGlobal(job->mod, i64_type(job), "ofl.imports.tmp");
    job->import_table = placeholder;
    for (i = 0; i < job->nfns; i++) {
        if (!job->fns[i].reason && rewrite_function(job, &job->fns[i]) < 0) {
            return -1;
        }
    }
    /* Bridges, in guest address order (the manifest's order). */
    bound = calloc(job->nfns + 1, sizeof(Fn *));
    for (i = 0; i < job->nfns; i++) {
        if (!job->fns[i].reason && job->fns[i].bound) {
            bound[nb++] = &job->fns[i];
        }
    }
    qsort(bound, nb, sizeof(Fn *), cmp_bound);
    for (i = 0; i < nb; i++) {
        bound[i]->manifest_index = i;
        make_bridge(job, bound[i], i);
    }
    free(bound);
    for (i = 0; i < job->nfns; i++) {
        Fn *f = &job->fns[i];

        if (f->reason) {
            drop_function(job, f->fn);
            f->fn = NULL;
        } else if (f->bound) {
            LLVMSetLinkage(f->fn, LLVMExternalLinkage);
            LLVMSetVisibility(f->fn, LLVMHiddenVisibility);
        } else {
            LLVMSetLinkage(f->fn, LLVMInternalLinkage);
        }
    }
    /* The import table, now that its size is known. */
    table = LLVMAddGlobal(job->mod, LLVMArrayType(i64_type(job),
                          job->nimports ? job->nimports : 1),
                          "qemu_offload_import_addr");
    LLVMSetInitializer(table, LLVMConstNull(LLVMGlobalGetValueType(table)));
    LLVMSetVisibility(table, LLVMHiddenVisibility);
    LLVMReplaceAllUsesWith(placeholder, table);
    LLVMDeleteGlobal(placeholder);
    job->import_table = table;
    drop_unused(job);
    return 0;
}
