/*
 * Hybrid translator, stage 5: the JIT.
 *
 * ORC LLJIT through the C API, with an RTDyld object layer whose memory
 * comes from the callbacks below: each object file (one per trace) gets
 * its own mappings, made executable at finalization and unmapped when the
 * trace's resource tracker is removed.  Recording the code sections lets
 * the patcher tell whether a host PC is inside a trace.
 *
 * One HybridJit per optimizer thread; nothing here is shared.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include <sys/mman.h>
#include "hybrid/llvm-backend/jit.h"

/* ------------------------------------------------------------------ */
/* Section memory                                                      */

/*
 * Sections come from big read-write-execute chunks, as TCG's own code
 * buffer does, with freed ranges reused first-fit.  One mapping per
 * section would exhaust vm.max_map_count in programs with thousands of
 * traces, and LLVM cannot survive an allocation failure.  Free ranges
 * are kept sorted and merged with their neighbours: a guest that keeps
 * rewriting hot code frees a trace for about every one it compiles,
 * and unmerged, the list grew by one range a trace, each allocation
 * walking all of them.  Chunks are never unmapped: a freed range's
 * pages stay resident until reused.
 */
#define CHUNK_SIZE (16 * 1024 * 1024)
#define SECTION_ALIGN 64

typedef struct Range {
    uintptr_t start;
    size_t len;
} Range;

static QemuMutex pool_lock;
static GArray *free_ranges;        /* of Range, by start, none adjacent */
static uintptr_t bump, bump_end;

static void pool_init(void)
{
    qemu_mutex_init(&pool_lock);
    free_ranges = g_array_new(false, false, sizeof(Range));
}

#define RANGE(i) (&g_array_index(free_ranges, Range, (i)))

/* Add [start, start + len) to the free ranges.  pool_lock held. */
static void free_range(uintptr_t start, size_t len)
{
    guint lo = 0, hi = free_ranges->len;
    bool after_prev, before_next;

    if (!len) {
        return;
    }
    while (lo < hi) {               /* lo: the first range above start */
        guint mid = (lo + hi) / 2;

        if (RANGE(mid)->start < start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    after_prev = lo > 0 && RANGE(lo - 1)->start + RANGE(lo - 1)->len == start;
    before_next = lo < free_ranges->len && start + len == RANGE(lo)->start;
    if (after_prev && before_next) {
        RANGE(lo - 1)->len += len + RANGE(lo)->len;
        g_array_remove_index(free_ranges, lo);
    } else if (after_prev) {
        RANGE(lo - 1)->len += len;
    } else if (before_next) {
        RANGE(lo)->start = start;
        RANGE(lo)->len += len;
    } else {
        Range r = { start, len };

        g_array_insert_val(free_ranges, lo, r);
    }
}

/* First fit among the free ranges, or 0.  pool_lock held. */
static uintptr_t alloc_free(size_t size, unsigned align)
{
    for (guint i = 0; i < free_ranges->len; i++) {
        Range r = *RANGE(i);
        uintptr_t s = ROUND_UP(r.start, align);

        if (s + size <= r.start + r.len) {
            /* Keep the parts before and after, if any. */
            g_array_remove_index(free_ranges, i);
            free_range(r.start, s - r.start);
            free_range(s + size, r.start + r.len - (s + size));
            return s;
        }
    }
    return 0;
}

static void *pool_alloc(size_t size, unsigned align)
{
    uintptr_t s;

    align = MAX(align, SECTION_ALIGN);
    size = ROUND_UP(MAX(size, 1), SECTION_ALIGN);
    qemu_mutex_lock(&pool_lock);
    s = alloc_free(size, align);
    if (!s) {
        s = ROUND_UP(bump, align);
        if (!bump || s + size > bump_end) {
            size_t len = MAX(CHUNK_SIZE, ROUND_UP(size + align,
                                                  qemu_real_host_page_size()));
            void *c = mmap(NULL, len, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

            if (c == MAP_FAILED) {
                qemu_mutex_unlock(&pool_lock);
                return NULL;
            }
            if (bump) {
                free_range(bump, bump_end - bump);  /* the old chunk's tail */
            }
            bump = (uintptr_t)c;
            bump_end = bump + len;
            s = ROUND_UP(bump, align);
        }
        bump = s + size;
    }
    qemu_mutex_unlock(&pool_lock);
    return (void *)s;
}

static void pool_free(void *p, size_t size)
{
    qemu_mutex_lock(&pool_lock);
    free_range((uintptr_t)p, ROUND_UP(MAX(size, 1), SECTION_ALIGN));
    qemu_mutex_unlock(&pool_lock);
}

typedef struct ObjMem {
    GArray *sections;               /* of Range */
    HybridCode *code;               /* the trace being compiled */
} ObjMem;

/* The trace whose object is being linked (optimizer thread only). */
static __thread HybridCode *linking;

static void *mm_create(void *opaque)
{
    ObjMem *m = g_new0(ObjMem, 1);

    m->sections = g_array_new(false, true, sizeof(Range));
    m->code = linking;
    return m;
}

static void mm_terminating(void *opaque)
{
}

static uint8_t *mm_alloc(ObjMem *m, uintptr_t size, unsigned align)
{
    Range r = { (uintptr_t)pool_alloc(size, align), size };

    if (!r.start) {
        /*
         * Out of address space.  RTDyld cannot take a failure here, so
         * this is the one place where the tier gives up the process.
         */
        fprintf(stderr, "qemu-hybrid: out of memory for LLVM code\n");
        abort();
    }
    g_array_append_val(m->sections, r);
    return (uint8_t *)r.start;
}

static uint8_t *mm_alloc_code(void *opaque, uintptr_t size, unsigned align,
                              unsigned id, const char *name)
{
    ObjMem *m = opaque;
    uint8_t *p = mm_alloc(m, size, align);

    if (m->code) {
        HybridCode *c = m->code;

        c->ranges = g_renew(HybridCodeRange, c->ranges, c->nb_ranges + 1);
        c->ranges[c->nb_ranges].start = (uintptr_t)p;
        c->ranges[c->nb_ranges].end = (uintptr_t)p + size;
        c->nb_ranges++;
        c->size += size;
    }
    return p;
}

static uint8_t *mm_alloc_data(void *opaque, uintptr_t size, unsigned align,
                              unsigned id, const char *name, LLVMBool ro)
{
    return mm_alloc(opaque, size, align);
}

static LLVMBool mm_finalize(void *opaque, char **err)
{
    /* The pool is already executable; x86 needs no cache maintenance. */
    return false;
}

static void mm_destroy(void *opaque)
{
    ObjMem *m = opaque;

    for (guint i = 0; i < m->sections->len; i++) {
        Range *r = &g_array_index(m->sections, Range, i);

        pool_free((void *)r->start, r->len);
    }
    g_array_free(m->sections, true);
    g_free(m);
}

static LLVMOrcObjectLayerRef make_object_layer(void *opaque,
                                               LLVMOrcExecutionSessionRef es,
                                               const char *triple)
{
    return LLVMOrcCreateRTDyldObjectLinkingLayerWithMCJITMemoryManagerLikeCallbacks(
        es, NULL, mm_create, mm_terminating, mm_alloc_code, mm_alloc_data,
        mm_finalize, mm_destroy);
}

/* ------------------------------------------------------------------ */
/* The JIT                                                             */

struct HybridJit {
    LLVMOrcLLJITRef jit;
    LLVMOrcThreadSafeContextRef tsctx;
    LLVMTargetMachineRef tm;
    LLVMPassBuilderOptionsRef pbo;
    char *triple, *datalayout;
    unsigned serial;
    bool host_fma;                 /* the code may use FMA instructions */
};

/* Turn an LLVM error into a message for the log; consumes it. */
static void report_error(const char *what, LLVMErrorRef err)
{
    char *msg = LLVMGetErrorMessage(err);

    hybrid_jit_log("%s: %s", what, msg);
    LLVMDisposeErrorMessage(msg);
}

static bool targets_ready;

/*
 * Does the feature list @features (LLVM's "+sse2,-avx512f,...") turn
 * @name on?  QEMU_HYBRID_HOST_FMA=0 hides FMA, to test the translation
 * of hosts without it (a developer knob, like QEMU_HYBRID_PASSES).
 */
static bool has_feature(const char *features, const char *name)
{
    size_t n = strlen(name);
    const char *v = getenv("QEMU_HYBRID_HOST_FMA");

    if (!strcmp(name, "fma") && v && !strcmp(v, "0")) {
        return false;
    }
    for (const char *p = features; p && *p; p = strchr(p, ',')) {
        p += *p == ',';
        if (p[0] == '+' && !strncmp(p + 1, name, n) &&
            (p[1 + n] == ',' || p[1 + n] == 0)) {
            return true;
        }
    }
    return false;
}

/*
 * Once, on the first optimizer thread that needs LLVM: load the library
 * (llvm-api.c) and the host target.  The host is x86-64 (the inline
 * LLVMInitializeNativeTarget() would bypass llvm-api.h's pointers).
 */
static void global_init_once(void)
{
    const char *why;

    if (!hybrid_llvm_load(&why)) {
        hybrid_jit_log("%s; traces stay in TCG", why);
        return;
    }
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    pool_init();
    targets_ready = true;
}

bool hybrid_jit_global_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, global_init_once);
    return targets_ready;
}

/*
 * The code generator's optimization level.  QEMU_HYBRID_CODEGEN (0-3)
 * overrides it, for measuring (a developer knob, like QEMU_HYBRID_PASSES).
 */
static LLVMCodeGenOptLevel codegen_level(void)
{
    const char *v = getenv("QEMU_HYBRID_CODEGEN");

    if (v && v[0] >= '0' && v[0] <= '3' && !v[1]) {
        return (LLVMCodeGenOptLevel)(v[0] - '0');
    }
    return LLVMCodeGenLevelDefault;
}

HybridJit *hybrid_jit_new(void)
{
    HybridJit *j;
    LLVMOrcLLJITBuilderRef builder;
    LLVMOrcJITTargetMachineBuilderRef jtmb;
    LLVMTargetRef target;
    LLVMErrorRef err;
    char *msg = NULL, *cpu, *features;

    if (!targets_ready) {
        hybrid_jit_log("LLVM has no native target");
        return NULL;
    }
    j = g_new0(HybridJit, 1);
    err = LLVMOrcJITTargetMachineBuilderDetectHost(&jtmb);
    if (err) {
        report_error("detecting the host", err);
        g_free(j);
        return NULL;
    }
    msg = LLVMOrcJITTargetMachineBuilderGetTargetTriple(jtmb);
    j->triple = g_strdup(msg);
    LLVMDisposeMessage(msg);
    LLVMOrcDisposeJITTargetMachineBuilder(jtmb);
    if (LLVMGetTargetFromTriple(j->triple, &target, &msg)) {
        hybrid_jit_log("no target for %s: %s", j->triple, msg);
        LLVMDisposeMessage(msg);
        g_free(j->triple);
        g_free(j);
        return NULL;
    }
    cpu = LLVMGetHostCPUName();
    features = LLVMGetHostCPUFeatures();
    j->host_fma = has_feature(features, "fma");
    hybrid_jit_log_debug("host %s, FMA %s", cpu, j->host_fma ? "yes" : "no");
    /* Code generation at codegen_level() (the builder owns this one). */
    jtmb = LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(
        LLVMCreateTargetMachine(target, j->triple, cpu, features,
                                codegen_level(), LLVMRelocDefault,
                                LLVMCodeModelJITDefault));
    builder = LLVMOrcCreateLLJITBuilder();
    LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, jtmb);
    LLVMOrcLLJITBuilderSetObjectLinkingLayerCreator(builder, make_object_layer, j);
    err = LLVMOrcCreateLLJIT(&j->jit, builder);
    if (err) {
        report_error("creating LLJIT", err);
        LLVMDisposeMessage(cpu);
        LLVMDisposeMessage(features);
        g_free(j->triple);
        g_free(j);
        return NULL;
    }
    j->datalayout = g_strdup(LLVMOrcLLJITGetDataLayoutStr(j->jit));
    j->tsctx = LLVMOrcCreateNewThreadSafeContext();

    /* A target machine for the optimizer's target-aware passes. */
    j->tm = LLVMCreateTargetMachine(target, j->triple, cpu, features,
                                    LLVMCodeGenLevelDefault, LLVMRelocDefault,
                                    LLVMCodeModelJITDefault);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
    j->pbo = LLVMCreatePassBuilderOptions();
    return j;
}

bool hybrid_jit_host_fma(HybridJit *j)
{
    return j->host_fma;
}

void hybrid_jit_free(HybridJit *j)
{
    if (j->pbo) {
        LLVMDisposePassBuilderOptions(j->pbo);
    }
    if (j->tm) {
        LLVMDisposeTargetMachine(j->tm);
    }
    if (j->tsctx) {
        LLVMOrcDisposeThreadSafeContext(j->tsctx);
    }
    if (j->jit) {
        LLVMOrcDisposeLLJIT(j->jit);
    }
    g_free(j->triple);
    g_free(j->datalayout);
    g_free(j);
}

LLVMContextRef hybrid_jit_context(HybridJit *j)
{
    return LLVMOrcThreadSafeContextGetContext(j->tsctx);
}

char *hybrid_jit_next_name(HybridJit *j)
{
    return g_strdup_printf("trace%u", j->serial++);
}

bool hybrid_jit_compile(HybridJit *j, LLVMModuleRef mod, const char *name,
                        const char *passes, HybridCode *out)
{
    LLVMOrcJITDylibRef jd = LLVMOrcLLJITGetMainJITDylib(j->jit);
    LLVMOrcResourceTrackerRef rt;
    LLVMOrcExecutorAddress addr = 0;
    LLVMErrorRef err;

    memset(out, 0, sizeof(*out));
    LLVMSetTarget(mod, j->triple);
    LLVMSetDataLayout(mod, j->datalayout);

    int64_t t0 = get_clock(), t1, t2;

    hybrid_jit_dump("trace IR as built", mod);
    err = LLVMRunPasses(mod, passes, j->tm, j->pbo);
    t1 = get_clock();
    if (err) {
        report_error("optimizing", err);
        LLVMDisposeModule(mod);
        return false;
    }
    hybrid_jit_dump("trace IR optimized", mod);

    rt = LLVMOrcJITDylibCreateResourceTracker(jd);
    err = LLVMOrcLLJITAddLLVMIRModuleWithRT(
        j->jit, rt, LLVMOrcCreateNewThreadSafeModule(mod, j->tsctx));
    if (err) {
        report_error("adding the module", err);
        LLVMOrcReleaseResourceTracker(rt);
        return false;
    }
    /* The lookup compiles and links; our allocator sees the sections. */
    linking = out;
    err = LLVMOrcLLJITLookup(j->jit, &addr, name);
    linking = NULL;
    t2 = get_clock();
    hybrid_jit_log_debug("%s: passes %.1f ms, codegen %.1f ms, %zu bytes",
                         name, (t1 - t0) / 1e6, (t2 - t1) / 1e6, out->size);
    if (err || !addr) {
        if (err) {
            report_error("compiling", err);
        }
        hybrid_jit_discard(rt);
        g_free(out->ranges);
        memset(out, 0, sizeof(*out));
        return false;
    }
    out->fn = (HybridTraceFn)(uintptr_t)addr;
    out->handle = rt;
    return true;
}

void hybrid_jit_discard(void *handle)
{
    LLVMOrcResourceTrackerRef rt = handle;
    LLVMErrorRef err = LLVMOrcResourceTrackerRemove(rt);

    if (err) {
        report_error("freeing a trace", err);
    }
    LLVMOrcReleaseResourceTracker(rt);
}
