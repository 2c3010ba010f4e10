/*
 * FCMP, FCMPE, FCCMP, FCCMPE (single and double) on the host's compare,
 * with -hybrid on: inline in QEMU's a64 compare helpers (patch 0025),
 * which call softfloat when these return false.
 *
 * Why: compares are as frequent as arithmetic in FP code, and each went
 * through the helper, a call to float32_compare() and softfloat's input
 * checks: helper_vfp_cmpes_a64() and float32_hs_compare() were 5.3% of
 * lame's samples (SUITE=real, -hybrid on, perf).
 *
 * Owns: neither input a NaN (a quiet compare then raises nothing, and
 * neither does a signalling one: only NaNs make them differ) and, when
 * FPCR.FZ flushes inputs, neither a denormal (softfloat would flush it to
 * zero and raise IDC).  Then the host's ordered compare of the two values
 * (exact; MXCSR's DAZ is off, so a denormal is not zero, and -0 == +0)
 * gives softfloat's relation and no flag changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TARGET_ARM_HOST_FP_CMP_H
#define HYBRID_TARGET_ARM_HOST_FP_CMP_H

#include "fpu/softfloat.h"
#include "hybrid/accel/tcg/hybrid.h"

/*
 * host_fp_cmp32() on uint32_t and float, host_fp_cmp64() on uint64_t and
 * double: @MB mantissa bits, @EM the exponent's mask.
 */
#define HOST_FP_CMP(N, UT, FT, MB, EM)                                      \
static inline bool host_fp_cmp##N##_ok(UT x, const float_status *s)        \
{                                                                           \
    UT e = x & ((UT)EM << MB), m = x & (((UT)1 << MB) - 1);                 \
                                                                            \
    return !(e == ((UT)EM << MB) && m) &&                                   \
           !(e == 0 && m && s->flush_inputs_to_zero);                       \
}                                                                           \
                                                                            \
static inline bool host_fp_cmp##N(UT a, UT b, const float_status *s,       \
                                  FloatRelation *rel)                       \
{                                                                           \
    FT fa, fb;                                                              \
                                                                            \
    if (!hybrid_config.enabled || !host_fp_cmp##N##_ok(a, s) ||             \
        !host_fp_cmp##N##_ok(b, s)) {                                       \
        return false;                                                       \
    }                                                                       \
    memcpy(&fa, &a, sizeof(fa));                                            \
    memcpy(&fb, &b, sizeof(fb));                                            \
    *rel = fa < fb ? float_relation_less :                                  \
           fa == fb ? float_relation_equal : float_relation_greater;        \
    return true;                                                            \
}

HOST_FP_CMP(32, uint32_t, float, 23, 0xff)
HOST_FP_CMP(64, uint64_t, double, 52, 0x7ff)

#endif /* HYBRID_TARGET_ARM_HOST_FP_CMP_H */
