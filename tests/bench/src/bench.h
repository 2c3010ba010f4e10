/*
 * Shared helpers for the qemu-hybrid benchmark programs.
 *
 * Every program takes an optional size argument (argv[1]) so the harness
 * can run a large input for timing and a small one for `make check`.
 * Output must be bit-identical between the x86-64 (native) and aarch64
 * (guest) builds: print integers, or doubles through bench_print_double(),
 * never NaNs, long double or anything depending on char signedness.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[i] as a positive integer, or def when absent. */
static inline long bench_arg(int argc, char **argv, int i, long def)
{
    if (argc > i) {
        char *end;
        long v = strtol(argv[i], &end, 0);
        if (*end || v <= 0) {
            fprintf(stderr, "bad size argument '%s'\n", argv[i]);
            exit(2);
        }
        return v;
    }
    return def;
}

/* splitmix64: a small deterministic generator, same on every host. */
typedef struct { uint64_t s; } bench_rng;

static inline uint64_t bench_next(bench_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* uniform double in [0, 1) from the top 53 bits */
static inline double bench_unit(bench_rng *r)
{
    return (double)(bench_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* 64-bit FNV-1a style mixing of a value into a running checksum */
static inline uint64_t bench_mix(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ULL;
    }
    return h;
}

static inline uint64_t bench_double_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* A double printed both readably and exactly (its bit pattern). */
static inline void bench_print_double(const char *name, double d)
{
    if (d != d) {
        printf("%s = nan\n", name);      /* NaN sign/payload differ by host */
        return;
    }
    printf("%s = %.12e (0x%016llx)\n", name, d,
           (unsigned long long)bench_double_bits(d));
}

#endif
