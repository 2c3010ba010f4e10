/*
 * Hybrid test: the first tagged pointers come in several threads at once.
 *
 * With -hybrid on, TCG code uses a plain load's or store's address as
 * the register holds it until a tagged address faults there; the
 * instruction then runs again with the tag removed and every block is
 * translated again (accel/tcg/hybrid-tbi.h).  Here three threads run
 * their loops untagged until those loops are hot, then all switch to
 * tagged pointers together, so one thread's fault ends the raw mode
 * while the others are still in raw blocks: each of them must be
 * restarted too, never see a signal, and read and write what the
 * untagged address holds.  The accesses cover every raw form: LDR/STR
 * (register offset and immediates), LDP/STP with pre- and post-index
 * writeback (the register keeps its tag), and AdvSIMD LD1/ST1 of
 * multiple and single structures.  Last, each thread checks that an
 * address with bit 55 set still raises SIGSEGV, whose si_addr is the
 * same kind of value (0, the address, or other) in every thread.
 */
#include "hyb.h"
#include <pthread.h>

#define THREADS 3
#define N 2048

static uint64_t data[THREADS][N];
static uint64_t pairs[THREADS][N][2];
static volatile int go_tagged;
static pthread_barrier_t barrier;
static volatile int stray_signals;
static __thread sigjmp_buf escape;
static __thread volatile int caught;
static __thread volatile uint64_t caught_addr;
static __thread volatile int expect_fault;

static inline void *tag(const void *p, unsigned t)
{
    return (void *)((uintptr_t)p | (uint64_t)t << 56);
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (!expect_fault) {
        stray_signals++;
        _exit(7);
    }
    caught = sig;
    caught_addr = (uintptr_t)si->si_addr;
    siglongjmp(escape, 1);
}

/* LDR through register offsets, STR back: tags from @salt. */
static uint64_t __attribute__((noinline))
sum_rows(uint64_t *row, unsigned salt, int tagged)
{
    uint64_t s = 0;

    for (unsigned i = 0; i < N; i++) {
        uint64_t *p = tagged ? tag(&row[i], (i * 29 + salt) & 0x7f) : &row[i];

        s += *p;
        *p = *p + 1;
    }
    return s;
}

/* LDP with post-index and STP with pre-index writeback. */
static uint64_t __attribute__((noinline))
pair_walk(uint64_t (*pp)[2], unsigned t)
{
    uint64_t *p = (uint64_t *)tag(pp, t), *end = p + 2 * N;
    uint64_t s = 0, a, b;

    while (p != end) {
        asm volatile("ldp %0, %1, [%2], #16" : "=&r"(a), "=&r"(b), "+r"(p)
                     : : "memory");
        s += a * 3 + b;
        asm volatile("stp %1, %2, [%0, #-16]!\n\tadd %0, %0, #16"
                     : "+r"(p) : "r"(b), "r"(a) : "memory");
    }
    CHECK(p == end, "writeback lost the tag: %p, want %p", (void *)p,
          (void *)end);
    return s;
}

/* LD1/ST1 multiple structures and one lane, tagged. */
static uint64_t __attribute__((noinline)) simd_walk(uint64_t *row, unsigned t)
{
    uint64_t *p = tag(row, t);
    uint64_t s = 0, lane;

    for (unsigned i = 0; i + 4 <= N; i += 4) {
        asm volatile("ld1 {v0.2d, v1.2d}, [%1]\n\t"
                     "add v0.2d, v0.2d, v1.2d\n\t"
                     "st1 {v0.2d, v1.2d}, [%1]\n\t"
                     "ld1 {v2.d}[1], [%2]\n\t"
                     "mov %0, v2.d[1]"
                     : "=r"(lane) : "r"(p + i), "r"(p + i + 3)
                     : "v0", "v1", "v2", "memory");
        s += lane;
    }
    return s;
}

static uint64_t row_sum(const uint64_t *row)
{
    uint64_t s = 0;

    for (unsigned i = 0; i < N; i++) {
        s += row[i];
    }
    return s;
}

static uint64_t pair_sum(uint64_t (*pp)[2])
{
    uint64_t s = 0;

    for (unsigned i = 0; i < N; i++) {
        s += pp[i][0] * 3 + pp[i][1];
    }
    return s;
}

static void *worker(void *arg)
{
    unsigned me = (unsigned)(uintptr_t)arg;
    uint64_t *row = data[me];
    double end = now_s() + warm_s(40);
    uint64_t want, got;

    /* Untagged until hot: raw blocks, traces in the hot modes. */
    while (now_s() < end) {
        sum_rows(row, 0, 0);
        pair_walk(pairs[me], 0);
        simd_walk(row, 0);
    }
    pthread_barrier_wait(&barrier);

    for (unsigned round = 0; round < 8; round++) {
        unsigned t = (me * 61 + round * 7 + 1) & 0x7f;

        want = row_sum(row);
        got = sum_rows(row, t, 1);
        CHECK(got == want, "thread %u round %u: ldr sum %#" PRIx64
              " want %#" PRIx64, me, round, got, want);
        CHECK(row_sum(row) == want + N, "thread %u round %u: str lost",
              me, round);

        want = pair_sum(pairs[me]);
        got = pair_walk(pairs[me], t);
        CHECK(got == want, "thread %u round %u: ldp sum %#" PRIx64
              " want %#" PRIx64, me, round, got, want);

        want = 0;
        for (unsigned i = 0; i + 4 <= N; i += 4) {
            want += row[i + 3];
        }
        got = simd_walk(row, t);
        CHECK(got == want, "thread %u round %u: ld1 lane %#" PRIx64
              " want %#" PRIx64, me, round, got, want);
    }

    /* Bit 55 set: no user address, tag or not. */
    expect_fault = 1;
    caught = 0;
    if (sigsetjmp(escape, 1) == 0) {
        sum_rows((uint64_t *)((uintptr_t)row | 1ull << 55), 0, 0);
    }
    expect_fault = 0;
    CHECK(caught == SIGSEGV, "thread %u: bit 55 gave signal %d", me, caught);
    if (caught_addr == 0) {
        return (void *)0;
    }
    return (void *)(uintptr_t)((caught_addr & ~(0xffull << 56)) ==
                               ((uintptr_t)row | 1ull << 55) ? 1 : 2);
}

int main(void)
{
    pthread_t th[THREADS];
    void *addr[THREADS];

    for (unsigned t = 0; t < THREADS; t++) {
        for (unsigned i = 0; i < N; i++) {
            data[t][i] = i * 0x9e3779b97f4a7c15ull + t;
            pairs[t][i][0] = i + t;
            pairs[t][i][1] = i * 7;
        }
    }
    set_handler(SIGSEGV, on_fault, 0);
    set_handler(SIGBUS, on_fault, 0);
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (unsigned t = 1; t < THREADS; t++) {
        CHECK(pthread_create(&th[t], NULL, worker, (void *)(uintptr_t)t) == 0,
              "pthread_create");
    }
    addr[0] = worker(NULL);
    for (unsigned t = 1; t < THREADS; t++) {
        pthread_join(th[t], &addr[t]);
    }
    CHECK(stray_signals == 0, "%d signals the guest should not see",
          stray_signals);
    for (unsigned t = 1; t < THREADS; t++) {
        CHECK(addr[t] == addr[0], "si_addr kind %p in thread %u, %p in 0",
              addr[t], t, addr[0]);
    }
    printf("tagged accesses in %d threads checked\n", THREADS);
    return finish("tagthreads");
}
