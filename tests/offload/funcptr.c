/*
 * Offload test: function pointers across the boundary.
 *
 * Offloaded code calls through pointers to offloaded functions and to
 * emulated ones (from a table in initialised data and from arguments);
 * guest code calls offloaded functions through pointers (taken in guest
 * code, and returned by offloaded code); pointers compare equal on both
 * sides.
 */
//! offloaded: op_add op_mul run_ops pick_op same_fn apply_twice
//! called: op_add op_mul run_ops pick_op same_fn apply_twice
//! not-offloaded: main:asm op_guest:asm
#include <stdio.h>
#include "offload-test.h"

typedef long (*op_fn)(long, long);

OFFLOAD_FN long op_add(long a, long b) { return a + b; }
OFFLOAD_FN long op_mul(long a, long b) { return a * b; }

static long op_guest(long a, long b)
{
    GUEST_ONLY();
    return a - 2 * b;
}

/* Initialised data holding addresses of offloaded and emulated functions. */
op_fn op_table[4] = { op_add, op_mul, op_guest, op_add };

OFFLOAD_FN long run_ops(long x, int rounds)
{
    for (int i = 0; i < rounds; i++)
        x = op_table[i % 4](x, i + 1) % 1000003;
    return x;
}

OFFLOAD_FN op_fn pick_op(int i)
{
    return op_table[i & 3];
}

OFFLOAD_FN int same_fn(op_fn f)
{
    return (f == op_add) * 1 + (f == op_mul) * 2 + (f == op_guest) * 4;
}

OFFLOAD_FN long apply_twice(op_fn f, long a, long b)
{
    return f(f(a, b), b);
}

int main(void)
{
    GUEST_ONLY();
    op_fn volatile vf;
    printf("run_ops: %ld\n", run_ops(7, 50));
    long s = 0;
    for (int i = 0; i < 8; i++) {
        op_fn f = pick_op(i);           /* pointer returned by native code */
        s = s * 3 + f(i + 10, 3);       /* guest calls through it */
    }
    printf("picked: %ld\n", s);
    vf = op_mul;                        /* guest takes the address */
    long r1 = vf(6, 7);
    vf = op_add;
    printf("via pointer: %ld %ld\n", r1, vf(6, 7));
    printf("same_fn: %d %d %d %d\n", same_fn(op_add), same_fn(op_mul),
           same_fn(op_guest), same_fn(pick_op(1)));
    printf("equal on the guest side: %d %d\n", pick_op(0) == op_add,
           pick_op(2) == op_guest);
    printf("apply_twice: %ld %ld %ld\n", apply_twice(op_add, 5, 6),
           apply_twice(op_mul, 5, 6), apply_twice(op_guest, 5, 6));
    printf("funcptr: done\n");
    return 0;
}
