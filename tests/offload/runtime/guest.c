/*
 * Offload run-time fixture: the aarch64 guest program.
 *
 * Its output must be the same with and without -offload FILE, where
 * FILE is fixture.c built against the manifest gen-manifest.py makes
 * from this program.  The functions marked OFFLOADED have hand-written
 * native versions there; the others stay guest code that native code
 * calls back (callbacks, stack arguments, guest syscalls on native
 * buffers).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define OFFLOADED __attribute__((noinline, used))
#define GUEST __attribute__((noinline, used))

/* Shared with native code through the manifest's imports. */
volatile int g_flag;
long g_counter;

/* --- guest-only functions native code calls back --- */

GUEST int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

GUEST long sum10(long a, long b, long c, long d, long e, long f, long g,
                 long h, long i, long j)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h +
           9 * i + 10 * j;
}

GUEST long write_buf(const char *buf, long len)
{
    return write(1, buf, len);
}

static void *thread_five(void *arg)
{
    (void)arg;
    return (void *)5;
}

/*
 * The process's first thread: QEMU flushes all translated code then,
 * while the native caller's block is suspended below us.
 */
GUEST long make_thread(void)
{
    pthread_t t;
    void *r;

    pthread_create(&t, NULL, thread_five, NULL);
    pthread_join(t, &r);
    return (long)r;
}

/* --- offloaded functions (native versions in fixture.c) --- */

OFFLOADED long add3(long a, long b, long c)
{
    return a + b + c;
}

OFFLOADED double scale(double x, double k)
{
    return x * k;
}

/* Counts the elements less than @pivot, through a guest comparator. */
OFFLOADED long count_less(const int *a, long n, int (*cmp)(int, int),
                          int pivot)
{
    long k = 0;

    for (long i = 0; i < n; i++) {
        k += cmp(a[i], pivot) < 0;
    }
    return k;
}

/* Calls sum10 (two stack arguments) from native code. */
OFFLOADED long call_sum10(long base)
{
    return sum10(base, base + 1, base + 2, base + 3, base + 4, base + 5,
                 base + 6, base + 7, base + 8, base + 9);
}

/* Formats on its stack and writes through guest write(). */
OFFLOADED long say(long n)
{
    char buf[64];
    int len = snprintf(buf, sizeof(buf), "say: %ld squared is %ld\n",
                       n, n * n);

    return write_buf(buf, len);
}

/* Writes a string constant of the object through guest write(). */
OFFLOADED long greet(void)
{
    static const char msg[] = "greet: hello from a constant\n";

    return write_buf(msg, sizeof(msg) - 1);
}

OFFLOADED long deref(long *p)
{
    return *p;
}

/* Waits for another thread; adds to an imported global. */
OFFLOADED long spin_until_flag(long add)
{
    long spins = 0;

    while (!g_flag) {
        spins++;
    }
    g_counter += add;
    return spins > 0;
}

OFFLOADED long via_thread(long x)
{
    return x + make_thread();
}

/* Busy for a while, long enough for a timer signal to arrive. */
OFFLOADED long burn(long n)
{
    volatile long x = 0;

    for (long i = 0; i < n; i++) {
        x += i & 3;
    }
    return x;
}

/* A comparator that calls an offloaded function (guest -> native, nested). */
GUEST int cmp_via_add3(int a, int b)
{
    long d = add3(a, -b, 0);

    return (d > 0) - (d < 0);
}

/* A comparator that faults in native code (deref) inside a callback. */
GUEST int cmp_fault(int a, int b)
{
    if (a == 12) {
        return (int)deref((long *)24);
    }
    return (a > b) - (a < b);
}

/* --- the program --- */

static volatile int alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

/* Several threads in native code and callbacks at once, twice over. */
static void *worker(void *arg)
{
    static const int data[] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3 };
    long id = (long)arg, sum = 0;

    for (long i = 0; i < 2000; i++) {
        sum += add3(i, id, 1);
        sum += count_less(data, 10, cmp_via_add3, (int)(i % 10));
        sum += call_sum10(id);
    }
    return (void *)sum;
}

static void run_workers(int round)
{
    pthread_t t[4];
    long total = 0;

    for (long i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < 4; i++) {
        void *r;

        pthread_join(t[i], &r);
        total += (long)r;
    }
    printf("workers round %d: %ld\n", round, total);
}

static sigjmp_buf fault_jmp;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    fault_addr = si->si_addr;
    siglongjmp(fault_jmp, 1);
}

static void *flag_setter(void *arg)
{
    pid_t pid;
    int status;

    (void)arg;
    /* fork() needs every other vCPU out of guest code: the spinner too. */
    pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    waitpid(pid, &status, 0);
    printf("thread: child exited with %d\n", WEXITSTATUS(status));
    fflush(stdout);
    g_flag = 1;
    return NULL;
}

int main(void)
{
    static const int data[] = { 5, -3, 12, 7, 0, 9, -8, 4 };
    struct sigaction sa;
    pthread_t t;
    long total = 0;

    setvbuf(stdout, NULL, _IONBF, 0);
    /* First, while the process has one thread. */
    printf("via_thread: %ld\n", via_thread(37));
    printf("add3: %ld\n", add3(1, 2, 3));
    for (long i = 0; i < 100000; i++) {
        total += add3(i, i >> 1, -3);
    }
    printf("add3 loop: %ld\n", total);
    printf("scale: %.6f\n", scale(1.5, -2.25));
    printf("count_less: %ld\n", count_less(data, 8, cmp_int, 5));
    printf("count_less nested: %ld\n", count_less(data, 8, cmp_via_add3, 1));
    printf("call_sum10: %ld\n", call_sum10(10));
    printf("say: %ld\n", say(12));
    printf("greet: %ld\n", greet());

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(fault_jmp, 1) == 0) {
        printf("deref: %ld\n", deref((long *)16));
        printf("deref: no fault\n");
    } else {
        printf("deref: SIGSEGV at %p\n", (void *)fault_addr);
    }
    /*
     * The handler's siglongjmp leaves count_less's callback for good:
     * its native frames are never resumed.
     */
    if (sigsetjmp(fault_jmp, 1) == 0) {
        printf("count_less fault: %ld\n", count_less(data, 8, cmp_fault, 5));
    } else {
        printf("count_less fault: SIGSEGV at %p\n", (void *)fault_addr);
    }
    /* Once more: the native stack must still be usable after a fault. */
    printf("add3 after fault: %ld\n", add3(10, 20, 30));
    printf("say after fault: %ld\n", say(3));

    pthread_create(&t, NULL, flag_setter, NULL);
    printf("spin_until_flag: %ld\n", spin_until_flag(42) >= 0);
    pthread_join(t, NULL);
    printf("g_counter: %ld\n", g_counter);

    run_workers(1);
    run_workers(2);

    /* A signal that arrives in native code is delivered after it. */
    signal(SIGALRM, on_alarm);
    alarm(1);
    while (!alarms) {
        burn(1000000);
    }
    printf("alarm delivered: %d\n", alarms);
    return 0;
}
