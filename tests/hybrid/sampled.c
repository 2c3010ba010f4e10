/*
 * Hybrid test: the sampler is invisible to the guest.
 *
 * With -hybrid on, every thread of the emulator is sampled by a
 * perf_event (accel/tcg/hybrid-sample.h).  A guest must see none of it:
 *   a. no signal: a handler on every catchable signal counts deliveries
 *      while hot loops run (the sampler's rings ask for no signal);
 *   b. no interrupted system call: short sleeps, pipe reads and
 *      getppid() in a hot loop never fail with EINTR;
 *   c. no file descriptor: /proc/self/fd lists the same entries before
 *      and after the hot work (the event's descriptor is closed once
 *      its ring is mapped);
 *   d. threads and fork while sampled: two threads run hot loops, a
 *      forked child runs one too, and every sum comes out exact.
 * Prints only what it computes, so the output is the same everywhere.
 */
#include "hyb.h"
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sys/wait.h>

static volatile sig_atomic_t delivered;

static void count_signal(int sig)
{
    (void)sig;
    delivered++;
}

/* Every catchable signal but the ones a test harness may send to stop us. */
static void catch_all(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = count_signal;
    for (int s = 1; s < NSIG; s++) {
        if (s == SIGKILL || s == SIGSTOP || s == SIGTERM || s == SIGINT ||
            s == SIGCHLD || s == SIGSEGV || s == SIGBUS || s == SIGILL ||
            s == SIGFPE || s == SIGABRT) {
            continue;
        }
        sigaction(s, &sa, NULL);    /* glibc refuses its own: fine */
    }
}

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int n = 0;

    if (!d) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            n++;
        }
    }
    closedir(d);
    return n;
}

/* A hot loop: a sum with a known closed form. */
static uint64_t sum_to(uint64_t n)
{
    uint64_t s = 0;

    for (uint64_t i = 1; i <= n; i++) {
        s += i ^ (i >> 3);
        __asm__ volatile("" : "+r"(s));
    }
    return s;
}

static uint64_t sum_ref(uint64_t n)
{
    uint64_t s = 0;

    for (uint64_t i = 1; i <= n; i++) {
        s += i ^ (i >> 3);
    }
    return s;
}

static long eintr;

/* System calls between hot stretches; none may fail with EINTR. */
static void syscalls_round(int fds[2])
{
    static unsigned round;
    struct timespec ts = { 0, 100000 };
    char c = 'x';

    if (round++ % 8 == 0 && nanosleep(&ts, NULL) != 0 && errno == EINTR) {
        eintr++;
    }
    if (write(fds[1], &c, 1) != 1) {
        CHECK(0, "write to the pipe failed: %s", strerror(errno));
    }
    if (read(fds[0], &c, 1) != 1) {
        if (errno == EINTR) {
            eintr++;
        } else {
            CHECK(0, "read from the pipe failed: %s", strerror(errno));
        }
    }
    getppid();
}

static void *thread_main(void *arg)
{
    uint64_t n = (uintptr_t)arg;
    double end = now_s() + warm_s(50);
    int rounds = 0;

    while (rounds < 4 || now_s() < end) {
        if (sum_to(n) != sum_ref(n)) {
            return (void *)1;
        }
        rounds++;
    }
    return NULL;
}

int main(void)
{
    const uint64_t n = 200000;
    uint64_t want = sum_ref(n);
    int fds[2], fd_before, fd_after;
    double end;
    pthread_t t[2];
    pid_t pid;
    int status, rounds = 0;

    catch_all();
    if (pipe(fds) != 0) {
        printf("sampled: no pipe\n");
        return 1;
    }
    fd_before = count_fds();

    /* a, b: the main thread, hot, with system calls in between. */
    end = now_s() + warm_s(100);
    while (rounds < 20 || now_s() < end) {
        CHECK(sum_to(n) == want, "main thread sum");
        syscalls_round(fds);
        rounds++;
    }

    /* d: two threads, then a child process, all hot. */
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, thread_main, (void *)(uintptr_t)(n + i));
    }
    for (int i = 0; i < 2; i++) {
        void *r;

        pthread_join(t[i], &r);
        CHECK(r == NULL, "thread %d sum", i);
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        int bad = 0;

        end = now_s() + warm_s(50);
        for (int r = 0; r < 4 || now_s() < end; r++) {
            bad |= sum_to(n + 7) != sum_ref(n + 7);
            syscalls_round(fds);
        }
        _exit(bad || eintr || delivered ? 3 : 0);
    }
    CHECK(pid > 0, "fork failed");
    if (pid > 0) {
        CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "child: status %#x (3: a wrong sum, a signal or EINTR)", status);
    }

    /* c: the same descriptors as before. */
    fd_after = count_fds();
    CHECK(fd_before > 0 && fd_after == fd_before,
          "descriptors: %d before, %d after", fd_before, fd_after);
    CHECK(delivered == 0, "%d signals delivered", (int)delivered);
    CHECK(eintr == 0, "%ld system calls failed with EINTR", eintr);
    printf("sampled: signals %d, EINTR %ld, descriptors %s\n",
           (int)delivered, eintr, fd_after == fd_before ? "same" : "changed");
    printf("sampled: ok (%d failures)\n", failures);
    return failures != 0;
}
