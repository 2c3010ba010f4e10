/*
 * FCVT from double to single precision (FCVT Sd, Dn, and FCVTN per lane)
 * on the host's units, with -hybrid on: inline in QEMU's conversion
 * helper (patch 0023), which calls softfloat when this returns false.
 *
 * Why: softfloat has a host path for widening (float32_to_float64()) but
 * none for narrowing: float64_to_float32() and the pack and round code
 * it runs were most of the 9% of sox's samples in the two conversions
 * (SUITE=real, -hybrid on, perf).  Inline: an out-of-line version cost
 * its stack protector and a result through memory on every call.
 *
 * The conversion is done only under round to nearest even (MXCSR's mode,
 * which QEMU leaves as it is), for a zero or normal input whose magnitude
 * is 0 or at least FLT_MIN and whose result is finite.  Then the result is
 * not tiny (Arm detects tininess before rounding: the exact magnitude is
 * already at least FLT_MIN), no overflow happened, FZ has nothing to
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

static inline bool host_fp_narrow(uint64_t bits, float_status *s,
                                  uint32_t *res)
{
    double d;
    float f;

    if (!hybrid_config.enabled ||
        s->float_rounding_mode != float_round_nearest_even ||
        extract64(bits, 52, 11) == 0x7ff ||
        (extract64(bits, 52, 11) == 0 && extract64(bits, 0, 52) != 0)) {
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
