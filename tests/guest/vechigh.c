/*
 * Guest test: a scalar FP write zeroes the rest of its vector register,
 * in a hot loop entered with that rest not zero.
 *
 * The LLVM tier turns the zero stores of a trace's scalar FP writes into
 * an entry check (llvm-backend/translate.c, check_zero_spans()): a trace
 * whose every write of a register's high bytes stores zero runs only when
 * env holds zero there already, and leaves the stores out.  Each call
 * here loads v0 (or z0, with SVE) from a buffer with one byte set, at
 * every position above the scalar, then branches to a loop on FADD d0
 * (s0): the branch ends the block, so the loop's trace is entered with
 * the byte set, and must refuse; every byte above the scalar must read
 * zero after the loop.  A check that missed a byte would leave it set.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include "check.h"

#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif

#define SVE __attribute__((target("+sve"), noinline))
#define TURNS 16
#define REPS 12000

static uint8_t in[256], got[256];

/* NEON: q0 from in[], TURNS additions into d0 (s0), q0 to got[]. */
static __attribute__((noinline)) void neon_loop(double x, int single)
{
    long n = TURNS;

    if (single) {
        asm volatile("ldr q0, [%[in]]\n"
                     "fmov s1, %s[x]\n"
                     "b 1f\n"
                     "1: fadd s0, s1, s1\n"
                     "subs %[n], %[n], #1\n"
                     "b.ne 1b\n"
                     "str q0, [%[out]]\n"
                     : [n] "+r"(n)
                     : [in] "r"(in), [out] "r"(got), [x] "w"((float)x)
                     : "v0", "v1", "memory", "cc");
    } else {
        asm volatile("ldr q0, [%[in]]\n"
                     "fmov d1, %d[x]\n"
                     "b 1f\n"
                     "b 1f\n"
                 "1: fadd d0, d1, d1\n"
                     "subs %[n], %[n], #1\n"
                     "b.ne 1b\n"
                     "str q0, [%[out]]\n"
                     : [n] "+r"(n)
                     : [in] "r"(in), [out] "r"(got), [x] "w"(x)
                     : "v0", "v1", "memory", "cc");
    }
}

/* SVE: the whole of z0 from in[] and back to got[]. */
SVE static void sve_loop(double x)
{
    long n = TURNS;

    asm volatile("ldr z0, [%[in]]\n"
                 "fmov d1, %d[x]\n"
                 "b 1f\n"
                 "1: fadd d0, d1, d1\n"
                 "subs %[n], %[n], #1\n"
                 "b.ne 1b\n"
                 "str z0, [%[out]]\n"
                 : [n] "+r"(n)
                 : [in] "r"(in), [out] "r"(got), [x] "w"(x)
                 : "z0", "z1", "memory", "cc");
}

SVE static uint64_t vector_bytes(void)
{
    uint64_t n;

    asm volatile("cntb %0" : "=r"(n));
    return n;
}

/* got[] after a loop: the scalar 2 * @x in its low bytes, zero above. */
static void check_got(const char *what, unsigned set, unsigned len,
                      double x, int single)
{
    unsigned low = single ? 4 : 8;
    uint64_t want = 0, v = 0;

    if (single) {
        float f = (float)x * 2;

        memcpy(&want, &f, 4);
    } else {
        double d = x * 2;

        memcpy(&want, &d, 8);
    }
    memcpy(&v, got, low);
    CHECK(v == want, "%s, byte %u set: scalar 0x%llx, want 0x%llx", what,
          set, (unsigned long long)v, (unsigned long long)want);
    for (unsigned k = low; k < len; k++) {
        CHECK(got[k] == 0, "%s, byte %u set: byte %u is 0x%02x after the loop",
              what, set, k, got[k]);
    }
}

/* One call at every position of a set byte, then its check. */
static int run(const char *what, unsigned len, int single, int sve, int r)
{
    int before = failures;

    for (unsigned set = single ? 4 : 8; set < len; set++) {
        double x = 1.5 + r + set;

        memset(in, 0, sizeof(in));
        in[set] = 0x5a;
        memset(got, 0xee, sizeof(got));
        if (sve) {
            sve_loop(x);
        } else {
            neon_loop(x, single);
        }
        check_got(what, set, len, x, single);
    }
    return failures != before;
}

/*
 * The three loops take turns, so that each is hot, compiled and entered
 * for most of the run (in hot mode the traces are installed within
 * 100 ms, the run takes 0.5 s).
 */
int main(void)
{
    unsigned vl = 0;
    int wrong[3] = { 0 };

    if (getauxval(AT_HWCAP) & HWCAP_SVE) {
        vl = vector_bytes() > sizeof(in) ? sizeof(in) : vector_bytes();
    } else {
        fprintf(stderr, "vechigh: no SVE on this CPU, z0 not checked\n");
    }
    for (int r = 0; r < REPS; r++) {
        wrong[0] |= run("fadd d0 in v0", 16, 0, 0, r);
        wrong[1] |= run("fadd s0 in v0", 16, 1, 0, r);
        /* Same output without SVE: no more of z0 to check. */
        wrong[2] |= vl && run("fadd d0 in z0", vl, 0, 1, r);
    }
    printf("fadd d0 in v0: %s\n", wrong[0] ? "wrong" : "ok");
    printf("fadd s0 in v0: %s\n", wrong[1] ? "wrong" : "ok");
    printf("fadd d0 in z0: %s\n", wrong[2] ? "wrong" : "ok");
    return failures != 0;
}
