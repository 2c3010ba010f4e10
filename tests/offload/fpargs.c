/*
 * Offload test: float, double and HFA arguments and results.
 *
 * Rounding must be bit-identical (results printed with %a), including
 * subnormals, signed zeros, infinities and float/double conversions in
 * both directions, and float arguments mixed with integer ones.
 */
//! offloaded: fadd3 dpoly mixf conv_chain hfa_sum dot4 fsel signed_zero
//! called: fadd3 dpoly mixf conv_chain hfa_sum dot4 fsel signed_zero
//! not-offloaded: main:asm
#include <stdio.h>
#include "offload-test.h"

struct d4 { double a, b, c, d; };     /* HFA of 4: v0-v3 */
struct f2 { float x, y; };

OFFLOAD_FN float fadd3(float a, float b, float c)
{
    return a + b * c;
}

OFFLOAD_FN double dpoly(double x, int n)
{
    double r = 0;
    for (int i = n; i >= 0; i--)
        r = r * x + 1.0 / (i + 1);
    return r;
}

OFFLOAD_FN double mixf(int a, float b, long c, double d, unsigned e, float f)
{
    return a * (double)b + c / d - e * f;
}

OFFLOAD_FN float conv_chain(double d, float f, int i)
{
    float x = (float)d;
    double y = x * (double)f;
    return (float)(y + i) - (float)(long)(y * 0.5);
}

OFFLOAD_FN double hfa_sum(struct d4 v, struct f2 w)
{
    return v.a - v.b * v.c / v.d + w.x * w.y;
}

OFFLOAD_FN double dot4(const double *a, const float *b)
{
    double s = 0;
    for (int i = 0; i < 4; i++)
        s += a[i] * b[i];
    return s;
}

OFFLOAD_FN float fsel(float a, float b)
{
    return a < b ? b - a : a * 0.5f;
}

OFFLOAD_FN double signed_zero(double a, double b)
{
    return a * b;
}

int main(void)
{
    GUEST_ONLY();
    printf("fadd3: %a %a\n", fadd3(1.0f, 3.0f, 1.0f / 3), fadd3(1e-38f, 1e-3f, 1e-3f));
    printf("dpoly: %a %a\n", dpoly(0.3, 12), dpoly(-1.7, 25));
    printf("mixf: %a\n", mixf(-7, 0.1f, 1L << 40, 3.3, 4000000000u, 1e-3f));
    printf("conv: %a %a\n", conv_chain(1.0 / 3, 7.5f, -9), conv_chain(12345.678, 1e-3f, 0));
    printf("hfa: %a\n", hfa_sum((struct d4){ 1.5, 2.25, -3.0, 7.0 }, (struct f2){ 0.1f, 0.2f }));
    double a[4] = { 1e-310, 2.5, -1e308, 1e300 };
    float b[4] = { 1e30f, 0.1f, 1.5f, 1.5f };
    printf("dot4: %a\n", dot4(a, b));
    printf("fsel: %a %a\n", fsel(1, 2.5f), fsel(3, -1));
    printf("signed zero: %a %a\n", signed_zero(-0.0, 5), signed_zero(1e-200, -1e-200));
    printf("fpargs: done\n");
    return 0;
}
