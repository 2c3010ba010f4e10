/*
 * Guest test: FCVT between single and double, the scalar fused
 * multiply-adds (FMADD, FMSUB, FNMADD, FNMSUB) and compares (FCMP,
 * FCMPE), which -hybrid on computes on the host when it can do so exactly
 * (target/arm/host-fp-cvt.h for double to single, host-fp-fma.h,
 * host-fp-cmp.h; softfloat widens on the host itself).  Every result and
 * the FPSR flags it raises are checked
 * against a reference that does not take those paths:
 *
 * - single to double: the double built from the single's bits with
 *   integer arithmetic (zeros, denormals, also flushed with FPCR.FZ,
 *   infinities, quiet and signalling NaNs);
 * - double to single, round to nearest even: the conversion rounding
 *   toward zero (FPCR.RMode RZ, which the host path leaves to the
 *   emulator's C code) and the exact distances to it and to the next
 *   single up (both differences are exact in double);
 * - fused multiply-add: the same instruction with FPSR.IXC clear first
 *   (the host path needs it set, as softfloat's own fast path does); the
 *   result must be the same and the flags the same plus IXC, in every
 *   rounding mode and with FPCR.FZ;
 * - compares: NZCV and the flags from the values' bits (sign and
 *   magnitude), NaNs quiet and signalling, FCMP and FCMPE, with and
 *   without FPCR.FZ.
 *
 * Then the conversions and FMAX, FMIN, FMAXNM, FMINNM run in loops over
 * arrays (which hot mode compiles to LLVM traces, llvm-backend/
 * translate-fp.c), with FPCR.FZ, DN or RZ, zeros of both signs, NaNs and
 * denormals among the inputs: each result against the references above
 * (widening), the same conversion run once (narrowing), or a C model of
 * FPMax/FPMin/FPMaxNum/FPMinNum; the cumulative flags against theirs.
 *
 * The output is a summary, the same on hardware and under a correct
 * emulator.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define IOC 0x01
#define OFC 0x04
#define UFC 0x08
#define IXC 0x10
#define IDC 0x80
#define FLAGS (IOC | 0x02 | OFC | UFC | IXC | IDC)

#define FPCR_FZ (1u << 24)
#define FPCR_RZ (3u << 22)

static uint64_t seed = 0x9e3779b97f4a7c15ull;
static int wrong;

static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static uint32_t f2b(float f)
{
    uint32_t b;

    memcpy(&b, &f, 4);
    return b;
}

static uint64_t d2b(double d)
{
    uint64_t b;

    memcpy(&b, &d, 8);
    return b;
}

static float b2f(uint32_t b)
{
    float f;

    memcpy(&f, &b, 4);
    return f;
}

static double b2d(uint64_t b)
{
    double d;

    memcpy(&d, &b, 8);
    return d;
}

static void set_fpcr(uint64_t v)
{
    asm volatile("msr fpcr, %0" : : "r"(v));
}

static void check_one(const char *what, uint64_t in, uint64_t got,
                      unsigned gf, uint64_t want, unsigned wf)
{
    if (got != want || gf != wf) {
        wrong++;
        CHECK(0, "%s of 0x%llx: 0x%llx flags 0x%x, want 0x%llx flags 0x%x",
              what, (unsigned long long)in, (unsigned long long)got, gf,
              (unsigned long long)want, wf);
    }
}

/* ---- FCVT Dd, Sn ------------------------------------------------------- */

static double widen(float x, unsigned *flags)
{
    double r;
    uint64_t fpsr;

    asm volatile("msr fpsr, xzr\n"
                 "fcvt %d0, %s2\n"
                 "mrs %1, fpsr\n"
                 : "=w"(r), "=r"(fpsr) : "w"(x));
    *flags = fpsr & FLAGS;
    return r;
}

/* The architecture's widening of @b, FPCR.FZ and DN as @fz and @dn say. */
static uint64_t widen_ref(uint32_t b, int fz, int dn, unsigned *flags)
{
    uint64_t sign = (uint64_t)(b >> 31) << 63;
    uint32_t e = (b >> 23) & 0xff, m = b & 0x7fffff;
    int exp;

    *flags = 0;
    if (e == 0xff && m) {
        if (!(m & 0x400000)) {
            *flags = IOC;       /* signalling: quietened */
        }
        if (dn) {
            return 0x7ff8000000000000ull;
        }
        return sign | 0x7ff8000000000000ull | ((uint64_t)m << 29);
    }
    if (e == 0xff) {
        return sign | 0x7ff0000000000000ull;
    }
    if (e == 0 && m == 0) {
        return sign;
    }
    if (e == 0) {
        if (fz) {
            *flags = IDC;
            return sign;
        }
        exp = -126;
        while (!(m & 0x800000)) {
            m <<= 1;
            exp--;
        }
        m &= 0x7fffff;
        return sign | ((uint64_t)(exp + 1023) << 52) | ((uint64_t)m << 29);
    }
    return sign | ((uint64_t)(e - 127 + 1023) << 52) | ((uint64_t)m << 29);
}

static void check_widen(uint32_t b)
{
    unsigned gf, wf;
    uint64_t want;
    double r;

    want = widen_ref(b, 0, 0, &wf);
    r = widen(b2f(b), &gf);
    check_one("fcvt d, s", b, d2b(r), gf, want, wf);
    set_fpcr(FPCR_FZ);
    want = widen_ref(b, 1, 0, &wf);
    r = widen(b2f(b), &gf);
    set_fpcr(0);
    check_one("fcvt d, s (FZ)", b, d2b(r), gf, want, wf);
}

/* ---- FCVT Sd, Dn, round to nearest even -------------------------------- */

static float narrow(double x, unsigned *flags)
{
    float r;
    uint64_t fpsr;

    asm volatile("msr fpsr, xzr\n"
                 "fcvt %s0, %d2\n"
                 "mrs %1, fpsr\n"
                 : "=w"(r), "=r"(fpsr) : "w"(x));
    *flags = fpsr & FLAGS;
    return r;
}

/*
 * For @d whose conversion toward zero is a normal single below FLT_MAX:
 * the nearest-even result is that single t or the next one away from
 * zero, u; d - t and u - d are exact in double (each has at most 30
 * significant bits at d's exponent), and the only flag is IXC.
 */
static void check_narrow(double d)
{
    unsigned gf, tf, wf;
    float t, u, want;
    double dt, du;

    set_fpcr(FPCR_RZ);
    t = narrow(d, &tf);
    set_fpcr(0);
    if (!(fabsf(t) >= FLT_MIN && fabsf(t) < FLT_MAX)) {
        return;
    }
    u = nextafterf(t, t > 0 ? INFINITY : -INFINITY);
    dt = fabs(d - (double)t);
    du = fabs((double)u - d);
    if (dt < du || (dt == du && !(f2b(t) & 1))) {
        want = t;
    } else {
        want = u;
    }
    wf = (double)want != d ? IXC : 0;
    if (tf != wf) {
        wrong++;
        CHECK(0, "fcvt s, d (RZ) of 0x%llx: flags 0x%x, want 0x%x",
              (unsigned long long)d2b(d), tf, wf);
    }
    check_one("fcvt s, d", d2b(d), f2b(narrow(d, &gf)), gf, f2b(want), wf);
}

/* A few by hand: ties to even, overflow, underflow, denormal inputs. */
static void narrow_fixed(void)
{
    static const struct {
        uint64_t in;
        uint32_t out;
        unsigned flags;
        int fz;
    } c[] = {
        /* 1 + 2^-24 and 1 + 3 * 2^-24: ties, to even; then above a tie */
        { 0x3ff0000010000000ull, 0x3f800000, IXC, 0 },
        { 0x3ff0000030000000ull, 0x3f800002, IXC, 0 },
        { 0x3ff0000010000001ull, 0x3f800001, IXC, 0 },
        /* just below FLT_MAX's tie, at it, and -2^128 */
        { 0x47efffffefffffffull, 0x7f7fffff, IXC, 0 },
        { 0x47effffff0000000ull, 0x7f800000, OFC | IXC, 0 },
        { 0xc7f0000000000000ull, 0xff800000, OFC | IXC, 0 },
        { 0x3810000000000000ull, 0x00800000, 0, 0 },    /* FLT_MIN */
        { 0x380fffffffffffffull, 0x00800000, UFC | IXC, 0 },
        { 0x3800000000000000ull, 0x00400000, 0, 0 },    /* a denormal result */
        { 0x3800000000000001ull, 0x00400000, UFC | IXC, 0 },
        { 0x3800000000000000ull, 0x00000000, UFC, 1 },  /* flushed output */
        { 0x0000000000000001ull, 0x00000000, UFC | IXC, 0 },
        { 0x8000000000000001ull, 0x80000000, IDC, 1 },  /* flushed input */
        { 0x7ff4000000000000ull, 0x7fe00000, IOC, 0 },  /* signalling NaN */
    };

    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        unsigned gf;
        float r;

        set_fpcr(c[i].fz ? FPCR_FZ : 0);
        r = narrow(b2d(c[i].in), &gf);
        set_fpcr(0);
        check_one("fcvt s, d (fixed)", c[i].in, f2b(r), gf, c[i].out,
                  c[i].flags);
    }
}

/* ---- FMADD, FMSUB, FNMADD, FNMSUB ------------------------------------- */

#define FMA(name, insn, reg, type)                                           \
    static type name(type a, type b, type c, uint64_t fpsr_in,             \
                     unsigned *flags)                                        \
    {                                                                        \
        type r;                                                              \
        uint64_t fpsr;                                                       \
        asm volatile("msr fpsr, %2\n"                                        \
                     insn " %" reg "0, %" reg "3, %" reg "4, %" reg "5\n"    \
                     "mrs %1, fpsr\n"                                        \
                     : "=&w"(r), "=r"(fpsr)                                  \
                     : "r"(fpsr_in), "w"(a), "w"(b), "w"(c));                \
        *flags = fpsr & FLAGS;                                               \
        return r;                                                            \
    }

FMA(fmadd_s, "fmadd", "s", float)
FMA(fmsub_s, "fmsub", "s", float)
FMA(fnmadd_s, "fnmadd", "s", float)
FMA(fnmsub_s, "fnmsub", "s", float)
FMA(fmadd_d, "fmadd", "d", double)
FMA(fmsub_d, "fmsub", "d", double)
FMA(fnmadd_d, "fnmadd", "d", double)
FMA(fnmsub_d, "fnmsub", "d", double)

typedef float (*FmaS)(float, float, float, uint64_t, unsigned *);
typedef double (*FmaD)(double, double, double, uint64_t, unsigned *);

static const FmaS fma_s[] = { fmadd_s, fmsub_s, fnmadd_s, fnmsub_s };
static const FmaD fma_d[] = { fmadd_d, fmsub_d, fnmadd_d, fnmsub_d };
static const char *const fma_names[] = { "fmadd", "fmsub", "fnmadd",
                                         "fnmsub" };
static uint64_t fma_fpcr;       /* the rounding mode of the next checks */

static void check_fma_s(float a, float b, float c)
{
    set_fpcr(fma_fpcr);
    for (int k = 0; k < 4; k++) {
        unsigned rf, gf;
        float want = fma_s[k](a, b, c, 0, &rf);
        float got = fma_s[k](a, b, c, IXC, &gf);

        check_one(fma_names[k], f2b(a) ^ ((uint64_t)f2b(b) << 32),
                  f2b(got), gf, f2b(want), rf | IXC);
    }
    set_fpcr(0);
}

static void check_fma_d(double a, double b, double c)
{
    set_fpcr(fma_fpcr);
    for (int k = 0; k < 4; k++) {
        unsigned rf, gf;
        double want = fma_d[k](a, b, c, 0, &rf);
        double got = fma_d[k](a, b, c, IXC, &gf);

        check_one(fma_names[k], d2b(a) ^ d2b(b), d2b(got), gf, d2b(want),
                  rf | IXC);
    }
    set_fpcr(0);
}

/* A random single or double: mostly moderate, some at the extremes. */
static float rnd_f(void)
{
    uint64_t r = rnd();

    switch (r & 7) {
    case 0:
        return b2f((uint32_t)(r >> 16));                /* any bits */
    case 1:
        return ldexpf((float)(int32_t)(r >> 32), -(int)((r >> 8) & 63) - 90);
    case 2:
        return ldexpf((float)(int32_t)(r >> 32), 70 + (int)((r >> 8) & 31));
    default:
        return (float)(int32_t)(r >> 32) / (float)(1 + ((r >> 8) & 0xffff));
    }
}

static double rnd_d(void)
{
    uint64_t r = rnd();

    switch (r & 7) {
    case 0:
        return b2d(rnd());
    case 1:
        return ldexp((double)(int64_t)r, -(int)((r >> 8) & 127) - 1020);
    case 2:
        return ldexp((double)(int64_t)r, 900 + (int)((r >> 8) & 63));
    default:
        return (double)(int64_t)r / (double)(1 + ((r >> 8) & 0xffffff));
    }
}

/* ---- FCMP, FCMPE: NZCV and flags ---------------------------------------- */

#define CMP(name, insn, reg, type)                                           \
    static unsigned name(type a, type b, unsigned *flags)                   \
    {                                                                        \
        uint64_t nzcv, fpsr;                                                 \
        asm volatile("msr fpsr, xzr\n"                                       \
                     insn " %" reg "2, %" reg "3\n"                          \
                     "mrs %0, nzcv\n"                                        \
                     "mrs %1, fpsr\n"                                        \
                     : "=r"(nzcv), "=r"(fpsr) : "w"(a), "w"(b) : "cc");      \
        *flags = fpsr & FLAGS;                                               \
        return nzcv >> 28;                                                   \
    }

CMP(fcmp_s, "fcmp", "s", float)
CMP(fcmpe_s, "fcmpe", "s", float)
CMP(fcmp_d, "fcmp", "d", double)
CMP(fcmpe_d, "fcmpe", "d", double)

/*
 * FPCompare of @a and @b (@w bits) by their bits: NZCV (N 8, Z 4, C 2,
 * V 1) and the flags; @sig for FCMPE, which signals on quiet NaNs too.
 */
static unsigned cmp_ref(uint64_t a, uint64_t b, int w, int sig, int fz,
                        unsigned *flags)
{
    int mb = w == 64 ? 52 : 23;
    uint64_t sign = 1ull << (w - 1), quiet = 1ull << (mb - 1);
    uint64_t expm = (w == 64 ? 0x7ffull : 0xffull) << mb, mant = quiet * 2 - 1;
    uint64_t x[2] = { a, b };
    int64_t key[2];

    *flags = 0;
    for (int k = 0; k < 2; k++) {
        uint64_t mag = x[k] & ~sign;

        /* FPUnpack first: a flushed denormal raises IDC, NaN or not. */
        if (fz && (x[k] & expm) == 0 && mag) {
            mag = 0;
            *flags |= IDC;
        }
        key[k] = x[k] & sign ? -(int64_t)mag : (int64_t)mag;
        if ((x[k] & expm) == expm && (x[k] & mant) &&
            (sig || !(x[k] & quiet))) {
            *flags |= IOC;
        }
    }
    for (int k = 0; k < 2; k++) {
        if ((x[k] & expm) == expm && (x[k] & mant)) {
            return 0x3;                 /* unordered: C and V */
        }
    }
    return key[0] == key[1] ? 0x6 : key[0] < key[1] ? 0x8 : 0x2;
}

static void check_cmp_pair(uint64_t da, uint64_t db, uint32_t fa, uint32_t fb)
{
    for (int fz = 0; fz < 2; fz++) {
        for (int sig = 0; sig < 2; sig++) {
            unsigned gf, wf, g, w;

            set_fpcr(fz ? FPCR_FZ : 0);
            g = sig ? fcmpe_s(b2f(fa), b2f(fb), &gf) :
                      fcmp_s(b2f(fa), b2f(fb), &gf);
            set_fpcr(0);
            w = cmp_ref(fa, fb, 32, sig, fz, &wf);
            check_one(sig ? "fcmpe s" : "fcmp s", fa ^ ((uint64_t)fb << 32),
                      g, gf, w, wf);
            set_fpcr(fz ? FPCR_FZ : 0);
            g = sig ? fcmpe_d(b2d(da), b2d(db), &gf) :
                      fcmp_d(b2d(da), b2d(db), &gf);
            set_fpcr(0);
            w = cmp_ref(da, db, 64, sig, fz, &wf);
            check_one(sig ? "fcmpe d" : "fcmp d", da ^ (db << 1), g, gf, w, wf);
        }
    }
}

static void compares(void)
{
    static const uint32_t fsp[] = {
        0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x807fffff,
        0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00001,
        0xffa00005, 0x7f7fffff, 0x00800000,
    };
    static const uint64_t dsp[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
        0x8000000000000001ull, 0x800fffffffffffffull, 0x3ff0000000000000ull,
        0xbff0000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000001ull, 0xfff4000000000005ull, 0x7fefffffffffffffull,
        0x0010000000000000ull,
    };

    for (size_t i = 0; i < 13; i++) {
        for (size_t j = 0; j < 13; j++) {
            check_cmp_pair(dsp[i], dsp[j], fsp[i], fsp[j]);
        }
    }
    for (int i = 0; i < 5000; i++) {
        uint64_t r = rnd();
        float f = rnd_f();
        double d = rnd_d();

        uint64_t d2 = (r & 1) ? d2b(d) : (r & 2) ? d2b(-d) : d2b(rnd_d());
        uint32_t f2 = (r & 4) ? f2b(f) : (r & 8) ? f2b(nextafterf(f, 0)) :
                      f2b(rnd_f());

        check_cmp_pair(d2b(d), d2, f2b(f), f2);
    }
}

/* ---- the same in loops, which -hybrid on compiles to traces ------------ */

#define FPCR_DN (1u << 25)
#define LOOP_N 64
#define LOOP_REPS 3000

static uint32_t in_f[LOOP_N], in_f2[LOOP_N];
static uint64_t in_d[LOOP_N], in_d2[LOOP_N];
static uint64_t out[LOOP_N];

static void set_fpsr(uint64_t v)
{
    asm volatile("msr fpsr, %0" : : "r"(v));
}

static unsigned get_fpsr(void)
{
    uint64_t v;

    asm volatile("mrs %0, fpsr" : "=r"(v));
    return v & FLAGS;
}

/* The FPSR flags of LOOP_REPS passes of the body over i < LOOP_N. */
#define LOOP(fpcr, ...)                                                      \
    ({                                                                       \
        unsigned _f;                                                         \
        set_fpcr(fpcr);                                                      \
        set_fpsr(IXC);                                                       \
        for (int _r = 0; _r < LOOP_REPS; _r++) {                             \
            for (int i = 0; i < LOOP_N; i++) {                               \
                __VA_ARGS__;                                                 \
            }                                                                \
        }                                                                    \
        _f = get_fpsr();                                                     \
        set_fpcr(0);                                                         \
        _f;                                                                  \
    })

static void loop_check(const char *what, int i, uint64_t in, uint64_t got,
                       uint64_t want)
{
    if (got != want) {
        wrong++;
        CHECK(0, "%s (loop) [%d] of 0x%llx: 0x%llx, want 0x%llx", what, i,
              (unsigned long long)in, (unsigned long long)got,
              (unsigned long long)want);
    }
}

static void loop_flags(const char *what, uint64_t fpcr, unsigned got,
                       unsigned want)
{
    if (got != want) {
        wrong++;
        CHECK(0, "%s (loop, fpcr 0x%llx): flags 0x%x, want 0x%x", what,
              (unsigned long long)fpcr, got, want);
    }
}

static void loop_widen(uint64_t fpcr)
{
    unsigned gf, wf = IXC, f;

    gf = LOOP(fpcr, {
        double d;
        float x = b2f(in_f[i]);

        asm volatile("fcvt %d0, %s1" : "=w"(d) : "w"(x));
        out[i] = d2b(d);
    });
    for (int i = 0; i < LOOP_N; i++) {
        uint64_t want = widen_ref(in_f[i], !!(fpcr & FPCR_FZ),
                                  !!(fpcr & FPCR_DN), &f);

        wf |= f;
        loop_check("fcvt d, s", i, in_f[i], out[i], want);
    }
    loop_flags("fcvt d, s", fpcr, gf, wf);
}

/* Narrowing: against the same conversions one at a time (check_narrow()). */
static void loop_narrow(uint64_t fpcr)
{
    unsigned gf, wf = IXC, f;

    gf = LOOP(fpcr, {
        float r;
        double x = b2d(in_d[i]);

        asm volatile("fcvt %s0, %d1" : "=w"(r) : "w"(x));
        out[i] = f2b(r);
    });
    for (int i = 0; i < LOOP_N; i++) {
        uint32_t want;

        set_fpcr(fpcr);
        want = f2b(narrow(b2d(in_d[i]), &f));
        set_fpcr(0);
        wf |= f;
        loop_check("fcvt s, d", i, in_d[i], out[i], want);
    }
    loop_flags("fcvt s, d", fpcr, gf, wf);
}

/*
 * FPMax, FPMin, FPMaxNum, FPMinNum on @a and @b (@w bits): results and
 * flags, with FPCR.FZ and DN as @fz and @dn say.
 */
static uint64_t minmax_ref(uint64_t a, uint64_t b, int w, int max, int num,
                           int fz, int dn, unsigned *flags)
{
    int mb = w == 64 ? 52 : 23;
    uint64_t sign = 1ull << (w - 1), quiet = 1ull << (mb - 1);
    uint64_t expm = (w == 64 ? 0x7ffull : 0xffull) << mb;
    uint64_t mant = quiet * 2 - 1;
    uint64_t dnan = expm | quiet;
    int na = (a & expm) == expm && (a & mant);
    int nb = (b & expm) == expm && (b & mant);
    int sa = na && !(a & quiet), sb = nb && !(b & quiet);
    uint64_t x[2] = { a, b };
    double v[2];

    *flags = 0;
    if (num && na != nb && !sa && !sb) {
        /* One quiet NaN and a number: the number (as an infinity would). */
        return na ? minmax_ref(max ? expm | sign : expm, b, w, max, 0, fz, dn,
                               flags)
                  : minmax_ref(a, max ? expm | sign : expm, w, max, 0, fz, dn,
                               flags);
    }
    if (na || nb) {
        uint64_t r;

        if (sa || sb) {
            *flags = IOC;
        }
        r = sa ? a : sb ? b : na ? a : b;
        return dn ? dnan : r | quiet;
    }
    for (int k = 0; k < 2; k++) {
        if (fz && (x[k] & expm) == 0 && (x[k] & mant)) {
            x[k] &= sign;
            *flags |= IDC;
        }
        v[k] = w == 64 ? b2d(x[k]) : b2f((uint32_t)x[k]);
    }
    if (v[0] == v[1]) {
        return max ? x[0] & x[1] : x[0] | x[1];
    }
    return (v[0] > v[1]) == !!max ? x[0] : x[1];
}

#define MINMAX_LOOP(name, insn, reg, num, max)                               \
    static void name(uint64_t fpcr)                                          \
    {                                                                        \
        unsigned gf, wf = IXC, f;                                            \
        int w = reg[0] == 'd' ? 64 : 32;                                     \
                                                                             \
        gf = LOOP(fpcr, {                                                    \
            if (w == 64) {                                                   \
                double r, x = b2d(in_d[i]), y = b2d(in_d2[i]);               \
                asm volatile(insn " %d0, %d1, %d2"                           \
                             : "=w"(r) : "w"(x), "w"(y));                    \
                out[i] = d2b(r);                                             \
            } else {                                                         \
                float r, x = b2f(in_f[i]), y = b2f(in_f2[i]);                \
                asm volatile(insn " %s0, %s1, %s2"                           \
                             : "=w"(r) : "w"(x), "w"(y));                    \
                out[i] = f2b(r);                                             \
            }                                                                \
        });                                                                  \
        for (int i = 0; i < LOOP_N; i++) {                                   \
            uint64_t a = w == 64 ? in_d[i] : in_f[i];                        \
            uint64_t b = w == 64 ? in_d2[i] : in_f2[i];                      \
            uint64_t want = minmax_ref(a, b, w, max, num,                    \
                                       !!(fpcr & FPCR_FZ),                   \
                                       !!(fpcr & FPCR_DN), &f);              \
                                                                             \
            wf |= f;                                                         \
            loop_check(insn " " reg, i, a ^ (b << 1), out[i], want);         \
        }                                                                    \
        loop_flags(insn " " reg, fpcr, gf, wf);                              \
    }

MINMAX_LOOP(loop_fmax_s, "fmax", "s", 0, 1)
MINMAX_LOOP(loop_fmin_s, "fmin", "s", 0, 0)
MINMAX_LOOP(loop_fmaxnm_s, "fmaxnm", "s", 1, 1)
MINMAX_LOOP(loop_fminnm_s, "fminnm", "s", 1, 0)
MINMAX_LOOP(loop_fmax_d, "fmax", "d", 0, 1)
MINMAX_LOOP(loop_fmin_d, "fmin", "d", 0, 0)
MINMAX_LOOP(loop_fmaxnm_d, "fmaxnm", "d", 1, 1)
MINMAX_LOOP(loop_fminnm_d, "fminnm", "d", 1, 0)

/* Inputs: zeros of both signs, denormals, NaNs, infinities, the rest. */
static void loop_inputs(int special)
{
    static const uint32_t fsp[] = {
        0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x3f800000,
        0xbf800000, 0x7f800000, 0xff800000, 0x7fc00001, 0xffa00005,
        0x7f7fffff, 0x00800000,
    };
    static const uint64_t dsp[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
        0x800fffffffffffffull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
        0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000001ull,
        0xfff4000000000005ull, 0x3810000000000000ull, 0x380fffffffffffffull,
        0x47effffff0000000ull, 0x3ff0000010000000ull,
    };

    for (int i = 0; i < LOOP_N; i++) {
        uint64_t r = rnd();

        if (special) {
            in_f[i] = fsp[r % 12];
            in_f2[i] = fsp[(r >> 8) % 12];
            in_d[i] = dsp[(r >> 16) % 14];
            in_d2[i] = dsp[(r >> 24) % 14];
        } else {
            in_f[i] = f2b(rnd_f());
            in_f2[i] = (r & 1) ? in_f[i] ^ 0x80000000 : f2b(rnd_f());
            in_d[i] = d2b(rnd_d());
            in_d2[i] = (r & 2) ? in_d[i] : d2b((double)rnd_f());
        }
    }
}

static void loops(void)
{
    static const uint64_t fpcrs[] = { 0, FPCR_FZ, FPCR_DN, FPCR_RZ };

    for (int pass = 0; pass < 4; pass++) {
        loop_inputs(pass & 1);
        for (size_t c = 0; c < sizeof(fpcrs) / sizeof(fpcrs[0]); c++) {
            loop_widen(fpcrs[c]);
            loop_narrow(fpcrs[c]);
            loop_fmax_s(fpcrs[c]);
            loop_fmin_s(fpcrs[c]);
            loop_fmaxnm_s(fpcrs[c]);
            loop_fminnm_s(fpcrs[c]);
            loop_fmax_d(fpcrs[c]);
            loop_fmin_d(fpcrs[c]);
            loop_fmaxnm_d(fpcrs[c]);
            loop_fminnm_d(fpcrs[c]);
        }
    }
}

int main(void)
{
    static const uint32_t fs[] = {
        0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00400000,
        0x00800000, 0x3f800000, 0x7f7fffff, 0x7f800000, 0xff800000,
        0x7fc00001, 0xffa00005, 0x7f800001,
    };

    for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
        check_widen(fs[i]);
    }
    narrow_fixed();
    for (int i = 0; i < 20000; i++) {
        uint64_t r = rnd();

        check_widen((uint32_t)r);
        check_narrow(b2d(r));
        check_narrow(rnd_d());
        check_narrow((double)rnd_f() * (1.0 + ldexp((double)(r >> 40), -52)));
        /* Every rounding mode (FPCR.RMode), and FZ, now and then. */
        fma_fpcr = (i & 3) == 0 ? (uint64_t)(r >> 62) << 22 : 0;
        fma_fpcr |= (i & 31) == 1 ? FPCR_FZ : 0;
        check_fma_s(rnd_f(), rnd_f(), rnd_f());
        check_fma_d(rnd_d(), rnd_d(), rnd_d());
    }
    fma_fpcr = 0;
    /* Products that cancel the addend, and results at the normal bound. */
    for (int i = 0; i < 2000; i++) {
        float a = rnd_f(), b = rnd_f();
        double da = rnd_d(), db = rnd_d();

        check_fma_s(a, b, -(a * b));
        check_fma_s(a, b, nextafterf(-(a * b), 0));
        check_fma_s(ldexpf(1.0f + a * 1e-9f, -63), ldexpf(1.0f, -63),
                    -FLT_MIN);
        check_fma_d(da, db, -(da * db));
        check_fma_d(ldexp(1.0 + da * 1e-17, -511), ldexp(1.0, -511),
                    -DBL_MIN);
    }
    compares();
    loops();
    printf("fcvt between precisions, fused multiply-add, compares, min/max: "
           "%s\n",
           wrong ? "wrong" : "ok");
    return failures != 0;
}
