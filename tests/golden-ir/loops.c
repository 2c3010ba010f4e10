/*
 * Golden-IR test programs: one small hot loop per case, in assembly so
 * that the guest code never changes with the compiler.  main() calls the
 * loop of the case named by argv[1] for 0.4 s of CPU time, enough for the tier
 * (-hybrid-threshold 1 -hybrid-warmup 0) to make it a trace; check.sh
 * compares that trace's LLVM IR with <case>.ll.
 *   sum          load, add, store: guest accesses while faults are fatal
 *                (no write-back before them)
 *   sum-handler  the same with a SIGSEGV handler: registers go to env
 *                before every access
 *   acqrel       STLR then LDAR with a second thread alive: a seq_cst
 *                fence after the store, an acq_rel one after the load
 *                (docs/memory-order.md)
 *   fp           FADD: the inlined floating-point fast path
 *   fma          FNMADD (two FNEGs inline and a muladd on the host's
 *                FMA) and FSQRT (host sqrt): the fast paths of
 *                docs/fp.md; run only where the host has FMA
 *   fma-nohostfma  the same loop as if the host had no FMA
 *                (QEMU_HYBRID_HOST_FMA=0): muladd stays a helper call
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The loops, in assembly so that the guest code never changes. */
__asm__(
    ".text\n"
    ".global sum_loop\n"
    "sum_loop:\n"                 /* x0 = array, x1 = n > 0: sum */
    "    mov x2, #0\n"
    ".global sum_loop_head\n"
    "sum_loop_head:\n"
    "    ldr x3, [x0]\n"
    "    add x2, x2, x3\n"
    "    str x2, [x0], #8\n"
    "    subs x1, x1, #1\n"
    "    b.ne sum_loop_head\n"
    "    mov x0, x2\n"
    "    ret\n"
    ".global acqrel_loop\n"
    "acqrel_loop:\n"              /* x0, x1 = flags, x2 = n > 0 */
    "    mov x3, #0\n"
    ".global acqrel_loop_head\n"
    "acqrel_loop_head:\n"
    "    stlr x2, [x0]\n"
    "    ldar x4, [x1]\n"
    "    add x3, x3, x4\n"
    "    subs x2, x2, #1\n"
    "    b.ne acqrel_loop_head\n"
    "    mov x0, x3\n"
    "    ret\n"
    ".global fp_loop\n"
    "fp_loop:\n"                  /* d0 += d1, x0 > 0 times */
    ".global fp_loop_head\n"
    "fp_loop_head:\n"
    "    fadd d0, d0, d1\n"
    "    subs x0, x0, #1\n"
    "    b.ne fp_loop_head\n"
    "    ret\n"
    ".global fma_loop\n"
    "fma_loop:\n"                 /* d0 = -d0 - d1 * d2, d3 = sqrt(d1) */
    ".global fma_loop_head\n"
    "fma_loop_head:\n"
    "    fnmadd d0, d1, d2, d0\n"
    "    fsqrt d3, d1\n"
    "    subs x0, x0, #1\n"
    "    b.ne fma_loop_head\n"
    "    fadd d0, d0, d3\n"
    "    ret\n");

long sum_loop(const long *a, long n);
long acqrel_loop(long *x, long *y, long n);
double fp_loop(double acc, double inc, long n);
double fma_loop(double acc, double b, double c, long n);

static void on_segv(int sig __attribute__((unused)))
{
    _exit(3);
}

static int pipefd[2];

/* Blocks until the process ends: only its existence matters. */
static void *sleeper(void *arg)
{
    char c;

    return read(pipefd[0], &c, 1) > 0 ? arg : NULL;
}

/*
 * The process's CPU time: under the emulator it counts the optimizer's
 * too, so a loaded machine, where loading LLVM alone took 350 ms of wall
 * time, does not end the loop before its trace is built.
 */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    static long a[1000], x, y;
    double end = now() + 0.4, d = 0;
    long s = 0;
    pthread_t t;

    for (int i = 0; i < 1000; i++) {
        a[i] = i;
    }
    if (!strcmp(what, "sum-handler")) {
        signal(SIGSEGV, on_segv);
    }
    if (!strcmp(what, "acqrel")) {
        /* A second thread: only then does TCG emit barriers. */
        if (pipe(pipefd) || pthread_create(&t, NULL, sleeper, NULL)) {
            return 2;
        }
    }
    while (now() < end) {
        if (!strcmp(what, "acqrel")) {
            s += acqrel_loop(&x, &y, 1000);
        } else if (!strcmp(what, "fp")) {
            d = fp_loop(d, 0.5, 1000);
        } else if (!strncmp(what, "fma", 3)) {
            d = fma_loop(0, 1.5, 0.25, 1000);
        } else {
            s += sum_loop(a, 1000);
        }
    }
    printf("%s done\n", what);
    return s == -1 || d < 0;
}
