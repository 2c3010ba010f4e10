/*
 * Guest test: memory functions, heap, stack, unaligned access, single-threaded
 * __atomic builtins and string functions.
 *
 * The library routines (glibc's aarch64 SIMD memcpy/strlen/...) are compared
 * with naive byte loops at many sizes and alignments.  Output is a handful of
 * lines and checksums; any mismatch prints a FAIL line and exits 1.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

static uint32_t crc;

static void crc_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint32_t c = ~crc;
    for (size_t i = 0; i < n; i++) {
        c ^= b[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    }
    crc = ~c;
}

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 131 + seed * 7 + (i >> 8));
}

/* Byte-by-byte references.  The volatile pointer stops gcc from turning
 * these loops back into library calls. */
static void ref_copy(unsigned char *d, const unsigned char *s, size_t n)
{
    volatile unsigned char *vd = d;
    if (d < s) {
        for (size_t i = 0; i < n; i++)
            vd[i] = s[i];
    } else {
        for (size_t i = n; i-- > 0;)
            vd[i] = s[i];
    }
}

#define BUF 1024

static void test_memcpy_memset(void)
{
    static unsigned char src[BUF + 64], dst[BUF + 64], ref[BUF + 64];
    static const size_t sizes[] = { 0,  1,  2,  3,  4,  5,  7,  8,  9,  15, 16,  17,  31,  32,
                                    33, 47, 48, 63, 64, 65, 95, 96, 127, 128, 129, 255, 256, 257,
                                    511, 600, 777, 1000 };
    unsigned nsizes = sizeof sizes / sizeof sizes[0];
    unsigned bad = 0, runs = 0;

    crc = 0;
    for (unsigned si = 0; si < nsizes; si++) {
        size_t n = sizes[si];
        for (unsigned so = 0; so < 16; so++) {
            for (unsigned doff = 0; doff < 16; doff++) {
                fill_pattern(src, sizeof src, so + n);
                memset(dst, 0xa5, sizeof dst);
                memset(ref, 0xa5, sizeof ref);
                memcpy(dst + doff, src + so, n);
                ref_copy(ref + doff, src + so, n);
                runs++;
                if (memcmp(dst, ref, sizeof dst) != 0) {
                    bad++;
                    CHECK(0, "memcpy n=%zu src+%u dst+%u", n, so, doff);
                }
            }
        }
        /* memset with every alignment and a few byte values */
        for (unsigned off = 0; off < 16; off++) {
            int val = (int)(n * 3 + off) & 0xff;
            memset(dst, 0x11, sizeof dst);
            memset(dst + off, val, n);
            for (size_t i = 0; i < sizeof dst; i++) {
                int want = (i >= off && i < off + n) ? val : 0x11;
                if (dst[i] != want) {
                    CHECK(0, "memset n=%zu off=%u at %zu: %02x want %02x", n, off, i, dst[i],
                          want);
                    break;
                }
            }
            crc_bytes(dst, sizeof dst);
        }
        crc_bytes(dst, sizeof dst);
    }
    printf("memcpy/memset: %u cases, %u bad, crc %08" PRIx32 "\n", runs, bad, crc);
}

static void test_memmove(void)
{
    static unsigned char buf[BUF + 64], ref[BUF + 64];
    unsigned runs = 0, bad = 0;

    crc = 0;
    for (int k = 0; k < 3000; k++) {
        size_t n = (size_t)(rng() % 700);
        if (k % 3 == 0)
            n = (size_t)(rng() % 40);
        size_t a = (size_t)(rng() % (BUF - n)), b = (size_t)(rng() % (BUF - n));
        if (k % 5 == 0)                    /* heavily overlapping: small distance */
            b = a + (size_t)(rng() % 9) > BUF - n ? a : a + (size_t)(rng() % 9);
        if (k % 5 == 1)
            b = a >= 9 ? a - (size_t)(rng() % 9) : a;
        fill_pattern(buf, sizeof buf, (unsigned)k);
        memcpy(ref, buf, sizeof buf);
        memmove(buf + b, buf + a, n);
        ref_copy(ref + b, ref + a, n);
        runs++;
        if (memcmp(buf, ref, sizeof buf) != 0) {
            bad++;
            CHECK(0, "memmove n=%zu %zu->%zu", n, a, b);
        }
        if (k % 64 == 0)
            crc_bytes(buf, sizeof buf);
    }
    printf("memmove: %u cases, %u bad, crc %08" PRIx32 "\n", runs, bad, crc);

    /* memcmp sign and position */
    unsigned char x[80], y[80];
    int cmpbad = 0;
    for (unsigned i = 0; i < 70; i++) {
        for (unsigned n = i + 1; n <= 70; n += 7) {
            fill_pattern(x, sizeof x, 3);
            memcpy(y, x, sizeof y);
            y[i] = (unsigned char)(x[i] + 1);       /* y > x at byte i (unsigned) */
            if (x[i] == 0xff)
                y[i] = 0, x[i] = 0xff;
            int want = x[i] < y[i] ? -1 : 1;
            int r1 = memcmp(x, y, n), r2 = memcmp(y, x, n), r3 = memcmp(x, y, i);
            if ((r1 < 0 ? -1 : 1) != want || (r2 < 0 ? -1 : 1) != -want || r3 != 0)
                cmpbad++;
        }
    }
    CHECK(cmpbad == 0, "memcmp: %d bad", cmpbad);
    printf("memcmp: %s\n", cmpbad ? "bad" : "ok");
}

static void test_heap(void)
{
    enum { N = 512 };
    static unsigned char *ptr[N];
    static size_t len[N];
    unsigned bad = 0, allocs = 0;

    for (int round = 0; round < 6; round++) {
        for (int i = 0; i < N; i++) {
            size_t n;
            switch ((i + round) % 4) {
            case 0: n = (size_t)(rng() % 64); break;
            case 1: n = (size_t)(rng() % 4096); break;
            case 2: n = (size_t)(rng() % 70000); break;
            default: n = (size_t)(rng() % 300000) + 100000; break;  /* mmap-sized */
            }
            if (ptr[i]) {
                /* verify the old contents, then free or realloc */
                for (size_t j = 0; j < len[i]; j += 1 + j / 64)
                    if (ptr[i][j] != (unsigned char)(i + j + len[i])) {
                        bad++;
                        CHECK(0, "heap content slot %d at %zu", i, j);
                        break;
                    }
                if (i % 3 == 0) {
                    free(ptr[i]);
                    ptr[i] = NULL;
                    len[i] = 0;
                } else {
                    size_t keep = len[i] < n ? len[i] : n;
                    unsigned char *q = realloc(ptr[i], n ? n : 1);
                    CHECK(q != NULL, "realloc %zu", n);
                    if (!q)
                        continue;
                    for (size_t j = 0; j < keep; j += 1 + j / 64)
                        if (q[j] != (unsigned char)(i + j + len[i])) {
                            bad++;
                            CHECK(0, "realloc kept content slot %d at %zu", i, j);
                            break;
                        }
                    ptr[i] = q;
                    len[i] = n;
                    for (size_t j = 0; j < n; j++)
                        q[j] = (unsigned char)(i + j + n);
                    continue;
                }
            }
            ptr[i] = malloc(n);
            allocs++;
            CHECK(ptr[i] != NULL || n == 0, "malloc %zu", n);
            CHECK(((uintptr_t)ptr[i] & 15) == 0, "malloc alignment %zu", n);
            if (!ptr[i])
                continue;
            len[i] = n;
            for (size_t j = 0; j < n; j++)
                ptr[i][j] = (unsigned char)(i + j + n);
        }
    }
    for (int i = 0; i < N; i++)
        free(ptr[i]);

    /* aligned allocation */
    for (size_t al = 16; al <= 65536; al *= 4) {
        void *p = aligned_alloc(al, al * 3);
        CHECK(p && ((uintptr_t)p % al) == 0, "aligned_alloc %zu", al);
        if (p)
            memset(p, 0x5a, al * 3);
        free(p);
    }

    /* large calloc must be zero; touch it sparsely, write, re-check */
    size_t big = 48u << 20;
    unsigned char *z = calloc(big, 1);
    CHECK(z != NULL, "calloc %zu", big);
    if (z) {
        size_t nonzero = 0;
        for (size_t j = 0; j < big; j += 4093)
            nonzero += z[j] != 0;
        nonzero += z[big - 1] != 0;
        CHECK(nonzero == 0, "calloc not zero: %zu", nonzero);
        for (size_t j = 0; j < big; j += 4096)
            z[j] = (unsigned char)(j >> 12);
        size_t wrong = 0;
        for (size_t j = 0; j < big; j += 4096)
            wrong += z[j] != (unsigned char)(j >> 12);
        CHECK(wrong == 0, "big buffer readback: %zu", wrong);
        free(z);
    }
    /* calloc after free of dirty memory is still zero */
    for (int k = 0; k < 20; k++) {
        size_t n = 1000 + (size_t)k * 3000;
        unsigned char *d = malloc(n);
        memset(d, 0xee, n);
        free(d);
        unsigned char *c = calloc(n, 1);
        size_t nz = 0;
        for (size_t j = 0; j < n; j++)
            nz += c[j] != 0;
        CHECK(nz == 0, "calloc(%zu) reuse: %zu nonzero", n, nz);
        free(c);
    }
    printf("heap: %u allocations, %u bad\n", allocs, bad);
}

static uint64_t __attribute__((noinline)) deep(int depth, uint64_t acc)
{
    volatile unsigned char pad[4000];
    pad[0] = (unsigned char)depth;
    pad[3999] = (unsigned char)(acc >> 3);
    if (depth == 0)
        return acc;
    uint64_t r = deep(depth - 1, acc * 31 + depth);
    return r + pad[0] + pad[3999];
}

static void test_stack(void)
{
    /* 2 MiB array on the stack, written in full */
    volatile unsigned char big[2 << 20];
    uint32_t s = 0;
    for (size_t i = 0; i < sizeof big; i += 512)
        big[i] = (unsigned char)(i >> 9);
    for (size_t i = 0; i < sizeof big; i += 512)
        s += big[i];
    /* ~1.6 MiB of frames through recursion */
    uint64_t r = deep(400, 1);
    printf("stack: sum %" PRIu32 " deep %016" PRIx64 "\n", s, r);
}

static void test_unaligned(void)
{
    unsigned char buf[64 + 16];
    uint64_t acc = 0;
    for (unsigned off = 0; off < 16; off++) {
        for (unsigned i = 0; i < sizeof buf; i++)
            buf[i] = (unsigned char)(i * 17 + 1);
        uint16_t h;
        uint32_t w;
        uint64_t d;
        double f;
        __uint128_t q;
        memcpy(&h, buf + off, 2);
        memcpy(&w, buf + off + 1, 4);
        memcpy(&d, buf + off + 3, 8);
        memcpy(&q, buf + off + 5, 16);
        acc = acc * 1000003 + h + w + d + (uint64_t)(q >> 64) + (uint64_t)q;
        /* little-endian value built by hand */
        uint64_t manual = 0;
        for (int k = 7; k >= 0; k--)
            manual = (manual << 8) | buf[off + 3 + k];
        CHECK(manual == d, "unaligned load off %u", off);
        /* unaligned stores */
        d = 0x0102030405060708ULL + off;
        memcpy(buf + off + 7, &d, 8);
        w = 0xdeadbeefu ^ off;
        memcpy(buf + off + 1, &w, 4);
        f = 1.5 + off;
        memcpy(buf + off + 20, &f, 8);
        q = ((__uint128_t)d << 64) | w;
        memcpy(buf + off + 33, &q, 16);
        CHECK(buf[off + 7] == (unsigned char)(8 + off) && buf[off + 14] == 1,
              "unaligned store off %u", off);
        double g;
        memcpy(&g, buf + off + 20, 8);
        CHECK(g == 1.5 + off, "unaligned double off %u", off);
        crc_bytes(buf, sizeof buf);
    }
    /* packed struct member access */
    struct __attribute__((packed)) pk {
        char c;
        uint64_t x;
        uint32_t y;
        uint16_t z;
    } p[5];
    for (int i = 0; i < 5; i++) {
        p[i].c = (char)i;
        p[i].x = 0x1111111111111111ULL * (uint64_t)(i + 1);
        p[i].y = 0x22222222u * (uint32_t)(i + 1);
        p[i].z = (uint16_t)(0x3333 * (i + 1));
    }
    uint64_t ps = 0;
    for (int i = 0; i < 5; i++)
        ps += p[i].x ^ p[i].y ^ p[i].z ^ (uint64_t)p[i].c;
    printf("unaligned: %016" PRIx64 " packed %016" PRIx64 " sizeof %zu\n", acc, ps,
           sizeof(struct pk));
}

static void test_atomics(void)
{
    static uint8_t a8;
    static uint16_t a16;
    static uint32_t a32;
    static uint64_t a64;
    uint64_t log = 0;

    for (int i = 0; i < 1000; i++) {
        log = log * 3 + __atomic_fetch_add(&a8, 7, __ATOMIC_SEQ_CST);
        log = log * 3 + __atomic_fetch_add(&a16, 1001, __ATOMIC_RELAXED);
        log = log * 3 + __atomic_fetch_sub(&a32, 123457, __ATOMIC_ACQ_REL);
        log = log * 3 + __atomic_add_fetch(&a64, 0x100000001ULL, __ATOMIC_SEQ_CST);
        log ^= __atomic_fetch_xor(&a32, (uint32_t)i, __ATOMIC_SEQ_CST);
        log ^= __atomic_fetch_or(&a64, 1ULL << (i % 64), __ATOMIC_SEQ_CST);
        log ^= __atomic_fetch_and(&a16, (uint16_t)~(1u << (i % 16)), __ATOMIC_SEQ_CST);
    }
    printf("atomics: a8=%u a16=%u a32=%08" PRIx32 " a64=%016" PRIx64 " log=%016" PRIx64 "\n",
           a8, a16, a32, a64, log);

    uint64_t v = 5, expected = 4;
    int ok1 = __atomic_compare_exchange_n(&v, &expected, 9, 0, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
    /* failure writes back the current value */
    CHECK(!ok1 && expected == 5 && v == 5, "cas fail: ok=%d exp=%" PRIu64, ok1, expected);
    int ok2 = __atomic_compare_exchange_n(&v, &expected, 9, 0, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST);
    CHECK(ok2 && v == 9, "cas success");
    uint32_t w = 1;
    int tries = 0;
    uint32_t cur = __atomic_load_n(&w, __ATOMIC_ACQUIRE);
    while (!__atomic_compare_exchange_n(&w, &cur, cur * 3 + 1, 1, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE) && tries < 1000)
        tries++;
    CHECK(w == 4, "weak cas loop: %u", w);
    uint16_t h = 0x1234;
    uint16_t old = __atomic_exchange_n(&h, 0xbeef, __ATOMIC_SEQ_CST);
    uint8_t b = 0;
    int was = __atomic_test_and_set(&b, __ATOMIC_SEQ_CST);
    int was2 = __atomic_test_and_set(&b, __ATOMIC_SEQ_CST);
    uint64_t x = __atomic_exchange_n(&a64, 42, __ATOMIC_SEQ_CST);
    uint64_t l = __atomic_load_n(&a64, __ATOMIC_SEQ_CST);
    __atomic_store_n(&a64, l + 1, __ATOMIC_RELEASE);
    printf("cas: fail=%d success=%d v=%" PRIu64 " xchg old=%04x new=%04x tas=%d,%d "
           "xchg64 old=%016" PRIx64 " now=%" PRIu64 "\n",
           ok1, ok2, v, old, h, was, !!was2, x, a64);
}

static size_t ref_strlen(const char *s)
{
    size_t n = 0;
    while (((volatile const char *)s)[n])
        n++;
    return n;
}

static int sgn(int x)
{
    return (x > 0) - (x < 0);
}

static int ref_strcmp(const char *a, const char *b)
{
    const volatile unsigned char *x = (const void *)a, *y = (const void *)b;
    size_t i = 0;
    while (x[i] && x[i] == y[i])
        i++;
    return sgn(x[i] - y[i]);
}

static const char *ref_strchr(const char *s, int c)
{
    for (const volatile char *p = s;; p++) {
        if (*p == (char)c)
            return (const char *)p;
        if (!*p)
            return NULL;
    }
}

static const char *ref_strstr(const char *h, const char *n)
{
    size_t ln = ref_strlen(n);
    for (const char *p = h;; p++) {
        size_t i = 0;
        while (i < ln && p[i] == n[i])
            i++;
        if (i == ln)
            return p;
        if (!*p)
            return NULL;
    }
}

static void test_strings(void)
{
    /* page-sized buffer so strings also end near a 16/32/64-byte boundary */
    static char buf[4096 + 64] __attribute__((aligned(64)));
    static char buf2[4096 + 64] __attribute__((aligned(64)));
    unsigned cases = 0;

    for (unsigned off = 0; off < 32; off++) {
        for (unsigned n = 0; n < 140; n++) {
            memset(buf, 'x', sizeof buf);
            for (unsigned i = 0; i < n; i++)
                buf[off + i] = (char)('a' + (i * 7 + off) % 26);
            buf[off + n] = 0;
            const char *s = buf + off;
            cases++;
            CHECK(strlen(s) == n, "strlen off %u n %u: %zu", off, n, strlen(s));
            CHECK(strnlen(s, n / 2) == n / 2, "strnlen");
            /* strchr hits, misses and the terminator */
            for (int c = 'a'; c <= 'z'; c += 5)
                CHECK(strchr(s, c) == ref_strchr(s, c), "strchr off %u n %u c %c", off, n, c);
            CHECK(strchr(s, 0) == s + n, "strchr nul");
            CHECK(strchr(s, '#') == NULL, "strchr miss");
            for (int c = 'a'; c <= 'z'; c += 3) {
                const char *last = NULL;
                for (const char *p = s; *p; p++)
                    if (*p == c)
                        last = p;
                CHECK(strrchr(s, c) == last, "strrchr off %u n %u c %c", off, n, c);
            }
            /* strcmp against a copy at another alignment, differing at various spots */
            unsigned off2 = (off * 5 + 3) % 32;
            char *t = buf2 + off2;
            memcpy(t, s, n + 1);
            CHECK(strcmp(s, t) == 0, "strcmp equal off %u/%u n %u", off, off2, n);
            if (n) {
                unsigned pos = (n * 3) % n;
                t[pos] = (char)0xe0;                   /* high bit: unsigned compare */
                CHECK(sgn(strcmp(s, t)) == ref_strcmp(s, t) && strcmp(s, t) < 0,
                      "strcmp diff off %u n %u pos %u", off, n, pos);
                CHECK(sgn(strncmp(s, t, pos)) == 0, "strncmp prefix");
                t[pos] = 0;
                CHECK(sgn(strcmp(s, t)) == 1 && ref_strcmp(s, t) == 1, "strcmp shorter");
            }
            if (n >= 6) {
                char needle[8];
                memcpy(needle, s + n - 5, 4);
                needle[4] = 0;
                CHECK(strstr(s, needle) == ref_strstr(s, needle), "strstr off %u n %u", off, n);
                needle[3] = 'X';
                CHECK(strstr(s, needle) == NULL, "strstr miss");
            }
            CHECK(strstr(s, "") == s, "strstr empty");
        }
    }
    /* strings ending right before an unreadable page are tested in mmap.c;
     * here: a long string with a late match */
    memset(buf, 'a', 4000);
    memcpy(buf + 3990, "needle", 7);
    CHECK(strstr(buf, "aneedle") == buf + 3989, "strstr long");
    CHECK(strlen(buf) == 3996, "strlen long");
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%s|%5.2s|%-4d|%x", "abc", "wxyz", 42, 255u);
    printf("strings: %u cases, snprintf [%s] strspn=%zu strcspn=%zu\n", cases, tmp,
           strspn("aabbcx", "ab"), strcspn("hello world", " o"));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* partial output survives a crash */
    test_memcpy_memset();
    test_memmove();
    test_heap();
    test_stack();
    test_unaligned();
    test_atomics();
    test_strings();
    printf("memory: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
