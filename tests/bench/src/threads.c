/*
 * threads: a 2-thread kernel.  Two workers take chunks of an index range
 * from a shared atomic counter; for each index they run a small integer
 * hash loop.  Per-chunk results go to their own slots, so the output does
 * not depend on which thread did which chunk; a mutex-protected total and
 * an atomic counter exercise the other synchronisation paths.
 */
#include <pthread.h>
#include "bench.h"

#define NTHREADS 2
#define CHUNK 4096

static long nitems;
static long nchunks;
static uint64_t *chunk_result;
static long next_chunk;                 /* atomic */
static uint64_t atomic_sum;             /* atomic */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t locked_sum;
static long chunks_done[NTHREADS];

static uint64_t work(uint64_t i)
{
    uint64_t x = i * 0x9e3779b97f4a7c15ULL + 1;
    for (int k = 0; k < 48; k++) {
        x ^= x >> 29;
        x *= 0xbf58476d1ce4e5b9ULL;
        if (x & 0x100)
            x += k;
        else
            x ^= (uint64_t)k << 7;
    }
    return x;
}

static void *worker(void *arg)
{
    long id = (long)arg;
    for (;;) {
        long c = __atomic_fetch_add(&next_chunk, 1, __ATOMIC_RELAXED);
        if (c >= nchunks)
            break;
        uint64_t h = 0;
        long end = (c + 1) * CHUNK < nitems ? (c + 1) * CHUNK : nitems;
        for (long i = c * CHUNK; i < end; i++)
            h += work((uint64_t)i);
        chunk_result[c] = h;
        __atomic_fetch_add(&atomic_sum, h >> 8, __ATOMIC_RELAXED);
        pthread_mutex_lock(&lock);
        locked_sum ^= h;
        pthread_mutex_unlock(&lock);
        chunks_done[id]++;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    nitems = bench_arg(argc, argv, 1, 8000000);
    nchunks = (nitems + CHUNK - 1) / CHUNK;
    chunk_result = calloc((size_t)nchunks, sizeof *chunk_result);
    if (!chunk_result)
        return 1;
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i)) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (long c = 0; c < nchunks; c++)
        h = bench_mix(h, chunk_result[c]);
    printf("items=%ld chunks=%ld done=%ld hash=%016llx atomic=%016llx "
           "locked=%016llx\n", nitems, nchunks,
           chunks_done[0] + chunks_done[1], (unsigned long long)h,
           (unsigned long long)atomic_sum, (unsigned long long)locked_sum);
    free(chunk_result);
    return 0;
}
