/*
 * TBL and TBX on the host's byte shuffle (SSSE3 PSHUFB).
 *
 * Why: QEMU 7.2's helper_simd_tblx() looks up one byte at a time behind
 * a branch on the index, which the host mispredicts whenever the indices
 * are data: 21.5% of flac's samples (SUITE=real, -hybrid on, perf).
 *
 * Owns: the exact mapping.  The table is 1 to 4 registers Vn..Vn+k-1,
 * wrapping from V31 to V0; result byte i is table byte idx[i] if idx[i] <
 * 16k, else 0 (TBL) or the old byte of Vd (TBX).  Per table register j,
 * x = idx - 16j (mod 256) saturating-plus 0x70 is x's low nibble with the
 * top bit clear exactly when x < 16, and PSHUFB gives 0 for a set top
 * bit: the OR over j is TBL.  TBX keeps Vd where idx >= 16k.  Everything
 * is read before Vd is written (Vd may be in the table or be Vm).  A
 * 64-bit form (oprsz 8) clears bytes 8 and up, as QEMU does.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "tcg/tcg-gvec-desc.h"
#include "hybrid/target/arm/host-simd.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#if defined(__x86_64__)
__attribute__((target("ssse3")))
static void tbl_ssse3(void *vd, const void *vm, CPUARMState *env,
                      unsigned rn, unsigned regs, bool tbx)
{
    __m128i idx = _mm_loadu_si128(vm);
    __m128i r = _mm_setzero_si128();

    for (unsigned j = 0; j < regs; j++) {
        __m128i t = _mm_loadu_si128((void *)&env->vfp.zregs[(rn + j) % 32]);
        __m128i x = _mm_sub_epi8(idx, _mm_set1_epi8(16 * j));

        x = _mm_adds_epu8(x, _mm_set1_epi8(0x70));
        r = _mm_or_si128(r, _mm_shuffle_epi8(t, x));
    }
    if (tbx) {
        __m128i last = _mm_set1_epi8(16 * regs - 1);
        __m128i in = _mm_cmpeq_epi8(_mm_min_epu8(idx, last), idx);

        r = _mm_or_si128(_mm_and_si128(in, r),
                         _mm_andnot_si128(in, _mm_loadu_si128(vd)));
    }
    _mm_storeu_si128(vd, r);
}
#endif

bool host_simd_tbl(void *vd, const void *vm, CPUARMState *env, uint32_t desc)
{
    static int8_t use;      /* 0: not asked yet; 1 or -1 */
    unsigned rn = extract32(desc, SIMD_DATA_SHIFT, 5);
    bool tbx = extract32(desc, SIMD_DATA_SHIFT + 5, 1);
    unsigned len = desc >> (SIMD_DATA_SHIFT + 6);

    if (unlikely(!use)) {
        use = host_simd_allowed(host_cpuid_ssse3()) ? 1 : -1;
    }
    if (use < 0 || len % 16 != 0 || len == 0 || len > 64) {
        return false;
    }
#if defined(__x86_64__)
    tbl_ssse3(vd, vm, env, rn, len / 16, tbx);
    host_simd_clear(vd, simd_oprsz(desc), simd_maxsz(desc));
    return true;
#else
    return false;
#endif
}
