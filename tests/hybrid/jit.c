/*
 * Hybrid test: code that is written and run by the program itself (a JIT),
 * while the code is hot.
 *
 * The generated function f(n, x) is itself a loop (so it becomes a trace):
 *
 *     x2 = K (movz/movk)                  <- rewritten: the constant
 *     for (i = 0; i < n; i++) {
 *         x = OP(x, K)                    <- rewritten: the operation
 *         x = ror(x, R)                   <- rewritten: the rotation
 *         x += i
 *     }
 *
 * Parts:
 *  A. rewrite the constant, after f ran long enough to be a trace;
 *  B. rewrite the loop body (operation and rotation) of the hot loop;
 *  C. (run last) rewrite constant and operation thousands of times, a few
 *     calls each (compiles race with invalidation);
 *  D. a hot loop (a trace) stores a new instruction into another code page
 *     at one of its iterations; the patched function is then called;
 *  E. a hot emitter loop writes a whole function, which is then called;
 *  F. a hot loop whose data word lives in its own code page.
 * Every call's result is compared with a C model; the output is counts.
 */
#include "hyb.h"
#include <sys/mman.h>

/* ---- encoders ---------------------------------------------------------------- */

static uint32_t movz_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xd2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t movk_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xf2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t add_x(unsigned rd, unsigned rn, unsigned rm)
{
    return 0x8b000000u | rm << 16 | rn << 5 | rd;
}

static uint32_t sub_x(unsigned rd, unsigned rn, unsigned rm)
{
    return 0xcb000000u | rm << 16 | rn << 5 | rd;
}

static uint32_t eor_x(unsigned rd, unsigned rn, unsigned rm)
{
    return 0xca000000u | rm << 16 | rn << 5 | rd;
}

static uint32_t mul_x(unsigned rd, unsigned rn, unsigned rm)
{
    return 0x9b000000u | rm << 16 | 31u << 10 | rn << 5 | rd;  /* madd xzr */
}

static uint32_t addi_x(unsigned rd, unsigned rn, unsigned imm12)
{
    return 0x91000000u | (imm12 & 0xfff) << 10 | rn << 5 | rd;
}

static uint32_t ror_x(unsigned rd, unsigned rn, unsigned sh)
{
    return 0x93c00000u | rn << 16 | (sh & 63) << 10 | rn << 5 | rd; /* extr */
}

static uint32_t cmp_x(unsigned rn, unsigned rm)
{
    return 0xeb000000u | rm << 16 | rn << 5 | 31;
}

static uint32_t mov_x(unsigned rd, unsigned rm)
{
    return 0xaa0003e0u | rm << 16 | rd;
}

static uint32_t b_cond(int words, unsigned cond)
{
    return 0x54000000u | ((uint32_t)words & 0x7ffff) << 5 | cond;
}

static uint32_t ldr_x(unsigned rt, unsigned rn)
{
    return 0xf9400000u | rn << 5 | rt;
}

static uint32_t str_x(unsigned rt, unsigned rn)
{
    return 0xf9000000u | rn << 5 | rt;
}

#define RET 0xd65f03c0u
#define COND_LO 3

/* ---- the generated loop and its model ------------------------------------------ */

enum { OP_ADD, OP_EOR, OP_SUB, OP_MUL, NB_OPS };

static uint32_t op_insn(int op)
{
    switch (op) {
    case OP_ADD: return add_x(1, 1, 2);
    case OP_EOR: return eor_x(1, 1, 2);
    case OP_SUB: return sub_x(1, 1, 2);
    default:     return mul_x(1, 1, 2);
    }
}

static uint64_t apply(int op, uint64_t x, uint64_t k)
{
    switch (op) {
    case OP_ADD: return x + k;
    case OP_EOR: return x ^ k;
    case OP_SUB: return x - k;
    default:     return x * k;
    }
}

static uint64_t ror64(uint64_t x, unsigned r)
{
    r &= 63;
    return r ? x >> r | x << (64 - r) : x;
}

typedef uint64_t (*fn2)(uint64_t, uint64_t);

/* Word indexes inside f. */
#define W_K 0           /* 4 words: movz, movk, movk, movk */
#define W_OP 5
#define W_ROR 6

struct gen {
    uint32_t *code;
    int op;
    unsigned rot;
    uint64_t k;
};

static void gen_full(struct gen *g)
{
    uint32_t *c = g->code;

    for (int h = 0; h < 4; h++) {
        c[W_K + h] = h ? movk_x(2, g->k >> (16 * h), h) : movz_x(2, g->k, 0);
    }
    c[4] = movz_x(3, 0, 0);
    c[W_OP] = op_insn(g->op);         /* loop: */
    c[W_ROR] = ror_x(1, 1, g->rot);
    c[7] = add_x(1, 1, 3);
    c[8] = addi_x(3, 3, 1);
    c[9] = cmp_x(3, 0);
    c[10] = b_cond(-5, COND_LO);
    c[11] = mov_x(0, 1);
    c[12] = RET;
    __builtin___clear_cache((char *)c, (char *)(c + 13));
}

static void gen_set_k(struct gen *g, uint64_t k)
{
    g->k = k;
    for (int h = 0; h < 4; h++) {
        g->code[W_K + h] = h ? movk_x(2, k >> (16 * h), h) : movz_x(2, k, 0);
    }
    __builtin___clear_cache((char *)g->code, (char *)(g->code + 4));
}

static void gen_set_body(struct gen *g, int op, unsigned rot)
{
    g->op = op;
    g->rot = rot;
    g->code[W_OP] = op_insn(op);
    g->code[W_ROR] = ror_x(1, 1, rot);
    __builtin___clear_cache((char *)(g->code + W_OP),
                            (char *)(g->code + W_ROR + 1));
}

static uint64_t model(const struct gen *g, uint64_t n, uint64_t x)
{
    for (uint64_t i = 0; i < n; i++) {
        x = apply(g->op, x, g->k);
        x = ror64(x, g->rot);
        x += i;
    }
    return x;
}

static long calls, wrong;

static void call_check(const struct gen *g, uint64_t n, uint64_t x,
                       const char *part)
{
    uint64_t got = ((fn2)(uintptr_t)g->code)(n, x);
    uint64_t want = model(g, n, x);

    calls++;
    if (got != want) {
        if (wrong++ < 5) {
            CHECK(0, "%s: op %d rot %u k %#" PRIx64 " n %" PRIu64 ": got %#"
                  PRIx64 ", expected %#" PRIx64, part, g->op, g->rot, g->k, n,
                  got, want);
        } else {
            failures++;
        }
    }
}

/* Call f repeatedly for @secs, checking every result. */
static void warm_calls(const struct gen *g, double secs, const char *part)
{
    double end = now_s() + secs;
    uint64_t x = 1;

    do {
        for (int j = 0; j < 16; j++) {
            call_check(g, 1000, x++, part);
        }
    } while (now_s() < end);
}

/* ---- D: a hot loop that patches another code page ------------------------------ */

/*
 * uint64_t hyb_patch_loop(u64 n, u32 *target, u64 at, u32 word, u64 seed)
 * Runs n iterations of a little hash; at iteration @at it stores @word to
 * *target.  Returns the hash.
 */
__asm__(
    "    .text\n"
    "    .p2align 6\n"
    "    .globl hyb_patch_loop\n"
    "hyb_patch_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, x4\n"
    "    cbz x0, 3f\n"
    "1:  add x10, x10, x9\n"
    "    eor x10, x10, x10, lsr #7\n"
    "    cmp x9, x2\n"
    "    b.ne 2f\n"
    "    str w3, [x1]\n"
    "2:  add x9, x9, #1\n"
    "    cmp x9, x0\n"
    "    b.lo 1b\n"
    "3:  mov x0, x10\n"
    "    ret\n");
uint64_t hyb_patch_loop(uint64_t n, uint32_t *target, uint64_t at,
                        uint32_t word, uint64_t seed);

static uint64_t patch_model(uint64_t n, uint64_t seed)
{
    uint64_t x = seed;

    for (uint64_t i = 0; i < n; i++) {
        x += i;
        x ^= x >> 7;
    }
    return x;
}

struct patch_warm {
    uint32_t *target;
};

static void patch_warm_call(void *p)
{
    struct patch_warm *w = p;

    /* Stores the word that is already there: the code does not change. */
    if (hyb_patch_loop(500, w->target, 250, *w->target, 3) !=
        patch_model(500, 3)) {
        failures++;
    }
}

static void part_d(uint32_t *page_b, double warm)
{
    /* g(x) = x + imm: "add x0, x0, #imm; ret" */
    uint32_t *g = page_b;
    struct patch_warm w = { g };
    long rounds = 200, bad = 0;

    g[0] = addi_x(0, 0, 1);
    g[1] = RET;
    __builtin___clear_cache((char *)g, (char *)(g + 2));
    warm_loop(patch_warm_call, &w, warm, 4);

    for (long r = 0; r < rounds; r++) {
        unsigned imm = (r * 37 + 2) & 0xfff;
        uint64_t h, v;

        /* Run g first, so that its page holds translated code again. */
        v = ((uint64_t (*)(uint64_t))(uintptr_t)g)(1000);
        if (r > 0 && v != 1000 + (uint64_t)(((r - 1) * 37 + 2) & 0xfff)) {
            bad++;
        }
        h = hyb_patch_loop(500, g, 100 + r, addi_x(0, 0, imm), r);
        if (h != patch_model(500, r)) {
            bad++;
        }
        __builtin___clear_cache((char *)g, (char *)(g + 1));
        v = ((uint64_t (*)(uint64_t))(uintptr_t)g)(1000);
        if (v != 1000 + imm) {
            if (bad++ < 3) {
                CHECK(0, "D: round %ld: g returned %" PRIu64 ", expected %u",
                      r, v, 1000 + imm);
            }
        }
    }
    CHECK(bad == 0, "D: %ld wrong results", bad);
    printf("D. hot loop patches another code page: %ld rounds, %ld wrong\n",
           rounds, bad);
}

/* ---- E: a hot emitter loop ----------------------------------------------------- */

/* No vectorization: the loop must stay scalar for the hybrid tier. */
static void __attribute__((noinline, optimize("no-tree-vectorize")))
emit_adds(uint32_t *p, int m, uint32_t seed)
{
    for (int j = 0; j < m; j++) {
        p[j] = 0x91000000u | ((seed + j * 7u) & 0xfff) << 10; /* add x0,x0,# */
    }
    p[m] = RET;
}

static uint64_t emit_model(int m, uint32_t seed, uint64_t x)
{
    for (int j = 0; j < m; j++) {
        x += (seed + j * 7u) & 0xfff;
    }
    return x;
}

struct emit_warm {
    uint32_t *buf;
};

static void emit_warm_call(void *p)
{
    struct emit_warm *w = p;

    emit_adds(w->buf, 256, 5);
}

static void part_e(uint32_t *page, double warm)
{
    struct emit_warm w = { page };
    long rounds = 300, bad = 0;

    warm_loop(emit_warm_call, &w, warm, 4);
    for (long r = 0; r < rounds; r++) {
        int m = 64 + (r * 13) % 192;
        uint64_t v;

        emit_adds(page, m, r * 101);
        __builtin___clear_cache((char *)page, (char *)(page + m + 1));
        v = ((uint64_t (*)(uint64_t))(uintptr_t)page)(r);
        if (v != emit_model(m, r * 101, r)) {
            if (bad++ < 3) {
                CHECK(0, "E: round %ld: got %" PRIu64 ", expected %" PRIu64,
                      r, v, emit_model(m, r * 101, r));
            }
        }
    }
    CHECK(bad == 0, "E: %ld wrong results", bad);
    printf("E. hot emitter loop writes a function: %ld rounds, %ld wrong\n",
           rounds, bad);
}

/* ---- F: data in the code page of a hot loop ------------------------------------ */

static void part_f(uint32_t *page)
{
    /*
     * h(n, slot): for (i = 0; i < n; i++) *slot += i; return *slot;
     * slot is a word in this same page.
     */
    uint64_t *slot = (uint64_t *)(page + 256);
    uint32_t c[] = {
        movz_x(3, 0, 0),
        ldr_x(2, 1),            /* loop: */
        add_x(2, 2, 3),
        str_x(2, 1),
        addi_x(3, 3, 1),
        cmp_x(3, 0),
        b_cond(-5, COND_LO),
        ldr_x(0, 1),
        RET,
    };
    long rounds = 20, bad = 0;

    memcpy(page, c, sizeof(c));
    __builtin___clear_cache((char *)page, (char *)page + sizeof(c));
    for (long r = 0; r < rounds; r++) {
        uint64_t n = 100 + r * 10, v;

        *slot = r;
        v = ((uint64_t (*)(uint64_t, uint64_t *))(uintptr_t)page)(n, slot);
        if (v != (uint64_t)r + n * (n - 1) / 2 || *slot != v) {
            bad++;
        }
    }
    CHECK(bad == 0, "F: %ld wrong results", bad);
    printf("F. hot loop with its data in its code page: %ld rounds, %ld wrong\n",
           rounds, bad);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *mem;
    struct gen g;
    long before;

    setvbuf(stdout, NULL, _IOLBF, 0);
    mem = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        perror("mmap");
        return 2;
    }

    /* A: the constant. */
    g.code = (uint32_t *)mem;
    g.op = OP_ADD;
    g.rot = 7;
    g.k = 0x1234;
    gen_full(&g);
    warm_calls(&g, warm_s(100), "A");
    before = wrong;
    for (int r = 0; r < 8; r++) {
        gen_set_k(&g, 0x9e3779b97f4a7c15ull * (r + 3));
        call_check(&g, 1000, 77, "A");      /* the first call after it */
        warm_calls(&g, warm_s(10), "A");
    }
    printf("A. rewrite the constant of a hot loop: 8 rewrites, %s\n",
           wrong == before ? "all results right" : "WRONG results");

    /* B: the loop body itself. */
    before = wrong;
    for (int r = 0; r < 8; r++) {
        gen_set_body(&g, (r + 1) % NB_OPS, 3 + r * 5);
        call_check(&g, 1000, 77, "B");
        warm_calls(&g, warm_s(10), "B");
    }
    printf("B. rewrite the body of a hot loop: 8 rewrites, %s\n",
           wrong == before ? "all results right" : "WRONG results");

    part_d((uint32_t *)(mem + pg), warm_s(20));
    part_e((uint32_t *)(mem + 2 * pg), warm_s(20));
    part_f((uint32_t *)(mem + 3 * pg));

    /* Last: it floods the optimizer with traces that go stale at once. */
    /* C: many quick rewrites. */
    before = wrong;
    for (int r = 0; r < 3000; r++) {
        if (r % 3 == 0) {
            gen_set_body(&g, r % NB_OPS, r % 64);
        } else {
            gen_set_k(&g, 0x2545f4914f6cdd1dull * (r + 1));
        }
        for (int j = 0; j < 8; j++) {
            call_check(&g, 64 + j, r + j, "C");
        }
    }
    printf("C. 3000 quick rewrites, 8 calls each: %s\n",
           wrong == before ? "all results right" : "WRONG results");

    CHECK(wrong == 0, "%ld of %ld calls of f returned a wrong result", wrong,
          calls);
    return finish("jit");
}
