/*
 * Hybrid test: the page holding a hot loop is unmapped, remapped or made
 * non-executable.
 *
 *   a. munmap + mmap (MAP_FIXED, same address) of the page of a hot
 *      generated loop, with different code in it; the new code must run.
 *   b. the same with a file-less remap done by mmap over the live mapping
 *      (MAP_FIXED without munmap first).
 *   c. mprotect(PROT_READ) of the hot loop's page: the next call must fault
 *      (SIGSEGV, SEGV_ACCERR, pc and si_addr the function's entry); after
 *      mprotect(PROT_READ | PROT_EXEC) it runs again.
 *   d. a second thread runs the hot loop for a long time while the main
 *      thread mprotects its page to PROT_READ: the thread must fault with
 *      pc inside the loop (and recover with siglongjmp).
 * The generated function is f(n, x): for (i = 0; i < n; i++) x = x * K + i.
 */
#include "hyb.h"
#include <pthread.h>
#include <sys/mman.h>

static uint32_t movz_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xd2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t movk_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xf2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

#define RET 0xd65f03c0u

/* Words 0-3: x2 = K; 4: x3 = 0; loop 5-9; 10-11: return. */
static void gen(uint32_t *c, uint64_t k)
{
    for (int h = 0; h < 4; h++) {
        c[h] = h ? movk_x(2, k >> (16 * h), h) : movz_x(2, k, 0);
    }
    c[4] = movz_x(3, 0, 0);
    c[5] = 0x9b020c21u;         /* loop: madd x1, x1, x2, x3 */
    c[6] = 0x91000463u;         /* add x3, x3, #1 */
    c[7] = 0xeb00007fu;         /* cmp x3, x0 */
    c[8] = 0x54ffffa3u;         /* b.lo loop (-3 words) */
    c[9] = 0xaa0103e0u;         /* mov x0, x1 */
    c[10] = RET;
    __builtin___clear_cache((char *)c, (char *)(c + 11));
}

/* The loop's pcs, for part d: words 5..8. */
#define LOOP_FIRST 5
#define LOOP_LAST 8

static uint64_t model(uint64_t k, uint64_t n, uint64_t x)
{
    for (uint64_t i = 0; i < n; i++) {
        x = x * k + i;
    }
    return x;
}

typedef uint64_t (*fn2)(uint64_t, uint64_t);
static long pg;
static volatile uint64_t sink;

struct warm_arg {
    fn2 f;
    uint64_t k;
    long wrong;
};

static void warm_call(void *p)
{
    struct warm_arg *w = p;
    uint64_t v = w->f(2000, 3);

    w->wrong += v != model(w->k, 2000, 3);
}

static uint8_t *map_code(void *at, uint64_t k, bool fixed)
{
    uint8_t *m = mmap(at, pg, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | (fixed ? MAP_FIXED : 0),
                      -1, 0);

    if (m == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    gen((uint32_t *)m, k);
    if (mprotect(m, pg, PROT_READ | PROT_EXEC) != 0) {
        perror("mprotect");
        exit(2);
    }
    return m;
}

static void part_remap(const char *name, bool unmap_first, double warm)
{
    uint8_t *m = map_code(NULL, 0x100000001b3ull, false);
    struct warm_arg w = { (fn2)(uintptr_t)m, 0x100000001b3ull, 0 };
    long rounds = 6, wrong = 0;

    for (long r = 0; r < rounds; r++) {
        uint64_t k = 0x9e3779b97f4a7c15ull * (r + 1) | 1;

        warm_loop(warm_call, &w, r ? warm / 4 : warm, 4);
        if (unmap_first) {
            munmap(m, pg);
        }
        if (map_code(m, k, true) != m) {
            CHECK(0, "%s: remapped at another address", name);
        }
        w.k = k;
        if (w.f(5000, r) != model(k, 5000, r)) {
            wrong++;
        }
    }
    CHECK(wrong == 0 && w.wrong == 0, "%s: %ld wrong after remap, %ld in "
          "warm-up calls", name, wrong, w.wrong);
    printf("%s: %ld remaps of a hot loop's page, %ld wrong results\n", name,
           rounds, wrong + w.wrong);
    munmap(m, pg);
}

/* ---- c, d: mprotect to non-executable --------------------------------------------- */

static __thread sigjmp_buf *fault_jb;
static __thread volatile uint64_t fault_pc, fault_addr;
static __thread volatile int fault_code;

static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    fault_pc = uc_pc(uc);
    fault_addr = (uint64_t)(uintptr_t)si->si_addr;
    fault_code = si->si_code;
    if (fault_jb) {
        siglongjmp(*fault_jb, 1);
    }
    _exit(3);
}

/* Call f; returns true if it faulted (fault_* describe it). */
static bool call_faults(fn2 f, uint64_t n, uint64_t x, uint64_t *result)
{
    sigjmp_buf jb;

    fault_jb = &jb;
    if (sigsetjmp(jb, 1)) {
        fault_jb = NULL;
        return true;
    }
    *result = f(n, x);
    fault_jb = NULL;
    return false;
}

static void part_mprotect(double warm)
{
    uint64_t k = 0x5851f42d4c957f2dull, v = 0;
    uint8_t *m = map_code(NULL, k, false);
    struct warm_arg w = { (fn2)(uintptr_t)m, k, 0 };
    int rounds = 4, ok = 0;

    for (int r = 0; r < rounds; r++) {
        bool faulted;

        warm_loop(warm_call, &w, r ? warm / 4 : warm, 4);
        mprotect(m, pg, PROT_READ);
        faulted = call_faults(w.f, 1000, 1, &v);
        CHECK(faulted, "c: round %d: no fault from a non-executable page", r);
        if (faulted) {
            CHECK(fault_pc == (uint64_t)(uintptr_t)m &&
                  fault_addr == (uint64_t)(uintptr_t)m &&
                  fault_code == SEGV_ACCERR,
                  "c: round %d: fault pc %#" PRIx64 " addr %#" PRIx64
                  " code %d, expected %p, %p, SEGV_ACCERR", r, fault_pc,
                  fault_addr, fault_code, (void *)m, (void *)m);
            ok += fault_pc == (uint64_t)(uintptr_t)m &&
                  fault_addr == (uint64_t)(uintptr_t)m &&
                  fault_code == SEGV_ACCERR;
        }
        mprotect(m, pg, PROT_READ | PROT_EXEC);
        faulted = call_faults(w.f, 1000, 1, &v);
        CHECK(!faulted && v == model(k, 1000, 1),
              "c: round %d: after PROT_EXEC again: %s", r,
              faulted ? "faulted" : "wrong result");
    }
    CHECK(w.wrong == 0, "c: %ld wrong warm-up results", w.wrong);
    printf("c. mprotect(PROT_READ) of a hot loop's page: %d of %d calls "
           "faulted at the entry, and ran again after PROT_EXEC\n", ok,
           rounds);
    munmap(m, pg);
}

struct runner {
    fn2 f;
    volatile int started;
    bool faulted;
    uint64_t pc, addr;
    int code;
};

static void *run_long(void *p)
{
    struct runner *rn = p;
    uint64_t v;

    rn->started = 1;
    /* ~2^40 iterations: far longer than the test. */
    rn->faulted = call_faults(rn->f, 1ull << 40, 1, &v);
    rn->pc = fault_pc;
    rn->addr = fault_addr;
    rn->code = fault_code;
    return NULL;
}

static void part_thread(double warm)
{
    uint64_t k = 0x2545f4914f6cdd1dull;
    uint8_t *m = map_code(NULL, k, false);
    struct runner rn = { (fn2)(uintptr_t)m, 0, false, 0, 0, 0 };
    uint64_t lo = (uint64_t)(uintptr_t)m + 4 * LOOP_FIRST;
    uint64_t hi = (uint64_t)(uintptr_t)m + 4 * LOOP_LAST;
    pthread_t th;
    struct timespec ts;

    pthread_create(&th, NULL, run_long, &rn);
    while (!rn.started) {
        usleep(1000);
    }
    ts.tv_sec = (time_t)warm;
    ts.tv_nsec = (long)((warm - ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);               /* the loop becomes a trace */
    mprotect(m, pg, PROT_READ);
    pthread_join(th, NULL);
    CHECK(rn.faulted, "d: the running loop did not fault");
    CHECK(rn.pc >= lo && rn.pc <= hi && rn.addr == rn.pc &&
          rn.code == SEGV_ACCERR, "d: fault pc %#" PRIx64 " addr %#" PRIx64
          " code %d; expected pc in [%#" PRIx64 ", %#" PRIx64 "], addr = pc, "
          "SEGV_ACCERR", rn.pc, rn.addr, rn.code, lo, hi);
    printf("d. mprotect(PROT_READ) while another thread runs the loop: %s\n",
           rn.faulted && rn.pc >= lo && rn.pc <= hi && rn.addr == rn.pc
               ? "it faulted inside the loop" : "WRONG");
    munmap(m, pg);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pg = sysconf(_SC_PAGESIZE);
    set_handler(SIGSEGV, segv_handler, SA_NODEFER);
    part_remap("a. munmap + mmap", true, warm_s(100));
    part_remap("b. mmap MAP_FIXED over it", false, warm_s(20));
    part_mprotect(warm_s(20));
    part_thread(warm_s(30));
    return finish("codepage");
}
