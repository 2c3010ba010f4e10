/*
 * Offload test: pointers and arrays passed between guest and native code.
 *
 * Arrays of every integer width filled and summed by offloaded code, a 2-D
 * array, pointer arithmetic and a returned interior pointer, pointer to
 * pointer, an array of pointers, strings reversed in place, char
 * signedness (plain char is unsigned on aarch64) and narrow arguments.
 */
//! offloaded: fill_u8 fill_i16 sum_u8 sum_i16 sum_i32 sum_i64 matrix_trace find_max swap_ptrs sum_indirect reverse_str count_high_chars narrow_mix
//! called: fill_u8 fill_i16 sum_u8 sum_i16 sum_i32 sum_i64 matrix_trace find_max swap_ptrs sum_indirect reverse_str count_high_chars narrow_mix
//! not-offloaded: main:asm
#include <stdio.h>
#include <string.h>
#include "offload-test.h"

OFFLOAD_FN void fill_u8(uint8_t *p, int n, uint8_t seed)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 37);
}

OFFLOAD_FN void fill_i16(int16_t *p, int n, int16_t seed)
{
    for (int i = 0; i < n; i++)
        p[i] = (int16_t)(seed - i * 1234);
}

OFFLOAD_FN unsigned sum_u8(const uint8_t *p, int n)
{
    unsigned s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

OFFLOAD_FN int sum_i16(const int16_t *p, int n)
{
    int s = 0;
    for (int i = n - 1; i >= 0; i--)    /* negative stride */
        s += p[i];
    return s;
}

OFFLOAD_FN int32_t sum_i32(const int32_t *p, const int32_t *end)
{
    int32_t s = 0;
    while (p < end)
        s += *p++;
    return s;
}

OFFLOAD_FN int64_t sum_i64(const int64_t *p, long n, long stride)
{
    int64_t s = 0;
    for (long i = 0; i < n; i += stride)
        s += p[i] * (i + 1);
    return s;
}

OFFLOAD_FN double matrix_trace(int n, double m[n][n])
{
    double t = 0;
    for (int i = 0; i < n; i++)
        t += m[i][i] - m[i][n - 1 - i];
    return t;
}

/* Returns a pointer into the caller's array. */
OFFLOAD_FN const int32_t *find_max(const int32_t *p, int n)
{
    const int32_t *best = p;
    for (int i = 1; i < n; i++)
        if (p[i] > *best)
            best = &p[i];
    return best;
}

OFFLOAD_FN void swap_ptrs(int32_t **a, int32_t **b)
{
    int32_t *t = *a;
    *a = *b;
    *b = t;
}

OFFLOAD_FN long sum_indirect(int32_t *const *ptrs, int n)
{
    long s = 0;
    for (int i = 0; i < n; i++)
        s += *ptrs[i] * (long)(i + 1);
    return s;
}

OFFLOAD_FN size_t reverse_str(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return n;
}

/* Plain char is unsigned on aarch64: bytes >= 0x80 are not negative. */
#pragma GCC diagnostic ignored "-Wtype-limits"
OFFLOAD_FN int count_high_chars(const char *s)
{
    int n = 0;
    for (; *s; s++) {
        char c = *s;
        if (c > 100)
            n++;
        if (c < 0)
            n += 1000;
    }
    return n;
}

OFFLOAD_FN long narrow_mix(int8_t a, uint8_t b, int16_t c, uint16_t d, _Bool e, char f)
{
    return a * 1000000L + b * 10000L + c * 10L + d + (e ? 7 : 3) + f;
}

int main(void)
{
    static uint8_t u8[1000];
    static int16_t i16[777];
    static int32_t i32[500];
    static int64_t i64[300];
    static double m[9][9];

    GUEST_ONLY();
    fill_u8(u8, 1000, 11);
    fill_i16(i16, 777, 500);
    for (int i = 0; i < 500; i++)
        i32[i] = (i * 7919) % 1013 - 500;
    for (int i = 0; i < 300; i++)
        i64[i] = (int64_t)i * 0x123456789LL - 77;
    for (int i = 0; i < 9; i++)
        for (int j = 0; j < 9; j++)
            m[i][j] = i * 1.5 - j * j * 0.25;
    printf("u8: %u first=%u last=%u\n", sum_u8(u8, 1000), u8[0], u8[999]);
    printf("i16: %d first=%d last=%d\n", sum_i16(i16, 777), i16[0], i16[776]);
    printf("i32: %d\n", sum_i32(i32, i32 + 500));
    printf("i32 middle: %d\n", sum_i32(i32 + 100, i32 + 150));
    printf("i64: %lld stride 3: %lld\n", (long long)sum_i64(i64, 300, 1),
           (long long)sum_i64(i64, 300, 3));
    printf("trace: %.6f\n", matrix_trace(9, m));
    const int32_t *mx = find_max(i32, 500);
    printf("max: %d at index %ld\n", *mx, (long)(mx - i32));

    int32_t x = 5, y = 9;
    int32_t *px = &x, *py = &y;
    swap_ptrs(&px, &py);
    printf("swap: *px=%d *py=%d px==&y %d\n", *px, *py, px == &y);

    int32_t *ptrs[40];
    for (int i = 0; i < 40; i++)
        ptrs[i] = &i32[(i * 13) % 500];
    printf("indirect: %ld\n", sum_indirect(ptrs, 40));

    char s[] = "offloaded functions run natively";
    size_t n = reverse_str(s);
    printf("reverse: %zu '%s'\n", n, s);
    char hi[] = { 'a', (char)0x80, (char)0xff, 'z', (char)0xe9, 0 };
    printf("high chars: %d\n", count_high_chars(hi));
    printf("narrow: %ld %ld\n", narrow_mix(-5, 250, -3000, 65000, 1, (char)200),
           narrow_mix(127, 0, 32767, 1, 0, 'A'));
    printf("pointers: done\n");
    return 0;
}
