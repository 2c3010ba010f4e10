/*
 * Hybrid test: traps and system calls taken from hot loops.
 *
 * The loops below are traces; every so many iterations they branch to an
 * instruction that leaves them:
 *   a. BRK (SIGTRAP, TRAP_BRKPT), resumed by the handler at pc + 4;
 *   b. UDF (SIGILL, ILL_ILLOPC), resumed the same way;
 *   c. SVC getpid; the result is compared in the loop;
 *   d. SVC write of one byte into a pipe; the bytes are checked after.
 *   e. UDIV by (i & 3), zero every fourth iteration: 0 on aarch64, no trap
 *      (a helper call; kept out of a-d, whose loops must stay traceable).
 * The trap handlers check pc, si_addr, si_code and the loop registers
 * (iteration, accumulator, trap count, NZCV) against a C model, so a trace
 * that leaves with stale registers is caught.  SIGILL's si_code is
 * ILL_ILLOPC on Linux; QEMU 7.2 reports ILL_ILLOPN, so either is accepted.
 */
#include "hyb.h"
#include <fcntl.h>

#define PERIOD 256
#define N (64 * PERIOD)

/*
 * uint64_t hyb_brk_loop(u64 n, u64 mask) / hyb_udf_loop: x9 = i,
 * x10 = acc, x11 = traps taken, x12/x13 scratch.  Returns acc ^ (x11 << 56).
 */
#define TRAP_LOOP(name, insn)                                                \
    "    .p2align 6\n"                                                       \
    "    .globl hyb_" name "_loop\n"                                         \
    "hyb_" name "_loop:\n"                                                   \
    "    mov x9, #0\n"                                                       \
    "    mov x10, #7\n"                                                      \
    "    mov x11, #0\n"                                                      \
    "1:  lsr x13, x9, #2\n"                                                 \
    "    add x10, x10, x13\n"                                                \
    "    eor x10, x10, x9, lsl #1\n"                                         \
    "    ror x10, x10, #11\n"                                                \
    "    and x12, x9, x1\n"                                                  \
    "    cmp x12, x1\n"                                                      \
    "    b.ne 2f\n"                                                          \
    "    .globl hyb_" name "_insn\n"                                         \
    "hyb_" name "_insn:\n"                                                   \
    "    " insn "\n"                                                         \
    "    add x11, x11, #1\n"                                                 \
    "2:  add x9, x9, #1\n"                                                   \
    "    cmp x9, x0\n"                                                       \
    "    b.lo 1b\n"                                                          \
    "    eor x0, x10, x11, lsl #56\n"                                        \
    "    ret\n"

__asm__("    .text\n"
        TRAP_LOOP("brk", "brk #0x77")
        TRAP_LOOP("udf", "udf #0x42")
        /* uint64_t hyb_udiv_loop(u64 n): sum of i / (i & 3) */
        "    .p2align 6\n"
        "    .globl hyb_udiv_loop\n"
        "hyb_udiv_loop:\n"
        "    mov x9, #0\n"
        "    mov x10, #0\n"
        "1:  and x12, x9, #3\n"
        "    udiv x13, x9, x12\n"
        "    add x10, x10, x13\n"
        "    add x9, x9, #1\n"
        "    cmp x9, x0\n"
        "    b.lo 1b\n"
        "    mov x0, x10\n"
        "    ret\n");
uint64_t hyb_udiv_loop(uint64_t n);

uint64_t hyb_brk_loop(uint64_t n, uint64_t mask);
uint64_t hyb_udf_loop(uint64_t n, uint64_t mask);
extern const char hyb_brk_insn[], hyb_udf_insn[];

/* The accumulator after iterations 0..i-1. */
static uint64_t acc_after(uint64_t i)
{
    static uint64_t cached_i, cached_acc = 7;
    uint64_t acc;

    if (i < cached_i) {
        cached_i = 0;
        cached_acc = 7;
    }
    acc = cached_acc;
    for (uint64_t k = cached_i; k < i; k++) {
        acc += k >> 2;
        acc ^= k << 1;
        acc = acc >> 11 | acc << 53;
    }
    cached_i = i;
    cached_acc = acc;
    return acc;
}

static uint64_t loop_model(uint64_t n, uint64_t mask)
{
    uint64_t traps = 0;

    for (uint64_t i = 0; i < n; i++) {
        if ((i & mask) == mask) {
            traps++;
        }
    }
    return acc_after(n) ^ (traps << 56);
}

static struct {
    const char *insn;
    int sig, code;
    uint64_t n, mask;
    long taken;
    long bad;
    char why[200];
} T;

static void trap_handler(int sig, siginfo_t *si, void *uc)
{
    uint64_t *r = uc_regs(uc);
    uint64_t want_i = (uint64_t)T.taken * (T.mask + 1) + T.mask;
    const char *why = NULL;
    uint64_t got = 0, want = 0;

    if (sig != T.sig) {
        why = "signal", got = sig, want = T.sig;
    } else if (si->si_code != T.code &&
               !(sig == SIGILL && si->si_code == ILL_ILLOPN)) {
        why = "si_code", got = si->si_code, want = T.code;
    } else if (uc_pc(uc) != (uint64_t)(uintptr_t)T.insn) {
        why = "pc", got = uc_pc(uc), want = (uint64_t)(uintptr_t)T.insn;
    } else if (si->si_addr != (void *)T.insn) {
        why = "si_addr", got = (uint64_t)(uintptr_t)si->si_addr,
        want = (uint64_t)(uintptr_t)T.insn;
    } else if (r[9] != want_i) {
        why = "x9 (i)", got = r[9], want = want_i;
    } else if (r[10] != acc_after(want_i + 1)) {
        why = "x10 (acc)", got = r[10], want = acc_after(want_i + 1);
    } else if (r[11] != (uint64_t)T.taken) {
        why = "x11 (traps)", got = r[11], want = T.taken;
    } else if (r[12] != T.mask) {
        why = "x12 (i & mask)", got = r[12], want = T.mask;
    } else if (r[0] != T.n || r[1] != T.mask) {
        why = "x0/x1 (arguments)", got = r[0], want = T.n;
    } else if (uc_nzcv(uc) != 0x60000000u) {
        why = "NZCV", got = uc_nzcv(uc), want = 0x60000000u;
    }
    if (why && T.bad++ == 0) {
        snprintf(T.why, sizeof(T.why), "trap %ld: %s is %#" PRIx64
                 ", expected %#" PRIx64, T.taken, why, got, want);
    }
    T.taken++;
    uc_set_pc(uc, (uint64_t)(uintptr_t)T.insn + 4);
}

static uint64_t (*warm_fn)(uint64_t, uint64_t);
static volatile uint64_t sink;

static void trap_warm(void *p)
{
    (void)p;
    sink = warm_fn(4096, ~0ull);        /* never traps */
}

static void run_trap(const char *name, uint64_t (*fn)(uint64_t, uint64_t),
                     const char *insn, int sig, int code, double warm)
{
    uint64_t got, want;

    warm_fn = fn;
    warm_loop(trap_warm, NULL, warm, 4);
    memset(&T, 0, sizeof(T));
    T.insn = insn;
    T.sig = sig;
    T.code = code;
    T.n = N;
    T.mask = PERIOD - 1;
    got = fn(N, PERIOD - 1);
    want = loop_model(N, PERIOD - 1);
    CHECK(T.bad == 0, "%s: %ld traps with a wrong state; first: %s", name,
          T.bad, T.why);
    CHECK(T.taken == N / PERIOD, "%s: %ld traps, expected %d", name, T.taken,
          N / PERIOD);
    CHECK(got == want, "%s: result %#" PRIx64 ", expected %#" PRIx64, name,
          got, want);
    printf("%s: %ld traps, %ld with a wrong state, result %016" PRIx64 "\n",
           name, T.taken, T.bad, got);
}

/* ---- system calls in a hot loop ---------------------------------------------------- */

static inline long sys1(long nr, long a0)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a0;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8) : "memory");
    return x0;
}

static inline long sys3(long nr, long a0, long a1, long a2)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a0;
    register long x1 __asm__("x1") = a1;
    register long x2 __asm__("x2") = a2;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2)
                     : "memory");
    return x0;
}

/*
 * Counts wrong getpid results; one syscall every @period (a power of two)
 * iterations.  No division in the loop: it would be a helper call the
 * hybrid tier rejects, and the loop would not be a trace.
 */
static long __attribute__((noinline)) getpid_loop(long n, long period,
                                                  long pid, uint64_t *acc)
{
    long wrong = 0;
    uint64_t a = *acc;

    for (long i = 0; i < n; i++) {
        a = a * 31 + (uint64_t)i;
        if ((i & (period - 1)) == period - 1) {
            wrong += sys1(172 /* getpid */, 0) != pid;
        }
    }
    *acc = a;
    return wrong;
}

/* Writes 'a', 'b', ... 'z', 'a', ... into fd, every @period iterations. */
static long __attribute__((noinline)) write_loop(long n, long period, int fd,
                                                 uint64_t *acc)
{
    long failed = 0;
    uint64_t a = *acc;
    char c = 'a';

    for (long i = 0; i < n; i++) {
        a = a * 31 + (uint64_t)i;
        if ((i & (period - 1)) == period - 1) {
            failed += sys3(64 /* write */, fd, (long)&c, 1) != 1;
            c = c == 'z' ? 'a' : c + 1;
        }
    }
    *acc = a;
    return failed;
}

static uint64_t acc_model(long n, uint64_t a)
{
    for (long i = 0; i < n; i++) {
        a = a * 31 + (uint64_t)i;
    }
    return a;
}

static long warm_pid;

static void getpid_warm(void *p)
{
    uint64_t a = 1;

    (void)p;
    sink = getpid_loop(4096, 4096 * 2, warm_pid, &a);   /* no syscall */
}

static void write_warm(void *p)
{
    uint64_t a = 1;

    (void)p;
    sink = write_loop(4096, 4096 * 2, -1, &a);          /* no syscall */
}

static void run_syscalls(double warm)
{
    long pid = getpid(), wrong, failed, n = 64 * 1000;
    int fds[2];
    uint64_t a = 5;
    char buf[2048];
    ssize_t got;
    int bad_bytes = 0;

    warm_pid = pid;
    warm_loop(getpid_warm, NULL, warm, 4);
    wrong = getpid_loop(n, 64, pid, &a);
    CHECK(wrong == 0, "getpid loop: %ld wrong pids", wrong);
    CHECK(a == acc_model(n, 5), "getpid loop: accumulator %#" PRIx64, a);
    printf("svc getpid every 64 iterations: %ld calls, %ld wrong, "
           "accumulator %s\n", n / 64, wrong, a == acc_model(n, 5) ? "exact"
                                                                  : "WRONG");

    if (pipe(fds) != 0) {
        perror("pipe");
        exit(2);
    }
    warm_loop(write_warm, NULL, warm, 4);
    a = 9;
    failed = write_loop(n, 64, fds[1], &a);
    close(fds[1]);
    got = read(fds[0], buf, sizeof(buf));
    for (long k = 0; k < got; k++) {
        bad_bytes += buf[k] != 'a' + k % 26;
    }
    CHECK(failed == 0 && got == n / 64 && bad_bytes == 0,
          "write loop: %ld failed, %zd bytes read, %d wrong", failed, got,
          bad_bytes);
    CHECK(a == acc_model(n, 9), "write loop: accumulator %#" PRIx64, a);
    printf("svc write every 64 iterations: %zd bytes in the pipe, %d wrong, "
           "accumulator %s\n", got, bad_bytes,
           a == acc_model(n, 9) ? "exact" : "WRONG");
    close(fds[0]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    set_handler(SIGTRAP, trap_handler, 0);
    set_handler(SIGILL, trap_handler, 0);
    run_trap("brk", hyb_brk_loop, hyb_brk_insn, SIGTRAP, TRAP_BRKPT,
             warm_s(100));
    run_trap("udf", hyb_udf_loop, hyb_udf_insn, SIGILL, ILL_ILLOPC,
             warm_s(20));
    run_syscalls(warm_s(20));
    {
        uint64_t n = 3000000, want = 0, got;

        for (uint64_t i = 0; i < n; i++) {
            want += (i & 3) ? i / (i & 3) : 0;
        }
        got = hyb_udiv_loop(n);
        CHECK(got == want, "udiv loop: %" PRIu64 ", expected %" PRIu64, got,
              want);
        printf("udiv by zero every 4th iteration: result %" PRIu64 " %s\n",
               got, got == want ? "(exact)" : "(WRONG)");
    }
    return finish("traps");
}
