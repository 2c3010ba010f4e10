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
 * The checks are inline in QEMU's two helpers (patch 0024); the FMA
 * instruction is inline below; the host's cpuid and the switch are in
 * host-fp-fma.c.
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
#ifndef HYBRID_TARGET_ARM_HOST_FP_FMA_H
#define HYBRID_TARGET_ARM_HOST_FP_FMA_H

#include <float.h>
#include <math.h>
#include "fpu/softfloat.h"
#include "hybrid/target/arm/host-simd.h"

/* host-fp-fma.c: 1 when the FMA paths may run, -1 not, 0 not asked yet. */
extern int8_t host_fma_use;
void host_fma_probe(void);

/*
 * a * b + c, rounded once: VFMADD231, reached only once host_fma_ready()
 * said yes.  As an asm statement it needs no target("fma") on the
 * helper around it, so it stays inline: as a call into host-fp-fma.c
 * it cost a call, a return and the spills around them, about a fifth of
 * helper_vfp_muladds(), lame's hottest helper (perf annotate).
 */
#if defined(__x86_64__)
static inline float host_fma32(float a, float b, float c)
{
    asm("vfmadd231ss %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
    return c;
}

static inline double host_fma64(double a, double b, double c)
{
    asm("vfmadd231sd %2, %1, %0" : "+x"(c) : "x"(a), "x"(b));
    return c;
}
#else
static inline float host_fma32(float a, float b, float c)
{
    g_assert_not_reached();
}

static inline double host_fma64(double a, double b, double c)
{
    g_assert_not_reached();
}
#endif

static inline bool host_fma_ready(void)
{
    if (unlikely(!host_fma_use)) {
        host_fma_probe();
    }
    return host_fma_use > 0;
}

/* The state in which an inexact result changes nothing. */
static inline bool host_fma_state(const float_status *s)
{
    return (s->float_exception_flags & float_flag_inexact) &&
           s->float_rounding_mode == float_round_nearest_even;
}

/*
 * a * b + c rounded once, if exact on the host: the helpers' muladd.
 * host_fp_muladd32() on uint32_t and float, host_fp_muladd64() on
 * uint64_t and double.
 */
#define HOST_FP_MULADD(N, UT, FT, ZON, FMA, FABS, MIN)                      \
static inline bool host_fp_muladd##N(UT a, UT b, UT c, float_status *s,    \
                                     UT *res)                               \
{                                                                           \
    FT fa, fb, fc, r;                                                       \
                                                                            \
    if (!host_fma_state(s) || !ZON(a) || !ZON(b) || !ZON(c) ||              \
        !host_fma_ready()) {                                                \
        return false;                                                       \
    }                                                                       \
    memcpy(&fa, &a, sizeof(fa));                                            \
    memcpy(&fb, &b, sizeof(fb));                                            \
    memcpy(&fc, &c, sizeof(fc));                                            \
    r = FMA(fa, fb, fc);                                                    \
    if (!(FABS(r) > MIN) || isinf(r)) {                                     \
        return false;                                                       \
    }                                                                       \
    memcpy(res, &r, sizeof(*res));                                          \
    return true;                                                            \
}

HOST_FP_MULADD(32, uint32_t, float, host_fp_zon32, host_fma32, fabsf, FLT_MIN)
HOST_FP_MULADD(64, uint64_t, double, host_fp_zon64, host_fma64, fabs, DBL_MIN)

#endif /* HYBRID_TARGET_ARM_HOST_FP_FMA_H */
