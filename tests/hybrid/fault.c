/*
 * Hybrid test: synchronous faults raised from inside a hot loop.
 *
 * Each loop below is written in assembly so that we know, for the faulting
 * instruction, its address (a global label) and the exact value of every
 * register it touches.  The loop first runs warm (no faulting iteration)
 * until the hybrid tier has compiled it into a trace; then the same loop
 * runs with every 4096th iteration using a bad address, so the fault is
 * raised from the trace.  The SA_SIGINFO handler checks:
 *   - the signal, si_code and si_addr;
 *   - uc_mcontext.pc == the faulting instruction's label;
 *   - the general registers (loop counter, accumulators, pointers, the
 *     value the previous iteration loaded, the arguments) against a C model
 *     of the loop advanced to that iteration;
 *   - NZCV (set by the cmp just before the access).
 * Then it recovers, one of three ways: emulate the access and resume at
 * pc + 4 (the loop goes on, and its final result must match the model);
 * siglongjmp out and restart the loop from the registers it saw; or (a
 * store to a read-only page) make the page writable and return, so the
 * store runs again, as a write barrier or dirty-page tracker would.
 *
 * Kinds: load and store to an unmapped page (SEGV_MAPERR) and to a
 * PROT_NONE page (SEGV_ACCERR); LDAXR from an unaligned address (SIGBUS,
 * BUS_ADRALN: an inline alignment check with a no-return helper); LDADDAL
 * on a PROT_NONE page once a second thread exists (parallel mode: the
 * atomic is a helper call that faults inside, unwound by its GETPC()).
 *
 * Built with ONLY_ZVA (zva.c), it runs one more kind instead: DC ZVA on a
 * PROT_NONE page, a helper that faults on a host access.  QEMU 7.2 itself
 * reports a stale pc for that one (zva.expected-qemu72), so it lives in a
 * program of its own; the registers are still checked.
 */
#include "hyb.h"
#include <pthread.h>
#include <sys/mman.h>

#define PERIOD 4096                     /* a bad iteration every PERIOD */
#define MASK (PERIOD - 1)
#define CALL_N (64 * PERIOD)            /* iterations of a faulting call */
#define WARM_N 4096                     /* iterations of a warm-up call */

/*
 * All loops: x9 = i, x10 = acc, x11 = mix, x12 = i & mask, x13 = address,
 * x14 = value loaded.  Iteration i uses the bad address x3 when
 * (i & x2) == x2; with x2 = -1 that never happens.
 */
__asm__(
    "    .text\n"
    /* uint64_t hyb_ld_loop(u64 *tab, u64 n, u64 mask, u64 bad, u64 seed) */
    "    .p2align 6\n"
    "    .globl hyb_ld_loop\n"
    "hyb_ld_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, x4\n"
    "    mov x11, #0\n"
    "    mov x14, #0\n"
    "    cbz x1, 2f\n"
    "1:  and x12, x9, x2\n"
    "    and x13, x9, #63\n"
    "    add x13, x0, x13, lsl #3\n"
    "    cmp x12, x2\n"
    "    csel x13, x3, x13, eq\n"
    "    add x10, x10, x9\n"
    "    .globl hyb_ld_fault\n"
    "hyb_ld_fault:\n"
    "    ldr x14, [x13]\n"
    "    eor x10, x10, x14\n"
    "    ror x10, x10, #13\n"
    "    add x11, x11, x10\n"
    "    add x9, x9, #1\n"
    "    cmp x9, x1\n"
    "    b.lo 1b\n"
    "2:  eor x0, x10, x11\n"
    "    ret\n"

    /* Same, with a load-acquire exclusive (alignment-checked). */
    "    .p2align 6\n"
    "    .globl hyb_lx_loop\n"
    "hyb_lx_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, x4\n"
    "    mov x11, #0\n"
    "    mov x14, #0\n"
    "    cbz x1, 2f\n"
    "1:  and x12, x9, x2\n"
    "    and x13, x9, #63\n"
    "    add x13, x0, x13, lsl #3\n"
    "    cmp x12, x2\n"
    "    csel x13, x3, x13, eq\n"
    "    add x10, x10, x9\n"
    "    .globl hyb_lx_fault\n"
    "hyb_lx_fault:\n"
    "    ldaxr x14, [x13]\n"
    "    eor x10, x10, x14\n"
    "    ror x10, x10, #13\n"
    "    add x11, x11, x10\n"
    "    add x9, x9, #1\n"
    "    cmp x9, x1\n"
    "    b.lo 1b\n"
    "2:  clrex\n"
    "    eor x0, x10, x11\n"
    "    ret\n"

    /*
     * uint64_t hyb_st_loop(u64 *scratch, u64 n, u64 mask, u64 bad,
     *                      u64 acc0, u64 i0, u64 mix0)
     */
    "    .p2align 6\n"
    "    .globl hyb_st_loop\n"
    "hyb_st_loop:\n"
    "    mov x9, x5\n"
    "    mov x10, x4\n"
    "    mov x11, x6\n"
    "    cmp x9, x1\n"
    "    b.hs 2f\n"
    "1:  add x10, x10, x9\n"
    "    and x12, x9, x2\n"
    "    and x13, x9, #63\n"
    "    add x13, x0, x13, lsl #3\n"
    "    cmp x12, x2\n"
    "    csel x13, x3, x13, eq\n"
    "    .globl hyb_st_fault\n"
    "hyb_st_fault:\n"
    "    str x10, [x13]\n"
    "    ror x10, x10, #13\n"
    "    add x11, x11, x10\n"
    "    add x9, x9, #1\n"
    "    cmp x9, x1\n"
    "    b.lo 1b\n"
    "2:  eor x0, x10, x11\n"
    "    ret\n"

    /*
     * uint64_t hyb_zva_loop(u8 *zbuf, u64 n, u64 mask, u64 bad, u64 seed,
     *                       u64 log2_block)
     * zbuf: 8 DC ZVA blocks.  DC ZVA zeroes block i & 7, the load
     * reads back a zero, the store dirties the block again.
     */
    "    .p2align 6\n"
    "    .globl hyb_zva_loop\n"
    "hyb_zva_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, x4\n"
    "    mov x11, #0\n"
    "    mov x14, #0\n"
    "    cbz x1, 2f\n"
    "1:  and x12, x9, x2\n"
    "    and x13, x9, #7\n"
    "    lsl x13, x13, x5\n"
    "    add x13, x0, x13\n"
    "    cmp x12, x2\n"
    "    csel x13, x3, x13, eq\n"
    "    add x10, x10, x9\n"
    "    .globl hyb_zva_fault\n"
    "hyb_zva_fault:\n"
    "    dc zva, x13\n"
    "    ldr x14, [x13, #16]\n"
    "    eor x10, x10, x14\n"
    "    str x10, [x13, #16]\n"
    "    ror x10, x10, #13\n"
    "    add x11, x11, x10\n"
    "    add x9, x9, #1\n"
    "    cmp x9, x1\n"
    "    b.lo 1b\n"
    "2:  eor x0, x10, x11\n"
    "    ret\n"

    /*
     * uint64_t hyb_ldadd_loop(u64 *ctr, u64 n, u64 mask, u64 bad, u64 seed)
     * x14 = the old value of the counter (atomically incremented by i).
     */
    "    .arch_extension lse\n"
    "    .p2align 6\n"
    "    .globl hyb_ldadd_loop\n"
    "hyb_ldadd_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, x4\n"
    "    mov x11, #0\n"
    "    mov x14, #0\n"
    "    cbz x1, 2f\n"
    "1:  and x12, x9, x2\n"
    "    mov x13, x0\n"
    "    cmp x12, x2\n"
    "    csel x13, x3, x13, eq\n"
    "    add x10, x10, x9\n"
    "    .globl hyb_ldadd_fault\n"
    "hyb_ldadd_fault:\n"
    "    ldaddal x9, x14, [x13]\n"
    "    eor x10, x10, x14\n"
    "    ror x10, x10, #13\n"
    "    add x11, x11, x10\n"
    "    add x9, x9, #1\n"
    "    cmp x9, x1\n"
    "    b.lo 1b\n"
    "2:  eor x0, x10, x11\n"
    "    ret\n");

/* The load-style loops; all but hyb_zva_loop ignore the sixth argument. */
typedef uint64_t (*loop5_fn)(void *, uint64_t, uint64_t, uint64_t, uint64_t,
                             uint64_t);
uint64_t hyb_ld_loop(void *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
uint64_t hyb_lx_loop(void *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
uint64_t hyb_zva_loop(void *, uint64_t, uint64_t, uint64_t, uint64_t,
                      uint64_t);
uint64_t hyb_ldadd_loop(void *, uint64_t, uint64_t, uint64_t, uint64_t,
                        uint64_t);
uint64_t hyb_st_loop(void *, uint64_t, uint64_t, uint64_t, uint64_t,
                     uint64_t, uint64_t);
extern const char hyb_ld_fault[], hyb_lx_fault[], hyb_st_fault[],
    hyb_zva_fault[], hyb_ldadd_fault[];

static inline uint64_t ror13(uint64_t x)
{
    return x >> 13 | x << 51;
}

/* ---- the model of a loop, advanced by the handler ---------------------- */

/* K_STW: the store loop on a read-only page the handler makes writable. */
enum kind { K_LD, K_LX, K_ZVA, K_LDADD, K_ST, K_STW };

static struct {
    enum kind kind;
    int sig, code;
    uint64_t args[7];       /* x0..x6 at the call */
    const char *fault_pc;
    /* Loop state at the start of iteration i. */
    uint64_t i, acc, mix, last;
    uint64_t ctr;           /* LDADD: the counter's value */
    uint64_t tab[64];       /* ST: what the scratch array must hold */
    /* Results. */
    long faults, bad_faults, missed, wrong_pc;
    char first_bad[256];
    /* ST: registers seen at the fault, for the restart. */
    uint64_t seen_i, seen_acc, seen_mix;
} M;

static uint64_t table[64];
static long page_size;
static uint64_t zva_shift;      /* log2 of the DC ZVA block in bytes */
static sigjmp_buf jb;

/* The value a loaded word has, for the load loops. */
static uint64_t model_value(uint64_t i)
{
    switch (M.kind) {
    case K_LD:
    case K_LX:
        return table[i & 63];
    case K_LDADD: {
        uint64_t old = M.ctr;

        M.ctr += i;
        return old;
    }
    default:
        return 0;           /* ZVA: the block reads back zero */
    }
}

/* The replacement the handler supplies for a faulting load. */
static uint64_t fake_value(uint64_t i)
{
    return M.kind == K_ZVA ? 0 : 0x5a5a000000000000ull + i * 7;
}

/* One whole iteration of a load loop with loaded value v. */
static void model_step(uint64_t v)
{
    M.acc += M.i;
    M.last = v;
    M.acc ^= v;
    M.acc = ror13(M.acc);
    M.mix += M.acc;
    M.i++;
}

/* One whole iteration of the store loop (store included). */
static void model_st_step(bool store)
{
    M.acc += M.i;
    if (store) {
        M.tab[M.i & 63] = M.acc;
    }
    M.acc = ror13(M.acc);
    M.mix += M.acc;
    M.i++;
}

static bool is_bad_iter(uint64_t i)
{
    return (i & M.args[2]) == M.args[2];
}

/* Advance the model over the good iterations before iteration @to. */
static void model_advance(uint64_t to)
{
    while (M.i < to) {
        if (is_bad_iter(M.i) && (M.kind != K_STW || M.faults == 0)) {
            M.missed++;         /* a bad iteration that did not fault */
        }
        if (M.kind == K_ST || M.kind == K_STW) {
            model_st_step(true);
        } else {
            model_step(model_value(M.i));
        }
    }
}

static void note_bad(const char *what, uint64_t got, uint64_t want)
{
    if (M.bad_faults++ == 0) {
        snprintf(M.first_bad, sizeof(M.first_bad),
                 "fault %ld: %s is %#" PRIx64 ", expected %#" PRIx64,
                 M.faults, what, got, want);
    }
}

#define EXPECT(what, got, want)                                              \
    do {                                                                     \
        uint64_t g_ = (got), w_ = (want);                                    \
        if (g_ != w_) {                                                      \
            note_bad(what, g_, w_);                                          \
            return false;                                                    \
        }                                                                    \
    } while (0)

static bool check_fault(int sig, siginfo_t *si, void *uc)
{
    uint64_t *r = uc_regs(uc);
    uint64_t want_addr = M.args[3];
    int nargs = M.kind == K_ST || M.kind == K_STW ? 7 :
                M.kind == K_ZVA ? 6 : 5;

    EXPECT("signal", sig, M.sig);
    EXPECT("si_code", si->si_code, M.code);
    if (M.kind == K_ZVA && uc_pc(uc) != (uint64_t)(uintptr_t)M.fault_pc) {
        /*
         * QEMU 7.2 itself reports a stale pc here (the DC ZVA helper
         * faults on a host access without a return address to unwind
         * from): count it and check the rest.
         */
        M.wrong_pc++;
    } else {
        EXPECT("pc", uc_pc(uc), (uint64_t)(uintptr_t)M.fault_pc);
    }
    EXPECT("si_addr", (uint64_t)(uintptr_t)si->si_addr, want_addr);
    if (r[9] < M.i) {
        EXPECT("x9 (i) going backwards", r[9], M.i);
    }
    if (!is_bad_iter(r[9])) {
        /* Not an iteration that uses the bad address. */
        EXPECT("x9 (i)", r[9], r[9] | M.args[2]);
    }
    model_advance(r[9]);
    EXPECT("x9 (i)", r[9], M.i);
    EXPECT("x10 (acc)", r[10], M.acc + M.i);
    EXPECT("x11 (mix)", r[11], M.mix);
    EXPECT("x12 (i & mask)", r[12], M.args[2]);
    EXPECT("x13 (address)", r[13], M.args[3]);
    if (M.kind != K_ST && M.kind != K_STW) {
        EXPECT("x14 (last loaded)", r[14], M.last);
    }
    for (int k = 0; k < nargs; k++) {
        static const char *names[] = { "x0", "x1", "x2", "x3", "x4", "x5",
                                       "x6" };
        EXPECT(names[k], r[k], M.args[k]);
    }
    EXPECT("NZCV", uc_nzcv(uc), 0x60000000u);     /* cmp equal: Z, C */
    return true;
}

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
    uint64_t *r = uc_regs(uc);
    bool ok;

    ok = check_fault(sig, si, uc);
    M.faults++;
    if (M.kind == K_STW) {
        /*
         * Like a write barrier or dirty-page tracker: make the page
         * writable and return; the store runs again and the loop goes on
         * with the registers of the context (wrong ones too).
         */
        mprotect((void *)((uintptr_t)M.args[3] & -(uintptr_t)page_size),
                 page_size, PROT_READ | PROT_WRITE);
        if (ok) {
            model_st_step(true);
        }
        return;
    }
    if (!ok) {
        /* Registers cannot be trusted: abandon this call. */
        siglongjmp(jb, 2);
    }
    if (M.kind == K_ST) {
        M.seen_i = r[9];
        M.seen_acc = r[10];
        M.seen_mix = r[11];
        siglongjmp(jb, 1);
    }
    if (M.kind == K_ZVA) {
        /* Skip the DC ZVA; the rest of the iteration uses block 0. */
        memset((void *)(uintptr_t)M.args[0], 0, (size_t)1 << zva_shift);
        r[13] = M.args[0];
        uc_set_pc(uc, (uint64_t)(uintptr_t)M.fault_pc + 4);
        model_step(0);
        return;
    }
    /* Emulate the load and go on with the loop. */
    r[14] = fake_value(r[9]);
    uc_set_pc(uc, uc_pc(uc) + 4);
    model_step(r[14]);
}

/* ---- drivers -------------------------------------------------------------------- */

static void *bad_unmapped, *bad_prot_none;

static void model_start(enum kind kind, const char *fault_pc, int sig,
                        int code, const uint64_t *args, int nargs)
{
    memset(&M, 0, sizeof(M));
    M.kind = kind;
    M.fault_pc = fault_pc;
    M.sig = sig;
    M.code = code;
    memcpy(M.args, args, nargs * sizeof(*args));
    M.acc = args[4];
}

struct warm5 {
    loop5_fn fn;
    void *base;
    uint64_t bad;
};

static void warm5_call(void *p)
{
    struct warm5 *w = p;

    w->fn(w->base, WARM_N, ~0ull, w->bad, 12345, zva_shift);
}

/* A load-style loop: faults are emulated in the handler, the call returns. */
static void run_load_kind(const char *label, enum kind kind, loop5_fn fn,
                          const char *fault_pc, void *base, void *bad,
                          int sig, int code, double warm)
{
    struct warm5 w = { fn, base, (uint64_t)(uintptr_t)bad };
    uint64_t args[6] = { (uint64_t)(uintptr_t)base, CALL_N, MASK,
                         (uint64_t)(uintptr_t)bad, 0x0123456789abcdefull,
                         zva_shift };
    uint64_t ctr0 = 0;
    volatile uint64_t got = 0;
    volatile int jumped;

    warm_loop(warm5_call, &w, warm, 4);
    if (kind == K_LDADD) {
        ctr0 = 1000;
        *(volatile uint64_t *)base = ctr0;
    }
    model_start(kind, fault_pc, sig, code, args, 6);
    M.ctr = ctr0;
    jumped = sigsetjmp(jb, 1);
    if (!jumped) {
        got = fn(base, args[1], args[2], args[3], args[4], args[5]);
    }
    if (jumped) {
        CHECK(0, "%s: %s", label, M.first_bad);
        return;
    }
    model_advance(CALL_N);
    CHECK(M.bad_faults == 0, "%s: %s", label, M.first_bad);
    CHECK(M.missed == 0, "%s: %ld bad iterations did not fault", label,
          M.missed);
    CHECK(got == (M.acc ^ M.mix), "%s: result %#" PRIx64 ", expected %#"
          PRIx64, label, got, M.acc ^ M.mix);
    if (kind == K_LDADD) {
        uint64_t c = *(volatile uint64_t *)base;

        CHECK(c == M.ctr, "%s: counter %#" PRIx64 ", expected %#" PRIx64,
              label, c, M.ctr);
    }
    if (kind == K_ZVA) {
        printf("%s: %ld faults, %ld with wrong pc, %ld with wrong registers, "
               "result %016" PRIx64 "\n", label, M.faults, M.wrong_pc,
               M.bad_faults, got);
        /* Counted, not printed again: QEMU 7.2 gets this wrong too. */
        failures += M.wrong_pc != 0;
        return;
    }
    printf("%s: %ld faults, %ld with wrong state, result %016" PRIx64 "\n",
           label, M.faults, M.bad_faults, got);
}

static void st_warm(void *p)
{
    hyb_st_loop(p, WARM_N, ~0ull, (uint64_t)(uintptr_t)bad_unmapped, 1, 0, 0);
}

/*
 * The store loop: the handler siglongjmps out, and the loop is restarted
 * after the faulting iteration from the registers the handler saw.
 */
static void __attribute__((unused)) run_store_kind(const char *label, void *bad, int code,
                           double warm)
{
    static uint64_t scratch[64];
    uint64_t args[7] = { (uint64_t)(uintptr_t)scratch, CALL_N, MASK,
                         (uint64_t)(uintptr_t)bad, 0x0fedcba987654321ull, 0, 0 };
    /* Changed between sigsetjmp and siglongjmp: volatile. */
    volatile uint64_t acc = args[4], mix = 0, i = 0, got = 0;
    volatile int restarts = 0;

    warm_loop(st_warm, scratch, warm, 4);
    memset(scratch, 0, sizeof(scratch));
    model_start(K_ST, hyb_st_fault, SIGSEGV, code, args, 7);
    M.acc = acc;
    for (;;) {
        volatile int jumped;

        M.args[4] = acc;
        M.args[5] = i;
        M.args[6] = mix;
        jumped = sigsetjmp(jb, 1);
        if (!jumped) {
            got = hyb_st_loop(scratch, CALL_N, MASK, args[3], acc, i, mix);
            break;
        }
        if (jumped == 2 || ++restarts > CALL_N / PERIOD + 1) {
            CHECK(0, "%s: %s (restarts %d)", label, M.first_bad, restarts);
            return;
        }
        /* Finish the faulting iteration without its store, go on. */
        acc = ror13(M.seen_acc);
        mix = M.seen_mix + acc;
        i = M.seen_i + 1;
        model_st_step(false);
        CHECK(M.acc == acc && M.mix == mix && M.i == i,
              "%s: model and restart disagree", label);
    }
    model_advance(CALL_N);
    CHECK(M.bad_faults == 0, "%s: %s", label, M.first_bad);
    CHECK(M.missed == 0, "%s: %ld bad iterations did not fault", label,
          M.missed);
    CHECK(got == (M.acc ^ M.mix), "%s: result %#" PRIx64 ", expected %#"
          PRIx64, label, got, M.acc ^ M.mix);
    CHECK(memcmp(scratch, M.tab, sizeof(scratch)) == 0,
          "%s: stored array differs from the model", label);
    printf("%s: %ld faults, %d restarts, %ld with wrong state, result %016"
           PRIx64 "\n", label, M.faults, restarts, M.bad_faults, got);
}

static pthread_mutex_t idle_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle_cond = PTHREAD_COND_INITIALIZER;
static int idle_stop;

/*
 * The store loop on a read-only page; the handler makes the page writable
 * and returns, so the faulting store runs again and the loop continues
 * with the registers of the signal context.  One fault per call.
 */
static void __attribute__((unused)) run_store_resume(const char *label,
                                                     char *ro_page,
                                                     double warm)
{
    static uint64_t scratch[64];
    long rounds = 16, bad_results = 0, faults = 0, bad_state = 0;
    char first_bad[320] = "";

    warm_loop(st_warm, scratch, warm, 4);
    for (long r = 0; r < rounds; r++) {
        /* Starts at iteration r + 1, so that its entry state is not 0. */
        uint64_t args[7] = { (uint64_t)(uintptr_t)scratch, 4 * PERIOD, MASK,
                             (uint64_t)(uintptr_t)(ro_page + 8 * r),
                             0x1234567ull * (r + 1), r + 1, r * 3 };
        uint64_t got;

        mprotect(ro_page, page_size, PROT_READ);
        model_start(K_STW, hyb_st_fault, SIGSEGV, SEGV_ACCERR, args, 7);
        M.i = args[5];
        M.mix = args[6];
        got = hyb_st_loop(scratch, args[1], args[2], args[3], args[4],
                          args[5], args[6]);
        model_advance(args[1]);
        faults += M.faults;
        bad_state += M.bad_faults;
        if (M.bad_faults && !first_bad[0]) {
            snprintf(first_bad, sizeof(first_bad), "round %ld: %s", r,
                     M.first_bad);
        }
        if (got != (M.acc ^ M.mix) || M.missed ||
            *(volatile uint64_t *)(ro_page + 8 * r) == 0) {
            bad_results++;
        }
    }
    CHECK(bad_state == 0, "%s: %s", label, first_bad);
    CHECK(faults == rounds, "%s: %ld faults in %ld rounds", label, faults,
          rounds);
    CHECK(bad_results == 0, "%s: %ld of %ld rounds computed a wrong result",
          label, bad_results, rounds);
    printf("%s: %ld faults, %ld with wrong state, %ld wrong results\n", label,
           faults, bad_state, bad_results);
}

__attribute__((unused)) static void *idle_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&idle_lock);
    while (!idle_stop) {
        pthread_cond_wait(&idle_cond, &idle_lock);
    }
    pthread_mutex_unlock(&idle_lock);
    return NULL;
}

int main(void)
{
    long pg = page_size = sysconf(_SC_PAGESIZE);
    static uint8_t zbuf[8 * 2048] __attribute__((aligned(2048)));
    static uint64_t ctr __attribute__((aligned(64)));
    char *area;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int k = 0; k < 64; k++) {
        table[k] = 0x9e3779b97f4a7c15ull * (k + 1);
    }
    /*
     * Three pages: the first unmapped again, the second PROT_NONE, the
     * third read-only (made writable by the handler now and then).
     */
    area = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    munmap(area, pg);
    mprotect(area + pg, pg, PROT_NONE);
    bad_unmapped = area + 128;
    bad_prot_none = area + pg + 256;

    set_handler(SIGSEGV, fault_handler, SA_NODEFER);
    set_handler(SIGBUS, fault_handler, SA_NODEFER);

#ifdef ONLY_ZVA
    {
        uint64_t dczid;

        (void)ctr;
        __asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
        zva_shift = (dczid & 0xf) + 2;
        if ((dczid & 0x10) || zva_shift < 4 || zva_shift > 11) {
            /* DC ZVA prohibited, or a block we do not expect. */
            printf("dc zva: DCZID_EL0 %#" PRIx64 ", not tested\n", dczid);
        } else {
            /* The PROT_NONE page's start: aligned for any block size. */
            run_load_kind("dc zva, PROT_NONE", K_ZVA, hyb_zva_loop,
                          hyb_zva_fault, zbuf, area + pg, SIGSEGV,
                          SEGV_ACCERR, warm_s(100));
        }
        return finish("zva");
    }
#else
    (void)zbuf;
    run_load_kind("ldr, unmapped", K_LD, hyb_ld_loop, hyb_ld_fault, table,
                  bad_unmapped, SIGSEGV, SEGV_MAPERR, warm_s(100));
    run_load_kind("ldr, PROT_NONE", K_LD, hyb_ld_loop, hyb_ld_fault, table,
                  bad_prot_none, SIGSEGV, SEGV_ACCERR, warm_s(15));
    run_store_kind("str, unmapped", bad_unmapped, SEGV_MAPERR, warm_s(60));
    run_store_kind("str, PROT_NONE", bad_prot_none, SEGV_ACCERR, warm_s(15));
    run_store_resume("str, read-only page made writable by the handler",
                     area + 2 * pg, warm_s(15));
    run_load_kind("ldaxr, unaligned", K_LX, hyb_lx_loop, hyb_lx_fault, table,
                  (char *)table + 1, SIGBUS, BUS_ADRALN, warm_s(60));

    /* A second thread makes atomics helper calls (parallel mode). */
    {
        pthread_t th;

        pthread_create(&th, NULL, idle_thread, NULL);
        run_load_kind("ldaddal, PROT_NONE, 2 threads", K_LDADD,
                      hyb_ldadd_loop, hyb_ldadd_fault, &ctr, bad_prot_none,
                      SIGSEGV, SEGV_ACCERR, warm_s(40));
        pthread_mutex_lock(&idle_lock);
        idle_stop = 1;
        pthread_cond_signal(&idle_cond);
        pthread_mutex_unlock(&idle_lock);
        pthread_join(th, NULL);
    }
    return finish("fault");
#endif
}
