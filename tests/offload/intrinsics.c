/*
 * Offload test: a function using aarch64 intrinsics (arm_neon.h) must be
 * reported not offloaded (intrinsic) without spoiling the rest of the
 * file: the plain function next to it is offloaded.
 */
//! offloaded: plain_sum
//! called: plain_sum
//! not-offloaded: neon_sum:intrinsic main:asm
#include <arm_neon.h>
#include <stdio.h>
#include "offload-test.h"

OFFLOAD_FN uint32_t neon_sum(const uint32_t *p, int n)
{
    uint32x4_t acc = vdupq_n_u32(0);
    for (int i = 0; i + 4 <= n; i += 4)
        acc = vaddq_u32(acc, vld1q_u32(p + i));
    return vaddvq_u32(acc);
}

OFFLOAD_FN uint32_t plain_sum(const uint32_t *p, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

int main(void)
{
    static uint32_t v[256];

    GUEST_ONLY();
    for (int i = 0; i < 256; i++)
        v[i] = i * 2654435761u;
    printf("neon: %u plain: %u\n", neon_sum(v, 256), plain_sum(v, 256));
    printf("intrinsics: done\n");
    return 0;
}
