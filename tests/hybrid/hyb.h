/*
 * Shared helpers for the hybrid-tier guest tests (aarch64 Linux, C).
 *
 * Every test runs its critical code inside a loop that the hybrid tier
 * turns into an LLVM trace.  A trace is compiled in the background, so
 * each test first "warms up": it runs the very loop it is about to test,
 * with harmless arguments, for a stretch of wall-clock time (the
 * environment variable HYBRID_TEST_WARM_MS, default 1500 ms; the suite
 * sets it per mode).  The warm-up changes nothing that is printed: output
 * depends only on what the program computes, so it is the same on
 * hardware, under plain QEMU and under a correct hybrid tier.
 *
 * CHECK() counts failures and prints the first few; every program ends
 * with "<name>: ok (0 failures)" and exits 0 only if nothing failed.
 */
#ifndef HYB_H
#define HYB_H

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdbool.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef __aarch64__
#error "the hybrid tests are aarch64 programs"
#endif

static int failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            if (++failures <= 20) {                                          \
                printf("FAIL %s:%d: ", __func__, __LINE__);                  \
                printf(__VA_ARGS__);                                         \
                printf("\n");                                                \
                fflush(stdout);                                              \
            }                                                                \
        }                                                                    \
    } while (0)

static inline double now_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Warm-up time in seconds, scaled by @percent of HYBRID_TEST_WARM_MS. */
static inline double warm_s(int percent)
{
    const char *s = getenv("HYBRID_TEST_WARM_MS");
    long ms = s ? atol(s) : 1500;

    if (ms < 0) {
        ms = 0;
    }
    return ms * percent / 100 / 1000.0;
}

/* Keep calling fn(arg) until @secs have passed (at least @min calls). */
static inline void warm_loop(void (*fn)(void *), void *arg, double secs,
                             long min)
{
    double end = now_s() + secs;
    long n = 0;

    while (n < min || now_s() < end) {
        fn(arg);
        n++;
    }
}

/* The general registers of a signal context. */
static inline uint64_t *uc_regs(void *ucv)
{
    return (uint64_t *)((ucontext_t *)ucv)->uc_mcontext.regs;
}

static inline uint64_t uc_pc(void *ucv)
{
    return ((ucontext_t *)ucv)->uc_mcontext.pc;
}

static inline void uc_set_pc(void *ucv, uint64_t pc)
{
    ((ucontext_t *)ucv)->uc_mcontext.pc = pc;
}

static inline uint64_t uc_nzcv(void *ucv)
{
    return ((ucontext_t *)ucv)->uc_mcontext.pstate & 0xf0000000u;
}

static inline void set_handler(int sig, void (*fn)(int, siginfo_t *, void *),
                               int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) {
        perror("sigaction");
        exit(2);
    }
}

static inline int finish(const char *name)
{
    printf("%s: %s (%d failures)\n", name, failures ? "FAILED" : "ok",
           failures);
    fflush(stdout);
    return failures ? 1 : 0;
}

#endif
