/*
 * Offload test: offloaded functions called from several threads at once.
 *
 * Four pthreads call offloaded functions concurrently: pure computation
 * on per-thread data, an atomic counter shared with emulated code, and a
 * shared total updated under a guest pthread mutex locked from native
 * code.  Every result printed is deterministic.
 */
//! offloaded: crunch atomic_bump locked_add
//! called: crunch atomic_bump locked_add
//! not-offloaded: main:asm worker:asm
#include <pthread.h>
#include <stdio.h>
#include "offload-test.h"

#define NTHREADS 4
#define ROUNDS 3000

static long atomic_counter;
static long locked_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

OFFLOAD_FN uint64_t crunch(uint64_t x, int n)
{
    for (int i = 0; i < n; i++)
        x = x * 6364136223846793005ull + 1442695040888963407ull + (x >> 29);
    return x;
}

OFFLOAD_FN void atomic_bump(long by)
{
    __atomic_fetch_add(&atomic_counter, by, __ATOMIC_SEQ_CST);
}

OFFLOAD_FN void locked_add(long v)
{
    pthread_mutex_lock(&lock);
    locked_total = locked_total + v;
    pthread_mutex_unlock(&lock);
}

struct job { int id; uint64_t result; };

static void *worker(void *arg)
{
    GUEST_ONLY();
    struct job *j = arg;
    uint64_t x = j->id + 1;
    for (int i = 0; i < ROUNDS; i++) {
        x = crunch(x, 8 + (i & 7));
        atomic_bump(1);
        __atomic_fetch_add(&atomic_counter, 2, __ATOMIC_SEQ_CST);  /* emulated side */
        if (i % 10 == 0)
            locked_add((long)(x & 0xffff));
    }
    j->result = x;
    return NULL;
}

int main(void)
{
    pthread_t t[NTHREADS];
    struct job jobs[NTHREADS];

    GUEST_ONLY();
    for (int i = 0; i < NTHREADS; i++) {
        jobs[i].id = i;
        pthread_create(&t[i], NULL, worker, &jobs[i]);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < NTHREADS; i++)
        printf("thread %d: %016llx\n", i, (unsigned long long)jobs[i].result);
    printf("atomic_counter=%ld (expected %d)\n", atomic_counter, NTHREADS * ROUNDS * 3);
    printf("locked_total=%ld\n", locked_total);
    printf("threads: done\n");
    return 0;
}
