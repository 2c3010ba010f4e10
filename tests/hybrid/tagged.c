/*
 * Hybrid test: tagged pointers (top-byte-ignore) in hot loops.
 *
 * aarch64 Linux ignores the top byte of a user data address (TBI0), and
 * QEMU strips it before every access.  While the guest has no SIGSEGV
 * handler, hybrid traces strip it with one mask instead of QEMU's
 * three-op idiom; this checks that tagged loads, stores, pairs and byte
 * accesses in traces still reach the untagged address, for every tag,
 * and that an address with bit 55 set (outside user space, tag or not)
 * still kills the program with SIGSEGV, in a child, and raises SIGSEGV
 * for a handler once there is one.
 */
#include "hyb.h"
#include <sys/wait.h>

#define N 4096

static uint64_t data[N];
static uint64_t pairs[N][2];
static uint8_t bytes[N];

static inline void *tag(const void *p, unsigned t)
{
    return (void *)((uintptr_t)p | (uint64_t)t << 56);
}

/* Loads through pointers with a different tag each, a table lookup. */
static uint64_t __attribute__((noinline)) sum_tagged(unsigned salt)
{
    uint64_t s = 0;

    for (unsigned i = 0; i < N; i++) {
        const uint64_t *p = tag(&data[i], (i * 37 + salt) & 0xff);
        const uint8_t *b = tag(&bytes[(s ^ i) % N], i & 0xff);

        s += *p + *b;
    }
    return s;
}

/* Pair accesses (LDP/STP) and stores, tagged. */
static uint64_t __attribute__((noinline)) pair_tagged(unsigned salt)
{
    uint64_t s = 0;

    for (unsigned i = 0; i < N; i++) {
        uint64_t *q = tag(pairs[i], (i + salt) & 0xff);
        uint64_t a = q[0], b = q[1];

        q[0] = b + 1;
        q[1] = a + 1;
        s += a * 3 + b;
    }
    return s;
}

/* The same sums without tags, for the expected values. */
static uint64_t sum_plain(void)
{
    uint64_t s = 0;

    for (unsigned i = 0; i < N; i++) {
        s += data[i] + bytes[(s ^ i) % N];
    }
    return s;
}

static volatile uint64_t sink;

static void warm_sum(void *arg)
{
    (void)arg;
    sink += sum_tagged(0);
}

static unsigned pair_calls;

static void warm_pair(void *arg)
{
    (void)arg;
    sink += pair_tagged(pair_calls++);
}

/* Child: load through @p in the hot loop shape; must die by SIGSEGV. */
static uint64_t __attribute__((noinline)) load_all(uint64_t **v, unsigned n)
{
    uint64_t s = 0;

    for (unsigned i = 0; i < n; i++) {
        s += *v[i];
    }
    return s;
}

static void check_bit55_faults(void)
{
    static uint64_t *v[N];
    int status;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        double end;

        for (unsigned i = 0; i < N; i++) {
            v[i] = tag(&data[i], i & 0xff);
        }
        end = now_s() + warm_s(100);
        while (now_s() < end) {
            sink += load_all(v, N);
        }
        /* Bit 55 set: the tag is not ignored; no such user address. */
        v[N / 2] = (uint64_t *)((uintptr_t)&data[1] | 1ull << 55);
        sink += load_all(v, N);
        _exit(3);
    }
    CHECK(pid > 0, "fork failed");
    if (pid <= 0) {
        return;
    }
    CHECK(waitpid(pid, &status, 0) == pid, "waitpid failed");
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "bit 55 load: child status %#x, want death by SIGSEGV", status);
}

/*
 * With a SIGSEGV handler in place (every access then writes registers
 * back), a non-canonical address in a hot loop must still raise SIGSEGV,
 * whatever host register the trace keeps it in (%rbp would give SIGBUS).
 */
static sigjmp_buf escape;
static volatile int caught;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    caught = sig;
    siglongjmp(escape, 1);
}

static void check_wild_caught(void)
{
    static uint64_t *v[N];
    double end;

    set_handler(SIGSEGV, on_fault, 0);
    set_handler(SIGBUS, on_fault, 0);
    for (unsigned i = 0; i < N; i++) {
        v[i] = &data[i];
    }
    end = now_s() + warm_s(50);
    while (now_s() < end) {
        sink += load_all(v, N);
    }
    for (unsigned k = 0; k < 8; k++) {
        /* tagged with bit 55 set, then plain non-canonical */
        v[(k * 997) % N] = (uint64_t *)((uintptr_t)&data[k] |
                                        (k % 2 ? 0xdeull << 48 : 1ull << 55));
        caught = 0;
        if (sigsetjmp(escape, 1) == 0) {
            sink += load_all(v, N);
        }
        CHECK(caught == SIGSEGV, "wild load %u: signal %d, want SIGSEGV",
              k, caught);
        v[(k * 997) % N] = &data[k];
    }
}

int main(void)
{
    uint64_t want, got;

    for (unsigned i = 0; i < N; i++) {
        data[i] = i * 0x9e3779b97f4a7c15ull;
        pairs[i][0] = i;
        pairs[i][1] = i * 7;
        bytes[i] = (uint8_t)(i * 13 + 5);
    }
    warm_loop(warm_sum, NULL, warm_s(50), 200);
    want = sum_plain();
    for (unsigned salt = 0; salt < 256; salt += 17) {
        got = sum_tagged(salt);
        CHECK(got == want, "sum, salt %u: %#" PRIx64 " want %#" PRIx64,
              salt, got, want);
    }

    /* Each call swaps the pair and adds 1 to both: c calls, c even. */
    warm_loop(warm_pair, NULL, warm_s(50), 200);
    if (pair_calls % 2) {
        warm_pair(NULL);
    }
    for (unsigned i = 0; i < N; i++) {
        uint64_t a = pairs[i][0] - i, b = pairs[i][1] - i * 7;

        CHECK(a == pair_calls && b == pair_calls,
              "pair %u after %u calls: %" PRIu64 " %" PRIu64,
              i, pair_calls, pairs[i][0], pairs[i][1]);
        if (a != pair_calls || b != pair_calls) {
            break;
        }
    }
    printf("sums checked\n");

    check_bit55_faults();
    printf("bit 55 load checked\n");
    check_wild_caught();
    printf("wild loads caught\n");
    return finish("tagged");
}
