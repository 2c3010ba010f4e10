/*
 * Guest test: integer and floating-point arithmetic.
 *
 * Every operation is well-defined C, so the output is the same on real
 * aarch64 hardware, under a correct emulator and (for a cross-check) in a
 * native build with -funsigned-char -ffp-contract=off.  Results are folded
 * into per-section checksums printed in hex; a few direct values are printed
 * too.  Independent self-checks print FAIL lines and make the exit status 1.
 *
 * Build with -ffp-contract=off: a*b+c must stay two roundings; fma() is the
 * only fused operation.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* ---- checksum ---------------------------------------------------------- */

static uint64_t sum;

static void mix(uint64_t v)
{
    sum ^= v;
    sum *= 0x100000001b3ULL;
    sum ^= sum >> 31;
}

static void mixd(double d)
{
    uint64_t u;
    if (isnan(d)) {             /* NaN sign and payload are not portable */
        mix(0x4e614e4e614e4e61ULL);
        return;
    }
    memcpy(&u, &d, sizeof u);
    mix(u);
}

static void mixf(float f)
{
    uint32_t u;
    if (isnan(f)) {
        mix(0x4e614e46ULL);
        return;
    }
    memcpy(&u, &f, sizeof u);
    mix(u);
}

static void section(const char *name)
{
    printf("%-12s %016" PRIx64 "\n", name, sum);
    sum = 0xcbf29ce484222325ULL;
}

/* ---- operand tables (read through volatile so nothing is folded) -------- */

static uint64_t itab[] = {
    0, 1, 2, 3, 5, 7, 10, 31, 32, 33, 63, 64, 100, 255, 256, 1000, 65535,
    65536, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x100000000ULL,
    0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 0x7fffffffffffffffULL,
    0x8000000000000000ULL, 0x8000000000000001ULL, 0xfffffffffffffffeULL,
    0xffffffffffffffffULL, 0xffffffff80000000ULL, 0xffffffff7fffffffULL,
    0x00000000deadbeefULL, 0x5555555555555555ULL, 0xaaaaaaaaaaaaaaaaULL,
    0x0000000100000001ULL, 0xfffffffffffffff9ULL, 0xffffffffffffff9cULL,
};
#define NI (sizeof itab / sizeof itab[0])

static uint64_t iget(unsigned i)
{
    return ((volatile uint64_t *)itab)[i];
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return x;
}

/* aarch64 SDIV/UDIV semantics written in defined C:
 * x/0 == 0, INT_MIN/-1 == INT_MIN. */
static int32_t sdiv32(int32_t a, int32_t b)
{
    if (b == 0)
        return 0;
    if (b == -1)
        return (int32_t)(0u - (uint32_t)a);
    return a / b;
}

static int32_t srem32(int32_t a, int32_t b)
{
    if (b == 0)
        return a;
    if (b == -1)
        return 0;
    return a % b;
}

static int64_t sdiv64(int64_t a, int64_t b)
{
    if (b == 0)
        return 0;
    if (b == -1)
        return (int64_t)(0ull - (uint64_t)a);
    return a / b;
}

static int64_t srem64(int64_t a, int64_t b)
{
    if (b == 0)
        return a;
    if (b == -1)
        return 0;
    return a % b;
}

static uint64_t udiv64(uint64_t a, uint64_t b)
{
    return b ? a / b : 0;
}

static uint32_t udiv32(uint32_t a, uint32_t b)
{
    return b ? a / b : 0;
}

/* reference implementations with plain loops */
static int ref_clz64(uint64_t x)
{
    int n = 0;
    for (uint64_t m = 1ULL << 63; m && !(x & m); m >>= 1)
        n++;
    return n;
}

static int ref_ctz64(uint64_t x)
{
    int n = 0;
    for (uint64_t m = 1; m && !(x & m); m <<= 1)
        n++;
    return n;
}

static int ref_pop64(uint64_t x)
{
    int n = 0;
    for (int i = 0; i < 64; i++)
        n += (int)((x >> i) & 1);
    return n;
}

static uint64_t ref_rev64(uint64_t x)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++) {
        r = (r << 1) | (x & 1);
        x >>= 1;
    }
    return r;
}

/* a branch-free bit reversal (different code path from ref_rev64) */
static uint64_t rev64(uint64_t x)
{
    x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
    x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((x & 0x0f0f0f0f0f0f0f0fULL) << 4);
    return __builtin_bswap64(x);
}

static uint32_t rev32(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(x);
}

static uint64_t rotl64(uint64_t x, unsigned n)
{
    n &= 63;
    return (x << n) | (x >> ((64 - n) & 63));
}

static uint64_t rotr64(uint64_t x, unsigned n)
{
    n &= 63;
    return (x >> n) | (x << ((64 - n) & 63));
}

static uint32_t rotr32(uint32_t x, unsigned n)
{
    n &= 31;
    return (x >> n) | (x << ((32 - n) & 31));
}

/* 64x64->128 by 32-bit pieces, for cross-checking __int128 */
static void mul128_ref(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    *lo = (mid << 32) | (uint32_t)ll;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* ---- integer tests ------------------------------------------------------ */

static void test_addsub(void)
{
    for (unsigned i = 0; i < NI; i++) {
        for (unsigned j = 0; j < NI; j++) {
            uint64_t a = iget(i), b = iget(j);
            uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
            mix(a + b);
            mix(a - b);
            mix((uint64_t)(uint32_t)(a32 + b32));
            mix((uint64_t)(uint32_t)(a32 - b32));
            mix(a & ~b);
            mix(a | ~b);
            mix(a ^ ~b);
            /* signed compare results */
            mix(((int64_t)a < (int64_t)b) | (((int32_t)a32 <= (int32_t)b32) << 1) |
                ((a > b) << 2) | ((a32 >= b32) << 3));
            /* add with carry out */
            uint64_t s = a + b;
            mix(s < a);
        }
    }
    section("addsub");
}

static void test_mul(void)
{
    for (unsigned i = 0; i < NI; i++) {
        for (unsigned j = 0; j < NI; j++) {
            uint64_t a = iget(i), b = iget(j);
            unsigned __int128 u = (unsigned __int128)a * b;
            __int128 s = (__int128)(int64_t)a * (int64_t)b;
            uint64_t hi, lo;
            mul128_ref(a, b, &hi, &lo);
            CHECK((uint64_t)(u >> 64) == hi && (uint64_t)u == lo,
                  "umul128 %016" PRIx64 " * %016" PRIx64, a, b);
            /* signed high part from unsigned: hi - (a<0?b:0) - (b<0?a:0) */
            uint64_t shi = hi - (((int64_t)a < 0) ? b : 0) - (((int64_t)b < 0) ? a : 0);
            CHECK((uint64_t)((unsigned __int128)s >> 64) == shi,
                  "smul128 %016" PRIx64 " * %016" PRIx64, a, b);
            mix((uint64_t)u);
            mix((uint64_t)(u >> 64));
            mix((uint64_t)((unsigned __int128)s >> 64));
            mix((uint64_t)((uint32_t)a * (uint32_t)b));
            mix((uint64_t)(int64_t)((int64_t)(int32_t)a * (int32_t)b)); /* smull */
            mix((uint64_t)(uint32_t)a * (uint32_t)b);                  /* umull */
            mix(a * b + iget((i + j) % NI));                           /* madd */
            mix(iget((i * 7 + j) % NI) - a * b);                        /* msub */
        }
    }
    for (int k = 0; k < 2000; k++) {
        uint64_t a = rng(), b = rng(), hi, lo;
        unsigned __int128 u = (unsigned __int128)a * b;
        mul128_ref(a, b, &hi, &lo);
        CHECK((uint64_t)(u >> 64) == hi && (uint64_t)u == lo,
              "umul128 rnd %016" PRIx64 " * %016" PRIx64, a, b);
        mix(hi);
        mix(lo);
    }
    section("mul");
}

static void test_div(void)
{
    for (unsigned i = 0; i < NI; i++) {
        for (unsigned j = 0; j < NI; j++) {
            uint64_t a = iget(i), b = iget(j);
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            int32_t sa32 = (int32_t)a, sb32 = (int32_t)b;
            uint64_t q = udiv64(a, b);
            int64_t sq = sdiv64(sa, sb), sr = srem64(sa, sb);
            mix(q);
            mix(b ? a % b : a);
            mix((uint64_t)sq);
            mix((uint64_t)sr);
            mix(udiv32((uint32_t)a, (uint32_t)b));
            mix((uint64_t)(int64_t)sdiv32(sa32, sb32));
            mix((uint64_t)(int64_t)srem32(sa32, sb32));
            if (b) {
                CHECK(q * b + a % b == a, "udiv identity %" PRIx64 "/%" PRIx64, a, b);
                CHECK(a % b < b, "urem range");
                CHECK((uint64_t)sq * (uint64_t)sb + (uint64_t)sr == a,
                      "sdiv identity %" PRIx64 "/%" PRIx64, a, b);
                /* C truncates toward zero: remainder has the dividend's sign */
                CHECK(sr == 0 || ((sr < 0) == (sa < 0)), "srem sign");
            }
        }
    }
    /* edge cases printed directly */
    volatile int32_t imin = INT32_MIN, m1 = -1, zero = 0;
    volatile int64_t lmin = INT64_MIN, lm1 = -1;
    printf("div: INT32_MIN/-1=%" PRId32 " rem=%" PRId32 " INT64_MIN/-1=%" PRId64
           " 7/0=%" PRId32 "\n",
           sdiv32(imin, m1), srem32(imin, m1), sdiv64(lmin, lm1), sdiv32(7, zero));
    volatile int64_t n7 = -7, p2 = 2;
    printf("div: -7/2=%" PRId64 " -7%%2=%" PRId64 " 7/-2=%" PRId64 " 7%%-2=%" PRId64 "\n",
           n7 / p2, n7 % p2, -n7 / -p2, -n7 % -p2);
    section("div");
}

static void test_shift(void)
{
    for (unsigned i = 0; i < NI; i++) {
        uint64_t a = iget(i);
        for (unsigned n = 0; n < 64; n++) {
            mix(a << n);
            mix(a >> n);
            mix((uint64_t)((int64_t)a >> n));               /* asr: gcc/arm shift arithmetically */
            mix(rotl64(a, n));
            mix(rotr64(a, n));
            CHECK(rotr64(rotl64(a, n), n) == a, "rot inverse");
            if (n < 32) {
                uint32_t a32 = (uint32_t)a;
                mix(a32 << n);
                mix(a32 >> n);
                mix((uint64_t)(int64_t)((int32_t)a32 >> n));
                mix(rotr32(a32, n));
            }
        }
        /* variable shifts by a register amount; hardware masks, C must too */
        volatile unsigned amt = 67;
        mix(a << (amt & 63));
        mix(a >> (amt & 63));
    }
    section("shift");
}

static void test_bits(void)
{
    for (unsigned i = 0; i < NI + 300; i++) {
        uint64_t a = i < NI ? iget(i) : rng() >> (i % 64);
        uint32_t a32 = (uint32_t)a;
        if (a) {
            CHECK(__builtin_clzll(a) == ref_clz64(a), "clz %016" PRIx64, a);
            CHECK(__builtin_ctzll(a) == ref_ctz64(a), "ctz %016" PRIx64, a);
            mix((uint64_t)__builtin_clzll(a));
            mix((uint64_t)__builtin_ctzll(a));
            mix((uint64_t)__builtin_clrsbll((int64_t)a));
        }
        if (a32) {
            mix((uint64_t)__builtin_clz(a32));
            mix((uint64_t)__builtin_ctz(a32));
        }
        CHECK(__builtin_popcountll(a) == ref_pop64(a), "popcount %016" PRIx64, a);
        CHECK(rev64(a) == ref_rev64(a), "rbit %016" PRIx64, a);
        CHECK(rev32(a32) == (uint32_t)(ref_rev64(a32) >> 32), "rbit32 %08" PRIx32, a32);
        mix((uint64_t)__builtin_popcountll(a));
        mix((uint64_t)__builtin_popcount(a32));
        mix((uint64_t)__builtin_parityll(a));
        mix(rev64(a));
        mix(rev32(a32));
        mix(__builtin_bswap64(a));
        mix(__builtin_bswap32(a32));
        mix(__builtin_bswap16((uint16_t)a));
        /* sign/zero extensions (sxtb/sxth/sxtw/uxtb/uxth) */
        mix((uint64_t)(int64_t)(int8_t)a);
        mix((uint64_t)(int64_t)(int16_t)a);
        mix((uint64_t)(int64_t)(int32_t)a);
        mix((uint64_t)(uint8_t)a + (uint64_t)(uint16_t)a);
        /* bitfield extract/insert patterns (ubfx/sbfx/bfi) */
        mix((a >> 13) & 0x7ff);
        mix((uint64_t)(((int64_t)(a << 20)) >> 44));
        mix((a & ~0xff00ULL) | ((a & 0xff) << 8));
    }
    volatile uint64_t one = 1, top = 0x8000000000000000ULL, pat = 0x0123456789abcdefULL;
    printf("bits: clz(1)=%d ctz(top)=%d pop(pat)=%d rbit(pat)=%016" PRIx64
           " rev(pat)=%016" PRIx64 "\n",
           __builtin_clzll(one), __builtin_ctzll(top), __builtin_popcountll(pat),
           rev64(pat), __builtin_bswap64(pat));
    section("bits");
}

static void test_overflow(void)
{
    for (unsigned i = 0; i < NI; i++) {
        for (unsigned j = 0; j < NI; j++) {
            uint64_t a = iget(i), b = iget(j);
            int64_t sa = (int64_t)a, sb = (int64_t)b, sr;
            uint64_t ur;
            int32_t s32;
            int o;

            o = __builtin_add_overflow(sa, sb, &sr);
            __int128 w = (__int128)sa + sb;
            CHECK(o == (w < INT64_MIN || w > INT64_MAX), "sadd ovf");
            mix((uint64_t)sr ^ ((uint64_t)o << 63));
            o = __builtin_sub_overflow(sa, sb, &sr);
            w = (__int128)sa - sb;
            CHECK(o == (w < INT64_MIN || w > INT64_MAX), "ssub ovf");
            mix((uint64_t)sr + (uint64_t)o);
            o = __builtin_mul_overflow(sa, sb, &sr);
            w = (__int128)sa * sb;
            CHECK(o == (w < INT64_MIN || w > INT64_MAX), "smul ovf %" PRId64 "*%" PRId64, sa, sb);
            CHECK((uint64_t)sr == (uint64_t)w, "smul wrap");
            mix((uint64_t)sr + (uint64_t)o);
            o = __builtin_add_overflow(a, b, &ur);
            CHECK(o == (ur < a), "uadd ovf");
            mix(ur + (uint64_t)o);
            o = __builtin_sub_overflow(a, b, &ur);
            CHECK(o == (a < b), "usub ovf");
            mix(ur + (uint64_t)o);
            o = __builtin_mul_overflow(a, b, &ur);
            CHECK(o == ((((unsigned __int128)a * b) >> 64) != 0), "umul ovf");
            mix(ur + (uint64_t)o);
            o = __builtin_mul_overflow((int32_t)a, (int32_t)b, &s32);
            int64_t w32 = (int64_t)(int32_t)a * (int32_t)b;
            CHECK(o == (w32 < INT32_MIN || w32 > INT32_MAX), "smul32 ovf");
            mix((uint64_t)(uint32_t)s32 + (uint64_t)o);
        }
    }
    section("overflow");
}

static int64_t csel_branchy(int64_t a, int64_t b, int c)
{
    switch (c & 7) {
    case 0: return a < b ? a : b;
    case 1: return a > b ? a : b;
    case 2: return a == b ? a + 1 : b - 1;          /* csinc-like */
    case 3: return a != b ? a : ~b;                 /* csinv-like */
    case 4: return (uint64_t)a < (uint64_t)b ? -a : b;  /* csneg-like */
    case 5: return a < 0 ? -a : a;                  /* abs */
    case 6: return (a & 1) ? b : 0;
    default: return (uint64_t)a >= (uint64_t)b;     /* cset */
    }
}

static int64_t csel_masked(int64_t a, int64_t b, int c)
{
    uint64_t ua = (uint64_t)a, ub = (uint64_t)b, m;
    switch (c & 7) {
    case 0: m = -(uint64_t)(a < b); return (int64_t)((ua & m) | (ub & ~m));
    case 1: m = -(uint64_t)(a > b); return (int64_t)((ua & m) | (ub & ~m));
    case 2: m = -(uint64_t)(a == b); return (int64_t)(((ua + 1) & m) | ((ub - 1) & ~m));
    case 3: m = -(uint64_t)(a != b); return (int64_t)((ua & m) | (~ub & ~m));
    case 4: m = -(uint64_t)(ua < ub); return (int64_t)(((0 - ua) & m) | (ub & ~m));
    case 5: m = -(uint64_t)(a < 0); return (int64_t)(((0 - ua) & m) | (ua & ~m));
    case 6: m = -(ua & 1); return (int64_t)(ub & m);
    default: return (int64_t)(uint64_t)(ua >= ub);
    }
}

static void test_csel(void)
{
    for (unsigned i = 0; i < NI; i++) {
        for (unsigned j = 0; j < NI; j++) {
            int64_t a = (int64_t)iget(i), b = (int64_t)iget(j);
            for (int c = 0; c < 8; c++) {
                int64_t x = csel_branchy(a, b, c), y = csel_masked(a, b, c);
                CHECK(x == y, "csel %d %" PRId64 " %" PRId64 ": %" PRId64 " vs %" PRId64,
                      c, a, b, x, y);
                mix((uint64_t)x);
            }
            /* ccmp chains */
            mix((a > 0 && b > 0) | ((a == b || a < -5) << 1) |
                (((uint64_t)a > 100 && (uint64_t)b <= 7) << 2));
        }
    }
    section("csel");
}

/* ---- floating point ----------------------------------------------------- */

static double dtab[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.0, 0.1, -0.1, 1e-300,
    1e300, 123456789.0, -987654.321, 4503599627370496.0, 4503599627370497.0,
    9007199254740993.0, 1.0 / 3.0, 2.0 / 3.0, 0x1.fffffffffffffp-1,
    DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN, 0x1.8p-1070,
    0x0.fffffffffffffp-1022, DBL_EPSILON, INFINITY, -INFINITY, NAN, 3.14159,
    -1e-5, 65536.5, 2147483647.5, -2147483648.75, 0x1p53, 0x1p63, -0x1p63,
};
#define ND (sizeof dtab / sizeof dtab[0])

static float ftab[] = {
    0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 1.5f, 2.5f, -3.5f, 0.1f, 1e-30f, 1e30f,
    16777216.0f, 16777217.0f, 1.0f / 3.0f, FLT_MAX, -FLT_MAX, FLT_MIN,
    FLT_TRUE_MIN, 0x1.8p-148f, 0x0.fffffep-126f, FLT_EPSILON, INFINITY,
    -INFINITY, NAN, 3.14159f, -7.25f, 8388607.5f, 65504.0f,
};
#define NF (sizeof ftab / sizeof ftab[0])

static double dget(unsigned i)
{
    return ((volatile double *)dtab)[i];
}

static float fget(unsigned i)
{
    return ((volatile float *)ftab)[i];
}

static void test_fp_double(void)
{
    for (unsigned i = 0; i < ND; i++) {
        double a = dget(i);
        for (unsigned j = 0; j < ND; j++) {
            double b = dget(j), c = dget((i + 3 * j) % ND);
            mixd(a + b);
            mixd(a - b);
            mixd(a * b);
            mixd(a / b);
            mixd(fma(a, b, c));
            mixd(a * b + c);                    /* two roundings */
            mix((a < b) | ((a <= b) << 1) | ((a == b) << 2) | ((a > b) << 3) |
                ((uint64_t)isunordered(a, b) << 4));
        }
        mixd(sqrt(a));
        mixd(fabs(a));
        mixd(-a);
        mixd(copysign(2.0, a));
        mix((uint64_t)(fpclassify(a) + 16 * !!signbit(a) * !isnan(a)));
    }
    /* fma gives the exact product before rounding */
    volatile double x = 1.0 + 0x1p-30, y = 1.0 - 0x1p-30, z = -1.0;
    double fused = fma(x, y, z), unfused = x * y + z;
    printf("fma: fused=%a unfused=%a\n", fused, unfused);
    CHECK(fused == -0x1p-60, "fma exact residual %a", fused);
    CHECK(unfused == 0.0, "unfused rounds to 0: %a", unfused);
    volatile double third = 1.0 / 3.0, two = 2.0;
    printf("double: 1/3=%.17g %a sqrt2=%.17g %a\n", third, third, sqrt(two), sqrt(two));
    double s = sqrt(two);
    CHECK(s * s != two && fabs(s * s - two) <= 4.5e-16, "sqrt2 square");
    volatile double big = 1e308, tiny = DBL_MIN;
    printf("double: 1e308*10=%g -1e308*10=%g DBL_MIN/2=%a DBL_MIN/2^52=%a /2^53=%a\n",
           big * 10, -big * 10, tiny / 2, tiny / 0x1p52, tiny / 0x1p53);
    volatile double zero = 0.0, inf = INFINITY;
    printf("nan: 0/0=%d inf-inf=%d 0*inf=%d sqrt(-1)=%d nan==nan=%d inf>max=%d\n",
           isnan(zero / zero), isnan(inf - inf), isnan(zero * inf), isnan(sqrt(-two)),
           (zero / zero) == (zero / zero), inf > DBL_MAX);
    printf("zero: 1/-0=%g -0+0=%g -0-0=%g signbit(-0*5)=%d\n",
           1.0 / -zero, -zero + zero, -zero - zero, !!signbit(-zero * 5));
    section("fp64");
}

static void test_fp_float(void)
{
    for (unsigned i = 0; i < NF; i++) {
        float a = fget(i);
        for (unsigned j = 0; j < NF; j++) {
            float b = fget(j), c = fget((i * 5 + j) % NF);
            mixf(a + b);
            mixf(a - b);
            mixf(a * b);
            mixf(a / b);
            mixf(fmaf(a, b, c));
            mixf(a * b + c);
            mix((a < b) | ((a <= b) << 1) | ((a == b) << 2) | ((a > b) << 3));
        }
        mixf(sqrtf(a));
        mixf(fabsf(a));
        mixd((double)a);                       /* fcvt s->d, exact */
    }
    for (unsigned i = 0; i < ND; i++)
        mixf((float)dget(i));                  /* fcvt d->s, rounds */
    volatile float tenth = 0.1f, three = 3.0f, fmin = FLT_MIN;
    printf("float: 0.1f=%a 1/3f=%.9g sqrt3f=%a FLT_MIN/8=%a\n", (double)tenth,
           (double)(1.0f / three), (double)sqrtf(three), (double)(fmin / 8));
    volatile double dsub = 0x1.8p-149, dov = 1e39;
    printf("float: (float)0x1.8p-149=%a (float)1e39=%g (float)1e-50=%a\n",
           (double)(float)dsub, (double)(float)dov, (double)(float)(dsub * 1e-10));
    volatile float fx = 1.0f + 0x1p-13f, fy = 1.0f - 0x1p-13f, fz = -1.0f;
    printf("fmaf: fused=%a unfused=%a\n", (double)fmaf(fx, fy, fz), (double)(fx * fy + fz));
    section("fp32");
}

static void test_fp_convert(void)
{
    for (unsigned i = 0; i < ND; i++) {
        double a = dget(i);
        if (isnan(a) || isinf(a))
            continue;
        double t = trunc(a);
        /* only in-range conversions: out-of-range is undefined in C */
        if (t >= -0x1p63 && t < 0x1p63)
            mix((uint64_t)(int64_t)a);
        if (t >= 0 && t < 0x1p64)
            mix((uint64_t)a);
        if (t >= -0x1p31 && t < 0x1p31)
            mix((uint64_t)(int64_t)(int32_t)a);
        if (t >= 0 && t < 0x1p32)
            mix((uint64_t)(uint32_t)a);
        mixd(floor(a));
        mixd(ceil(a));
        mixd(trunc(a));
        mixd(round(a));
        mixd(rint(a));
        mixd(nearbyint(a));
        if (fabs(a) < 0x1p62) {
            mix((uint64_t)lround(a));
            mix((uint64_t)llrint(a));
        }
    }
    for (unsigned i = 0; i < NI; i++) {
        uint64_t v = iget(i);
        mixd((double)v);                       /* ucvtf */
        mixd((double)(int64_t)v);              /* scvtf */
        mixf((float)v);
        mixf((float)(int64_t)v);
        mixd((double)(int32_t)v);
        mixf((float)(uint32_t)v);
        double d = (double)(int32_t)v;
        CHECK((int32_t)d == (int32_t)v, "int32 roundtrip");
    }
    volatile double h = 2.5, nh = -2.5, h3 = 3.5, q = -0.4;
    printf("round: round(2.5)=%g rint(2.5)=%g rint(3.5)=%g round(-2.5)=%g floor(-2.5)=%g "
           "ceil(-0.4)=%g trunc(-2.5)=%g lround(-2.5)=%ld\n",
           round(h), rint(h), rint(h3), round(nh), floor(nh), ceil(q), trunc(nh), lround(nh));
    volatile uint64_t umax = UINT64_MAX, odd = 0x7fffffffffffffffULL, r53 = (1ULL << 53) + 1;
    printf("cvt: (double)UINT64_MAX=%a (double)INT64_MAX=%a (double)(2^53+1)=%.17g "
           "(float)(2^53+1)=%a\n",
           (double)umax, (double)(int64_t)odd, (double)r53, (double)(float)r53);
    volatile double v1 = -1.9999, v2 = 4294967295.9, v3 = -9.2233720368547748e18;
    printf("cvt: (int)-1.9999=%d (uint32)4294967295.9=%u (int64)-9.2e18=%" PRId64 "\n",
           (int)v1, (uint32_t)v2, (int64_t)v3);
    section("fpconv");
}

static void test_fp_rounding_modes(void)
{
    static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
    static const char *names[] = { "nearest", "upward", "downward", "towardzero" };
    volatile double one = 1.0, three = 3.0, mone = -1.0;
    volatile float fone = 1.0f, fthree = 3.0f;
    volatile double h = 2.5, mh = -2.5; /* no rint(-x): gcc may rewrite it as -rint(x) */
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        /* volatile stores keep the operations before the mode switch */
        volatile double p = one / three, n = mone / three;
        volatile float fp = fone / fthree;
        volatile double r = rint(h), rn = rint(mh);
        fesetround(FE_TONEAREST);
        printf("mode %-10s 1/3=%a -1/3=%a 1/3f=%a rint(2.5)=%g rint(-2.5)=%g\n", names[m], p,
               n, (double)fp, r, rn);
    }
    CHECK(fegetround() == FE_TONEAREST, "rounding mode restored");
    /* sticky exception flags (only unambiguous cases) */
    volatile double z = 0.0, big = DBL_MAX, small = DBL_MIN;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r1 = one / z;
    int dz = fetestexcept(FE_DIVBYZERO) != 0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r2 = z / z;
    int inv = fetestexcept(FE_INVALID) != 0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r3 = big * 2;
    int ovf = fetestexcept(FE_OVERFLOW | FE_INEXACT) == (FE_OVERFLOW | FE_INEXACT);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r4 = small * small;
    int unf = fetestexcept(FE_UNDERFLOW) != 0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r5 = one / three;
    int inx = fetestexcept(FE_INEXACT) != 0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r6 = one + three;
    int exact = fetestexcept(FE_ALL_EXCEPT) == 0;
    (void)r1, (void)r2, (void)r3, (void)r4, (void)r5, (void)r6;
    printf("fenv: divbyzero=%d invalid=%d overflow=%d underflow=%d inexact=%d exact=%d\n", dz,
           inv, ovf, unf, inx, exact);
}

/* ---- random operands: long hot loops over mixed operations ---------------- */

static double bits_to_double(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static void test_random(void)
{
    uint64_t isum = 0;
    for (int k = 0; k < 50000; k++) {
        uint64_t a = rng(), b = rng() >> (k % 61);
        int64_t sa = (int64_t)a, sb = (int64_t)b;
        unsigned n = (unsigned)(a >> 58);
        isum += udiv64(a, b) ^ (uint64_t)sdiv64(sa, sb | 1) ^ (uint64_t)srem64(sa, sb);
        isum = rotl64(isum, 7) ^ (a * b) ^ (uint64_t)(((unsigned __int128)a * b) >> 64);
        isum += (a << n) ^ (b >> n) ^ (uint64_t)(sa >> n);
        isum ^= (uint64_t)__builtin_popcountll(a ^ b) << (k & 31);
        isum += a > b ? a - b : b - a;
        if ((k & 1023) == 0)
            mix(isum);
    }
    mix(isum);
    for (int k = 0; k < 20000; k++) {
        /* random bit patterns: all classes, including NaN, inf, subnormals */
        uint64_t ua = rng(), ub = rng();
        if (k % 4 == 1)
            ub = (ub & 0x800fffffffffffffULL) | (ua & 0x7ff0000000000000ULL); /* close exponents */
        if (k % 8 == 3)
            ua &= 0x800fffffffffffffULL;                                     /* subnormal */
        double a = bits_to_double(ua), b = bits_to_double(ub);
        mixd(a + b);
        mixd(a * b);
        mixd(a / b);
        mixd(fma(a, b, a));
        mixd(sqrt(fabs(a)));
        float fa = (float)a, fb = (float)(b * 0x1p-900);
        mixf(fa * fb + fa);
        mixf(fa / (fb + 1.0f));
        if (fabs(a) < 0x1p62)
            mix((uint64_t)(int64_t)a ^ (uint64_t)llrint(a));
        mix((uint64_t)((a < b) | (a == b) << 1 | (uint64_t)isunordered(a, b) << 2));
    }
    section("random");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* partial output survives a crash */
    sum = 0xcbf29ce484222325ULL;
    test_addsub();
    test_mul();
    test_div();
    test_shift();
    test_bits();
    test_overflow();
    test_csel();
    test_fp_double();
    test_fp_float();
    test_fp_convert();
    test_random();
    test_fp_rounding_modes();
    printf("arith: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
