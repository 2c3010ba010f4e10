/*
 * Hybrid test: a fault that no guest handler catches, raised in a trace.
 *
 * Until the guest installs a SIGSEGV or SIGBUS handler, traces keep guest
 * registers in host registers across memory accesses, and name the guest
 * PC of a fault only once per run of straight-line code (do_qemu_ldst()
 * in llvm-backend/translate.c): such a fault can only end the process.
 * It must end it as on hardware, killed by the signal, never by an abort
 * of the emulator.  What the emulator prints then goes to the child's
 * stderr, which the parent reads through a pipe: no message may come
 * from the hybrid tier ("qemu-hybrid: fault in a trace ... without a restore
 * point" was one).
 *
 * Each case runs in a child: a loop over a buffer whose end touches a
 * PROT_NONE page runs within bounds until it is a trace, then once more
 * with a count that walks into the page.  The parent checks how each
 * child ended.  Cases: a load, the second load of a run whose first one
 * is fine, a store, and a load after a store in the same run.
 */
#include "hyb.h"
#include <sys/mman.h>
#include <sys/wait.h>

static uint8_t *edge;               /* the last bytes before the bad page */
static volatile uint64_t sink;

static uint64_t __attribute__((noinline)) sum_loads(const uint64_t *p,
                                                    long n)
{
    uint64_t s = 0;

    for (long i = 0; i < n; i++) {
        s = s * 31 + p[i];
    }
    return s;
}

static uint64_t __attribute__((noinline)) sum_pairs(const uint64_t *p,
                                                    long n)
{
    uint64_t s = 0;

    for (long i = 0; i < n; i++) {
        s += p[i] ^ (p[i + 1] << 1);    /* p[i + 1] faults first */
    }
    return s;
}

static void __attribute__((noinline)) fill(uint64_t *p, long n, uint64_t v)
{
    for (long i = 0; i < n; i++) {
        p[i] = v + i;
    }
}

static uint64_t __attribute__((noinline)) copy_up(uint64_t *p, long n)
{
    uint64_t s = 0;

    for (long i = 0; i < n; i++) {
        p[i] = i * 3;
        s += p[i + 1];                  /* the load after the store faults */
    }
    return s;
}

enum { N = 512 };                   /* 64-bit words before the bad page */

static uint64_t *base(void)
{
    return (uint64_t *)(edge - N * sizeof(uint64_t));
}

static void warm_case(void *arg)
{
    long k = (long)arg;

    switch (k) {
    case 0: sink = sum_loads(base(), N); break;
    case 1: sink = sum_pairs(base(), N - 1); break;
    case 2: fill(base(), N, 7); break;
    default: sink = copy_up(base(), N - 1); break;
    }
}

/* In the child: warm the loop up, then run it past the end. */
static void run_case(long k)
{
    warm_loop(warm_case, (void *)k, warm_s(40), 2000);
    switch (k) {
    case 0: sink = sum_loads(base(), N + 8); break;
    case 1: sink = sum_pairs(base(), N); break;
    case 2: fill(base(), N + 8, 9); break;
    default: sink = copy_up(base(), N); break;
    }
}

int main(void)
{
    static const char *names[] = { "load", "second load", "store",
                                   "load after store" };
    long page = sysconf(_SC_PAGESIZE);
    uint8_t *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED || mprotect(m + 3 * page, page, PROT_NONE) != 0) {
        perror("mmap");
        return 2;
    }
    edge = m + 3 * page;
    fill(base(), N, 1);
    fflush(stdout);
    for (long k = 0; k < 4; k++) {
        char err[4096];
        ssize_t len = 0, r;
        int status, fds[2];
        pid_t pid;

        if (pipe(fds) != 0) {
            perror("pipe");
            return 2;
        }
        pid = fork();
        if (pid < 0) {
            perror("fork");
            return 2;
        }
        if (pid == 0) {
            dup2(fds[1], 2);
            close(fds[0]);
            close(fds[1]);
            run_case(k);
            _exit(0);                   /* not reached: it faults */
        }
        close(fds[1]);
        while (len < (ssize_t)sizeof(err) - 1 &&
               (r = read(fds[0], err + len, sizeof(err) - 1 - len)) > 0) {
            len += r;
        }
        err[len] = 0;
        close(fds[0]);
        if (waitpid(pid, &status, 0) != pid) {
            perror("waitpid");
            return 2;
        }
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
              "%s: status 0x%x, want killed by SIGSEGV", names[k], status);
        /* Its messages, not the -hybrid-stats report. */
        CHECK(!strstr(err, "qemu-hybrid: "), "%s: the emulator said: %s",
              names[k], err);
        printf("fatal: %s: %s\n", names[k],
               WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exited");
    }
    return finish("fatal");
}
