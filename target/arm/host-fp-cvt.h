/*
 * Floating point conversions on the host's units, with -hybrid on,
 * inline in QEMU's helpers (patches 0022 and 0023), which call softfloat
 * when these return false: to integers rounding toward zero (FCVTZS,
 * FCVTZU from single or double, to 32 or 64 bits) and from double to
 * single precision (FCVT Sd, Dn, and FCVTN per lane).
 *
 * Why: C code converts with FCVTZS/FCVTZU, which QEMU 7.2 runs through
 * softfloat's general path (unpack, round, repack): 5.6% of lame's
 * samples in float32_to_int32_scalbn(), parts64_float_to_sint() and the
 * helper (SUITE=real, -hybrid on, perf).  Softfloat has a host path for
 * widening (float32_to_float64()) but none for narrowing:
 * float64_to_float32() and the pack and round code it runs were most of
 * the 9% of sox's samples in the two conversions.  Inline: out of line,
 * each call paid a stack protector and a result through memory, and the
 * conversion to integers its tests of the widths on every call (5.9% of
 * lame's samples in it and its helper, out of line).
 *
 * Owns: the cases that are exact on the host and nothing else.
 *
 * To integers: the input is zero or normal (a denormal may be flushed by
 * FPCR.FZ and raise IDC; infinities and NaNs are QEMU's), the mode is
 * round toward zero and there is no fixed-point shift, and the truncated
 * value fits the integer type.  Then the host's truncating conversion
 * gives the same integer, and the only flag the conversion can raise is
 * IXC (inexact), raised exactly when the value was not an integer, which
 * is checked by converting back (exact: the integer has fewer significant
 * bits than the input's format, or the input already was that integer).
 * A negative input to an unsigned type is QEMU's (it may round to 0 with
 * IXC, or be invalid).
 *
 * Double to single: only under round to nearest even (MXCSR's mode,
 * which QEMU leaves as it is), for a zero or normal input whose magnitude
 * is 0 or at least FLT_MIN and whose result is finite.  Then the result
 * is not tiny (Arm detects tininess before rounding: the exact magnitude
 * is already at least FLT_MIN), no overflow happened, FZ has nothing to
 * flush, and the one flag is IXC, raised when converting back differs.
 * Everything else (NaNs, infinities, denormal inputs, underflow and
 * overflow) is QEMU's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TARGET_ARM_HOST_FP_CVT_H
#define HYBRID_TARGET_ARM_HOST_FP_CVT_H

#include <float.h>
#include <math.h>
#include "fpu/softfloat.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/target/arm/host-simd.h"

static inline bool host_fp_to_int(uint64_t bits, int fsz, int isz,
                                  bool is_signed, uint32_t shift,
                                  FloatRoundMode mode, float_status *s,
                                  uint64_t *res)
{
    double d;
    bool exact;

    /* Half precision (fsz 16) is QEMU's. */
    if (!hybrid_config.enabled || shift != 0 ||
        mode != float_round_to_zero ||
        !(fsz == 32 ? host_fp_zon32(bits) :
          fsz == 64 && host_fp_zon64(bits))) {
        return false;
    }
    if (fsz == 32) {
        uint32_t b = bits;
        float f;

        memcpy(&f, &b, sizeof(f));
        d = f;
    } else {
        memcpy(&d, &bits, sizeof(d));
    }
    if (is_signed && isz == 32 && d > -2147483649.0 && d < 2147483648.0) {
        int32_t r = d;

        exact = r == d;
        *res = (uint32_t)r;
    } else if (is_signed && isz == 64 &&
               d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
        int64_t r = d;

        exact = r == d;
        *res = r;
    } else if (!is_signed && isz == 32 && d >= 0 && d < 4294967296.0) {
        uint32_t r = d;

        exact = r == d;
        *res = r;
    } else if (!is_signed && isz == 64 && d >= 0 &&
               d < 18446744073709551616.0) {
        uint64_t r = d;

        exact = r == d;
        *res = r;
    } else {
        return false;
    }
    if (!exact) {
        float_raise(float_flag_inexact, s);
    }
    return true;
}

static inline bool host_fp_narrow(uint64_t bits, float_status *s,
                                  uint32_t *res)
{
    double d;
    float f;

    if (!hybrid_config.enabled ||
        s->float_rounding_mode != float_round_nearest_even ||
        !host_fp_zon64(bits)) {
        return false;
    }
    memcpy(&d, &bits, sizeof(d));
    if (d != 0 && fabs(d) < FLT_MIN) {
        return false;
    }
    f = d;
    if (isinf(f)) {
        return false;
    }
    if ((double)f != d) {
        float_raise(float_flag_inexact, s);
    }
    memcpy(res, &f, sizeof(*res));
    return true;
}

#endif /* HYBRID_TARGET_ARM_HOST_FP_CVT_H */
