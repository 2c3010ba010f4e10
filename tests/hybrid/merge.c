/*
 * Hybrid test: traces that pass control to each other are merged, and
 * the merged trace keeps faults exact.
 *
 * mix() has two loops (a message schedule and the rounds that use it),
 * and run() calls it for every 64-byte block of a buffer, after a loop
 * that reads the block's words: as in a hash function, the loops get
 * traces of their own first, and at every block the program leaves one,
 * runs the glue in TCG code and enters the next.  The region of run()'s loop holds both heads; the queue lets it
 * earn from their traces' samples (hybrid-queue.c, merged_samples()) and
 * compiles it over them.  The suite's check on this program's statistics
 * (hybrid/merge-stats, check.sh) wants such a compile in the hot mode
 * with -hybrid-merge on, and none with it off.
 *
 * Then the merged code faults: a SIGSEGV handler (installed before the
 * access) sees run() read past the buffer into a PROT_NONE page.  It
 * checks the fault's address, that the pc is run()'s load, and that the state the earlier blocks stored is
 * the one the C model computes, then leaves with siglongjmp.  Everything
 * printed depends only on the arithmetic.
 */
#include "hyb.h"
#include <sys/mman.h>

#define WORDS 16                        /* a block: 64 bytes */

static inline uint32_t rotl(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void __attribute__((noinline)) mix(uint32_t *st, const uint32_t *in)
{
    uint32_t w[48];
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];

    for (int i = 0; i < WORDS; i++) {
        w[i] = in[i] ^ (uint32_t)i;
    }
    for (int i = WORDS; i < 48; i++) {
        w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    for (int i = 0; i < 48; i++) {
        uint32_t t = rotl(a, 5) + ((b & c) | (~b & d)) + w[i] + 0x5a827999u;

        d = c;
        c = rotl(b, 30);
        b = a;
        a = t;
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
}

typedef struct Job {
    uint32_t st[4];
    const uint32_t *in;
    long blocks;
} Job;

/* Each block's words are big-endian, as a hash function reads them. */
static void __attribute__((noinline)) run(void *arg)
{
    Job *j = arg;
    uint32_t buf[WORDS];

    for (long k = 0; k < j->blocks; k++) {
        const uint32_t *p = j->in + k * WORDS;

        for (int i = 0; i < WORDS; i++) {
            buf[i] = __builtin_bswap32(p[i]);
        }
        mix(j->st, buf);
    }
}

/* The model: the same blocks, through another loop. */
static void model(uint32_t st[4], const uint32_t *in, long blocks)
{
    uint32_t buf[WORDS];

    for (long k = 0; k < blocks; k++) {
        for (int i = 0; i < WORDS; i++) {
            buf[i] = __builtin_bswap32(in[k * WORDS + i]);
        }
        mix(st, buf);
    }
}

static double cpu_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static sigjmp_buf escape;
static volatile uintptr_t fault_addr, fault_pc;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    fault_addr = (uintptr_t)si->si_addr;
    fault_pc = uc_pc(uc);
    siglongjmp(escape, 1);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    long good = 64;                     /* blocks before the fence page */
    size_t bytes = good * WORDS * 4;
    uint8_t *map = mmap(NULL, bytes + page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t *in;
    uint32_t want[4] = { 1, 2, 3, 4 };
    Job j = { .st = { 1, 2, 3, 4 } };

    if (map == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    in = (uint32_t *)map;
    for (size_t i = 0; i < bytes / 4; i++) {
        in[i] = (uint32_t)(i * 2654435761u);
    }
    if (mprotect(map + bytes, page, PROT_NONE) != 0) {
        perror("mprotect");
        return 2;
    }
    set_handler(SIGSEGV, on_segv, 0);

    /*
     * Warm: the loops and then the region around them get hot.  For this
     * thread's CPU time, not wall time: the tier decides by samples of
     * CPU time, and a loaded machine stretches only the wall clock.
     */
    j.in = in;
    j.blocks = good;
    {
        double end = cpu_s() + warm_s(100);

        do {
            run(&j);
        } while (cpu_s() < end);
    }

    /* Exact sums: a fresh state over the good blocks. */
    memcpy(j.st, want, sizeof(want));
    for (int r = 0; r < 2000; r++) {
        run(&j);
        model(want, in, good);
    }
    CHECK(!memcmp(j.st, want, sizeof(want)), "sums %08x %08x, model %08x %08x",
          j.st[0], j.st[1], want[0], want[1]);
    printf("sums %08x %08x %08x %08x\n", j.st[0], j.st[1], j.st[2], j.st[3]);

    /* A fault in the merged code: one block more than the buffer holds. */
    for (int r = 0; r < 3; r++) {
        memcpy(j.st, (uint32_t[4]){ 5, 6, 7, 8 }, sizeof(j.st));
        memcpy(want, j.st, sizeof(want));
        model(want, in, good);
        j.blocks = good + 1;
        fault_addr = fault_pc = 0;
        if (!sigsetjmp(escape, 1)) {
            run(&j);
            CHECK(0, "run %d: no fault past the buffer", r);
            continue;
        }
        CHECK(fault_addr == (uintptr_t)(map + bytes),
              "run %d: fault at +%ld, want +%ld", r,
              (long)(fault_addr - (uintptr_t)map), (long)bytes);
        CHECK(fault_pc >= (uintptr_t)run && fault_pc < (uintptr_t)run + 1024,
              "run %d: pc %#lx is not in run() at %p", r,
              (unsigned long)fault_pc, (void *)run);
        CHECK(!memcmp(j.st, want, sizeof(want)),
              "run %d: state %08x before the fault, model %08x", r,
              j.st[0], want[0]);
    }
    /* The same load of run() in every mode: the expected output says it. */
    printf("fault at the end of the buffer, run+%ld, state %08x %08x\n",
           (long)(fault_pc - (uintptr_t)run), j.st[0], j.st[1]);
    return finish("merge");
}
