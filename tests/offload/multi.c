/*
 * Offload test: a program of two source files (multi.c, multi_part.c).
 *
 * Offloaded code in one file calls offloaded code in the other, and
 * both files have a static function called helper() with different
 * bodies: each caller must get its own.
 */
//! offloaded: combine part_value part_combine helper
//! called: combine part_value
//! not-offloaded: main:asm
#include <stdio.h>
#include "offload-test.h"

long part_value(long x);
long part_combine(long x);

static OFFLOAD_FN long helper(long x)
{
    return x * 10 + 1;
}

OFFLOAD_FN long combine(long x)
{
    return helper(x) + part_combine(x);
}

int main(void)
{
    GUEST_ONLY();
    printf("combine: %ld %ld\n", combine(3), combine(-8));
    printf("part_value: %ld\n", part_value(7));
    printf("multi: done\n");
    return 0;
}
