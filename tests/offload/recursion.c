/*
 * Offload test: recursion across the boundary.
 *
 * Offloaded f calls emulated g, which calls f again, 400 levels deep;
 * mutual recursion whose every level crosses; an offloaded function that
 * recurses natively and calls guest code at the leaves.
 */
//! offloaded: f_down even_native tree_sum
//! called: f_down even_native tree_sum
//! not-offloaded: main:asm g_down:asm odd_guest:asm leaf:asm
#include <stdio.h>
#include "offload-test.h"

long g_down(long n, long acc);

OFFLOAD_FN long f_down(long n, long acc)
{
    if (n <= 0)
        return acc;
    return g_down(n - 1, acc * 3 + n) + 1;
}

long g_down(long n, long acc)
{
    GUEST_ONLY();
    if (n <= 0)
        return acc;
    return f_down(n - 1, (acc ^ n) % 1000003) + 2;
}

int odd_guest(unsigned n);

OFFLOAD_FN int even_native(unsigned n)
{
    return n == 0 ? 1 : odd_guest(n - 1);
}

int odd_guest(unsigned n)
{
    GUEST_ONLY();
    return n == 0 ? 0 : even_native(n - 1);
}

static long leaves;

long leaf(int depth, long v)
{
    GUEST_ONLY();
    leaves++;
    return v * 2 + depth;
}

OFFLOAD_FN long tree_sum(int depth, long v)
{
    if (depth == 0)
        return leaf(depth, v);
    return tree_sum(depth - 1, v * 2) - tree_sum(depth - 1, v * 2 + 1) + depth;
}

int main(void)
{
    GUEST_ONLY();
    printf("f_down(400): %ld\n", f_down(400, 1));
    printf("g_down(401): %ld\n", g_down(401, 1));
    printf("even: %d %d %d\n", even_native(300), even_native(301), odd_guest(77));
    long t = tree_sum(10, 1);
    printf("tree_sum: %ld leaves=%ld\n", t, leaves);
    printf("recursion: done\n");
    return 0;
}
