/*
 * Offload test: offloaded code calling back into emulated guest code.
 *
 * An offloaded function sorts with qsort() and searches with bsearch(),
 * both given a guest comparator that cannot be offloaded (inline asm);
 * it calls guest callbacks that take more arguments than registers,
 * return small and large structs and doubles, and a variadic guest
 * function (not offloadable either).
 */
//! offloaded: sort_records find_record apply_many apply_struct apply_double call_variadic
//! called: sort_records find_record apply_many apply_struct apply_double call_variadic
//! not-offloaded: main:asm cmp_records:asm many_cb:asm pair_cb:asm big_cb:asm dbl_cb:asm vsum:variadic
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "offload-test.h"

struct rec { int key; int tag; };
struct pair { int32_t a; int64_t b; };
struct big { int64_t v[5]; };

static long compares;

static int cmp_records(const void *a, const void *b)
{
    GUEST_ONLY();
    const struct rec *x = a, *y = b;
    compares++;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->tag > y->tag) - (x->tag < y->tag);
}

OFFLOAD_FN void sort_records(struct rec *r, size_t n)
{
    qsort(r, n, sizeof(*r), cmp_records);
}

OFFLOAD_FN int find_record(const struct rec *r, size_t n, int key, int tag)
{
    struct rec k = { key, tag };
    const struct rec *p = bsearch(&k, r, n, sizeof(*r), cmp_records);
    return p ? (int)(p - r) : -1;
}

static long many_cb(long a, long b, long c, long d, long e, long f, long g,
                    long h, long i, long j, double x, double y)
{
    GUEST_ONLY();
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 +
           j * 10 + (long)(x * 100) + (long)(y * 1000);
}

OFFLOAD_FN long apply_many(long (*fn)(long, long, long, long, long, long, long,
                                      long, long, long, double, double), long k)
{
    long s = 0;
    for (long i = 0; i < 5; i++)
        s += fn(i, k, -i, k * i, 5, 6, 7, 8, 9 + i, 10 * k, i * 0.5, k * 0.25);
    return s;
}

static struct pair pair_cb(struct pair p)
{
    GUEST_ONLY();
    return (struct pair){ p.a * 3, p.b - p.a };
}

static struct big big_cb(struct big b, int k)
{
    GUEST_ONLY();
    for (int i = 0; i < 5; i++)
        b.v[i] = b.v[i] * k + i;
    return b;
}

OFFLOAD_FN int64_t apply_struct(struct pair (*pf)(struct pair),
                                struct big (*bf)(struct big, int), int n)
{
    struct pair p = { 1, 1000 };
    struct big b = { { 1, 2, 3, 4, 5 } };
    for (int i = 0; i < n; i++) {
        p = pf(p);
        b = bf(b, i + 2);
    }
    return p.a + p.b + b.v[0] + b.v[1] - b.v[2] + b.v[3] - b.v[4];
}

static double dbl_cb(double x, float y, int i)
{
    GUEST_ONLY();
    return x * y + i;
}

OFFLOAD_FN double apply_double(double (*fn)(double, float, int), int n)
{
    double s = 0.125;
    for (int i = 0; i < n; i++)
        s = fn(s, 0.5f + i, i);
    return s;
}

static long vsum(int n, ...)
{
    va_list ap;
    long s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s += va_arg(ap, long) * (i + 1);
    va_end(ap);
    return s;
}

OFFLOAD_FN long call_variadic(long k)
{
    return vsum(3, k, k + 1, k + 2) + vsum(10, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L,
                                           9L, k);
}

int main(void)
{
    static struct rec r[300];

    GUEST_ONLY();
    for (int i = 0; i < 300; i++) {
        r[i].key = (i * 7919) % 101;
        r[i].tag = i;
    }
    sort_records(r, 300);
    uint64_t h = MIX_INIT;
    int sorted = 1;
    for (int i = 0; i < 300; i++) {
        MIX(h, r[i].key);
        MIX(h, r[i].tag);
        if (i && cmp_records(&r[i - 1], &r[i]) > 0)
            sorted = 0;
    }
    printf("sorted=%d hash=%016llx comparator called=%d\n", sorted,
           (unsigned long long)h, compares > 300);
    printf("find: %d %d %d\n", find_record(r, 300, 50, r[150].tag),
           find_record(r, 300, r[0].key, r[0].tag), find_record(r, 300, 500, 0));
    printf("apply_many: %ld\n", apply_many(many_cb, 3));
    printf("apply_struct: %lld\n", (long long)apply_struct(pair_cb, big_cb, 6));
    printf("apply_double: %a\n", apply_double(dbl_cb, 7));
    printf("call_variadic: %ld\n", call_variadic(1000));
    printf("callbacks: done\n");
    return 0;
}
