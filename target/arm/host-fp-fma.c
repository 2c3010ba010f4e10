/*
 * Fused multiply-add on the host's FMA unit: the instruction, and whether
 * it may be used (-hybrid on, and the host's cpuid).  What is computed
 * here and why it is exact: host-fp-fma.h, whose inline checks call this.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "hybrid/target/arm/host-simd.h"
#include "hybrid/target/arm/host-fp-fma.h"

int8_t host_fma_use;

void host_fma_probe(void)
{
    host_fma_use = host_simd_allowed(host_cpuid_fma()) ? 1 : -1;
}

#if defined(__x86_64__)
#define FMA_TARGET __attribute__((target("fma")))

FMA_TARGET float host_fma32(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

FMA_TARGET double host_fma64(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}
#else
float host_fma32(float a, float b, float c)
{
    g_assert_not_reached();
}

double host_fma64(double a, double b, double c)
{
    g_assert_not_reached();
}
#endif
