/* The second source file of multi.c (see there). */
#include "offload-test.h"

static OFFLOAD_FN long helper(long x)
{
    return x * 100 + 2;
}

OFFLOAD_FN long part_combine(long x)
{
    return helper(x) * 2;
}

OFFLOAD_FN long part_value(long x)
{
    return helper(x) - x;
}
