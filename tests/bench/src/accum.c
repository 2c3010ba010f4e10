/*
 * accum: the accumulation loop (a += i over N iterations).
 *
 * N comes from the command line, and the empty asm statement makes the
 * accumulator opaque to the compiler on every iteration, so neither gcc
 * folds the loop into n*(n-1)/2 nor vectorises it: both builds execute a
 * real add/increment/compare/branch loop.
 */
#include "bench.h"

static uint64_t __attribute__((noinline)) accumulate(uint64_t n)
{
    uint64_t a = 0;
    for (uint64_t i = 0; i < n; i++) {
        a += i;
        __asm__ volatile("" : "+r"(a));
    }
    return a;
}

int main(int argc, char **argv)
{
    uint64_t n = (uint64_t)bench_arg(argc, argv, 1, 1000000000L);
    uint64_t a = accumulate(n);
    /* the closed form, computed separately, as a self-check */
    unsigned __int128 want = (unsigned __int128)n * (n - 1) / 2;
    printf("accum n=%llu a=%llu %s\n", (unsigned long long)n,
           (unsigned long long)a, a == (uint64_t)want ? "ok" : "MISMATCH");
    return 0;
}
