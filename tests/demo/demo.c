/*
 * The bundled aarch64 program that 'make demo' runs: a little of
 * everything a real program does (integer work, floating point, memory,
 * calls), with results that are easy to check by eye.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

/* Count primes below n with a sieve of Eratosthenes. */
static unsigned count_primes(unsigned n)
{
    unsigned char *composite = calloc(n, 1);
    unsigned count = 0;

    for (unsigned i = 2; i < n; i++) {
        if (composite[i]) {
            continue;
        }
        count++;
        for (uint64_t j = (uint64_t)i * i; j < n; j += i) {
            composite[j] = 1;
        }
    }
    free(composite);
    return count;
}

/* 64-bit FNV-1a over a buffer. */
static uint64_t fnv1a(const unsigned char *p, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;

    while (len--) {
        h = (h ^ *p++) * 0x100000001b3ull;
    }
    return h;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* Leibniz series for pi, summed in a fixed order. */
static double leibniz_pi(long terms)
{
    double sum = 0.0;

    for (long k = 0; k < terms; k++) {
        sum += (k & 1 ? -4.0 : 4.0) / (2.0 * k + 1.0);
    }
    return sum;
}

int main(void)
{
    enum { N = 1 << 20 };
    uint32_t *v = malloc(N * sizeof(*v));
    uint32_t x = 2463534242u;
    struct utsname u;

    uname(&u);
    printf("running as %s\n", u.machine);
    printf("primes below 5000000: %u\n", count_primes(5000000));

    for (int i = 0; i < N; i++) {      /* xorshift32 */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v[i] = x;
    }
    qsort(v, N, sizeof(*v), cmp_u32);
    printf("sorted %d numbers: min %u, median %u, max %u\n",
           N, v[0], v[N / 2], v[N - 1]);
    printf("fnv1a of the sorted array: %016llx\n",
           (unsigned long long)fnv1a((const unsigned char *)v, N * sizeof(*v)));
    printf("pi from 20000000 Leibniz terms: %.12f\n", leibniz_pi(20000000));
    free(v);
    return 0;
}
