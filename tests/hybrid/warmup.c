/*
 * The warm-up (-hybrid-warmup): LLVM traces are for programs that run.
 *
 * Run without arguments, a loop runs for most of a second of CPU time
 * under TCG, well past the default warm-up and the rent of the first
 * compile, which also loads LLVM (hybrid-queue.h; with a third of the
 * iterations a loaded machine sometimes ended first): the suite checks
 * that its run with the defaults compiled and entered a trace (the
 * optimizer threads start only after the warm-up,
 * llvm-backend/optimizer.c).  Run with
 * "short", the program only prints a line: the suite checks that nothing
 * was recorded (heads that get hot during the warm-up are not,
 * accel/tcg/hybrid-hot.c).  The output is the same under every mode.
 */
#include "hyb.h"

static uint64_t mix(uint64_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull, x = 1;

    for (uint64_t i = 0; i < n; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        h ^= x >> 29;
        h = (h << 7 | h >> 57) + i;
    }
    return h;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "short") == 0) {
        printf("warmup: short\n");
        return 0;
    }
    printf("warmup: mix %016" PRIx64 "\n", mix(300000000));
    printf("warmup: ok (%d failures)\n", failures);
    return failures != 0;
}
