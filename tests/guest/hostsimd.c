/*
 * Guest test: the AdvSIMD and crypto instructions that -hybrid on runs on
 * the host's vector units (target/arm/host-tbl.c, host-sha256.c), each
 * checked against a C reference on pseudo-random inputs:
 *   TBL and TBX with 1 to 4 table registers, 8- and 16-byte forms,
 *   indices in and out of range, a table that wraps from V31 to V0, Vd
 *   inside the table and Vd equal to the index register;
 *   SHA256H, SHA256H2, SHA256SU0, SHA256SU1 one at a time, and whole
 *   SHA-256 digests made with them (the reference itself checked on
 *   FIPS 180-2's "abc").
 * The output is a summary, the same on hardware and under a correct
 * emulator.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include "check.h"

#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif

#define SVE __attribute__((target("+sve"), noinline))

static uint64_t seed = 0x9e3779b97f4a7c15ull;

static uint8_t rnd8(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint8_t)(seed >> 24);
}

static void fill(uint8_t *p, int n)
{
    for (int i = 0; i < n; i++) {
        p[i] = rnd8();
    }
}

/* ---- TBL, TBX ---------------------------------------------------------- */

struct tbl_in {
    uint8_t table[64];          /* v16-v19, or v30, v31, v0, v1 */
    uint8_t idx[16];            /* v24 */
    uint8_t old[16];            /* v20 before */
};

#define TBL_LOAD                                                             \
    "ld1 {v16.16b, v17.16b, v18.16b, v19.16b}, [%[t]]\n"                     \
    "ldr q30, [%[t]]\n"                                                      \
    "ldr q31, [%[t], #16]\n"                                                 \
    "ldr q0, [%[t], #32]\n"                                                  \
    "ldr q1, [%[t], #48]\n"                                                  \
    "ldr q24, [%[i]]\n"                                                      \
    "ldr q20, [%[o]]\n"

#define TBL_CASE(name, insn, result)                                         \
    static void name(const struct tbl_in *in, uint8_t *out)                  \
    {                                                                        \
        asm volatile(TBL_LOAD insn "\n"                                      \
                     "str " result ", [%[r]]\n"                              \
                     : : [t] "r"(in->table), [i] "r"(in->idx),               \
                       [o] "r"(in->old), [r] "r"(out)                        \
                     : "memory", "v0", "v1", "v16", "v17", "v18", "v19",    \
                       "v20", "v24", "v30", "v31");                          \
    }

TBL_CASE(tbl1, "tbl v20.16b, {v16.16b}, v24.16b", "q20")
TBL_CASE(tbl2, "tbl v20.16b, {v16.16b, v17.16b}, v24.16b", "q20")
TBL_CASE(tbl3, "tbl v20.16b, {v16.16b, v17.16b, v18.16b}, v24.16b", "q20")
TBL_CASE(tbl4, "tbl v20.16b, {v16.16b, v17.16b, v18.16b, v19.16b}, v24.16b",
         "q20")
TBL_CASE(tbx1, "tbx v20.16b, {v16.16b}, v24.16b", "q20")
TBL_CASE(tbx2, "tbx v20.16b, {v16.16b, v17.16b}, v24.16b", "q20")
TBL_CASE(tbx3, "tbx v20.16b, {v16.16b, v17.16b, v18.16b}, v24.16b", "q20")
TBL_CASE(tbx4, "tbx v20.16b, {v16.16b, v17.16b, v18.16b, v19.16b}, v24.16b",
         "q20")
TBL_CASE(tbl1h, "tbl v20.8b, {v16.16b}, v24.8b", "q20")
TBL_CASE(tbl4h, "tbl v20.8b, {v16.16b, v17.16b, v18.16b, v19.16b}, v24.8b",
         "q20")
TBL_CASE(tbx2h, "tbx v20.8b, {v16.16b, v17.16b}, v24.8b", "q20")
TBL_CASE(tbx4h, "tbx v20.8b, {v16.16b, v17.16b, v18.16b, v19.16b}, v24.8b",
         "q20")
TBL_CASE(tblwrap, "tbl v20.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v24.16b",
         "q20")
TBL_CASE(tbxwrap, "tbx v20.16b, {v31.16b, v0.16b}, v24.16b", "q20")
TBL_CASE(tblself, "tbl v17.16b, {v16.16b, v17.16b}, v24.16b", "q17")
TBL_CASE(tbxidx, "tbx v24.16b, {v16.16b, v17.16b, v18.16b}, v24.16b", "q24")

static const struct {
    const char *name;
    void (*fn)(const struct tbl_in *, uint8_t *);
    int regs, first, tbx, bytes, old_is_idx;
} tbl_cases[] = {
    { "tbl 1", tbl1, 1, 0, 0, 16, 0 },
    { "tbl 2", tbl2, 2, 0, 0, 16, 0 },
    { "tbl 3", tbl3, 3, 0, 0, 16, 0 },
    { "tbl 4", tbl4, 4, 0, 0, 16, 0 },
    { "tbx 1", tbx1, 1, 0, 1, 16, 0 },
    { "tbx 2", tbx2, 2, 0, 1, 16, 0 },
    { "tbx 3", tbx3, 3, 0, 1, 16, 0 },
    { "tbx 4", tbx4, 4, 0, 1, 16, 0 },
    { "tbl 1, 8b", tbl1h, 1, 0, 0, 8, 0 },
    { "tbl 4, 8b", tbl4h, 4, 0, 0, 8, 0 },
    { "tbx 2, 8b", tbx2h, 2, 0, 1, 8, 0 },
    { "tbx 4, 8b", tbx4h, 4, 0, 1, 8, 0 },
    { "tbl v30-v1", tblwrap, 4, 0, 0, 16, 0 },
    { "tbx v31-v0", tbxwrap, 2, 16, 1, 16, 0 },
    { "tbl into its table", tblself, 2, 0, 0, 16, 0 },
    { "tbx into its index", tbxidx, 3, 0, 1, 16, 1 },
};

static void tbl_ref(const struct tbl_in *in, uint8_t *want, int regs,
                    int first, int tbx, int bytes, int old_is_idx)
{
    for (int i = 0; i < 16; i++) {
        uint8_t x = in->idx[i];
        uint8_t old = old_is_idx ? in->idx[i] : in->old[i];

        if (i >= bytes) {
            want[i] = 0;
        } else if (x < 16 * regs) {
            want[i] = in->table[first + x];
        } else {
            want[i] = tbx ? old : 0;
        }
    }
}

static void tbl_tests(void)
{
    int fails = failures;

    for (size_t c = 0; c < sizeof(tbl_cases) / sizeof(tbl_cases[0]); c++) {
        for (int rep = 0; rep < 2000; rep++) {
            struct tbl_in in;
            uint8_t got[16], want[16];

            fill(in.table, sizeof(in.table));
            fill(in.idx, sizeof(in.idx));
            fill(in.old, sizeof(in.old));
            /* Half the time, indices mostly within the table. */
            for (int i = 0; rep % 2 && i < 16; i++) {
                in.idx[i] %= 16 * tbl_cases[c].regs + 4;
            }
            tbl_cases[c].fn(&in, got);
            tbl_ref(&in, want, tbl_cases[c].regs, tbl_cases[c].first,
                    tbl_cases[c].tbx, tbl_cases[c].bytes,
                    tbl_cases[c].old_is_idx);
            if (memcmp(got, want, 16) != 0) {
                CHECK(0, "%s: wrong bytes (case %d)", tbl_cases[c].name, rep);
                break;
            }
        }
    }
    printf("tbl, tbx: %s\n", failures == fails ? "ok" : "wrong");
}

/* ---- SHA-256 ----------------------------------------------------------- */

static uint32_t ror(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static uint32_t big_s0(uint32_t x)
{
    return ror(x, 2) ^ ror(x, 13) ^ ror(x, 22);
}

static uint32_t big_s1(uint32_t x)
{
    return ror(x, 6) ^ ror(x, 11) ^ ror(x, 25);
}

static uint32_t small_s0(uint32_t x)
{
    return ror(x, 7) ^ ror(x, 18) ^ (x >> 3);
}

static uint32_t small_s1(uint32_t x)
{
    return ror(x, 17) ^ ror(x, 19) ^ (x >> 10);
}

/* Four rounds on abcd, efgh (word 0 first) with w + k in wk. */
static void ref_rounds(uint32_t *abcd, uint32_t *efgh, const uint32_t *wk)
{
    for (int i = 0; i < 4; i++) {
        uint32_t a = abcd[0], b = abcd[1], c = abcd[2], d = abcd[3];
        uint32_t e = efgh[0], f = efgh[1], g = efgh[2], h = efgh[3];
        uint32_t t1 = h + big_s1(e) + ((e & f) ^ (~e & g)) + wk[i];
        uint32_t t2 = big_s0(a) + ((a & b) ^ (a & c) ^ (b & c));

        abcd[0] = t1 + t2, abcd[1] = a, abcd[2] = b, abcd[3] = c;
        efgh[0] = d + t1, efgh[1] = e, efgh[2] = f, efgh[3] = g;
    }
}

#define CRYPTO __attribute__((target("+crypto"), noinline))

/* One instruction: Vd = op(Vd, Vn, Vm), all 16 bytes of each. */
#define SHA_OP(name, insn)                                                   \
    CRYPTO static void name(uint32_t *d, const uint32_t *n,                  \
                            const uint32_t *m)                               \
    {                                                                        \
        asm volatile("ldr q5, [%0]\n"                                        \
                     "ldr q6, [%1]\n"                                        \
                     "ldr q7, [%2]\n"                                        \
                     insn "\n"                                               \
                     "str q5, [%0]\n"                                        \
                     : : "r"(d), "r"(n), "r"(m)                              \
                     : "memory", "v5", "v6", "v7");                          \
    }

SHA_OP(op_h, "sha256h q5, q6, v7.4s")
SHA_OP(op_h2, "sha256h2 q5, q6, v7.4s")
SHA_OP(op_su0, "sha256su0 v5.4s, v7.4s")
SHA_OP(op_su1, "sha256su1 v5.4s, v6.4s, v7.4s")

static void sha_ops(void)
{
    int fails = failures;

    for (int rep = 0; rep < 20000; rep++) {
        uint32_t d[4], n[4], m[4], got[4], want[4], x[4], y[4];

        fill((uint8_t *)d, 16);
        fill((uint8_t *)n, 16);
        fill((uint8_t *)m, 16);

        memcpy(got, d, 16);
        op_h(got, n, m);
        memcpy(x, d, 16), memcpy(y, n, 16);
        ref_rounds(x, y, m);
        CHECK(memcmp(got, x, 16) == 0, "sha256h, case %d", rep);

        memcpy(got, d, 16);
        op_h2(got, n, m);           /* Vd: e f g h, Vn: a b c d */
        memcpy(x, n, 16), memcpy(y, d, 16);
        ref_rounds(x, y, m);
        CHECK(memcmp(got, y, 16) == 0, "sha256h2, case %d", rep);

        memcpy(got, d, 16);
        op_su0(got, n, m);
        for (int i = 0; i < 4; i++) {
            want[i] = d[i] + small_s0(i < 3 ? d[i + 1] : m[0]);
        }
        CHECK(memcmp(got, want, 16) == 0, "sha256su0, case %d", rep);

        memcpy(got, d, 16);
        op_su1(got, n, m);
        want[0] = d[0] + small_s1(m[2]) + n[1];
        want[1] = d[1] + small_s1(m[3]) + n[2];
        want[2] = d[2] + small_s1(want[0]) + n[3];
        want[3] = d[3] + small_s1(want[1]) + m[0];
        CHECK(memcmp(got, want, 16) == 0, "sha256su1, case %d", rep);
        if (failures - fails > 8) {
            break;
        }
    }
    printf("sha256 instructions: %s\n", failures == fails ? "ok" : "wrong");
}

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/* One 64-byte block, plain C (FIPS 180-4). */
static void block_ref(uint32_t *h, const uint8_t *p)
{
    uint32_t w[64], abcd[4], efgh[4];

    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t)p[4 * i] << 24 | p[4 * i + 1] << 16 |
               p[4 * i + 2] << 8 | p[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        w[i] = small_s1(w[i - 2]) + w[i - 7] + small_s0(w[i - 15]) +
               w[i - 16];
    }
    memcpy(abcd, h, 16);
    memcpy(efgh, h + 4, 16);
    for (int i = 0; i < 64; i += 4) {
        uint32_t wk[4] = { w[i] + K[i], w[i + 1] + K[i + 1],
                           w[i + 2] + K[i + 2], w[i + 3] + K[i + 3] };
        ref_rounds(abcd, efgh, wk);
    }
    for (int i = 0; i < 4; i++) {
        h[i] += abcd[i];
        h[i + 4] += efgh[i];
    }
}

/* The same block with the instructions, as a crypto library does it. */
CRYPTO static void block_insn(uint32_t *h, const uint8_t *p)
{
    asm volatile(
        "ld1 {v0.4s, v1.4s}, [%[h]]\n"
        "ld1 {v4.16b, v5.16b, v6.16b, v7.16b}, [%[p]]\n"
        "rev32 v4.16b, v4.16b\n"
        "rev32 v5.16b, v5.16b\n"
        "rev32 v6.16b, v6.16b\n"
        "rev32 v7.16b, v7.16b\n"
        "mov v16.16b, v0.16b\n"
        "mov v17.16b, v1.16b\n"
        "mov x9, %[k]\n"
        "mov x10, #12\n"
        /* 48 rounds that also extend the schedule, 4 at a time */
        "1:\n"
        "ld1 {v20.4s}, [x9], #16\n"
        "add v20.4s, v20.4s, v4.4s\n"
        "mov v18.16b, v0.16b\n"
        "sha256h q0, q1, v20.4s\n"
        "sha256h2 q1, q18, v20.4s\n"
        "sha256su0 v4.4s, v5.4s\n"
        "sha256su1 v4.4s, v6.4s, v7.4s\n"
        "mov v21.16b, v4.16b\n"
        "mov v4.16b, v5.16b\n"
        "mov v5.16b, v6.16b\n"
        "mov v6.16b, v7.16b\n"
        "mov v7.16b, v21.16b\n"
        "subs x10, x10, #1\n"
        "b.ne 1b\n"
        /* the last 16 */
        "mov x10, #4\n"
        "2:\n"
        "ld1 {v20.4s}, [x9], #16\n"
        "add v20.4s, v20.4s, v4.4s\n"
        "mov v18.16b, v0.16b\n"
        "sha256h q0, q1, v20.4s\n"
        "sha256h2 q1, q18, v20.4s\n"
        "mov v4.16b, v5.16b\n"
        "mov v5.16b, v6.16b\n"
        "mov v6.16b, v7.16b\n"
        "subs x10, x10, #1\n"
        "b.ne 2b\n"
        "add v0.4s, v0.4s, v16.4s\n"
        "add v1.4s, v1.4s, v17.4s\n"
        "st1 {v0.4s, v1.4s}, [%[h]]\n"
        : : [h] "r"(h), [p] "r"(p), [k] "r"(K)
        : "memory", "cc", "x9", "x10", "v0", "v1", "v4", "v5", "v6", "v7",
          "v16", "v17", "v18", "v20", "v21");
}

/* SHA-256 of @len bytes (len % 64 <= 55: one padding block). */
static void digest(uint32_t *h, const uint8_t *msg, size_t len, int insn)
{
    uint8_t last[64];
    size_t full = len / 64 * 64;

    memcpy(h, H0, sizeof(H0));
    for (size_t i = 0; i < full; i += 64) {
        insn ? block_insn(h, msg + i) : block_ref(h, msg + i);
    }
    memset(last, 0, 64);
    memcpy(last, msg + full, len - full);
    last[len - full] = 0x80;
    for (int i = 0; i < 8; i++) {
        last[63 - i] = (uint8_t)((uint64_t)len * 8 >> (8 * i));
    }
    insn ? block_insn(h, last) : block_ref(h, last);
}

static void sha_digests(void)
{
    static const uint32_t abc[8] = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    };
    uint8_t msg[64 * 8 + 40];
    uint32_t got[8], want[8];
    int fails = failures;

    digest(want, (const uint8_t *)"abc", 3, 0);
    CHECK(memcmp(want, abc, 32) == 0, "the C reference's sha256(\"abc\")");
    digest(got, (const uint8_t *)"abc", 3, 1);
    CHECK(memcmp(got, abc, 32) == 0, "sha256(\"abc\") by the instructions");
    for (int rep = 0; rep < 300; rep++) {
        size_t len = (size_t)rep % 9 * 64 + rep % 41;

        fill(msg, (int)len);
        digest(got, msg, len, 1);
        digest(want, msg, len, 0);
        CHECK(memcmp(got, want, 32) == 0, "sha256 of %zu bytes", len);
    }
    printf("sha256 digests: %s\n", failures == fails ? "ok" : "wrong");
}

/* ---- The SVE bytes above an AdvSIMD result ------------------------------ */

/*
 * An AdvSIMD write of V20 zeroes Z20 above its 8 or 16 bytes.  Z20 is
 * filled with 0x5a first; the result is read back whole.  With a vector
 * length of 64 bytes, the 8-byte form leaves 56 bytes to clear: 16-byte
 * stores and an 8-byte tail (host_zero()).
 */
#define TBL_HIGH(name, insn)                                                 \
    SVE static void name(const struct tbl_in *in, uint8_t *out)              \
    {                                                                        \
        asm volatile(TBL_LOAD "dup z20.b, #0x5a\n" insn "\n"                 \
                     "str z20, [%[r]]\n"                                     \
                     : : [t] "r"(in->table), [i] "r"(in->idx),               \
                       [o] "r"(in->old), [r] "r"(out)                        \
                     : "memory", "v0", "v1", "v16", "v17", "v18", "v19",    \
                       "z20", "v24", "v30", "v31");                          \
    }

TBL_HIGH(tbl_high8, "tbl v20.8b, {v16.16b}, v24.8b")
TBL_HIGH(tbl_high16, "tbl v20.16b, {v16.16b}, v24.16b")

SVE static unsigned vector_bytes(void)
{
    uint64_t n;

    asm volatile("cntb %0" : "=r"(n));
    return n;
}

static void tbl_high_tests(void)
{
    static const struct {
        const char *name;
        void (*fn)(const struct tbl_in *, uint8_t *);
        unsigned bytes;
    } cases[] = {
        { "tbl 8b", tbl_high8, 8 },
        { "tbl 16b", tbl_high16, 16 },
    };
    unsigned vl = vector_bytes();
    int fails = failures;

    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        for (int rep = 0; rep < 200; rep++) {
            struct tbl_in in;
            uint8_t got[256];

            fill(in.table, sizeof(in.table));
            fill(in.idx, sizeof(in.idx));
            fill(in.old, sizeof(in.old));
            cases[c].fn(&in, got);
            for (unsigned i = cases[c].bytes; i < vl && i < sizeof(got); i++) {
                if (got[i]) {
                    printf("FAIL %s: z20 byte %u of %u is 0x%02x\n",
                           cases[c].name, i, vl, got[i]);
                    failures++;
                    break;
                }
            }
        }
    }
    printf("tbl, upper bytes: %s\n", failures == fails ? "ok" : "FAIL");
}

int main(void)
{
    tbl_tests();
    if (getauxval(AT_HWCAP) & HWCAP_SVE) {
        tbl_high_tests();
    } else {
        printf("tbl, upper bytes: ok\n");
        fprintf(stderr, "hostsimd: no SVE, upper bytes not checked\n");
    }
    if (getauxval(AT_HWCAP) & HWCAP_SHA2) {
        sha_ops();
        sha_digests();
    } else {
        /* Same output: a CPU without SHA-256 has nothing to check here. */
        printf("sha256 instructions: ok\nsha256 digests: ok\n");
        fprintf(stderr, "hostsimd: no SHA-256 instructions, not checked\n");
    }
    return failures != 0;
}
