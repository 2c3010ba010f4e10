/*
 * Guest test: self-modifying and generated code (aarch64 only).
 *
 * Machine code words are computed in C, written to mmap'd memory, made
 * coherent with __builtin___clear_cache (or, in generated code, with
 * dc cvau / dsb / ic ivau / dsb / isb) and called through function pointers.
 * Every result is checked; the output is a summary of counts, so it is the
 * same on hardware and under a correct emulator.
 *
 * Covered: rewriting an immediate thousands of times; patching one function
 * in a page whose other function keeps running; a patched branch target
 * reached through a direct branch; generated code that patches its own next
 * instruction; hot loops rewritten after they ran many times; W^X flips with
 * mprotect; munmap + mmap of different code at the same address; executing a
 * non-executable page; an undefined instruction.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef __aarch64__
#error "smc.c generates aarch64 machine code"
#endif

#define CHECK_MAX_REPORTS 20
#include "check.h"

/* ---- instruction encoders ------------------------------------------------------ */

static uint32_t movz_w(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0x52800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t movk_w(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0x72800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t movz_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xd2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t movk_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xf2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t add_w_imm(unsigned rd, unsigned rn, uint32_t imm12)
{
    return 0x11000000u | (imm12 & 0xfff) << 10 | rn << 5 | rd;
}

static uint32_t subs_w_imm(unsigned rd, unsigned rn, uint32_t imm12)
{
    return 0x71000000u | (imm12 & 0xfff) << 10 | rn << 5 | rd;
}

static uint32_t add_w_reg(unsigned rd, unsigned rn, unsigned rm)
{
    return 0x0b000000u | rm << 16 | rn << 5 | rd;
}

/* b.cond to a word offset (negative: backwards) */
static uint32_t b_cond(int words, unsigned cond)
{
    return 0x54000000u | ((uint32_t)words & 0x7ffff) << 5 | cond;
}

static uint32_t b(int words)
{
    return 0x14000000u | ((uint32_t)words & 0x3ffffff);
}

static uint32_t str_w(unsigned rt, unsigned rn)
{
    return 0xb9000000u | rn << 5 | rt;
}

#define RET      0xd65f03c0u
#define NOP      0xd503201fu
#define DSB_ISH  0xd5033b9fu
#define ISB      0xd5033fdfu
#define DC_CVAU(r) (0xd50b7b20u | (r))
#define IC_IVAU(r) (0xd50b7520u | (r))
#define COND_NE  1

typedef uint32_t (*fn0)(void);
typedef uint32_t (*fn2)(uint32_t *, uint32_t);

static size_t pg;

static void sync_code(void *start, size_t bytes)
{
    __builtin___clear_cache((char *)start, (char *)start + bytes);
}

static uint32_t *map_rwx(size_t len)
{
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("FAIL: mmap RWX: %s\n", strerror(errno));
        exit(1);
    }
    return p;
}

/* emit "w0 = value" (movz + movk) followed by ret */
static void emit_const(uint32_t *code, uint32_t value)
{
    code[0] = movz_w(0, value & 0xffff, 0);
    code[1] = movk_w(0, value >> 16, 1);
    code[2] = RET;
}

/* ---- 1: rewrite an immediate many times ---------------------------------------- */

static void test_rewrite_immediate(void)
{
    uint32_t *code = map_rwx(pg);
    fn0 f = (fn0)(uintptr_t)code;
    unsigned bad = 0, n = 0;
    uint32_t x = 12345;
    emit_const(code, 0);
    sync_code(code, 12);
    for (int i = 0; i < 5000; i++) {
        x = x * 1103515245u + 12345u;
        uint32_t want = x;
        /* odd iterations rewrite only the low half (one instruction) */
        if (i & 1) {
            want = (f() & 0xffff0000u) | (x & 0xffff);
            code[0] = movz_w(0, x & 0xffff, 0);
            sync_code(code, 4);
        } else {
            emit_const(code, x);
            sync_code(code, 12);
        }
        uint32_t got = f();
        n++;
        if (got != want) {
            bad++;
            CHECK(0, "iteration %d: got %08" PRIx32 " want %08" PRIx32, i, got, want);
        }
    }
    printf("rewrite immediate: %u calls, %u wrong\n", n, bad);

    /* a three-instruction body where only the middle immediate changes */
    code[0] = movz_w(0, 1000, 0);
    code[1] = add_w_imm(0, 0, 0);
    code[2] = RET;
    sync_code(code, 12);
    bad = 0;
    for (uint32_t k = 0; k < 4096; k++) {
        code[1] = add_w_imm(0, 0, k);
        sync_code(code + 1, 4);
        uint32_t got = f();
        if (got != 1000 + k) {
            bad++;
            CHECK(0, "add imm %" PRIu32 ": got %" PRIu32, k, got);
        }
    }
    printf("rewrite add immediate: 4096 calls, %u wrong\n", bad);
    munmap(code, pg);
}

/* ---- 2: two functions in one page; a direct branch into patched code ------------------ */

static void test_same_page(void)
{
    uint32_t *code = map_rwx(pg);
    /* A at word 0: constant 0xa000 + iteration counter kept in B's slot below */
    /* A: a constant, never changed.  B: a constant, rewritten every round.
     * C: sets w1 and branches directly to D.  D: rewritten every round. */
    uint32_t *A = code, *B = code + 64, *C = code + 128, *D = code + 256;
    emit_const(A, 0xaaaa5555u);
    emit_const(B, 0);
    C[0] = movz_w(1, 7, 0);
    C[1] = b((int)(D - (C + 1)));        /* jump forward to D */
    emit_const(D, 0);
    sync_code(code, pg);
    fn0 fa = (fn0)(uintptr_t)A, fb = (fn0)(uintptr_t)B, fc = (fn0)(uintptr_t)C;
    unsigned bad = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        uint32_t a1 = fa();                 /* A runs before and after B changes */
        emit_const(B, i * 3 + 1);
        D[0] = movz_w(0, i & 0xffff, 0);
        D[1] = add_w_reg(0, 0, 1);          /* + w1 (7, set in C) */
        sync_code(B, 12);
        sync_code(D, 8);
        uint32_t b1 = fb(), c1 = fc(), a2 = fa();
        if (a1 != 0xaaaa5555u || a2 != 0xaaaa5555u || b1 != i * 3 + 1 || c1 != (i & 0xffff) + 7) {
            bad++;
            CHECK(0, "i=%" PRIu32 ": A %08" PRIx32 "/%08" PRIx32 " B %" PRIu32 " C %" PRIu32, i, a1,
                  a2, b1, c1);
        }
    }
    printf("same page: 3000 rounds, %u wrong\n", bad);

    /* retarget the branch itself */
    emit_const(code + 320, 0x1111);
    emit_const(code + 384, 0x2222);
    sync_code(code, pg);
    bad = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t *target = (i & 1) ? code + 384 : code + 320;
        C[1] = b((int)(target - (C + 1)));
        sync_code(C + 1, 4);
        uint32_t got = fc();
        if (got != ((i & 1) ? 0x2222u : 0x1111u)) {
            bad++;
            CHECK(0, "retarget %d: %" PRIx32, i, got);
        }
    }
    printf("branch retarget: 1000 calls, %u wrong\n", bad);
    munmap(code, pg);
}

/* ---- 3: generated code patching its own next instruction --------------------------- */

static void test_self_patching(void)
{
    uint32_t *code = map_rwx(pg);
    /* f(x0 = address to patch, w1 = new instruction word):
     *   str w1, [x0]; dc cvau, x0; dsb ish; ic ivau, x0; dsb ish; isb;
     *   <patched: movz w0, #?>; ret */
    code[0] = str_w(1, 0);
    code[1] = DC_CVAU(0);
    code[2] = DSB_ISH;
    code[3] = IC_IVAU(0);
    code[4] = DSB_ISH;
    code[5] = ISB;
    code[6] = movz_w(0, 0xdead, 0);
    code[7] = RET;
    sync_code(code, 32);
    fn2 f = (fn2)(uintptr_t)code;
    unsigned bad = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        uint32_t v = (i * 2654435761u) >> 16;
        uint32_t got = f(&code[6], movz_w(0, v, 0));
        if (got != v) {
            bad++;
            CHECK(0, "self patch %" PRIu32 ": got %04" PRIx32 " want %04" PRIx32, i, got, v);
        }
    }
    printf("self-patching code: 3000 calls, %u wrong\n", bad);

    /* the same, but the patched instruction is far away in the same page and
     * reached by a branch after the patch */
    code[100] = movz_w(0, 0, 0);
    code[101] = RET;
    code[6] = b(100 - 6);
    sync_code(code, pg);
    bad = 0;
    for (uint32_t i = 0; i < 2000; i++) {
        uint32_t got = f(&code[100], movz_w(0, i + 17, 0));
        if (got != i + 17) {
            bad++;
            CHECK(0, "far patch %" PRIu32 ": got %" PRIu32, i, got);
        }
    }
    printf("self-patching far target: 2000 calls, %u wrong\n", bad);
    munmap(code, pg);
}

/* ---- 4: hot loops rewritten ------------------------------------------------------------ */

static void emit_loop(uint32_t *code, uint32_t count, uint32_t step)
{
    code[0] = movz_w(0, 0, 0);
    code[1] = movz_w(1, count, 0);
    code[2] = add_w_imm(0, 0, step);     /* loop: */
    code[3] = subs_w_imm(1, 1, 1);
    code[4] = b_cond(-2, COND_NE);
    code[5] = RET;
}

static void test_hot_loops(void)
{
    uint32_t *code = map_rwx(pg);
    fn0 f = (fn0)(uintptr_t)code;
    unsigned bad = 0, calls = 0;
    for (uint32_t v = 0; v < 40; v++) {
        uint32_t step = v * 5 + 1, count = 2000 + v * 37;
        emit_loop(code, count, step);
        sync_code(code, 24);
        /* call each version often enough to become hot */
        for (int rep = 0; rep < 30; rep++) {
            uint32_t got = f();
            calls++;
            if (got != step * count) {
                bad++;
                CHECK(0, "loop v=%" PRIu32 " rep %d: got %" PRIu32 " want %" PRIu32, v, rep, got,
                      step * count);
            }
        }
        /* change only the step inside the loop body */
        code[2] = add_w_imm(0, 0, step + 1);
        sync_code(code + 2, 4);
        uint32_t got = f();
        calls++;
        if (got != (step + 1) * count) {
            bad++;
            CHECK(0, "loop body patch v=%" PRIu32 ": got %" PRIu32, v, got);
        }
    }
    printf("hot loops: %u calls, %u wrong\n", calls, bad);
    munmap(code, pg);
}

/* ---- 5: W^X with mprotect, and munmap + remap at the same address --------------------- */

static void test_wx_and_remap(void)
{
    uint32_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(code != MAP_FAILED, "mmap");
    fn0 f = (fn0)(uintptr_t)code;
    unsigned bad = 0;
    for (uint32_t i = 0; i < 500; i++) {
        CHECK(mprotect(code, pg, PROT_READ | PROT_WRITE) == 0, "to RW");
        emit_const(code, i * 1000003u);
        sync_code(code, 12);
        CHECK(mprotect(code, pg, PROT_READ | PROT_EXEC) == 0, "to RX");
        uint32_t got = f();
        if (got != i * 1000003u) {
            bad++;
            CHECK(0, "W^X %" PRIu32 ": %08" PRIx32, i, got);
        }
    }
    printf("W^X flips: 500 rounds, %u wrong\n", bad);

    /* unmap and map again at the same address with different code */
    void *where = code;
    bad = 0;
    unsigned same_addr = 0;
    for (uint32_t i = 0; i < 300; i++) {
        CHECK(munmap(where, pg) == 0, "munmap");
        uint32_t *c = mmap(where, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        CHECK(c == where, "remap at the same address");
        same_addr += c == where;
        /* alternate between two different code shapes */
        if (i & 1) {
            emit_const(c, 0x50000000u + i);
        } else {
            c[0] = movz_w(0, 3, 0);
            c[1] = movz_w(1, i, 0);
            c[2] = add_w_reg(0, 0, 1);
            c[3] = RET;
        }
        sync_code(c, 16);
        uint32_t got = ((fn0)(uintptr_t)c)();
        uint32_t want = (i & 1) ? 0x50000000u + i : 3 + i;
        if (got != want) {
            bad++;
            CHECK(0, "remap %" PRIu32 ": got %08" PRIx32 " want %08" PRIx32, i, got, want);
        }
    }
    printf("munmap+mmap same address: 300 rounds, same address %u, %u wrong\n", same_addr, bad);

    /* a file-backed code page replaced by a different file page at the same address */
    /* memfd: /tmp may be mounted noexec */
    int fd = memfd_create("guest-smc", MFD_CLOEXEC);
    CHECK(fd >= 0, "memfd_create");
    uint32_t *buf = calloc(1, 2 * pg);
    emit_const(buf, 0x0f11e001u);
    emit_const(buf + pg / 4, 0x0f11e002u);
    CHECK(write(fd, buf, 2 * pg) == (ssize_t)(2 * pg), "write code file");
    uint32_t results[4];
    for (int i = 0; i < 4; i++) {
        uint32_t *c = mmap(where, pg, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd,
                           (off_t)((i & 1) * pg));
        CHECK(c == where, "file map at the same address");
        results[i] = ((fn0)(uintptr_t)c)();
    }
    printf("file-backed code remapped: %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n",
           results[0], results[1], results[2], results[3]);
    close(fd);
    free(buf);
    munmap(where, pg);
}

/* ---- 6: faults from code ----------------------------------------------------------------- */

static sigjmp_buf jb;
static volatile int fsig, fcode;
static volatile uintptr_t faddr;

static void fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fsig = sig;
    fcode = si->si_code;
    faddr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

static const char *call_and_describe(fn0 f, uint32_t *value)
{
    static char res[80];
    fsig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        *value = f();
        return "returned";
    }
    const char *s = fsig == SIGSEGV ? "SIGSEGV" : fsig == SIGILL ? "SIGILL" : "other";
    const char *c = "?";
    if (fsig == SIGSEGV)
        c = fcode == SEGV_ACCERR ? "ACCERR" : fcode == SEGV_MAPERR ? "MAPERR" : "other";
    /* SIGILL's si_code is not printed: Linux reports ILL_ILLOPC for an
     * undefined instruction, qemu 7.2's linux-user reports ILL_ILLOPN. */
    if (fsig == SIGSEGV)
        snprintf(res, sizeof res, "%s/%s si_addr=%s", s, c,
                 faddr == (uintptr_t)f ? "pc" : "other");
    else
        snprintf(res, sizeof res, "%s si_addr=%s", s, faddr == (uintptr_t)f ? "pc" : "other");
    return res;
}

static void test_faults(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    uint32_t v = 0;

    uint32_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    emit_const(code, 77);
    sync_code(code, 12);
    printf("call into non-executable page: %s\n", call_and_describe((fn0)(uintptr_t)code, &v));
    mprotect(code, pg, PROT_READ | PROT_EXEC);
    v = 0;
    printf("after mprotect RX: %s value=%" PRIu32 "\n", call_and_describe((fn0)(uintptr_t)code, &v), v);

    /* the page has run code: taking PROT_EXEC away must stop it running */
    mprotect(code, pg, PROT_READ | PROT_WRITE);
    v = 0;
    printf("after exec permission removed: %s\n", call_and_describe((fn0)(uintptr_t)code, &v));

    mprotect(code, pg, PROT_READ | PROT_WRITE | PROT_EXEC);
    code[16] = 0x00000000u;           /* udf #0 */
    sync_code(code + 16, 4);
    printf("undefined instruction: %s\n", call_and_describe((fn0)(uintptr_t)(code + 16), &v));

    /* unmapped code page */
    munmap(code, pg);
    printf("call into unmapped page: %s\n", call_and_describe((fn0)(uintptr_t)code, &v));
    signal(SIGSEGV, SIG_DFL);
    signal(SIGILL, SIG_DFL);
}

/* ---- 7: 64-bit constants and a longer generated body -------------------------------- */

static void test_generated_body(void)
{
    uint32_t *code = map_rwx(pg);
    typedef uint64_t (*fn64)(void);
    uint64_t acc = 0;
    unsigned bad = 0;
    uint64_t x = 0x0123456789abcdefULL;
    for (int i = 0; i < 1000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        /* pad with a varying number of nops so the body moves inside the page */
        int nops = i % 23, k = 0;
        for (; k < nops; k++)
            code[k] = NOP;
        code[k++] = movz_x(0, (uint32_t)(x & 0xffff), 0);
        code[k++] = movk_x(0, (uint32_t)(x >> 16) & 0xffff, 1);
        code[k++] = movk_x(0, (uint32_t)(x >> 32) & 0xffff, 2);
        code[k++] = movk_x(0, (uint32_t)(x >> 48) & 0xffff, 3);
        code[k++] = RET;
        sync_code(code, (size_t)k * 4);
        uint64_t got = ((fn64)(uintptr_t)code)();
        if (got != x) {
            bad++;
            CHECK(0, "64-bit constant %d: %016" PRIx64 " want %016" PRIx64, i, got, x);
        }
        acc ^= got;
    }
    printf("64-bit constants: 1000 calls, %u wrong, xor %016" PRIx64 "\n", bad, acc);
    munmap(code, pg);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pg = (size_t)sysconf(_SC_PAGESIZE);
    test_rewrite_immediate();
    test_same_page();
    test_self_patching();
    test_hot_loops();
    test_wx_and_remap();
    test_generated_body();
    test_faults();
    printf("smc: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
