/*
 * The optimizer thread starts only once a hot loop has run past the
 * warm-up (llvm-backend/optimizer.c), that is while the guest runs: it
 * may have lowered RLIMIT_NPROC by then.  Creating the thread then fails,
 * and the run must go on in TCG with the same output (it used to end the
 * process).  The suite runs this as an unprivileged user too (root
 * ignores RLIMIT_NPROC); as anyone else it is a plain hot loop.
 */
#include "hyb.h"
#include <sys/resource.h>

static uint64_t __attribute__((noinline)) mix(uint64_t n)
{
    uint64_t h = 1;

    for (uint64_t i = 0; i < n; i++) {
        h = h * 6364136223846793005ull + i;
        h ^= h >> 29;
    }
    return h;
}

/*
 * The loop must outlast -hybrid-warmup 300 (ms of CPU, check.sh): 10^9
 * rounds take 1.4 s under -hybrid off on this project's VM, where 2 * 10^8
 * took 0.28 s, so the tier never started and the test could not hold.
 */
int main(void)
{
    struct rlimit one = { 1, 1 };

    /* Fails with EPERM when the limit is already lower: fine. */
    setrlimit(RLIMIT_NPROC, &one);
    printf("nproc: mix %016" PRIx64 "\n", mix(1000000000));
    return finish("nproc");
}
