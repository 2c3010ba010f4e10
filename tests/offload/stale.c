/*
 * Offload test: a stale offload object.
 *
 * Built twice: STALE_VERSION=1 and 2 differ in the body of transform().
 * The suite builds the object for version 1 and runs version 2 with it:
 * the runtime must warn (a line mentioning offload on stderr) and run
 * version 2 emulated, printing version 2's results.  Version 2 with its
 * own object runs offloaded.
 */
//! offloaded: transform accumulate
//! called: transform accumulate
//! not-offloaded: main:asm
#include <stdio.h>
#include "offload-test.h"

#ifndef STALE_VERSION
#define STALE_VERSION 1
#endif

OFFLOAD_FN long transform(long x)
{
#if STALE_VERSION == 1
    return x * 3 + 1;
#else
    return x * 5 - 2;
#endif
}

OFFLOAD_FN long accumulate(const long *v, int n)
{
    long s = 0;
    for (int i = 0; i < n; i++)
        s += transform(v[i]) * (i + 1);
    return s;
}

int main(void)
{
    long v[100];

    GUEST_ONLY();
    for (int i = 0; i < 100; i++)
        v[i] = i * 7 - 300;
    printf("version %d\n", STALE_VERSION);
    printf("transform(10) = %ld\n", transform(10));
    printf("accumulate = %ld\n", accumulate(v, 100));
    printf("stale: done\n");
    return 0;
}
