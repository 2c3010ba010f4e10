/*
 * Offload test: unusable offload files.
 *
 * Run with -offload naming a nonexistent path, a file that is not ELF,
 * an unrelated host shared object, the guest program itself and a
 * truncated offload object: each time a warning mentioning offload on
 * stderr, then the same output and the same exit status (3) as without
 * -offload.  With its own object it runs offloaded.
 */
//! offloaded: triangle
//! called: triangle
//! not-offloaded: main:asm
//! status: 3
#include <stdio.h>
#include "offload-test.h"

OFFLOAD_FN long triangle(long n)
{
    long s = 0;
    for (long i = 1; i <= n; i++)
        s += i;
    return s;
}

int main(void)
{
    GUEST_ONLY();
    for (int i = 0; i < 5; i++)
        printf("triangle(%d) = %ld\n", i * 1000, triangle(i * 1000));
    printf("badfile: done\n");
    return 3;
}
