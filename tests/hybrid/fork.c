/*
 * Hybrid test: fork() around hot loops.
 *
 *   a. The parent runs a hot loop until it is a trace, then forks 24
 *      children from a loop; each child runs the same hot loop (the
 *      inherited trace) and a loop only the child runs (compiled in the
 *      child, by the restarted optimizer thread, or run by TCG), and
 *      exits with a status computed from both.  The parent checks every
 *      status.
 *   b. One thread spins in a hot loop (until told to stop) while the main
 *      thread forks 12 children, each of which runs hot loops and exits
 *      with a computed status.  fork() has to stop the spinning thread
 *      (it waits for every vCPU to leave its code), so a trace that never
 *      leaves hangs here.  The spinning thread's result is checked too.
 */
#include "hyb.h"
#include <pthread.h>
#include <sys/wait.h>

static uint64_t __attribute__((noinline)) hot_hash(uint64_t n, uint64_t x)
{
    for (uint64_t i = 0; i < n; i++) {
        x = x * 0x5851f42d4c957f2dull + i;
        x ^= x >> 29;
    }
    return x;
}

/* A different loop, run only in children. */
static uint64_t __attribute__((noinline)) child_only(uint64_t n, uint64_t x)
{
    for (uint64_t i = 0; i < n; i++) {
        x += (x << 7) ^ (i * 0x9e3779b9u);
        x = x >> 3 | x << 61;
    }
    return x;
}

static int child_status(int k)
{
    uint64_t a = hot_hash(300000 + k * 1000, k);
    uint64_t b = child_only(1000000 + k * 777, a);

    return (int)((a ^ b ^ (b >> 17)) % 251);
}

static volatile uint64_t sink;

static void hot_warm(void *p)
{
    (void)p;
    sink = hot_hash(10000, 1);          /* used: the call must stay */
}

static void run_children(const char *name, int n, int base)
{
    pid_t pids[32];
    int bad = 0;

    for (int k = 0; k < n; k++) {
        pids[k] = fork();
        if (pids[k] == 0) {
            _exit(child_status(base + k));
        }
        if (pids[k] < 0) {
            CHECK(0, "%s: fork failed", name);
            return;
        }
    }
    for (int k = 0; k < n; k++) {
        int st = 0;

        if (waitpid(pids[k], &st, 0) != pids[k]) {
            CHECK(0, "%s: waitpid failed", name);
            bad++;
            continue;
        }
        if (!WIFEXITED(st) || WEXITSTATUS(st) != child_status(base + k)) {
            if (bad++ < 3) {
                CHECK(0, "%s: child %d: status %#x, expected exit %d", name, k,
                      st, child_status(base + k));
            }
        }
    }
    printf("%s: %d children, %d with a wrong status\n", name, n, bad);
}

/* ---- b: fork while another thread spins in a hot loop ------------------------ */

static volatile int stop_spin;
static volatile int spinning;

static uint64_t __attribute__((noinline)) spin_hash(void)
{
    uint64_t x = 7, n = 0;

    while (!stop_spin) {
        x = x * 0x2545f4914f6cdd1dull + n;
        n++;
        if (n == 1000) {
            spinning = 1;
        }
    }
    sink = x;
    return n >= 1000;
}

static void *spinner(void *p)
{
    *(uint64_t *)p = spin_hash();
    return NULL;
}

int main(void)
{
    pthread_t th;
    uint64_t spun = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);

    /* a */
    warm_loop(hot_warm, NULL, warm_s(100), 4);
    run_children("a. fork in a loop, children run hot loops", 24, 0);

    /* b */
    pthread_create(&th, NULL, spinner, &spun);
    while (!spinning) {
        usleep(1000);
    }
    usleep((useconds_t)(warm_s(40) * 1e6));
    run_children("b. fork while a thread spins", 12, 100);
    stop_spin = 1;
    pthread_join(th, NULL);
    CHECK(spun == 1, "b: the spinning thread's result is %" PRIu64, spun);
    printf("b. the spinning thread stopped when told: %s\n",
           spun == 1 ? "yes" : "no");
    return finish("fork");
}
