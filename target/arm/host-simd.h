/*
 * AdvSIMD, crypto and FP helpers on the host's own units, with -hybrid on
 * (host-tbl.c, host-sha256.c, host-fp-fma.c; inline in the helpers:
 * host-fp-cvt.h for FCVTZS, FCVTZU and FCVT to single, host-fp-fma.h).
 *
 * Each is called first by QEMU's helper of the same instruction (patches
 * 0020 to 0024) with the helper's arguments, and returns false to leave
 * the work to QEMU's C code: with -hybrid off, or on a host without the
 * instructions it needs.  Each result is the architecture's, bit for bit:
 * the same integer functions, or the same IEEE 754 operations in the
 * cases where the host's flags say nothing the guest's must (see each
 * file), computed by other instructions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TARGET_ARM_HOST_SIMD_H
#define HYBRID_TARGET_ARM_HOST_SIMD_H

/* TBL, TBX: helper_simd_tblx(). */
bool host_simd_tbl(void *vd, const void *vm, CPUARMState *env, uint32_t desc);

/* SHA256H, SHA256H2, SHA256SU0, SHA256SU1: helper_crypto_sha256*(). */
bool host_sha256h(void *vd, const void *vn, const void *vm, uint32_t desc);
bool host_sha256h2(void *vd, const void *vn, const void *vm, uint32_t desc);
bool host_sha256su0(void *vd, const void *vm, uint32_t desc);
bool host_sha256su1(void *vd, const void *vn, const void *vm, uint32_t desc);

/*
 * Used by the files above: may the helpers use the host's units, given
 * @have (the host has what they need, from host_cpuid_*())?
 */
bool host_simd_allowed(bool have);
bool host_cpuid_ssse3(void);
bool host_cpuid_sha(void);
bool host_cpuid_fma(void);

/* Is @b, a single (double), zero or normal: no NaN, infinity or denormal? */
static inline bool host_fp_zon32(uint32_t b)
{
    uint32_t e = extract32(b, 23, 8);

    return e != 0xff && (e != 0 || extract32(b, 0, 23) == 0);
}

static inline bool host_fp_zon64(uint64_t b)
{
    uint64_t e = extract64(b, 52, 11);

    return e != 0x7ff && (e != 0 || extract64(b, 0, 52) == 0);
}

/*
 * Zero @n bytes at @p, @n a multiple of 8, in 16-byte stores.  memset()
 * of a size known only at run time became REP STOSQ, whose start-up is
 * slow for these few bytes: it took 55% of host_simd_tbl()'s samples
 * (flac, perf) and 58% of sve_byte_copy_load()'s (perl).
 */
static inline void host_zero(void *p, uintptr_t n)
{
    uint8_t *b = p;
    uintptr_t i = 0;

    for (; i + 16 <= n; i += 16) {
        uint64_t z[2] = { 0, 0 };

        /* The asm keeps GCC from turning the loop into memset again. */
        asm("" : "+m"(*(uint8_t (*)[16])(b + i)) : : );
        memcpy(b + i, z, 16);
    }
    if (i < n) {
        uint64_t z = 0;

        memcpy(b + i, &z, 8);
    }
}

/* Zero bytes [@from, @to) of the vector register at @vd. */
static inline void host_simd_clear(void *vd, uintptr_t from, uintptr_t to)
{
    if (to > from) {
        host_zero((uint8_t *)vd + from, to - from);
    }
}

#endif /* HYBRID_TARGET_ARM_HOST_SIMD_H */
