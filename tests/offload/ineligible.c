/*
 * Offload test: the eligibility report.
 *
 * One function per reason qemu-offload-cc must refuse, each called so that
 * the program's output still checks that it runs right (emulated), plus a
 * plain function that must be offloaded.  A local whose address goes to
 * an emulated function that makes a system call on it is either refused
 * (address escape) or honoured: only the output is checked for it.
 */
//! offloaded: plain_ok
//! called: plain_ok
//! not-offloaded: uses_variadic:variadic uses_va_list:va_list uses_asm:asm uses_setjmp:setjmp uses_tls:tls uses_long_double:long-double takes_union:union takes_bitfield:bitfield alloc_in_loop:cost main:asm
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "offload-test.h"

OFFLOAD_FN long plain_ok(long a, long b)
{
    return a * b - (a ^ b);
}

OFFLOAD_FN long uses_variadic(int n, ...)
{
    va_list ap;
    long s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

OFFLOAD_FN int uses_va_list(char *buf, size_t n, const char *fmt, va_list ap)
{
    return vsnprintf(buf, n, fmt, ap);
}

static int format(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = uses_va_list(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

OFFLOAD_FN long uses_asm(long x)
{
    __asm__ volatile("" : "+r"(x));
    return x + 1;
}

static jmp_buf jb;

OFFLOAD_FN int uses_setjmp(volatile int v)
{
    if (setjmp(jb))
        return -v;
    if (v > 0)
        longjmp(jb, 1);
    return v;
}

static __thread int tls_counter;

OFFLOAD_FN int uses_tls(int by)
{
    tls_counter += by;
    return tls_counter;
}

OFFLOAD_FN long double uses_long_double(long double a, long double b)
{
    return a / b;
}

union u {
    int64_t i;
    double d;
};

OFFLOAD_FN int64_t takes_union(union u x)
{
    return x.i ^ 0x5555;
}

struct bf {
    unsigned a : 3, b : 7, c : 22;
};

OFFLOAD_FN unsigned takes_bitfield(struct bf s)
{
    return s.a * 1000000 + s.b * 1000 + s.c;
}

long guest_read_into(long *p);

/*
 * Not a correctness rule but the cost model: allocator calls in a loop
 * would each be a call back into the guest, dearer than emulating.
 */
OFFLOAD_FN long alloc_in_loop(int n)
{
    long s = 0;

    for (int i = 0; i < n; i++) {
        long *p = malloc(sizeof(*p) * (i + 1));

        p[i] = i;
        s += p[i];
        free(p);
    }
    return s;
}

/* &local escapes to guest code that passes it to read(2). */
OFFLOAD_FN long escapes(int fd)
{
    long local = -1;
    guest_read_into(&local);
    (void)fd;
    return local;
}

long guest_read_into(long *p)
{
    int fds[2];
    long v = 0x1122334455667788;

    GUEST_ONLY();
    if (pipe(fds))
        return -1;
    write(fds[1], &v, sizeof(v));
    long r = read(fds[0], p, sizeof(*p));
    close(fds[0]);
    close(fds[1]);
    return r;
}

int main(void)
{
    char buf[64];

    GUEST_ONLY();
    printf("plain_ok: %ld\n", plain_ok(123456, -789));
    printf("variadic: %ld\n", uses_variadic(4, 1, 2, 3, 4));
    format(buf, sizeof(buf), "%d-%s-%.2f", 42, "x", 2.5);
    printf("va_list: %s\n", buf);
    printf("asm: %ld\n", uses_asm(41));
    printf("setjmp: %d %d\n", uses_setjmp(5), uses_setjmp(-5));
    uses_tls(3);
    printf("tls: %d\n", uses_tls(4));
    long double q = uses_long_double(1.0L, 3.0L);
    unsigned char qb[sizeof(q)];
    memcpy(qb, &q, sizeof(q));
    printf("long double: %.30Lf size %zu byte0 %02x\n", q, sizeof(q), qb[0]);
    printf("union: %lld\n", (long long)takes_union((union u){ .i = 0x123456789 }));
    printf("bitfield: %u\n", takes_bitfield((struct bf){ 5, 99, 123456 }));
    printf("cost model: %ld\n", alloc_in_loop(100));
    printf("escape: %lx\n", (unsigned long)escapes(0));
    printf("ineligible: done\n");
    return 0;
}
