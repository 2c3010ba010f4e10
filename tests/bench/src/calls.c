/*
 * calls: call-heavy code.  Naive recursive Fibonacci, the Takeuchi
 * function, and a recursion whose every call goes through a table of
 * function pointers (an indirect call and an indirect return per node).
 */
#include "bench.h"

static long __attribute__((noinline)) fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int __attribute__((noinline)) tak(int x, int y, int z)
{
    if (y >= x)
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

typedef uint64_t (*walker)(uint64_t, int);
static walker walkers[4];

/* each node mixes its value and calls two children picked by the value */
static uint64_t __attribute__((noinline)) walk_a(uint64_t v, int d)
{
    if (d == 0)
        return v;
    return walkers[v & 3](v * 3 + 1, d - 1) ^ walkers[(v >> 2) & 3](v + 7, d - 1);
}

static uint64_t __attribute__((noinline)) walk_b(uint64_t v, int d)
{
    if (d == 0)
        return v ^ 0x55;
    return walkers[(v >> 1) & 3](v ^ (v >> 3), d - 1) + walkers[v & 3](v + d, d - 1);
}

static uint64_t __attribute__((noinline)) walk_c(uint64_t v, int d)
{
    if (d == 0)
        return v * 5;
    return walkers[(v >> 3) & 3](v + 0x9e37, d - 1) - walk_a(v >> 1, d - 1);
}

static uint64_t __attribute__((noinline)) walk_d(uint64_t v, int d)
{
    if (d == 0)
        return v + 1;
    uint64_t l = walkers[(v ^ d) & 3](v << 1 | 1, d - 1);
    return l * 31 + walkers[(l >> 5) & 3](v - 1, d - 1);
}

int main(int argc, char **argv)
{
    int n = (int)bench_arg(argc, argv, 1, 32);
    walkers[0] = walk_a;
    walkers[1] = walk_b;
    walkers[2] = walk_c;
    walkers[3] = walk_d;
    printf("fib(%d)=%ld\n", n, fib(n));
    int tx = n / 2 + 2, ty = tx / 2, tz = tx / 4;
    printf("tak(%d,%d,%d)=%d\n", tx, ty, tz, tak(tx, ty, tz));
    int depth = n - 10;
    printf("walk(depth %d)=%016llx\n", depth,
           (unsigned long long)walkers[0](12345, depth));
    return 0;
}
