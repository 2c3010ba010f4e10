/*
 * Offload test: a fault inside offloaded code, recovered by the guest.
 *
 * Offloaded functions read into a PROT_NONE page, read near NULL and write
 * a read-only page; the guest's SIGSEGV handler siglongjmps back into
 * main.  Printed: the signal and its si_code (not the address or pc).
 * Afterwards offloaded code still runs, and still faults and recovers.
 */
//! offloaded: read_at write_at sum_after
//! called: read_at write_at sum_after
//! not-offloaded: main:asm/setjmp on_segv:setjmp
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "offload-test.h"

static sigjmp_buf env;
static volatile int last_sig, last_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_sig = sig;
    last_code = si->si_code;
    siglongjmp(env, 1);
}

OFFLOAD_FN long read_at(const long *p, int n)
{
    long s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

OFFLOAD_FN void write_at(int *p, int v)
{
    *p = v;
}

OFFLOAD_FN long sum_after(int n)
{
    long s = 0;
    for (int i = 1; i <= n; i++)
        s += (long)i * i;
    return s;
}

static const char *code_name(int sig, int code)
{
    if (sig != SIGSEGV)
        return "not SIGSEGV";
    return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

int main(void)
{
    struct sigaction sa;

    GUEST_ONLY();
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    long page = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(map + page, page, PROT_NONE);      /* second page: a guard */
    long *before_hole = (long *)(map + page) - 4;
    for (int i = 0; i < 4; i++)
        before_hole[i] = i + 1;
    int *ro = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ro[0] = 11;
    mprotect(ro, page, PROT_READ);

    for (volatile int round = 0; round < 3; round++) {
        volatile long r = -1;
        last_sig = 0;
        if (sigsetjmp(env, 1) == 0) {
            r = read_at(before_hole, 4);        /* fine */
            printf("round %d: read %ld\n", round, r);
            r = read_at(before_hole, 8 + round);  /* runs into the hole */
            printf("round %d: no fault (%ld)\n", round, r);
        } else {
            printf("round %d: caught %s %s\n", round, last_sig == SIGSEGV ? "SIGSEGV" : "other",
                   code_name(last_sig, last_code));
        }
        last_sig = 0;
        if (sigsetjmp(env, 1) == 0) {
            write_at(ro, 5);
            printf("round %d: write to read-only page succeeded\n", round);
        } else {
            printf("round %d: caught %s %s, page still %d\n", round,
                   last_sig == SIGSEGV ? "SIGSEGV" : "other",
                   code_name(last_sig, last_code), ro[0]);
        }
        last_sig = 0;
        if (sigsetjmp(env, 1) == 0) {
            r = read_at((const long *)16, 1);
            printf("round %d: NULL+16 readable (%ld)\n", round, r);
        } else {
            printf("round %d: caught %s %s\n", round, last_sig == SIGSEGV ? "SIGSEGV" : "other",
                   code_name(last_sig, last_code));
        }
        printf("round %d: after recovery %ld\n", round, sum_after(100 + round));
    }
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("SIGSEGV blocked at the end: %d\n", sigismember(&cur, SIGSEGV));
    printf("fault: done\n");
    return 0;
}
