/*
 * Hybrid test: a guest JIT that keeps writing new hot code (issue 16).
 *
 * Each generation writes a function into an RWX mapping, clears the
 * cache and calls it once; the function is a loop, hot from its first
 * call:
 *
 *     x2 = K                                  <- new in every generation
 *     do {
 *         x0 += x2; x0 ^= x1; ... (BODY insns)
 *     } while (--x1 != 0);
 *
 *  A. 6,000 generations of a 300-instruction loop, 100 iterations a
 *     call, on 16 pages in turn: a trace's job is still current for 16
 *     generations, so the optimizer compiles what it pops (long, for
 *     300 instructions) while every generation queues another;
 *  B. 10,000 generations of a 2-instruction loop, 50,000 iterations a
 *     call, always at the same address: each job is stale within a
 *     generation, superseded by the next.
 *
 * Every 61st call is checked against a C model; stdout holds checksums,
 * the same in every mode.  stderr gets the process's peak RSS
 * ("churn: peak RSS N KB", getrusage() passes QEMU's own through): the
 * suite holds -hybrid on to -hybrid off's figure plus a fixed budget
 * (tests/hybrid/check.sh).  Before the queue dropped stale jobs at once
 * and was bounded, this took 593 MiB against 59 MiB.
 */
#include "hyb.h"
#include <sys/mman.h>
#include <sys/resource.h>

static uint32_t movz_x(unsigned rd, uint32_t imm16, unsigned hw)
{
    return 0xd2800000u | hw << 21 | (imm16 & 0xffff) << 5 | rd;
}

static uint32_t add_x(unsigned rd, unsigned rn, unsigned rm)
{
    return 0x8b000000u | rm << 16 | rn << 5 | rd;
}

static uint32_t eor_x(unsigned rd, unsigned rn, unsigned rm)
{
    return 0xca000000u | rm << 16 | rn << 5 | rd;
}

static uint32_t subs_xi(unsigned rd, unsigned rn, unsigned imm12)
{
    return 0xf1000000u | (imm12 & 0xfff) << 10 | rn << 5 | rd;
}

static uint32_t b_ne(int words)
{
    return 0x54000000u | ((uint32_t)words & 0x7ffff) << 5 | 1;
}

#define RET 0xd65f03c0u

typedef uint64_t (*loop_fn)(uint64_t x, uint64_t n);

/* Write generation @k's loop of @body instructions at @code. */
static void emit(uint32_t *code, uint32_t k, int body)
{
    int w = 0;

    code[w++] = movz_x(2, k, 0);
    for (int b = 0; b < body; b++) {
        code[w++] = (b & 1) ? eor_x(0, 0, 1) : add_x(0, 0, 2);
    }
    code[w++] = subs_xi(1, 1, 1);
    code[w] = b_ne(-(w - 1));
    w++;
    code[w++] = RET;
    __builtin___clear_cache((char *)code, (char *)(code + w));
}

static uint64_t model(uint64_t x, uint64_t n, uint32_t k, int body)
{
    for (uint64_t i = n; i != 0; i--) {
        for (int b = 0; b < body; b++) {
            x = (b & 1) ? x ^ i : x + (k & 0xffff);
        }
    }
    return x;
}

/* Run @gens generations on @pages pages in turn; their checksum. */
static uint64_t churn(uint8_t *mem, long pg, int pages, long gens, int body,
                      uint64_t n, const char *part)
{
    uint64_t sum = 0;
    long wrong = 0;

    for (long g = 0; g < gens; g++) {
        uint32_t *code = (uint32_t *)(mem + (g % pages) * pg);
        uint32_t k = (uint32_t)(g * 40503u + 17);
        uint64_t x = g, r;

        emit(code, k, body);
        r = ((loop_fn)(uintptr_t)code)(x, n);
        if (g % 61 == 0 && r != model(x, n, k, body)) {
            if (wrong++ < 3) {
                CHECK(0, "%s: generation %ld: got 0x%" PRIx64 ", expected 0x%"
                      PRIx64, part, g, r, model(x, n, k, body));
            }
        }
        sum = sum * 31 + r;
    }
    CHECK(wrong == 0, "%s: %ld wrong results", part, wrong);
    return sum;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    struct rusage ru;
    uint8_t *mem;

    setvbuf(stdout, NULL, _IOLBF, 0);
    mem = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    printf("A. 6000 generations, 300 insns, 16 pages: checksum %016" PRIx64
           "\n", churn(mem, pg, 16, 6000, 300, 100, "A"));
    printf("B. 10000 generations, 2 insns, one address: checksum %016" PRIx64
           "\n", churn(mem, pg, 1, 10000, 2, 50000, "B"));
    if (getrusage(RUSAGE_SELF, &ru) == 0) {
        fprintf(stderr, "churn: peak RSS %ld KB\n", ru.ru_maxrss);
    }
    return finish("churn");
}
