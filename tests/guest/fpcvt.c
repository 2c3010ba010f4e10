/*
 * Guest test: FCVTZS and FCVTZU (scalar, from single and double, to W and
 * X), which -hybrid on converts on the host when it can do so exactly
 * (target/arm/host-fp-cvt.h).  Each result and the FPSR flags it raises
 * (IOC, IXC, IDC) are checked against a C reference of the architecture's
 * FPToFixed with round toward zero: edge values around every integer
 * type's bounds, zeros, denormals (also flushed, with FPCR.FZ),
 * infinities, NaNs, and random bit patterns.  The output is a summary, the same on hardware and under a
 * correct emulator.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define IOC 0x01
#define IXC 0x10
#define IDC 0x80

static uint64_t seed = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* One conversion: the result, and the FPSR flags it raised. */
#define CVT(name, insn, reg, ireg, in_t, out_t)                              \
    static out_t name(in_t x, unsigned *flags)                              \
    {                                                                        \
        out_t r;                                                             \
        uint64_t fpsr;                                                       \
        asm volatile("msr fpsr, xzr\n"                                       \
                     insn " %" reg "0, %" ireg "2\n"                         \
                     "mrs %1, fpsr\n"                                        \
                     : "=r"(r), "=r"(fpsr) : "w"(x));                        \
        *flags = fpsr & (IOC | IXC | IDC);                                   \
        return r;                                                            \
    }

CVT(s_to_sw, "fcvtzs", "w", "s", float, int32_t)
CVT(s_to_uw, "fcvtzu", "w", "s", float, uint32_t)
CVT(s_to_sx, "fcvtzs", "x", "s", float, int64_t)
CVT(s_to_ux, "fcvtzu", "x", "s", float, uint64_t)
CVT(d_to_sw, "fcvtzs", "w", "d", double, int32_t)
CVT(d_to_uw, "fcvtzu", "w", "d", double, uint32_t)
CVT(d_to_sx, "fcvtzs", "x", "d", double, int64_t)
CVT(d_to_ux, "fcvtzu", "x", "d", double, uint64_t)

/*
 * FPToFixed toward zero of @d (exactly the input; @nan for a NaN) to an
 * integer of @bits bits: the result as 64 bits, and the flags.
 */
static uint64_t ref(double d, int nan, int bits, int is_signed,
                    unsigned *flags)
{
    long double lo = is_signed ? -ldexpl(1, bits - 1) : 0;
    long double hi = is_signed ? ldexpl(1, bits - 1) - 1 : ldexpl(1, bits) - 1;
    long double t = truncl((long double)d);

    *flags = 0;
    if (nan) {
        *flags = IOC;
        return 0;
    }
    if (t < lo || t > hi) {
        *flags = IOC;
        t = t < lo ? lo : hi;
    } else if (t != d) {
        *flags = IXC;
    }
    if (is_signed) {
        return (uint64_t)(int64_t)t;
    }
    return (uint64_t)t;
}

static int checked, wrong;

static void check_one(const char *what, uint64_t got, unsigned gf,
                      uint64_t want, unsigned wf, uint64_t in_bits)
{
    checked++;
    if (got != want || gf != wf) {
        wrong++;
        CHECK(0, "%s of 0x%llx: 0x%llx flags 0x%x, want 0x%llx flags 0x%x",
              what, (unsigned long long)in_bits, (unsigned long long)got, gf,
              (unsigned long long)want, wf);
    }
}

static void from_float(float f)
{
    uint32_t b;
    unsigned gf, wf;
    int nan = isnan(f);
    uint64_t want;

    memcpy(&b, &f, 4);
    want = ref(f, nan, 32, 1, &wf);
    check_one("fcvtzs w, s", (uint32_t)s_to_sw(f, &gf), gf,
              (uint32_t)want, wf, b);
    want = ref(f, nan, 32, 0, &wf);
    check_one("fcvtzu w, s", s_to_uw(f, &gf), gf, (uint32_t)want, wf, b);
    want = ref(f, nan, 64, 1, &wf);
    check_one("fcvtzs x, s", (uint64_t)s_to_sx(f, &gf), gf, want, wf, b);
    want = ref(f, nan, 64, 0, &wf);
    check_one("fcvtzu x, s", s_to_ux(f, &gf), gf, want, wf, b);
}

static void from_double(double d)
{
    uint64_t b;
    unsigned gf, wf;
    int nan = isnan(d);
    uint64_t want;

    memcpy(&b, &d, 8);
    want = ref(d, nan, 32, 1, &wf);
    check_one("fcvtzs w, d", (uint32_t)d_to_sw(d, &gf), gf,
              (uint32_t)want, wf, b);
    want = ref(d, nan, 32, 0, &wf);
    check_one("fcvtzu w, d", d_to_uw(d, &gf), gf, (uint32_t)want, wf, b);
    want = ref(d, nan, 64, 1, &wf);
    check_one("fcvtzs x, d", (uint64_t)d_to_sx(d, &gf), gf, want, wf, b);
    want = ref(d, nan, 64, 0, &wf);
    check_one("fcvtzu x, d", d_to_ux(d, &gf), gf, want, wf, b);
}

/* FPCR.FZ set: a denormal input is flushed to zero and raises IDC only. */
static void flushed(void)
{
    static const float fs[] = { 1e-40f, -1e-40f, 1.4e-45f };
    static const double ds[] = { 4.9e-324, -1e-310, 2.2e-308 };
    uint64_t fpcr, fz = 1u << 24;
    unsigned gf;
    uint64_t r;

    asm volatile("mrs %0, fpcr" : "=r"(fpcr));
    asm volatile("msr fpcr, %0" : : "r"(fpcr | fz));
    for (size_t i = 0; i < 3; i++) {
        uint32_t b;
        uint64_t b64;

        memcpy(&b, &fs[i], 4);
        memcpy(&b64, &ds[i], 8);
        r = (uint32_t)s_to_sw(fs[i], &gf);
        check_one("fcvtzs w, s (FZ)", r, gf, 0, IDC, b);
        r = s_to_ux(fs[i], &gf);
        check_one("fcvtzu x, s (FZ)", r, gf, 0, IDC, b);
        r = (uint64_t)d_to_sx(ds[i], &gf);
        check_one("fcvtzs x, d (FZ)", r, gf, 0, IDC, b64);
        r = d_to_uw(ds[i], &gf);
        check_one("fcvtzu w, d (FZ)", r, gf, 0, IDC, b64);
    }
    asm volatile("msr fpcr, %0" : : "r"(fpcr));
}

int main(void)
{
    static const int exps[] = { 0, 1, 23, 24, 31, 32, 52, 53, 63, 64, 65 };
    static const double offs[] = { -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5,
                                   0.75, 1 };

    /* Around every bound: +-2^e plus or minus fractions, both formats. */
    for (int sign = -1; sign <= 1; sign += 2) {
        for (size_t e = 0; e < sizeof(exps) / sizeof(exps[0]); e++) {
            for (size_t o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
                double d = sign * (ldexp(1, exps[e]) + offs[o]);

                from_double(d);
                from_double(nextafter(d, 0));
                from_double(nextafter(d, 2 * d + 1));
                from_float((float)d);
                from_float(nextafterf((float)d, 0));
                from_float(nextafterf((float)d, 2 * (float)d + 1));
            }
        }
    }
    /* Zeros, denormals, infinities, NaNs. */
    from_float(0.0f), from_float(-0.0f), from_float(1e-40f);
    from_float(-1e-40f), from_float(INFINITY), from_float(-INFINITY);
    from_float(NAN), from_float(-NAN);
    from_double(0.0), from_double(-0.0), from_double(4.9e-324);
    from_double(-1e-310), from_double(INFINITY), from_double(-INFINITY);
    from_double(NAN), from_double(-NAN);
    /* Random bit patterns, and random values of integer size. */
    for (int i = 0; i < 20000; i++) {
        uint64_t r = rnd();
        uint32_t r32 = (uint32_t)r;
        float f;
        double d;

        memcpy(&f, &r32, 4);
        memcpy(&d, &r, 8);
        from_float(f);
        from_double(d);
        from_float((float)(int32_t)r32 / (1 << (r >> 60)));
        from_double((double)(int64_t)r / (double)(1ull << (r >> 58)));
    }
    flushed();
    printf("fcvtzs, fcvtzu: %s\n", wrong ? "wrong" : "ok");
    (void)checked;
    return failures != 0;
}
