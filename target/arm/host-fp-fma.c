/*
 * Fused multiply-add (FMADD, FMSUB, FNMADD, FNMSUB, FMLA and FMLS by
 * element, single and double) on the host's FMA unit, with -hybrid on.
 *
 * Why: Debian builds C with FP contraction on, so FP code is full of
 * fused multiply-adds.  QEMU 7.2's helpers reach softfloat's host fast
 * path, which calls libm's fma()/fmaf() through the PLT after its own
 * checks: float32_muladd(), __fmaf_fma3 and helper_vfp_muladds() were
 * 13.7% of lame's samples (SUITE=real, -hybrid on, perf).
 *
 * Owns: a subset of the cases softfloat's fast path (fpu/softfloat.c,
 * float32_muladd()) computes on the host, computed by the FMA instruction
 * itself.  The sticky IXC flag is already set and the mode is round to
 * nearest even (so an inexact result changes no flag), the three inputs
 * are zero or normal (no NaN, infinity or denormal, so nothing is invalid
 * and FPCR.FZ has nothing to flush), and the result is finite and larger
 * than the smallest normal in magnitude (so there was no overflow, and
 * the exact result was not tiny).  Then IEEE 754's fusedMultiplyAdd, which
 * both the FMA instruction and softfloat compute, gives the same bits and
 * raises nothing new.  Everything else is QEMU's: the helper calls
 * float32_muladd() or float64_muladd() when these return false.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "fpu/softfloat.h"
#include "hybrid/target/arm/host-simd.h"
#include <float.h>
#include <math.h>

static bool fma_on_host(void)
{
    static int8_t use;      /* 0: not asked yet; 1 or -1 */

    if (unlikely(!use)) {
        use = host_simd_allowed(host_cpuid_fma()) ? 1 : -1;
    }
    return use > 0;
}

/* The state in which an inexact result changes nothing. */
static bool fast_state(const float_status *s)
{
    return (s->float_exception_flags & float_flag_inexact) &&
           s->float_rounding_mode == float_round_nearest_even;
}

static bool zon32(uint32_t b)
{
    uint32_t e = extract32(b, 23, 8);

    return e != 0xff && (e != 0 || extract32(b, 0, 23) == 0);
}

static bool zon64(uint64_t b)
{
    uint64_t e = extract64(b, 52, 11);

    return e != 0x7ff && (e != 0 || extract64(b, 0, 52) == 0);
}

#if defined(__x86_64__)
#define FMA_TARGET __attribute__((target("fma")))

static FMA_TARGET float fma32(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

static FMA_TARGET double fma64(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}
#else
static float fma32(float a, float b, float c)
{
    g_assert_not_reached();
}

static double fma64(double a, double b, double c)
{
    g_assert_not_reached();
}
#endif

bool host_fp_muladd32(uint32_t a, uint32_t b, uint32_t c, float_status *s,
                      uint32_t *res)
{
    float fa, fb, fc, r;

    if (!fast_state(s) || !zon32(a) || !zon32(b) || !zon32(c) ||
        !fma_on_host()) {
        return false;
    }
    memcpy(&fa, &a, sizeof(fa));
    memcpy(&fb, &b, sizeof(fb));
    memcpy(&fc, &c, sizeof(fc));
    r = fma32(fa, fb, fc);
    if (!(fabsf(r) > FLT_MIN) || isinf(r)) {
        return false;
    }
    memcpy(res, &r, sizeof(*res));
    return true;
}

bool host_fp_muladd64(uint64_t a, uint64_t b, uint64_t c, float_status *s,
                      uint64_t *res)
{
    double da, db, dc, r;

    if (!fast_state(s) || !zon64(a) || !zon64(b) || !zon64(c) ||
        !fma_on_host()) {
        return false;
    }
    memcpy(&da, &a, sizeof(da));
    memcpy(&db, &b, sizeof(db));
    memcpy(&dc, &c, sizeof(dc));
    r = fma64(da, db, dc);
    if (!(fabs(r) > DBL_MIN) || isinf(r)) {
        return false;
    }
    memcpy(res, &r, sizeof(*res));
    return true;
}
