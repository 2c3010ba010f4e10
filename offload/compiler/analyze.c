/*
 * qemu-offload-cc: which functions may run natively.
 *
 * A function is eligible when nothing in it needs what native code
 * cannot honour (source-check.c has looked at the C; this file looks at
 * the IR and at the guest ELF), and when everything it uses can be
 * reached: every global it touches has a guest symbol (or is a constant
 * that a host copy can stand for), every function it calls is eligible
 * too or has a guest symbol to call back into, every function whose
 * address it takes has a guest address.  Eligible functions with a guest
 * symbol are bound (guest calls go native); eligible functions without
 * one (inlined everywhere by the guest compiler) are still used natively
 * by their native callers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aapcs64.h"
#include "offload-cc.h"

/* Library functions called on the host's libc: exact, and stateless. */
static const char *const host_bound[] = {
    "memcpy", "memmove", "memset", "memcmp", "bcmp", "memchr", "strlen",
    "strnlen", "strcmp", "strncmp", "strchr", "strrchr", "strcpy",
    "strncpy", "strcat", "strncat", "strstr", "strspn", "strcspn",
    "strpbrk", "fabs", "fabsf", "floor", "floorf", "ceil",
    "ceilf", "trunc", "truncf", "round", "roundf", "fmin", "fminf", "fmax",
    "fmaxf", "copysign", "copysignf", "abs", "labs", "llabs", NULL
};

/* Calls that unwind or switch stacks across native frames. */
static const char *const stack_switchers[] = {
    "setjmp", "_setjmp", "__sigsetjmp", "sigsetjmp", "longjmp", "_longjmp",
    "siglongjmp", "__longjmp_chk", "vfork", "getcontext", "setcontext",
    "swapcontext", "makecontext", NULL
};

static bool in_list(const char *const *list, const char *name)
{
    for (; *list; list++) {
        if (!strcmp(*list, name)) {
            return true;
        }
    }
    return false;
}

bool host_bound_function(const char *name)
{
    return in_list(host_bound, name);
}

void fn_reject(Fn *f, const char *fmt, ...)
{
    va_list ap;

    if (f->reason) {
        return;                 /* the first reason is the one reported */
    }
    va_start(ap, fmt);
    if (vasprintf(&f->reason, fmt, ap) < 0) {
        abort();
    }
    va_end(ap);
}

Fn *job_add_fn(Job *job, LLVMValueRef v, const char *cname)
{
    Fn *f;

    job->fns = realloc(job->fns, (job->nfns + 1) * sizeof(Fn));
    f = &job->fns[job->nfns++];
    memset(f, 0, sizeof(*f));
    f->fn = v;
    f->manifest_index = -1;
    f->cname = strdup(cname);
    return f;
}

Fn *job_fn(Job *job, LLVMValueRef v)
{
    int i;

    for (i = 0; i < job->nfns; i++) {
        if (job->fns[i].fn == v) {
            return &job->fns[i];
        }
    }
    return NULL;
}

static const char *c_name(const Job *job, LLVMValueRef v)
{
    const Origin *o = job_origin(job, LLVMGetValueName(v));

    return o ? o->cname : LLVMGetValueName(v);
}

/*
 * The guest symbol of a module global or function, or NULL; *why gets a
 * reason (static storage) when there is none.
 */
static const GuestSym *guest_sym_for(Job *job, LLVMValueRef gv,
                                     char *why, size_t whylen)
{
    const char *name = LLVMGetValueName(gv);
    const Origin *o = job_origin(job, name);
    bool isfn = LLVMIsAFunction(gv) != NULL;
    unsigned mask = 1u << (isfn ? GSYM_FUNC : GSYM_OBJECT);
    const GuestSym *s;
    bool ambiguous;

    if (o) {
        const char *dot = strchr(o->cname, '.');

        if (!isfn && dot) {
            s = guest_elf_local_static(job->guest, o->file, dot + 1,
                                       &ambiguous);
            if (!s) {
                snprintf(why, whylen, "static variable '%s' of %.*s() has %s",
                         dot + 1, (int)(dot - o->cname), o->cname,
                         ambiguous ? "several candidate guest symbols" :
                         "no guest symbol");
            }
            return s;
        }
        s = guest_elf_local(job->guest, o->file, o->cname, mask);
        if (!s) {
            snprintf(why, whylen, "static '%s' has no guest symbol (inlined "
                     "or removed by the guest compiler?)", o->cname);
        }
        return s;
    }
    s = guest_elf_global(job->guest, name, mask | 1u << GSYM_IFUNC |
                         1u << GSYM_TLS);
    if (s && s->kind == GSYM_IFUNC) {
        snprintf(why, whylen, "'%s' is an IFUNC in the guest", name);
        return NULL;
    }
    if (s && s->kind == GSYM_TLS) {
        snprintf(why, whylen, "'%s' is thread-local", name);
        return NULL;
    }
    if (!s && isfn) {
        s = guest_elf_plt(job->guest, name);
    }
    if (!s) {
        snprintf(why, whylen, "'%s' has no guest symbol", name);
    }
    return s;
}

int job_import_for(Job *job, LLVMValueRef gv, const char **why)
{
    static char buf[256];
    const GuestSym *s = guest_sym_for(job, gv, buf, sizeof(buf));
    const char *name = c_name(job, gv);
    int i;

    if (!s) {
        *why = buf;
        return -1;
    }
    for (i = 0; i < job->nimports; i++) {
        if (job->imports[i].guest_value == s->value &&
            !strcmp(job->imports[i].name, name)) {
            return i;
        }
    }
    job->imports = realloc(job->imports,
                           (job->nimports + 1) * sizeof(Import));
    job->imports[job->nimports] = (Import) { strdup(name), s->value };
    return job->nimports++;
}

/* True if constant c refers to no global value (a host copy is exact). */
static bool constant_is_pure(LLVMValueRef c, int depth)
{
    int i, n;

    if (LLVMIsAGlobalValue(c) || LLVMIsABlockAddress(c) || depth > 64) {
        return false;
    }
    n = LLVMGetNumOperands(c);
    for (i = 0; i < n; i++) {
        if (!constant_is_pure(LLVMGetOperand(c, i), depth + 1)) {
            return false;
        }
    }
    return true;
}

/* A module global native code may use through a host copy. */
static bool host_copy_ok(LLVMValueRef gv)
{
    LLVMValueRef init = LLVMGetInitializer(gv);

    return LLVMIsGlobalConstant(gv) && init && constant_is_pure(init, 0);
}

static bool type_has_fp128(LLVMTypeRef t, int depth)
{
    unsigned i, n;
    LLVMTypeRef elems[64];

    if (depth > 16) {
        return false;
    }
    switch (LLVMGetTypeKind(t)) {
    case LLVMFP128TypeKind:
    case LLVMX86_FP80TypeKind:
    case LLVMPPC_FP128TypeKind:
        return true;
    case LLVMArrayTypeKind:
    case LLVMVectorTypeKind:
        return type_has_fp128(LLVMGetElementType(t), depth + 1);
    case LLVMStructTypeKind:
        n = LLVMCountStructElementTypes(t);
        if (LLVMIsOpaqueStruct(t) || n > 64) {
            return false;
        }
        LLVMGetStructElementTypes(t, elems);
        for (i = 0; i < n; i++) {
            if (type_has_fp128(elems[i], depth + 1)) {
                return true;
            }
        }
        return false;
    case LLVMFunctionTypeKind:
        if (type_has_fp128(LLVMGetReturnType(t), depth + 1)) {
            return true;
        }
        n = LLVMCountParamTypes(t);
        if (n > 64) {
            return false;
        }
        LLVMGetParamTypes(t, elems);
        for (i = 0; i < n; i++) {
            if (type_has_fp128(elems[i], depth + 1)) {
                return true;
            }
        }
        return false;
    default:
        return false;
    }
}

/* Does t lay out differently for the guest and the host? */
static bool layout_differs(Job *job, LLVMTypeRef t, int depth)
{
    unsigned i, n;

    if (depth > 16 || !LLVMTypeIsSized(t)) {
        return false;
    }
    /*
     * Sizes and member offsets; not a scalar's own alignment (i128 is
     * 16-aligned on aarch64, 8 in LLVM 16's x86-64 layout): every memory
     * access in the IR carries its alignment, and where it shapes a
     * struct the offsets below differ.
     */
    if (LLVMABISizeOfType(job->guest_td, t) !=
        LLVMABISizeOfType(job->host_td, t)) {
        return true;
    }
    switch (LLVMGetTypeKind(t)) {
    case LLVMArrayTypeKind:
    case LLVMVectorTypeKind:
        return layout_differs(job, LLVMGetElementType(t), depth + 1);
    case LLVMStructTypeKind:
        n = LLVMCountStructElementTypes(t);
        for (i = 0; i < n; i++) {
            if (LLVMOffsetOfElement(job->guest_td, t, i) !=
                LLVMOffsetOfElement(job->host_td, t, i) ||
                layout_differs(job, LLVMStructGetTypeAtIndex(t, i),
                               depth + 1)) {
                return true;
            }
        }
        return false;
    default:
        return false;
    }
}

static int sret_index(LLVMValueRef call)
{
    unsigned kind = LLVMGetEnumAttributeKindForName("sret", 4);
    unsigned i, n = LLVMGetNumArgOperands(call);

    for (i = 0; i < n; i++) {
        /* sret is a type attribute; the enum lookup finds it too. */
        if (LLVMGetCallSiteEnumAttribute(call, i + 1, kind)) {
            return i;
        }
    }
    return -1;
}

int call_sret_index(LLVMValueRef call)
{
    return sret_index(call);
}


int fn_sret_index(LLVMValueRef fn)
{
    unsigned kind = LLVMGetEnumAttributeKindForName("sret", 4);
    unsigned i, n = LLVMCountParams(fn);

    for (i = 0; i < n; i++) {
        if (LLVMGetEnumAttributeAtIndex(fn, i + 1, kind)) {
            return i;
        }
    }
    return -1;
}

static bool call_layout_ok(LLVMValueRef call, const char **why)
{
    CallLayout l;

    return aapcs64_layout(LLVMGetCalledFunctionType(call), sret_index(call),
                          &l, why);
}

/* Constant expressions the rewrite can turn into instructions. */
static bool materializable(LLVMValueRef ce)
{
    switch (LLVMGetConstOpcode(ce)) {
    case LLVMGetElementPtr:
    case LLVMBitCast:
    case LLVMPtrToInt:
    case LLVMIntToPtr:
    case LLVMAddrSpaceCast:
    case LLVMTrunc:
    case LLVMAdd:
    case LLVMSub:
    case LLVMMul:
    case LLVMAnd:
    case LLVMOr:
    case LLVMXor:
    case LLVMShl:
    case LLVMICmp:
        return true;
    default:
        return false;
    }
}

static void check_global_use(Job *job, Fn *f, LLVMValueRef gv, bool callee,
                             LLVMValueRef call);

/* A constant operand: find the globals inside it. */
static void check_constant(Job *job, Fn *f, LLVMValueRef c, int depth)
{
    int i, n;

    if (LLVMIsAGlobalValue(c)) {
        check_global_use(job, f, c, false, NULL);
        return;
    }
    if (LLVMIsABlockAddress(c)) {
        fn_reject(f, "takes the address of a label");
        return;
    }
    n = LLVMGetNumOperands(c);
    if (n == 0 || depth > 32) {
        return;
    }
    if (!LLVMIsAConstantExpr(c)) {
        if (!constant_is_pure(c, 0)) {
            fn_reject(f, "a constant aggregate holds an address");
        }
        return;
    }
    if (!constant_is_pure(c, 0) && !materializable(c)) {
        fn_reject(f, "unsupported constant expression on an address");
        return;
    }
    for (i = 0; i < n; i++) {
        check_constant(job, f, LLVMGetOperand(c, i), depth + 1);
    }
}

static void check_callee(Job *job, Fn *f, LLVMValueRef g, LLVMValueRef call)
{
    const char *name = LLVMGetValueName(g);
    const char *why;
    char buf[256];

    if (!strncmp(name, "llvm.", 5)) {
        if (!strncmp(name, "llvm.va_", 8)) {
            fn_reject(f, "uses va_list");
        } else if (!strncmp(name, "llvm.aarch64.", 13) ||
                   !strncmp(name, "llvm.arm.", 9)) {
            fn_reject(f, "target intrinsic %s", name);
        }
        return;
    }
    if (in_list(stack_switchers, name)) {
        fn_reject(f, "calls %s (setjmp/longjmp and friends)", name);
        return;
    }
    if (!LLVMIsDeclaration(g)) {
        return;                 /* decided by the fixed point below */
    }
    if (host_bound_function(name) || semantics_handles(name)) {
        return;
    }
    if (!call_layout_ok(call, &why)) {
        fn_reject(f, "calls %s, but %s", name, why);
        return;
    }
    if (!guest_sym_for(job, g, buf, sizeof(buf))) {
        fn_reject(f, "calls %s, but %s", name, buf);
    }
}

static void check_global_use(Job *job, Fn *f, LLVMValueRef gv, bool callee,
                             LLVMValueRef call)
{
    char buf[256];

    if (LLVMIsAFunction(gv)) {
        if (callee) {
            check_callee(job, f, gv, call);
        } else if (!strncmp(LLVMGetValueName(gv), "llvm.", 5)) {
            fn_reject(f, "uses an intrinsic as a value");
        } else if (!guest_sym_for(job, gv, buf, sizeof(buf))) {
            fn_reject(f, "takes the address of %s, but %s",
                      c_name(job, gv), buf);
        }
        return;
    }
    if (!LLVMIsAGlobalVariable(gv)) {
        fn_reject(f, "uses an alias or ifunc");
        return;
    }
    if (LLVMIsThreadLocal(gv)) {
        fn_reject(f, "thread-local variable %s", c_name(job, gv));
        return;
    }
    if (layout_differs(job, LLVMGlobalGetValueType(gv), 0)) {
        fn_reject(f, "the layout of %s differs between aarch64 and x86-64",
                  c_name(job, gv));
        return;
    }
    if (LLVMGetLinkage(gv) == LLVMPrivateLinkage && host_copy_ok(gv)) {
        return;
    }
    if (!guest_sym_for(job, gv, buf, sizeof(buf)) && !host_copy_ok(gv)) {
        fn_reject(f, "uses %s, but %s", c_name(job, gv), buf);
    }
}

static void check_instruction(Job *job, Fn *f, LLVMValueRef in)
{
    LLVMOpcode op = LLVMGetInstructionOpcode(in);
    int i, n = LLVMGetNumOperands(in);
    LLVMTypeRef t = NULL;
    const char *why;

    if (type_has_fp128(LLVMTypeOf(in), 0)) {
        fn_reject(f, "uses long double");
    }
    switch (op) {
    case LLVMAlloca:
        t = LLVMGetAllocatedType(in);
        break;
    case LLVMGetElementPtr:
        t = LLVMGetGEPSourceElementType(in);
        break;
    case LLVMLoad:
        t = LLVMTypeOf(in);
        break;
    case LLVMStore:
        t = LLVMTypeOf(LLVMGetOperand(in, 0));
        break;
    case LLVMVAArg:
        fn_reject(f, "uses va_list");
        break;
    case LLVMInvoke:
    case LLVMCallBr:
    case LLVMLandingPad:
    case LLVMResume:
    case LLVMIndirectBr:
        fn_reject(f, "unsupported control flow (%s)",
                  op == LLVMIndirectBr ? "computed goto" : "exceptions");
        break;
    default:
        break;
    }
    if (t && (type_has_fp128(t, 0) || layout_differs(job, t, 0))) {
        fn_reject(f, type_has_fp128(t, 0) ? "uses long double" :
                  "a type lays out differently on aarch64 and x86-64");
    }
    if (op == LLVMCall) {
        LLVMValueRef callee = LLVMGetCalledValue(in);

        n = LLVMGetNumArgOperands(in);
        if (LLVMIsAInlineAsm(callee)) {
            fn_reject(f, "inline asm");
        } else if (LLVMIsAFunction(callee)) {
            check_global_use(job, f, callee, true, in);
        } else if (!call_layout_ok(in, &why)) {
            fn_reject(f, "indirect call, but %s", why);
        } else if (LLVMIsConstant(callee)) {
            check_constant(job, f, callee, 0);
        }
    }
    for (i = 0; i < n; i++) {
        LLVMValueRef v = LLVMGetOperand(in, i);

        if (type_has_fp128(LLVMTypeOf(v), 0)) {
            fn_reject(f, "uses long double");
        }
        if (LLVMIsConstant(v)) {
            check_constant(job, f, v, 0);
        }
    }
}

static void check_function(Job *job, Fn *f)
{
    LLVMBasicBlockRef b;
    LLVMValueRef in;

    if (LLVMIsFunctionVarArg(LLVMGlobalGetValueType(f->fn))) {
        fn_reject(f, "variadic");
    }
    if (type_has_fp128(LLVMGlobalGetValueType(f->fn), 0)) {
        fn_reject(f, "uses long double");
    }
    for (b = LLVMGetFirstBasicBlock(f->fn); b; b = LLVMGetNextBasicBlock(b)) {
        for (in = LLVMGetFirstInstruction(b); in;
             in = LLVMGetNextInstruction(in)) {
            check_instruction(job, f, in);
        }
    }
}

/* Guest allocator entry points: short, and called very often. */
static const char *const allocators[] = {
    "malloc", "calloc", "realloc", "free", "aligned_alloc", "memalign",
    "posix_memalign", "valloc", "pvalloc", "reallocarray", NULL
};

/* Can block b reach itself (is it inside a loop)? */
static bool in_cycle(LLVMBasicBlockRef b, LLVMValueRef fn)
{
    unsigned n = LLVMCountBasicBlocks(fn), head = 0, tail = 0, i, j;
    LLVMBasicBlockRef *queue = calloc(n + 1, sizeof(*queue));
    LLVMBasicBlockRef *seen = calloc(n + 1, sizeof(*seen));
    unsigned nseen = 0;
    bool found = false;

    queue[tail++] = b;
    while (head < tail && !found) {
        LLVMValueRef term = LLVMGetBasicBlockTerminator(queue[head++]);
        unsigned ns = term ? LLVMGetNumSuccessors(term) : 0;

        for (i = 0; i < ns && !found; i++) {
            LLVMBasicBlockRef s = LLVMGetSuccessor(term, i);

            if (s == b) {
                found = true;
                break;
            }
            for (j = 0; j < nseen && seen[j] != s; j++) {
            }
            if (j == nseen && nseen < n) {
                seen[nseen++] = s;
                queue[tail++] = s;
            }
        }
    }
    free(queue);
    free(seen);
    return found;
}

/*
 * A call back into the guest costs about 0.2 us (a nested guest loop);
 * allocator calls are a few dozen guest instructions.  A function that
 * calls the guest's allocator in a loop, or recursively, spends its time
 * crossing the boundary: it runs faster emulated (its callers may still
 * be native and call it in the guest).
 */
static void check_callback_density(Fn *f)
{
    LLVMBasicBlockRef b;
    LLVMValueRef in;
    bool recursive = false;
    const char *alloc_in_loop = NULL, *alloc = NULL;

    for (b = LLVMGetFirstBasicBlock(f->fn); b; b = LLVMGetNextBasicBlock(b)) {
        for (in = LLVMGetFirstInstruction(b); in;
             in = LLVMGetNextInstruction(in)) {
            LLVMValueRef callee;

            if (LLVMGetInstructionOpcode(in) != LLVMCall) {
                continue;
            }
            callee = LLVMGetCalledValue(in);
            if (callee == f->fn) {
                recursive = true;
            } else if (LLVMIsAFunction(callee) && LLVMIsDeclaration(callee) &&
                       in_list(allocators, LLVMGetValueName(callee))) {
                alloc = LLVMGetValueName(callee);
                if (!alloc_in_loop && in_cycle(b, f->fn)) {
                    alloc_in_loop = alloc;
                }
            }
        }
    }
    if (alloc_in_loop) {
        fn_reject(f, "calls %s in a loop: calls back into the guest would "
                  "cost more than native code saves", alloc_in_loop);
    } else if (alloc && recursive) {
        fn_reject(f, "calls %s and itself: calls back into the guest would "
                  "cost more than native code saves", alloc);
    }
}

/* The guest's copy of f: is it f compiled without FMA contraction? */
static void check_guest_code(Job *job, Fn *f)
{
    char buf[256];
    const uint8_t *code;

    f->gsym = guest_sym_for(job, f->fn, buf, sizeof(buf));
    if (!f->gsym || f->gsym->kind != GSYM_FUNC || f->gsym->size == 0 ||
        f->gsym->value == 0) {
        f->gsym = NULL;
        return;
    }
    code = guest_elf_bytes(job->guest, f->gsym->value, f->gsym->size);
    if (!code) {
        f->gsym = NULL;
        return;
    }
    if (guest_code_has_fma(code, f->gsym->size)) {
        fn_reject(f, "the guest's code uses fused multiply-add (build the "
                  "guest with -ffp-contract=off)");
    }
}

/* Callers of functions that are neither native nor callable in the guest. */
static bool propagate(Job *job)
{
    bool changed = false;
    int i;

    for (i = 0; i < job->nfns; i++) {
        Fn *f = &job->fns[i];
        LLVMBasicBlockRef b;
        LLVMValueRef in;

        if (f->reason) {
            continue;
        }
        for (b = LLVMGetFirstBasicBlock(f->fn); b && !f->reason;
             b = LLVMGetNextBasicBlock(b)) {
            for (in = LLVMGetFirstInstruction(b); in && !f->reason;
                 in = LLVMGetNextInstruction(in)) {
                LLVMValueRef callee;
                Fn *g;

                if (LLVMGetInstructionOpcode(in) != LLVMCall) {
                    continue;
                }
                callee = LLVMGetCalledValue(in);
                g = LLVMIsAFunction(callee) ? job_fn(job, callee) : NULL;
                if (g && g->reason) {
                    const char *why;
                    char buf[256];

                    if (!call_layout_ok(in, &why)) {
                        fn_reject(f, "calls %s, which is not offloaded, "
                                  "and %s", g->cname, why);
                    } else if (!guest_sym_for(job, g->fn, buf, sizeof(buf))) {
                        fn_reject(f, "calls %s, which is not offloaded (%s), "
                                  "and %s", g->cname, g->reason, buf);
                    }
                    changed |= f->reason != NULL;
                }
            }
        }
    }
    return changed;
}

static const SrcFunc *find_src(Job *job, const char *cname, const char *file)
{
    int i;

    for (i = 0; i < job->nsrc; i++) {
        const SrcFunc *s = &job->src[i];

        if (!strcmp(s->name, cname) && (!file || !strcmp(s->file, file))) {
            return s;
        }
    }
    return NULL;
}

static void collect_functions(Job *job)
{
    LLVMValueRef v;

    for (v = LLVMGetFirstFunction(job->mod); v; v = LLVMGetNextFunction(v)) {
        const Origin *o;
        const SrcFunc *s;
        Fn *f;

        if (LLVMIsDeclaration(v)) {
            continue;
        }
        o = job_origin(job, LLVMGetValueName(v));
        f = job_add_fn(job, v, o ? o->cname : LLVMGetValueName(v));
        s = find_src(job, f->cname, o ? o->file : NULL);
        if (s) {
            f->file = s->file;
            f->def_file = s->def_file;
            f->line = s->line;
            f->is_static = s->is_static;
            if (s->reason) {
                fn_reject(f, "%s", s->reason);
            }
        }
    }
}

int analyze(Job *job)
{
    int i;

    collect_functions(job);
    for (i = 0; i < job->nfns; i++) {
        check_function(job, &job->fns[i]);
        if (!job->all_eligible) {
            check_callback_density(&job->fns[i]);
        }
        check_guest_code(job, &job->fns[i]);
    }
    while (propagate(job)) {
        /* until no caller loses its last way to reach a callee */
    }
    for (i = 0; i < job->nfns; i++) {
        Fn *f = &job->fns[i];
        const char *why;
        CallLayout l;

        if (f->reason || !f->gsym) {
            continue;
        }
        if (!aapcs64_layout(LLVMGlobalGetValueType(f->fn),
                            fn_sret_index(f->fn), &l, &why)) {
            /* Still usable by native callers; guest calls stay emulated. */
            snprintf(f->reason_buf, sizeof(f->reason_buf),
                     "guest calls not bound: %s", why);
            continue;
        }
        f->bound = true;
    }
    return 0;
}
