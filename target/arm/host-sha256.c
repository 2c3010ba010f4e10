/*
 * SHA256H, SHA256H2, SHA256SU0 and SHA256SU1 on the host's SHA
 * extensions (SHA256RNDS2, SHA256MSG1, SHA256MSG2).
 *
 * Why: openssl's PBKDF2 (SUITE=real) spent 37% of its samples in QEMU's
 * C rounds and the clearing after them.
 *
 * Owns: the mapping, exact because both compute the same SHA-256 round
 * and schedule functions (FIPS 180-4) on the same words.
 *   - The state: aarch64 keeps (a, b, c, d) and (e, f, g, h) in two
 *     registers, word 0 first; SHA256RNDS2 keeps (A, B, E, F) and (C, D,
 *     G, H), A in the top word, and runs two rounds.  Two of them make
 *     the four rounds of SHA256H; after two rounds (C, D, G, H) is the
 *     old (A, B, E, F).  SHA256H returns the new (a, b, c, d), SHA256H2
 *     (given (e, f, g, h) in Vd and the old (a, b, c, d) in Vn) the new
 *     (e, f, g, h): the same four rounds, the other half of the state.
 *   - SHA256SU0 is SHA256MSG1 (w[i] + sigma0(w[i+1]), w[4] from Vm).
 *   - SHA256SU1 adds (n1, n2, n3, m0) first, then SHA256MSG2's sigma1
 *     terms from m2, m3 and its own first two results.
 * Bytes 16 and up of Vd are cleared, as QEMU's clear_tail_16() does.
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

static bool sha_on_host(void)
{
    static int8_t use;      /* 0: not asked yet; 1 or -1 */

    if (unlikely(!use)) {
        use = host_simd_allowed(host_cpuid_sha()) ? 1 : -1;
    }
    return use > 0;
}

#if defined(__x86_64__)
#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds from (a, b, c, d), (e, f, g, h) and w + k: either half. */
SHA_TARGET
static __m128i rounds4(const uint32_t *abcd, const uint32_t *efgh,
                       const void *wk, bool want_efgh)
{
    __m128i abef = _mm_set_epi32(abcd[0], abcd[1], efgh[0], efgh[1]);
    __m128i cdgh = _mm_set_epi32(abcd[2], abcd[3], efgh[2], efgh[3]);
    __m128i k = _mm_loadu_si128(wk);
    __m128i abef2 = _mm_sha256rnds2_epu32(cdgh, abef, k);
    __m128i abef4 = _mm_sha256rnds2_epu32(abef, abef2,
                                          _mm_shuffle_epi32(k, 0x0e));

    /* Words low to high: a b c d = A4 B4 A2 B2; e f g h = E4 F4 E2 F2. */
    if (want_efgh) {
        return _mm_unpacklo_epi64(_mm_shuffle_epi32(abef4, 0x01),
                                  _mm_shuffle_epi32(abef2, 0x01));
    }
    return _mm_unpackhi_epi64(_mm_shuffle_epi32(abef4, 0xb0),
                              _mm_shuffle_epi32(abef2, 0xb0));
}

SHA_TARGET
static void h_host(void *vd, const void *vn, const void *vm, bool h2)
{
    uint32_t d[4], n[4];

    memcpy(d, vd, 16);
    memcpy(n, vn, 16);
    /* SHA256H2's Vd is (e, f, g, h) and its Vn (a, b, c, d). */
    _mm_storeu_si128(vd, h2 ? rounds4(n, d, vm, true)
                            : rounds4(d, n, vm, false));
}

SHA_TARGET
static void su0_host(void *vd, const void *vm)
{
    _mm_storeu_si128(vd, _mm_sha256msg1_epu32(_mm_loadu_si128(vd),
                                              _mm_loadu_si128(vm)));
}

SHA_TARGET
static void su1_host(void *vd, const void *vn, const void *vm)
{
    __m128i m = _mm_loadu_si128(vm);
    __m128i n1m0 = _mm_alignr_epi8(m, _mm_loadu_si128(vn), 4);

    _mm_storeu_si128(vd, _mm_sha256msg2_epu32(
                             _mm_add_epi32(_mm_loadu_si128(vd), n1m0), m));
}
#endif

typedef enum { SHA_H, SHA_H2, SHA_SU0, SHA_SU1 } ShaOp;

/* One of the four, and bytes 16 and up of Vd cleared; false if not here. */
static bool sha_host(ShaOp op, void *vd, const void *vn, const void *vm,
                     uint32_t desc)
{
#if defined(__x86_64__)
    if (!sha_on_host()) {
        return false;
    }
    switch (op) {
    case SHA_H:
    case SHA_H2:
        h_host(vd, vn, vm, op == SHA_H2);
        break;
    case SHA_SU0:
        su0_host(vd, vm);
        break;
    case SHA_SU1:
        su1_host(vd, vn, vm);
        break;
    }
    host_simd_clear(vd, 16, simd_maxsz(desc));
    return true;
#else
    return false;
#endif
}

bool host_sha256h(void *vd, const void *vn, const void *vm, uint32_t desc)
{
    return sha_host(SHA_H, vd, vn, vm, desc);
}

bool host_sha256h2(void *vd, const void *vn, const void *vm, uint32_t desc)
{
    return sha_host(SHA_H2, vd, vn, vm, desc);
}

bool host_sha256su0(void *vd, const void *vm, uint32_t desc)
{
    return sha_host(SHA_SU0, vd, NULL, vm, desc);
}

bool host_sha256su1(void *vd, const void *vn, const void *vm, uint32_t desc)
{
    return sha_host(SHA_SU1, vd, vn, vm, desc);
}
