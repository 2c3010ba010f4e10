/*
 * Offload test: floating-point results that depend on the architecture.
 *
 * aarch64 and x86-64 differ where C leaves freedom to the hardware or the
 * library: the sign of a NaN made by an invalid operation (aarch64's
 * default NaN is positive, x86's negative), NaN propagation, and libm
 * (glibc picks FMA variants on x86 hosts).  Offloaded code must still
 * print what the emulated guest prints.
 */
//! offloaded: invalid_ops nan_bits libm_sum fminmax acc_loop scale2 neg_invalid
//! called: invalid_ops nan_bits libm_sum fminmax acc_loop scale2 neg_invalid
//! not-offloaded: main:asm
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "offload-test.h"

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

OFFLOAD_FN double invalid_ops(double zero, double inf, int which)
{
    switch (which) {
    case 0: return zero / zero;
    case 1: return inf - inf;
    case 2: return inf * zero;
    default: return sqrt(zero - 1);
    }
}

/* Which NaN an operation with two NaN operands returns. */
OFFLOAD_FN double nan_bits(double a, double b)
{
    return a + b;
}

OFFLOAD_FN double libm_sum(int n)
{
    double s = 0;
    for (int i = 1; i <= n; i++) {
        double x = i * 0.37;
        /* cos of another argument: sin(x) and cos(x) would become sincos() */
        s += sin(x) + cos(x * 0.5) * exp(-x / 50) + log(x) + pow(x, 0.3) + atan2(x, 3) + tanh(x / 100);
    }
    return s;
}

OFFLOAD_FN double fminmax(double a, double b)
{
    return fmin(a, b) * 3 + fmax(a, b);
}

/* A NaN created inside a loop-carried sum (inf + -inf), then carried on. */
OFFLOAD_FN double acc_loop(const double *v, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s = s * 0.5 + v[i];
    return s;
}

/* An input NaN with the pattern of x86's default NaN must stay as it is. */
OFFLOAD_FN double scale2(double x)
{
    return x * 2.0 + 1.0;
}

/* A created NaN, negated: aarch64 gives the default NaN with the sign set. */
OFFLOAD_FN double neg_invalid(double z)
{
    return -(z / z);
}

int main(void)
{
    GUEST_ONLY();
    volatile double zero = 0, inf = INFINITY;
    for (int i = 0; i < 4; i++)
        printf("invalid op %d: %016llx\n", i, (unsigned long long)bits(invalid_ops(zero, inf, i)));
    double qa, qb;
    uint64_t ua = 0x7ff8000000000123ull, ub = 0xfff8000000000456ull;
    memcpy(&qa, &ua, 8);
    memcpy(&qb, &ub, 8);
    printf("nan + nan: %016llx %016llx\n", (unsigned long long)bits(nan_bits(qa, qb)),
           (unsigned long long)bits(nan_bits(qb, qa)));
    printf("nan + 1: %016llx\n", (unsigned long long)bits(nan_bits(qb, 1.0)));
    printf("libm: %016llx\n", (unsigned long long)bits(libm_sum(3000)));
    printf("fmin/fmax: %a %a\n", fminmax(1.5, -2.0), fminmax(qa, 4.0));
    double v[6] = { 1, INFINITY, 2, -INFINITY, 3, 4 };
    printf("acc_loop: %016llx %016llx\n", (unsigned long long)bits(acc_loop(v, 6)),
           (unsigned long long)bits(acc_loop(v, 2)));
    double negdn;
    uint64_t un = 0xfff8000000000000ull;
    memcpy(&negdn, &un, 8);
    printf("scale2(-dn): %016llx\n", (unsigned long long)bits(scale2(negdn)));
    printf("neg_invalid: %016llx\n", (unsigned long long)bits(neg_invalid(zero)));
    printf("fplib: done\n");
    return 0;
}
