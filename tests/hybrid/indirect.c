/*
 * Hybrid test: indirect branches (BR, BLR, RET) in hot code, whose targets
 * the tier caches per branch and follows inside traces.
 *
 *  A. a switch interpreter (one BR per bytecode) over 24 handlers, run
 *     from a hot loop: more targets than a branch's cache holds;
 *  B. calls through a table of 40 functions and returns to 6 callers;
 *  C. one BLR whose target address keeps its value while the code there
 *     is replaced (munmap + mmap at the same address, then an in-place
 *     rewrite): every call must run the code that is there now;
 *  D. the same BLR target made non-executable: the call faults at the
 *     target, with the return address in x30;
 *  E. one function called from 64 call sites: its RET has more targets
 *     than a branch's own cache holds (the shared second level serves
 *     the rest).
 * Results are compared with C models; the output is counts.
 */
#include "hyb.h"
#include <sys/mman.h>

/* ---- A: interpreter ----------------------------------------------------------- */

enum { NB_HANDLERS = 24 };

typedef struct { uint8_t op, a; int16_t imm; } Insn;

static uint64_t __attribute__((noinline)) interp(const Insn *code, int n,
                                                 uint64_t acc)
{
    uint64_t r[4] = { acc, 1, 2, 3 };

    for (int pc = 0; pc < n; pc++) {
        const Insn *i = &code[pc];
        uint64_t *d = &r[i->a & 3];

        switch (i->op) {
        case 0:  *d += i->imm; break;
        case 1:  *d ^= (uint64_t)i->imm << 7; break;
        case 2:  *d = *d * 3 + 1; break;
        case 3:  *d = (*d >> 3) | (*d << 61); break;
        case 4:  *d -= r[(i->a + 1) & 3]; break;
        case 5:  *d += r[(i->a + 2) & 3] * 5; break;
        case 6:  *d = ~*d; break;
        case 7:  *d &= 0xfffffffffff0ffffull; break;
        case 8:  *d |= 1ull << (i->imm & 63); break;
        case 9:  *d = *d * 0x9e3779b97f4a7c15ull; break;
        case 10: *d ^= *d >> 17; break;
        case 11: *d += pc; break;
        case 12: *d = *d < 1000 ? *d + 999 : *d - 999; break;
        case 13: *d <<= 1; break;
        case 14: *d = (int64_t)*d >> 2; break;
        case 15: *d += r[0] ^ r[1]; break;
        case 16: *d -= i->imm * 7; break;
        case 17: *d ^= 0x5555; break;
        case 18: *d = *d + (*d >> 32); break;
        case 19: *d ^= r[3]; break;
        case 20: *d += 0x1234567; break;
        case 21: *d = *d & 1 ? *d * 5 : *d / 2; break;
        case 22: *d -= 11; break;
        default: *d = (*d << 5) - *d; break;
        }
    }
    return r[0] ^ r[1] ^ r[2] ^ r[3];
}

/* The same semantics, written without a switch (a chain of ifs). */
static uint64_t model_interp(const Insn *code, int n, uint64_t acc)
{
    uint64_t r[4] = { acc, 1, 2, 3 };

    for (int pc = 0; pc < n; pc++) {
        const Insn *i = &code[pc];
        uint64_t *d = &r[i->a & 3], v = *d;
        int op = i->op;

        if (op == 0) v += i->imm;
        else if (op == 1) v ^= (uint64_t)i->imm << 7;
        else if (op == 2) v = v * 3 + 1;
        else if (op == 3) v = (v >> 3) | (v << 61);
        else if (op == 4) v -= r[(i->a + 1) & 3];
        else if (op == 5) v += r[(i->a + 2) & 3] * 5;
        else if (op == 6) v = ~v;
        else if (op == 7) v &= 0xfffffffffff0ffffull;
        else if (op == 8) v |= 1ull << (i->imm & 63);
        else if (op == 9) v = v * 0x9e3779b97f4a7c15ull;
        else if (op == 10) v ^= v >> 17;
        else if (op == 11) v += pc;
        else if (op == 12) v = v < 1000 ? v + 999 : v - 999;
        else if (op == 13) v <<= 1;
        else if (op == 14) v = (int64_t)v >> 2;
        else if (op == 15) v += r[0] ^ r[1];
        else if (op == 16) v -= i->imm * 7;
        else if (op == 17) v ^= 0x5555;
        else if (op == 18) v = v + (v >> 32);
        else if (op == 19) v ^= r[3];
        else if (op == 20) v += 0x1234567;
        else if (op == 21) v = v & 1 ? v * 5 : v / 2;
        else if (op == 22) v -= 11;
        else v = (v << 5) - v;
        *d = v;
    }
    return r[0] ^ r[1] ^ r[2] ^ r[3];
}

static Insn prog[4][64];

static void make_progs(void)
{
    uint32_t s = 12345;

    for (int p = 0; p < 4; p++) {
        for (int k = 0; k < 64; k++) {
            s = s * 1103515245 + 12345;
            /* program p uses handlers p*6 .. p*6+11 mostly, all sometimes */
            prog[p][k].op = (s >> 16) % 7 == 0 ? (s >> 8) % NB_HANDLERS :
                            (p * 6 + (s >> 20) % 12) % NB_HANDLERS;
            prog[p][k].a = s >> 27;
            prog[p][k].imm = (int16_t)(s >> 4);
        }
    }
}

static void warm_interp(void *arg)
{
    (void)arg;
    interp(prog[0], 64, 1);
}

static void part_a(void)
{
    int wrong = 0, runs = 0;
    uint64_t acc = 7;

    warm_loop(warm_interp, NULL, warm_s(20), 2000);
    for (int round = 0; round < 3000; round++) {
        int p = round % 4, n = 64 - round % 9;
        uint64_t got = interp(prog[p], n, acc), want = model_interp(prog[p], n, acc);

        wrong += got != want;
        runs++;
        acc = want;
    }
    CHECK(wrong == 0, "interp: %d of %d wrong", wrong, runs);
    printf("A. switch interpreter, %d handlers: %d programs run, %d wrong\n",
           NB_HANDLERS, runs, wrong);
}

/* ---- B: function table, many return sites ----------------------------------------- */

#define F(n) static uint64_t __attribute__((noinline)) f##n(uint64_t x) \
    { return x * (2 * n + 1) + n; }
F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9)
F(10) F(11) F(12) F(13) F(14) F(15) F(16) F(17) F(18) F(19)
F(20) F(21) F(22) F(23) F(24) F(25) F(26) F(27) F(28) F(29)
F(30) F(31) F(32) F(33) F(34) F(35) F(36) F(37) F(38) F(39)
#undef F

static uint64_t (*const table[40])(uint64_t) = {
    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9,
    f10, f11, f12, f13, f14, f15, f16, f17, f18, f19,
    f20, f21, f22, f23, f24, f25, f26, f27, f28, f29,
    f30, f31, f32, f33, f34, f35, f36, f37, f38, f39,
};

/* Six call sites of one function pointer: six return targets per RET. */
static uint64_t __attribute__((noinline)) calls(uint64_t x, int i)
{
    uint64_t (*f)(uint64_t) = table[i % 40];

    switch (i % 6) {
    case 0:  return f(x) + 1;
    case 1:  return f(x ^ 3) * 3;
    case 2:  return f(x) - 5;
    case 3:  return f(x + 9) ^ 7;
    case 4:  return f(x) << 1;
    default: return f(~x);
    }
}

static uint64_t model_call(uint64_t x, int i)
{
    uint64_t n = i % 40;
#define M(v) ((v) * (2 * n + 1) + n)
    switch (i % 6) {
    case 0:  return M(x) + 1;
    case 1:  return M(x ^ 3) * 3;
    case 2:  return M(x) - 5;
    case 3:  return M(x + 9) ^ 7;
    case 4:  return M(x) << 1;
    default: return M(~x);
    }
#undef M
}

static void warm_calls(void *arg)
{
    uint64_t x = 1;

    (void)arg;
    for (int i = 0; i < 240; i++) {
        x = calls(x, i);
    }
}

static void part_b(void)
{
    uint64_t x = 3, y = 3;
    int wrong = 0;

    warm_loop(warm_calls, NULL, warm_s(20), 2000);
    for (int i = 0; i < 200000; i++) {
        x = calls(x, i * 7 + (i >> 5));
        y = model_call(y, i * 7 + (i >> 5));
        wrong += x != y;
        x = y;
    }
    CHECK(wrong == 0, "calls: %d wrong", wrong);
    printf("B. 40 functions called through one pointer, 6 return sites: "
           "200000 calls, %d wrong\n", wrong);
}

/* ---- C, D: one BLR target, code replaced under it --------------------------------- */

static uint32_t *code;               /* one page */
static volatile int in_call;
static volatile uint64_t fault_pc, fault_lr;
static sigjmp_buf fault_jmp;

/* f(x) = x * k + c: mov x1, #k; mul x0, x0, x1; add x0, x0, #c; ret */
static void emit(uint32_t *p, unsigned k, unsigned c)
{
    p[0] = 0xd2800001u | (k & 0xffff) << 5;
    p[1] = 0x9b017c00u;
    p[2] = 0x91000000u | (c & 0xfff) << 10;
    p[3] = 0xd65f03c0u;
    __builtin___clear_cache((char *)p, (char *)(p + 4));
}

static uint64_t __attribute__((noinline)) call_it(uint64_t (*f)(uint64_t),
                                                  uint64_t x)
{
    return f(x);
}

static uint64_t hot_calls(uint64_t (*f)(uint64_t), int n, uint64_t x)
{
    for (int i = 0; i < n; i++) {
        x = call_it(f, x) & 0xffffff;
    }
    return x;
}

static uint64_t model_hot(unsigned k, unsigned c, int n, uint64_t x)
{
    for (int i = 0; i < n; i++) {
        x = (x * k + c) & 0xffffff;
    }
    return x;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    fault_pc = uc_pc(uc);
    fault_lr = uc_regs(uc)[30];
    siglongjmp(fault_jmp, 1);
}

static void map_code(void)
{
    void *p = mmap(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | (code ? MAP_FIXED : 0), -1, 0);

    if (p == MAP_FAILED || (code && p != code)) {
        perror("mmap");
        exit(2);
    }
    code = p;
}

static void part_cd(void)
{
    uint64_t (*f)(uint64_t);
    int wrong = 0, rounds = 0;
    volatile int faulted = 0;

    map_code();
    f = (uint64_t (*)(uint64_t))code;
    emit(code, 3, 1);
    hot_calls(f, 200000, 1);          /* hot: BLR site caches the target */
    for (unsigned r = 0; r < 12; r++) {
        unsigned k = 5 + 2 * r, c = r * 3 + 2;

        if (r % 2 == 0) {
            munmap(code, 4096);
            map_code();
        }
        emit(code, k, c);
        wrong += hot_calls(f, 5000, r) != model_hot(k, c, 5000, r);
        rounds++;
    }
    CHECK(wrong == 0, "replaced code: %d of %d rounds wrong", wrong, rounds);
    printf("C. BLR to replaced code at one address: %d rounds, %d wrong\n",
           rounds, wrong);

    set_handler(SIGSEGV, on_segv, 0);
    for (int r = 0; r < 3; r++) {
        mprotect(code, 4096, PROT_READ);
        if (sigsetjmp(fault_jmp, 1) == 0) {
            in_call = 1;
            call_it(f, 5);
            in_call = 0;
        } else {
            faulted += fault_pc == (uint64_t)code && fault_lr != 0;
        }
        mprotect(code, 4096, PROT_READ | PROT_EXEC);
        CHECK(hot_calls(f, 1000, r) == model_hot(27, 35, 1000, r),
              "after PROT_EXEC again, round %d", r);
    }
    CHECK(faulted == 3, "faulted at the target %d of 3 times", faulted);
    printf("D. BLR to a non-executable page: faulted at the target %d of 3 "
           "times\n", faulted);
}

/* ---- E: one RET, 64 return sites --------------------------------------------------- */

static uint64_t __attribute__((noinline)) step(uint64_t x)
{
    return x * 0x9e3779b97f4a7c15ull + 1;
}

#define S8(k) x = step(x) ^ (k); x = step(x) + (k); x = step(x) - (k); \
              x = step(x) * 3 + (k); x = step(x) ^ (k) << 8; \
              x = step(x) + ((k) << 4); x = step(x) ^ ((k) * 7); \
              x = step(x) - ((k) << 12);
static uint64_t __attribute__((noinline)) many_sites(uint64_t x)
{
    S8(1) S8(2) S8(3) S8(4) S8(5) S8(6) S8(7) S8(8)
    return x;
}
#undef S8

static uint64_t model_step(uint64_t x)
{
    return x * 0x9e3779b97f4a7c15ull + 1;
}

#define S8(k) x = model_step(x) ^ (k); x = model_step(x) + (k); \
              x = model_step(x) - (k); x = model_step(x) * 3 + (k); \
              x = model_step(x) ^ (k) << 8; x = model_step(x) + ((k) << 4); \
              x = model_step(x) ^ ((k) * 7); x = model_step(x) - ((k) << 12);
static uint64_t model_many(uint64_t x)
{
    S8(1) S8(2) S8(3) S8(4) S8(5) S8(6) S8(7) S8(8)
    return x;
}
#undef S8

static void warm_many(void *arg)
{
    (void)arg;
    many_sites(1);
}

static void part_e(void)
{
    uint64_t x = 5;
    int wrong = 0;

    warm_loop(warm_many, NULL, warm_s(20), 2000);
    for (int i = 0; i < 50000; i++) {
        uint64_t want = model_many(x);

        wrong += many_sites(x) != want;
        x = want;
    }
    CHECK(wrong == 0, "64 return sites: %d wrong", wrong);
    printf("E. one function returning to 64 call sites: 50000 rounds, "
           "%d wrong\n", wrong);
}

int main(void)
{
    make_progs();
    part_a();
    part_b();
    part_cd();
    part_e();
    return finish("indirect");
}
