/*
 * Hybrid test: spin-waits on a flag that another thread sets.
 *
 * A thread spins in a hot loop until a flag changes; the loop is compiled
 * into a trace while it spins (the other thread holds the flag back for
 * the warm-up time), so the trace itself must see the store.  Kinds:
 *   - plain load with a compiler barrier;
 *   - load-acquire (LDAR), with a message: data written before a
 *     store-release of the flag must be visible after the acquire;
 *   - plain load with YIELD in the loop (a helper that leaves the block);
 *   - then a ping-pong of many hand-offs between two spinning threads.
 * Each wait also counts its iterations, so the loop does some work.
 * If a trace never sees the store, the program hangs (the suite's timeout
 * catches it).
 */
#include "hyb.h"
#include <pthread.h>

static volatile int go;                 /* the waiter has started */
static int flag_plain;
static int flag_acq;
static int flag_yield;
static uint64_t message[4];

static long __attribute__((noinline)) spin_plain(int *flag)
{
    long n = 0;

    while (*(volatile int *)flag == 0) {
        n++;
        __asm__ volatile("" ::: "memory");
    }
    return n;
}

static long __attribute__((noinline)) spin_acquire(int *flag)
{
    long n = 0;

    while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == 0) {
        n++;
    }
    return n;
}

static long __attribute__((noinline)) spin_yield(int *flag)
{
    long n = 0;

    while (*(volatile int *)flag == 0) {
        n++;
        __asm__ volatile("yield" ::: "memory");
    }
    return n;
}

struct wait_arg {
    long (*spin)(int *);
    int *flag;
    long iterations;
    uint64_t seen[4];
};

static void *waiter(void *p)
{
    struct wait_arg *w = p;

    go = 1;
    w->iterations = w->spin(w->flag);
    /* After an acquire of the flag, the message must be complete. */
    for (int k = 0; k < 4; k++) {
        w->seen[k] = message[k];
    }
    return NULL;
}

static void sleep_s(double s)
{
    struct timespec ts;

    ts.tv_sec = (time_t)s;
    ts.tv_nsec = (long)((s - ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);
}

static void one_wait(const char *name, long (*spin)(int *), int *flag,
                     double hold, bool release)
{
    struct wait_arg w = { spin, flag, 0, { 0 } };
    pthread_t th;

    go = 0;
    pthread_create(&th, NULL, waiter, &w);
    while (!go) {
        sleep_s(0.001);
    }
    sleep_s(hold);                      /* the waiter spins meanwhile */
    for (int k = 0; k < 4; k++) {
        message[k] = 0x1111111111111111ull * (k + 1) + (uint64_t)(uintptr_t)flag;
    }
    if (release) {
        __atomic_store_n(flag, 1, __ATOMIC_RELEASE);
    } else {
        __asm__ volatile("" ::: "memory");
        *(volatile int *)flag = 1;
    }
    pthread_join(th, NULL);
    CHECK(w.iterations > 0, "%s: the waiter never spun", name);
    if (release) {
        for (int k = 0; k < 4; k++) {
            CHECK(w.seen[k] == message[k], "%s: message word %d stale", name,
                  k);
        }
    }
    printf("%s: released\n", name);
}

/* ---- ping-pong ---------------------------------------------------------------------- */

#define ROUNDS 300

static int turn = 2;                    /* whose turn: 0 or 1 (2: none) */
static uint64_t pp_data;
static uint64_t pp_sum[2];

static void *pinger(void *p)
{
    int me = (int)(intptr_t)p;

    for (int r = 0; r < ROUNDS; r++) {
        while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me) {
        }
        pp_sum[me] += pp_data;
        pp_data = pp_data * 3 + me + 1;
        __atomic_store_n(&turn, 1 - me, __ATOMIC_RELEASE);
    }
    return NULL;
}

static void ping_pong(double hold)
{
    pthread_t a, b;
    uint64_t d = 0, s[2] = { 0, 0 };

    pthread_create(&a, NULL, pinger, (void *)0);
    pthread_create(&b, NULL, pinger, (void *)1);
    sleep_s(hold);                      /* both spin meanwhile */
    __atomic_store_n(&turn, 0, __ATOMIC_RELEASE);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    for (int r = 0; r < ROUNDS; r++) {
        for (int me = 0; me < 2; me++) {
            s[me] += d;
            d = d * 3 + me + 1;
        }
    }
    CHECK(pp_sum[0] == s[0] && pp_sum[1] == s[1] && pp_data == d,
          "ping-pong: sums %" PRIx64 " %" PRIx64 ", expected %" PRIx64 " %"
          PRIx64, pp_sum[0], pp_sum[1], s[0], s[1]);
    printf("ping-pong: %d hand-offs, sums %016" PRIx64 " %016" PRIx64 "\n",
           2 * ROUNDS, pp_sum[0], pp_sum[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    one_wait("plain load spin", spin_plain, &flag_plain, warm_s(100), false);
    one_wait("load-acquire spin", spin_acquire, &flag_acq, warm_s(30), true);
    one_wait("yield spin", spin_yield, &flag_yield, warm_s(30), false);
    ping_pong(warm_s(30));
    return finish("spin");
}
