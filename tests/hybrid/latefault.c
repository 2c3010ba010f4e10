/*
 * Hybrid test: a fault handler installed while a hot loop runs.
 *
 * Until a guest can catch SIGSEGV or SIGBUS, the hybrid tier keeps guest
 * registers in host registers across memory accesses: nobody could see
 * them at a fault.  Installing a handler must change that at once, even
 * for a loop another thread is running in a trace at that moment.
 *
 * The worker runs one long loop (assembly, so that every register is
 * known) that never faults while the flag is 0; main waits until the
 * loop has been a trace for a while, installs the handler, then sets the
 * flag.  The next iteration loads from a PROT_NONE page.  The handler
 * checks the PC, the fault address and the registers of that very
 * iteration: i, stored to memory by the iteration itself, and values
 * derived from it.  Stale registers (those of the trace's entry) fail.
 * Then a second round runs the loop afresh, the handler in place from
 * the start.
 */
#include "hyb.h"
#include <pthread.h>
#include <sys/mman.h>

/*
 * uint64_t late_loop(u64 *tab, u64 n, u64 *flag, void *bad, u64 *last)
 * x9 = i, x10 = 7 + 3 * (i + 1), x11 = i ^ 0x5555, x13 = address,
 * x15 = flag; *last = i before the access.
 */
__asm__(
    "    .text\n"
    "    .p2align 6\n"
    "    .globl late_loop\n"
    "late_loop:\n"
    "    mov x9, #0\n"
    "    mov x10, #7\n"
    "    mov x11, #0\n"
    "    mov x14, #0\n"
    "    cbz x1, 2f\n"
    "1:  ldr x15, [x2]\n"
    "    and x12, x9, #63\n"
    "    add x13, x0, x12, lsl #3\n"
    "    cmp x15, #0\n"
    "    csel x13, x3, x13, ne\n"
    "    str x9, [x4]\n"
    "    add x10, x10, #3\n"
    "    mov x12, #0x5555\n"
    "    eor x11, x9, x12\n"
    "    .globl late_fault\n"
    "late_fault:\n"
    "    ldr x14, [x13]\n"
    "    add x10, x10, x14\n"
    "    sub x10, x10, x14\n"
    "    add x9, x9, #1\n"
    "    cmp x9, x1\n"
    "    b.lo 1b\n"
    "2:  mov x0, x10\n"
    "    ret\n");

uint64_t late_loop(uint64_t *tab, uint64_t n, volatile uint64_t *flag,
                   void *bad, volatile uint64_t *last);
extern char late_fault[];

static uint64_t table[64];
static char *bad;

typedef struct Round {
    volatile uint64_t flag;
    volatile uint64_t last;
    sigjmp_buf jb;
    int faults;
    int wrong;
} Round;

static __thread Round *cur;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    uint64_t *r = uc_regs(uc);
    Round *rd = cur;
    uint64_t i = rd->last;
    bool ok = true;

    rd->faults++;
    ok &= sig == SIGSEGV && si->si_addr == (void *)bad;
    ok &= uc_pc(uc) == (uint64_t)late_fault;
    ok &= r[9] == i;
    ok &= r[10] == 7 + 3 * (i + 1);
    ok &= r[11] == (i ^ 0x5555);
    ok &= r[13] == (uint64_t)bad;
    ok &= r[15] == 1;
    if (!ok) {
        rd->wrong++;
        CHECK(0, "fault: pc %s, x9 %" PRIu64 " (i %" PRIu64 "), x10 %s, "
              "x11 %s, x13 %s, x15 %" PRIu64,
              uc_pc(uc) == (uint64_t)late_fault ? "ok" : "wrong", r[9], i,
              r[10] == 7 + 3 * (i + 1) ? "ok" : "wrong",
              r[11] == (i ^ 0x5555) ? "ok" : "wrong",
              r[13] == (uint64_t)bad ? "ok" : "wrong", r[15]);
    }
    siglongjmp(rd->jb, 1);
}

/* Run the loop until it faults (or ends, which is a failure). */
static void run_round(Round *rd)
{
    cur = rd;
    if (sigsetjmp(rd->jb, 1) == 0) {
        late_loop(table, UINT64_MAX, &rd->flag, bad, &rd->last);
        CHECK(0, "the loop ended without a fault");
    }
}

static void *worker(void *arg)
{
    run_round(arg);
    return NULL;
}

static void report(const char *label, Round *rd)
{
    CHECK(rd->faults == 1, "%s: %d faults", label, rd->faults);
    printf("%s: %d fault, %d with wrong state\n", label, rd->faults,
           rd->wrong);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    static Round a, b;
    pthread_t th;
    double end;

    setvbuf(stdout, NULL, _IOLBF, 0);
    bad = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (bad == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    bad += 64;

    /* Round 1: the loop runs in another thread while the handler comes. */
    pthread_create(&th, NULL, worker, &a);
    end = now_s() + warm_s(100);
    while (a.last == 0 || now_s() < end) {
        usleep(1000);
    }
    set_handler(SIGSEGV, on_segv, 0);
    a.flag = 1;
    pthread_join(th, NULL);
    report("another thread's hot loop", &a);

    /*
     * Round 2: this thread, with the handler in place from the start: the
     * traces built now must keep the state exact.
     */
    {
        pthread_t t2;

        pthread_create(&t2, NULL, worker, &b);
        end = now_s() + warm_s(100);
        while (b.last == 0 || now_s() < end) {
            usleep(1000);
        }
        b.flag = 1;
        pthread_join(t2, NULL);
    }
    report("a hot loop started after the handler", &b);
    return finish("latefault");
}
