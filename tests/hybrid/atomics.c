/*
 * Hybrid test: two threads increment shared counters in hot loops.
 *
 * Variants (each a loop the hybrid tier turns into a trace):
 *   __atomic_fetch_add (inline LDAXR/STLXR retry loop, -mno-outline-atomics)
 *   LDXR/STXR retry loop in inline assembly
 *   STADD (LSE)
 *   compare-and-swap loop (__atomic_compare_exchange_n, weak)
 *   a spinlock (LDAXR/STXR acquire, STLR release) around plain increments
 *   a pthread mutex around plain increments
 * Both threads first run the same loop on a warm-up counter until the
 * loop is compiled, then exactly ITER increments each on a fresh counter.
 * Totals must be exact.
 */
#include "hyb.h"
#include <pthread.h>

#define NTHREADS 2
#define ITER 200000L

typedef void (*inc_fn)(uint64_t *ctr, long n);

static void inc_fetch_add(uint64_t *ctr, long n)
{
    for (long i = 0; i < n; i++) {
        __atomic_fetch_add(ctr, 1, __ATOMIC_SEQ_CST);
    }
}

static void inc_llsc(uint64_t *ctr, long n)
{
    uint64_t tmp;
    uint32_t fail;

    for (long i = 0; i < n; i++) {
        __asm__ volatile("1: ldxr %0, [%2]\n"
                         "   add %0, %0, #1\n"
                         "   stxr %w1, %0, [%2]\n"
                         "   cbnz %w1, 1b\n"
                         : "=&r"(tmp), "=&r"(fail)
                         : "r"(ctr)
                         : "memory");
    }
}

static void inc_stadd(uint64_t *ctr, long n)
{
    for (long i = 0; i < n; i++) {
        __asm__ volatile(".arch_extension lse\n"
                         "stadd %1, [%0]\n"
                         :
                         : "r"(ctr), "r"((uint64_t)1)
                         : "memory");
    }
}

static void inc_cas(uint64_t *ctr, long n)
{
    for (long i = 0; i < n; i++) {
        uint64_t old = __atomic_load_n(ctr, __ATOMIC_RELAXED);

        while (!__atomic_compare_exchange_n(ctr, &old, old + 1, true,
                                            __ATOMIC_ACQ_REL,
                                            __ATOMIC_RELAXED)) {
        }
    }
}

/* A test-and-set spinlock; ctr[1] is the lock word, ctr[2] a shadow. */
static void inc_spinlock(uint64_t *ctr, long n)
{
    uint64_t *lock = &ctr[1];

    for (long i = 0; i < n; i++) {
        uint64_t v;
        uint32_t fail;

        __asm__ volatile("1: ldaxr %0, [%2]\n"
                         "   cbnz %0, 1b\n"
                         "   stxr %w1, %3, [%2]\n"
                         "   cbnz %w1, 1b\n"
                         : "=&r"(v), "=&r"(fail)
                         : "r"(lock), "r"((uint64_t)1)
                         : "memory");
        /* Plain, non-atomic read-modify-writes under the lock. */
        ctr[0] = ctr[0] + 1;
        ctr[2] = ctr[2] + 3;
        __asm__ volatile("stlr xzr, [%0]" : : "r"(lock) : "memory");
    }
}

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

static void inc_mutex(uint64_t *ctr, long n)
{
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&mutex);
        ctr[0] = ctr[0] + 1;
        ctr[2] = ctr[2] + 3;
        pthread_mutex_unlock(&mutex);
    }
}

/* ---- two threads per variant ------------------------------------------------------ */

static struct {
    inc_fn fn;
    long iter;
    volatile int stop_warm;
    uint64_t warm_ctr[8] __attribute__((aligned(64)));
    uint64_t ctr[8] __attribute__((aligned(64)));
    long warm_calls[NTHREADS];
    pthread_barrier_t start;
} V;

#define WARM_CHUNK 1000

static void *worker(void *arg)
{
    long me = (long)arg;

    while (!V.stop_warm) {
        V.fn(V.warm_ctr, WARM_CHUNK);
        V.warm_calls[me]++;
    }
    pthread_barrier_wait(&V.start);
    V.fn(V.ctr, V.iter);
    return NULL;
}

static void run_variant(const char *name, inc_fn fn, long iter, double warm,
                        bool shadow)
{
    pthread_t th[NTHREADS];
    uint64_t warm_want = 0;
    struct timespec ts;

    memset(V.warm_ctr, 0, sizeof(V.warm_ctr));
    memset(V.ctr, 0, sizeof(V.ctr));
    V.fn = fn;
    V.iter = iter;
    V.stop_warm = 0;
    pthread_barrier_init(&V.start, NULL, NTHREADS);
    for (long t = 0; t < NTHREADS; t++) {
        V.warm_calls[t] = 0;
        pthread_create(&th[t], NULL, worker, (void *)t);
    }
    ts.tv_sec = (time_t)warm;
    ts.tv_nsec = (long)((warm - ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);
    V.stop_warm = 1;
    for (long t = 0; t < NTHREADS; t++) {
        pthread_join(th[t], NULL);
        warm_want += V.warm_calls[t] * WARM_CHUNK;
    }
    pthread_barrier_destroy(&V.start);

    CHECK(V.warm_ctr[0] == warm_want, "%s: warm-up counter %" PRIu64
          ", expected %" PRIu64, name, V.warm_ctr[0], warm_want);
    CHECK(V.ctr[0] == (uint64_t)(NTHREADS * iter), "%s: counter %" PRIu64
          ", expected %ld", name, V.ctr[0], NTHREADS * iter);
    if (shadow) {
        CHECK(V.ctr[1] == 0, "%s: lock word left %" PRIu64, name, V.ctr[1]);
        CHECK(V.ctr[2] == 3 * V.ctr[0], "%s: shadow %" PRIu64 " != 3 * %"
              PRIu64, name, V.ctr[2], V.ctr[0]);
    }
    printf("%s: %d threads x %ld increments = %" PRIu64 "%s\n", name,
           NTHREADS, iter, V.ctr[0],
           V.ctr[0] == (uint64_t)(NTHREADS * iter) ? "" : " WRONG");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    run_variant("__atomic_fetch_add", inc_fetch_add, ITER, warm_s(100), false);
    run_variant("ldxr/stxr loop", inc_llsc, ITER, warm_s(40), false);
    run_variant("stadd", inc_stadd, ITER, warm_s(40), false);
    run_variant("compare-and-swap loop", inc_cas, ITER, warm_s(40), false);
    run_variant("ldaxr/stlr spinlock", inc_spinlock, ITER, warm_s(40), true);
    run_variant("pthread mutex", inc_mutex, ITER / 4, warm_s(40), true);
    return finish("atomics");
}
