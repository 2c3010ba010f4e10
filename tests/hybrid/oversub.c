/*
 * Hybrid test: more threads than cores, all running the same hot loop
 * (a trace) at once.
 *
 * 64 work items, each a loop of 6,000,000 rounds of a 64-bit mix, are
 * shared out over 4 threads per host core (8 to 32 threads), so most of
 * the threads wait for a core while inside a trace.  The output is a
 * checksum of the items, whatever the thread count.  The suite checks
 * -hybrid-stats' "share of emulation time" (at most 100%): it summed
 * the threads' wall time in traces against the process's CPU time, and
 * showed 743% for such a program (tests/hybrid/check.sh).
 */
#include "hyb.h"
#include <pthread.h>

/* About 1.5 s of CPU time under TCG, enough for LLVM to load and compile. */
#define ITEMS 64
#define ROUNDS 6000000

static uint64_t results[ITEMS];
static int nb_threads;

static uint64_t __attribute__((noinline)) mix(uint64_t x, long rounds)
{
    for (long i = 0; i < rounds; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        x ^= x >> 29;
    }
    return x;
}

static void *worker(void *arg)
{
    int t = (int)(intptr_t)arg;

    for (int i = t; i < ITEMS; i += nb_threads) {
        results[i] = mix(i, ROUNDS);
    }
    return NULL;
}

int main(void)
{
    pthread_t th[32];
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t sum = 0;

    nb_threads = cpus > 0 ? 4 * cpus : 8;
    nb_threads = nb_threads < 8 ? 8 : nb_threads > 32 ? 32 : nb_threads;
    for (int t = 0; t < nb_threads; t++) {
        if (pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t)) {
            perror("pthread_create");
            return 2;
        }
    }
    for (int t = 0; t < nb_threads; t++) {
        pthread_join(th[t], NULL);
    }
    for (int i = 0; i < ITEMS; i++) {
        sum = sum * 31 + results[i];
    }
    printf("oversub: %d items of %d rounds, checksum %016" PRIx64 "\n",
           ITEMS, ROUNDS, sum);
    return finish("oversub");
}
