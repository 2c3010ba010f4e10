/*
 * Fused multiply-add on the host's FMA unit: whether it may be used
 * (-hybrid on, and the host's cpuid).  The instruction, what is computed
 * and why it is exact: host-fp-fma.h.
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
