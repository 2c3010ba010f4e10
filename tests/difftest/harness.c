/*
 * Differential tester: the guest-side harness (freestanding aarch64, no libc).
 *
 * Linked with a generated file of cases (gen.py): dt_cases[] holds, per
 * case, the case function and the seed of its scratch memory.  A case
 * function takes the scratch base in x0 and leaves its final state in
 * dt_state.
 *
 * usage: prog [WARM [RUNS [SLEEP_MS [BATCH [VERBOSE [SIGNAL_US]]]]]]
 *
 * Cases run in batches of BATCH.  Each case of a batch runs WARM times
 * (so that its loop gets hot and is recorded as a trace), then the program
 * waits until the emulator's other threads are idle, at most SLEEP_MS
 * (the optimizer thread compiles the traces meanwhile), then each case
 * runs RUNS more times.  Every run starts from the same state.  For each
 * case one line gives the state after its last run:
 *
 *   case K: x0=... x17=... x20=... nzcv=N fpsr=... q0=... q7=... xf=RETRIES
 *           faults=N fh=HASH mem=HASH
 *
 * (xf: retries of load/store-exclusive loops, "-" with signals; faults and
 * fh: count and hash of the states the SIGSEGV/SIGBUS handler saw)
 *
 * and, for every earlier run whose state differs from that one,
 *
 *   case K run J: x0=... (the same fields)
 *
 * (never printed when the emulator is right: all runs are equal).  With
 * VERBOSE=1 the scratch memory follows each line as "mem K: HEX".
 * With SIGNAL_US > 0, a SIGALRM interval timer interrupts the runs every
 * SIGNAL_US microseconds (wall clock) with an empty handler: the signal
 * frame saves and restores every register, so the results must not change
 * wherever the signals land (they exercise the exit-request path of
 * traces and the state they leave in env).
 * The output does not depend on timing, only on the instructions' results.
 */
#include <stdint.h>
#include <stddef.h>

#define NREGS 18
#define BUF_SIZE 1024
#define BASE_OFF 384
#define MAX_BATCH 64
#define MAX_RUNS 16

struct state {
    uint64_t x[NREGS];          /* stored by the case */
    uint64_t x20, nzcv, fpsr, pad;
    uint64_t q[8][2];
    uint64_t faults, fhash;     /* filled in by the harness */
    uint64_t xfail;             /* stored by the case: x25 */
};

struct dt_case {
    void (*fn)(uint8_t *base);
    uint64_t memseed;
};

extern struct dt_case dt_cases[];
extern uint64_t dt_ncases;
/* The first case that may trap (programs made before it: none, so 0). */
extern uint64_t dt_trap_first __attribute__((weak));
struct state dt_state;

static uint8_t buf[BUF_SIZE] __attribute__((aligned(64)));
static struct state saved[MAX_BATCH][MAX_RUNS];
static uint64_t memhash[MAX_BATCH][MAX_RUNS];
static uint8_t memsaved[MAX_BATCH][MAX_RUNS][BUF_SIZE];

/* ---- system calls ------------------------------------------------------ */

static long sys3(long n, long a, long b, long c)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2)
                     : "memory");
    return x0;
}

static void sys_exit(int code)
{
    sys3(94, code, 0, 0);        /* exit_group */
    for (;;) {
    }
}

static void sleep_us(long us)
{
    long ts[2] = { us / 1000000, (us % 1000000) * 1000 };

    if (us > 0) {
        sys3(101, (long)ts, 0, 0);   /* nanosleep */
    }
}

static uint64_t atou(const char *s);
static long waited_total;

/* Read up to n-1 bytes of /proc/self/task/TID/FILE into buf; length or -1. */
static long read_task_file(const char *tid, const char *file, char *buf,
                           long n)
{
    char path[96];
    int i = 0;
    long fd, len;

    for (const char *p = "/proc/self/task/"; *p; p++) {
        path[i++] = *p;
    }
    for (const char *p = tid; *p && i < 60; p++) {
        path[i++] = *p;
    }
    path[i++] = '/';
    for (const char *p = file; *p && i < 90; p++) {
        path[i++] = *p;
    }
    path[i] = 0;
    fd = sys3(56, -100, (long)path, 0);             /* openat */
    if (fd < 0) {
        return -1;
    }
    len = sys3(63, fd, (long)buf, n - 1);           /* read */
    sys3(57, fd, 0, 0);                             /* close */
    if (len < 0) {
        return -1;
    }
    buf[len] = 0;
    return len;
}

/*
 * CPU time (ns) used so far by every thread of the emulator but this one,
 * from the host's /proc (qemu-user passes /proc/self/task through): with
 * -hybrid on, that is the LLVM optimizer thread(s) and QEMU's RCU thread.
 * *running is set when one of them is running right now (its time is
 * only brought up to date at scheduler ticks).  Returns 0 when it cannot
 * tell.
 */
static uint64_t others_cpu_ns(int *running)
{
    static char dents[4096];
    static char text[512];
    long self = sys3(178, 0, 0, 0);                 /* gettid */
    long fd = sys3(56, -100, (long)"/proc/self/task",
                   0x4000);                         /* O_DIRECTORY (aarch64) */
    uint64_t sum = 0;
    long n;

    *running = 0;
    if (fd < 0) {
        return 0;
    }
    while ((n = sys3(61, fd, (long)dents, sizeof(dents))) > 0) {  /* getdents64 */
        for (long off = 0; off < n;) {
            unsigned short reclen = *(unsigned short *)(dents + off + 16);
            const char *name = dents + off + 19;
            long len;

            off += reclen;
            if (name[0] < '0' || name[0] > '9' || (long)atou(name) == self) {
                continue;
            }
            if (read_task_file(name, "schedstat", text, sizeof(text)) > 0) {
                sum += atou(text);
            }
            len = read_task_file(name, "stat", text, sizeof(text));
            for (long k = len - 1; k > 0; k--) {
                if (text[k] == ')') {
                    if (k + 2 < len && text[k + 2] == 'R') {
                        *running = 1;
                    }
                    break;
                }
            }
        }
    }
    sys3(57, fd, 0, 0);
    return sum;
}

/*
 * Give the optimizer time to compile what the warm-up runs recorded:
 * wait until the other threads used no CPU for two polls in a row (the
 * queue is then empty), at most max_ms.  Only the timing of the program
 * depends on this, never its output.
 */
static void wait_idle(long max_ms, long poll_us)
{
    int running;
    uint64_t last = others_cpu_ns(&running), now;
    long waited = 0;
    int still = 0;

    while (waited < max_ms * 1000 && still < 3) {
        sleep_us(poll_us);
        waited += poll_us;
        now = others_cpu_ns(&running);
        still = now == last && !running ? still + 1 : 0;
        last = now;
    }
    waited_total += waited;
}

/* ---- signals -------------------------------------------------------------- */

static volatile uint64_t signals;
static int signals_on;

static void on_alarm(int sig)
{
    signals++;
}

extern void dt_restorer(void);
__asm__(".p2align 2\n"
        "dt_restorer:\n"
        "    mov x8, #139\n"             /* rt_sigreturn */
        "    svc #0\n");

static void set_timer(long us)
{
    long it[4] = { us / 1000000, us % 1000000, us / 1000000, us % 1000000 };

    sys3(103, 0, (long)it, 0);           /* setitimer(ITIMER_REAL) */
}

static void install_handler(void)
{
    struct {
        void (*handler)(int);
        unsigned long flags;
        void (*restorer)(void);
        uint64_t mask;
    } act = { on_alarm, 0x04000000 | 0x10000000, dt_restorer, 0 };
    register long x8 __asm__("x8") = 134;  /* rt_sigaction */
    register long x0 __asm__("x0") = 14;   /* SIGALRM */
    register long x1 __asm__("x1") = (long)&act;
    register long x2 __asm__("x2") = 0;
    register long x3 __asm__("x3") = 8;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
                     : "memory");
}

/*
 * SIGSEGV/SIGBUS from the accesses of a case to its unmapped page: fold
 * the state the signal frame shows (x0-x17, x19-x24, PC, NZCV, FPSR,
 * v0-v7, fault address) into a hash and skip the access.  A fault must
 * show exactly the state before the faulting instruction.
 */
static volatile uint64_t faults, fhash;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
}

/* Offsets in the aarch64 Linux ucontext_t (asm/sigcontext.h). */
#define UC_FAULT_ADDRESS 176
#define UC_REGS 184
#define UC_PC 440
#define UC_PSTATE 448
#define UC_RESERVED 464
#define FPSIMD_MAGIC 0x46508001

/*
 * The hash must not depend on where the linker put things, or a change
 * to this file would change every regression's expected output: values
 * near the scratch buffer count from its start, the PC from the case's.
 */
static void (*cur_fn)(uint8_t *);

static uint64_t position_free(uint64_t v)
{
    uint64_t base = (uint64_t)buf - 0x10000;

    return v - base < BUF_SIZE + 0x20000 ? v - (uint64_t)buf : v;
}

static void on_fault(int sig, void *info, void *ucv)
{
    uint8_t *uc = ucv;
    uint64_t *regs = (uint64_t *)(uc + UC_REGS);
    uint32_t *fp = (uint32_t *)(uc + UC_RESERVED);
    uint64_t h = fhash;

    for (int i = 0; i <= 24; i++) {
        if (i != 18) {
            h = mix(h, position_free(regs[i]));
        }
    }
    h = mix(h, *(uint64_t *)(uc + UC_PC) - (uint64_t)cur_fn);
    h = mix(h, *(uint64_t *)(uc + UC_PSTATE) & 0xf0000000u);
    h = mix(h, position_free(*(uint64_t *)(uc + UC_FAULT_ADDRESS)));
    h = mix(h, sig);
    if (fp[0] == FPSIMD_MAGIC) {
        uint64_t *v = (uint64_t *)(fp + 4);

        h = mix(h, fp[2]);                  /* fpsr */
        for (int i = 0; i < 16; i++) {      /* v0-v7 */
            h = mix(h, v[i]);
        }
    }
    fhash = h;
    faults++;
    *(uint64_t *)(uc + UC_PC) += 4;
}

static void install_fault_handler(int sig)
{
    struct {
        void (*handler)(int, void *, void *);
        unsigned long flags;
        void (*restorer)(void);
        uint64_t mask;
    } act = { on_fault, 0x04000000 | 0x10000000 | 4,  /* RESTORER, RESTART, SIGINFO */
              dt_restorer, 0 };
    register long x8 __asm__("x8") = 134;  /* rt_sigaction */
    register long x0 __asm__("x0") = sig;
    register long x1 __asm__("x1") = (long)&act;
    register long x2 __asm__("x2") = 0;
    register long x3 __asm__("x3") = 8;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
                     : "memory");
}

/* ---- output -------------------------------------------------------------- */

static char out[1 << 16];
static size_t outlen;

static void flush(void)
{
    size_t done = 0;

    while (done < outlen) {
        long n = sys3(64, 1, (long)(out + done), outlen - done);
        if (n <= 0) {
            sys_exit(3);
        }
        done += n;
    }
    outlen = 0;
}

static void put(const char *s)
{
    while (*s) {
        if (outlen == sizeof(out)) {
            flush();
        }
        out[outlen++] = *s++;
    }
}

static void puthex(uint64_t v, int digits)
{
    char t[17];

    for (int i = digits - 1; i >= 0; i--) {
        t[i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    }
    t[digits] = 0;
    put(t);
}

static void putdec(uint64_t v)
{
    char t[21];
    int i = 20;

    t[i] = 0;
    do {
        t[--i] = '0' + v % 10;
        v /= 10;
    } while (v);
    put(t + i);
}

static uint64_t atou(const char *s)
{
    uint64_t v = 0;

    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s++ - '0');
    }
    return v;
}

/* ---- cases ---------------------------------------------------------------- */

static void fill(uint64_t seed)
{
    uint64_t s = seed;

    for (int i = 0; i < BUF_SIZE; i += 8) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        for (int k = 0; k < 8; k++) {
            buf[i + k] = s >> (8 * k);
        }
    }
}

static uint64_t hash(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

static int same(const struct state *a, const struct state *b)
{
    const uint64_t *p = (const uint64_t *)a, *q = (const uint64_t *)b;

    for (size_t i = 0; i < sizeof(*a) / 8; i++) {
        if (p[i] != q[i]) {
            return 0;
        }
    }
    return 1;
}

static void print_state(uint64_t k, int run, const struct state *s,
                        uint64_t mh, const uint8_t *mem, int verbose)
{
    put("case ");
    putdec(k);
    if (run >= 0) {
        put(" run ");
        putdec(run);
    }
    put(":");
    for (int i = 0; i < NREGS; i++) {
        put(" x");
        putdec(i);
        put("=");
        puthex(s->x[i], 16);
    }
    put(" x20=");
    puthex(s->x20, 16);
    put(" nzcv=");
    puthex(s->nzcv >> 28, 1);
    put(" fpsr=");
    puthex(s->fpsr, 8);
    for (int i = 0; i < 8; i++) {
        put(" q");
        putdec(i);
        put("=");
        puthex(s->q[i][1], 16);
        puthex(s->q[i][0], 16);
    }
    put(" xf=");
    if (signals_on) {
        put("-");               /* a signal clears the exclusive monitor */
    } else {
        putdec(s->xfail);
    }
    put(" faults=");
    putdec(s->faults);
    put(" fh=");
    puthex(s->fhash, 16);
    put(" mem=");
    puthex(mh, 16);
    put("\n");
    if (verbose) {
        put("mem ");
        putdec(k);
        put(":");
        for (int i = 0; i < BUF_SIZE; i++) {
            if (i % 64 == 0) {
                put(" ");
            }
            puthex(mem[i], 2);
        }
        put("\n");
    }
}

static void run_case(uint64_t k, int slot, int run)
{
    fill(dt_cases[k].memseed);
    faults = 0;
    fhash = 0;
    cur_fn = dt_cases[k].fn;
    dt_cases[k].fn(buf + BASE_OFF);
    dt_state.faults = faults;
    dt_state.fhash = fhash;
    if (signals_on) {
        dt_state.xfail = 0;     /* depends on where signals land */
    }
    saved[slot][run] = dt_state;
    memhash[slot][run] = hash(buf, BUF_SIZE);
    for (int i = 0; i < BUF_SIZE; i++) {
        memsaved[slot][run][i] = buf[i];
    }
}

void cmain(uint64_t *sp)
{
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    uint64_t warm = argc > 1 ? atou(argv[1]) : 3;
    uint64_t runs = argc > 2 ? atou(argv[2]) : 2;
    uint64_t sleep = argc > 3 ? atou(argv[3]) : 5000;
    uint64_t batch = argc > 4 ? atou(argv[4]) : 16;
    int verbose = argc > 5 ? atou(argv[5]) != 0 : 0;
    long sig_us = argc > 6 ? (long)atou(argv[6]) : 0;
    uint64_t n = dt_ncases;
    uint64_t trap_first = &dt_trap_first ? dt_trap_first : 0;
    int fault_handlers = 0;

    if (runs < 1) {
        runs = 1;
    }
    if (warm + runs > MAX_RUNS) {
        warm = MAX_RUNS - runs;
    }
    if (batch < 1 || batch > MAX_BATCH) {
        batch = MAX_BATCH;
    }
    if (sig_us > 0) {
        install_handler();
        signals_on = 1;
    }
    for (uint64_t b = 0; b < n; b += batch) {
        uint64_t e = b + batch < n ? b + batch : n;
        int total = warm + runs;

        /*
         * Until a case may trap, no handler: the hybrid tier then keeps
         * registers across accesses; installing one must end that.
         */
        if (!fault_handlers && e > trap_first) {
            install_fault_handler(11);      /* SIGSEGV */
            install_fault_handler(7);       /* SIGBUS */
            fault_handlers = 1;
        }

        set_timer(sig_us);
        for (uint64_t k = b; k < e; k++) {
            for (int r = 0; r < (int)warm; r++) {
                run_case(k, k - b, r);
            }
        }
        set_timer(0);
        wait_idle(sleep, 2000);
        set_timer(sig_us);
        for (uint64_t k = b; k < e; k++) {
            for (int r = warm; r < total; r++) {
                run_case(k, k - b, r);
            }
        }
        set_timer(0);
        for (uint64_t k = b; k < e; k++) {
            int last = total - 1, slot = k - b;

            print_state(k, -1, &saved[slot][last], memhash[slot][last],
                        memsaved[slot][last], verbose);
            for (int r = 0; r < last; r++) {
                if (!same(&saved[slot][r], &saved[slot][last]) ||
                    memhash[slot][r] != memhash[slot][last]) {
                    print_state(k, r, &saved[slot][r], memhash[slot][r],
                                memsaved[slot][r], verbose);
                }
            }
        }
        flush();
    }
    put("done ");
    putdec(n);
    put("\n");
    flush();
    /* Timing goes to stderr: stdout must not depend on it. */
    put("difftest: waited ");
    putdec(waited_total / 1000);
    put(" ms for the optimizer, ");
    putdec(signals);
    put(" signals\n");
    sys3(64, 2, (long)out, outlen);
    outlen = 0;
    sys_exit(0);
}

/* Freestanding code may still get calls to these from the compiler. */
void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *p = d;
    const uint8_t *q = s;

    while (n--) {
        *p++ = *q++;
    }
    return d;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *p = d;

    while (n--) {
        *p++ = c;
    }
    return d;
}

__asm__(".global _start\n"
        "_start:\n"
        "    mov x0, sp\n"
        "    bl cmain\n"
        "    brk #0\n");
