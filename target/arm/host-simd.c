/*
 * AdvSIMD and crypto helpers on the host's units: when they may be used.
 *
 * Owns: the host's features (cpuid) and the switch (-hybrid on).  An
 * x86-64 host is not guaranteed SSSE3 or the SHA extensions, so each
 * helper asks for what it needs; anything else, and every other host, is
 * QEMU's C code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/target/arm/host-simd.h"
#if defined(__x86_64__)
#include <cpuid.h>
#endif

bool host_simd_allowed(bool have)
{
    return have && hybrid_config.enabled;
}

#if defined(__x86_64__)
static unsigned cpuid_reg(unsigned leaf, int reg)
{
    unsigned r[4] = { 0 };

    if (__get_cpuid_count(leaf, 0, &r[0], &r[1], &r[2], &r[3])) {
        return r[reg];
    }
    return 0;
}

bool host_cpuid_ssse3(void)
{
    return cpuid_reg(1, 2) & bit_SSSE3;             /* ecx */
}

bool host_cpuid_sha(void)
{
    /* SHA256RNDS2 and friends work on xmm registers: SSE4.1 is there too. */
    return (cpuid_reg(7, 1) & bit_SHA) &&           /* ebx */
           (cpuid_reg(1, 2) & bit_SSE4_1) && host_cpuid_ssse3();
}

bool host_cpuid_fma(void)
{
    unsigned ecx = cpuid_reg(1, 2), lo, hi;

    /* FMA is VEX-encoded: the OS must save the AVX state (XCR0 bits 1, 2). */
    if (!(ecx & bit_FMA) || !(ecx & bit_OSXSAVE)) {
        return false;
    }
    asm("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6;
}
#else
bool host_cpuid_ssse3(void)
{
    return false;
}

bool host_cpuid_sha(void)
{
    return false;
}

bool host_cpuid_fma(void)
{
    return false;
}
#endif
