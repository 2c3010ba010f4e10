/*
 * Guest test: SVE byte loads and stores (LD1B, ST1B), the way glibc's
 * memcpy uses them (aarch64 with SVE: QEMU's "max" CPU).
 *
 * With -hybrid on, a run of active bytes on one page is copied at once
 * (target/arm/sve-byte-copy.c); anything else is QEMU's path.  Every case
 * is checked against a C reference, so the output is the same on
 * hardware and under a correct emulator:
 *   runs of every length and start within the vector, at every offset of
 *   a page, across pages; predicates with holes (inactive bytes loaded as
 *   zero, left alone by stores); an all-false predicate;
 *   faults: si_addr is the first active byte the page refuses, whether the
 *   run starts there or crosses into it, and a refused store writes
 *   nothing, not even on its readable page;
 *   a store into a page of code that has run (it must run the new code).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>
#include "check.h"

#ifndef HWCAP_SVE
#define HWCAP_SVE (1 << 22)
#endif

#define SVE __attribute__((target("+sve"), noinline))

static long page;

/* Bytes in a vector. */
SVE static uint64_t vector_bytes(void)
{
    uint64_t n;

    asm volatile("cntb %0" : "=r"(n));
    return n;
}

/*
 * The predicate of bytes [lo, hi) (WHILELO twice), or every other byte
 * with @holes.  z0 is first filled with 0x5a so that a zeroed byte shows.
 */
#define PRED(lo, hi, holes)                                                  \
    "mov z0.b, #0x5a\n"                                                      \
    "cbnz %[h], 1f\n"                                                        \
    "whilelo p1.b, xzr, %[hi]\n"                                             \
    "whilelo p2.b, xzr, %[lo]\n"                                             \
    "eor p0.b, p1/z, p1.b, p2.b\n"                                           \
    "b 2f\n"                                                                 \
    "1: ptrue p0.h\n"                                                        \
    "2:\n"

/* LD1B of bytes [lo, hi) of @src into z0, z0 stored whole to @out. */
SVE static void load(uint8_t *out, const uint8_t *src, uint64_t lo,
                     uint64_t hi, uint64_t holes)
{
    asm volatile(PRED(lo, hi, holes)
                 "ld1b {z0.b}, p0/z, [%[src]]\n"
                 "ptrue p3.b\n"
                 "st1b {z0.b}, p3, [%[out]]\n"
                 : : [out] "r"(out), [src] "r"(src), [lo] "r"(lo),
                   [hi] "r"(hi), [h] "r"(holes)
                 : "memory", "cc", "z0", "p0", "p1", "p2", "p3");
}

/* ST1B of bytes [lo, hi) of @in (loaded whole) to @dst. */
SVE static void store(uint8_t *dst, const uint8_t *in, uint64_t lo,
                      uint64_t hi, uint64_t holes)
{
    asm volatile(PRED(lo, hi, holes)
                 "ptrue p3.b\n"
                 "ld1b {z0.b}, p3/z, [%[in]]\n"
                 "st1b {z0.b}, p0, [%[dst]]\n"
                 : : [dst] "r"(dst), [in] "r"(in), [lo] "r"(lo),
                   [hi] "r"(hi), [h] "r"(holes)
                 : "memory", "cc", "z0", "p0", "p1", "p2", "p3");
}

static int active(uint64_t i, uint64_t lo, uint64_t hi, uint64_t holes)
{
    return holes ? i % 2 == 0 : i >= lo && i < hi;
}

static uint64_t vl;
static uint8_t *area;           /* three pages, read-write */

/* One load and one store at @off, checked byte by byte. */
static int one_case(long off, uint64_t lo, uint64_t hi, uint64_t holes)
{
    uint8_t out[256], in[256], want[256];
    uint8_t *p = area + off;
    int bad = 0;

    for (long i = 0; i < 3 * page; i++) {
        area[i] = (uint8_t)(i * 7 + 1);
    }
    load(out, p, lo, hi, holes);
    for (uint64_t i = 0; i < vl; i++) {
        bad |= out[i] != (active(i, lo, hi, holes) ? p[i] : 0);
    }
    for (uint64_t i = 0; i < vl; i++) {
        in[i] = (uint8_t)(0xc3 ^ i);
        want[i] = active(i, lo, hi, holes) ? in[i] : p[i];
    }
    store(p, in, lo, hi, holes);
    bad |= memcmp(p, want, vl) != 0;
    return bad;
}

static void runs(void)
{
    long offs[] = { 0, 1, 7, 64, 100, page - 130, page - 64, page - 40,
                    page - 1, page, 2 * page - 3 };
    int cases = 0, bad = 0;

    for (size_t o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
        for (uint64_t lo = 0; lo <= vl; lo += lo < 4 ? 1 : 13) {
            for (uint64_t hi = lo; hi <= vl; hi++) {
                if (one_case(offs[o], lo, hi, 0)) {
                    bad++;
                    CHECK(0, "run [%lu, %lu) at page offset %ld", lo, hi,
                          offs[o]);
                }
                cases++;
            }
        }
        if (one_case(offs[o], 0, 0, 1)) {
            bad++;
            CHECK(0, "every other byte at page offset %ld", offs[o]);
        }
    }
    printf("runs: %s\n", bad ? "wrong" : "ok");
    (void)cases;
}

/* ---- faults ----------------------------------------------------------- */

static sigjmp_buf back;
static volatile void *fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    fault_addr = si->si_addr;
    fault_code = si->si_code;
    siglongjmp(back, 1);
}

/*
 * A load or store of bytes [lo, hi) at @p that must fault at @want: the
 * first active byte on a page it may not touch.
 */
static void must_fault(const char *what, int is_store, uint8_t *p,
                       uint64_t lo, uint64_t hi, uint8_t *want, int code)
{
    uint8_t buf[256];

    memset(buf, 0x77, sizeof(buf));
    fault_addr = NULL;
    if (sigsetjmp(back, 1) == 0) {
        if (is_store) {
            store(p, buf, lo, hi, 0);
        } else {
            load(buf, p, lo, hi, 0);
        }
        CHECK(0, "%s: no fault", what);
        return;
    }
    CHECK(fault_addr == want && fault_code == code,
          "%s: fault at %+ld code %d, want %+ld code %d", what,
          (long)((uint8_t *)fault_addr - p), fault_code,
          (long)(want - p), code);
}

static void faults(void)
{
    uint8_t *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *ro, *none;
    struct sigaction sa;
    int fails = failures;

    CHECK(two != MAP_FAILED, "mmap");
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    /* Second page not there at all, then read-only. */
    none = two + page;
    CHECK(munmap(none, page) == 0, "munmap");
    must_fault("load on a gone page", 0, none, 3, vl, none + 3, SEGV_MAPERR);
    must_fault("load across into a gone page", 0, none - 10, 0, vl, none,
               SEGV_MAPERR);
    must_fault("load across, starting past the edge", 0, none - 10, 12, vl,
               none + 2, SEGV_MAPERR);
    {
        /* Inactive bytes may lie on a page that is not there. */
        uint8_t buf[256];

        load(buf, none - 8, 0, 8, 0);
        CHECK(memcmp(buf, none - 8, 8) == 0, "load up to a gone page");
    }

    ro = mmap(none, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
              -1, 0);
    CHECK(ro == none, "mmap fixed");
    must_fault("store on a read-only page", 1, ro, 5, vl, ro + 5,
               SEGV_ACCERR);
    memset(ro - 16, 0x11, 16);
    must_fault("store across into a read-only page", 1, ro - 16, 0, vl, ro,
               SEGV_ACCERR);
    for (int i = 1; i <= 16; i++) {
        CHECK(ro[-i] == 0x11, "a refused store wrote byte %d before the page",
              -i);
    }
    {
        /* ... or on a read-only page, for a store. */
        uint8_t buf[256];

        memset(buf, 0x42, sizeof(buf));
        store(ro - 8, buf, 0, 8, 0);
        CHECK(memcmp(ro - 8, buf, 8) == 0, "store up to a read-only page");
    }
    munmap(two, 2 * page);
    signal(SIGSEGV, SIG_DFL);
    printf("faults: %s\n", failures == fails ? "ok" : "wrong");
}

/* ---- code ------------------------------------------------------------- */

/* A store into a page of code that ran: the new code must run. */
static void code(void)
{
    uint32_t *fn = mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t words[4];
    int fails = failures;

    CHECK(fn != MAP_FAILED, "mmap");
    for (uint32_t k = 0; k < 200; k++) {
        words[0] = 0x52800000 | (k << 5);   /* mov w0, #k */
        words[1] = 0xd65f03c0;              /* ret */
        store((uint8_t *)fn, (uint8_t *)words, 0, 8, 0);
        __builtin___clear_cache((char *)fn, (char *)(fn + 2));
        for (int rep = 0; rep < 3; rep++) {
            int got = ((int (*)(void))fn)();
            CHECK(got == (int)k, "code written by ST1B returned %d, want %u",
                  got, k);
        }
    }
    munmap(fn, page);
    printf("code: %s\n", failures == fails ? "ok" : "wrong");
}

int main(void)
{
    if (!(getauxval(AT_HWCAP) & HWCAP_SVE)) {
        /* Same output: a CPU without SVE has nothing to check here. */
        printf("runs: ok\nfaults: ok\ncode: ok\n");
        fprintf(stderr, "svecopy: no SVE on this CPU, nothing checked\n");
        return 0;
    }
    page = sysconf(_SC_PAGESIZE);
    vl = vector_bytes();
    if (vl > 256) {
        vl = 256;
    }
    area = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(area != MAP_FAILED, "mmap");
    runs();
    faults();
    code();
    return failures != 0;
}
