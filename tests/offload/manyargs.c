/*
 * Offload test: more arguments than argument registers.
 *
 * More than 8 integer arguments (of mixed widths and pointers), more than
 * 8 floating-point arguments (doubles, floats, both), and mixes where
 * integer and floating-point arguments overflow to the stack in
 * different orders, plus a 16-byte struct that no longer fits in
 * registers.
 */
//! offloaded: ints12 doubles11 floats13 mixed20 narrow_stack struct_stack
//! called: ints12 doubles11 floats13 mixed20 narrow_stack struct_stack
//! not-offloaded: main:asm
#include <stdio.h>
#include "offload-test.h"

struct pair { int64_t a, b; };

OFFLOAD_FN int64_t ints12(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e,
                          int64_t f, int64_t g, int64_t h, int64_t i, int64_t j,
                          int64_t k, const int64_t *l)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h +
           9 * i + 10 * j + 11 * k + 12 * l[0] + 13 * l[1];
}

OFFLOAD_FN double doubles11(double a, double b, double c, double d, double e,
                            double f, double g, double h, double i, double j,
                            double k)
{
    return ((((a - b) * c + d) / e - f) * g + h - i) * j + k;
}

OFFLOAD_FN float floats13(float a, float b, float c, float d, float e, float f,
                          float g, float h, float i, float j, float k, float l,
                          float m)
{
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 +
           i * 9 + j * 10 + k * 11 + l * 12 + m * 13;
}

OFFLOAD_FN double mixed20(int a, double b, long c, float d, int e, double f,
                          long g, float h, int i, double j, long k, float l,
                          int m, double n, long o, float p, int q, double r,
                          long s, float t)
{
    return a * b + c * d + e * f + g * h + i * j + k * l + m * n + o * p +
           q * r + s * t;
}

/* Narrow integers and a float in stack slots. */
OFFLOAD_FN long narrow_stack(long r0, long r1, long r2, long r3, long r4,
                             long r5, long r6, long r7, int8_t s0, uint16_t s1,
                             int32_t s2, _Bool s3, uint8_t s4, int16_t s5)
{
    return r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 +
           s0 * 3 + s1 * 5 + s2 * 7 + s3 * 11 + s4 * 13 + s5 * 17;
}

/* Registers x0-x6 taken: the 16-byte struct cannot be split, goes on the stack. */
OFFLOAD_FN int64_t struct_stack(long r0, long r1, long r2, long r3, long r4,
                                long r5, long r6, struct pair p, long after)
{
    return r0 - r1 + r2 - r3 + r4 - r5 + r6 + p.a * 100 - p.b + after * 7;
}

int main(void)
{
    GUEST_ONLY();
    int64_t l[2] = { -1000, 1LL << 50 };
    printf("ints12: %lld\n", (long long)ints12(1, -2, 3, -4, 5, -6, 7, -8,
                                               1LL << 40, -(1LL << 41), 99, l));
    printf("doubles11: %a\n", doubles11(1.5, 0.25, 3, -4, 7, 0.1, 1.0 / 3, 1e10,
                                         -2.5, 1e-5, 42));
    printf("floats13: %a\n", floats13(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f,
                                       0.8f, 0.9f, 1.0f, 1.1f, 1.2f, -1.3e7f));
    printf("mixed20: %a\n", mixed20(1, 0.5, 2, 0.25f, 3, 0.125, 4, 1.5f, 5,
                                     -0.75, 6, 2.5f, 7, 1e-3, 8, 3.5f, 9, -1e3,
                                     10, 4.25f));
    printf("narrow_stack: %ld\n", narrow_stack(1, 2, 3, 4, 5, 6, 7, 8, -100,
                                               60000, -2000000000, 1, 255, -32768));
    printf("struct_stack: %lld\n", (long long)struct_stack(
        1, 2, 3, 4, 5, 6, 7, (struct pair){ 123456789, -987654321 }, -3));
    printf("manyargs: done\n");
    return 0;
}
