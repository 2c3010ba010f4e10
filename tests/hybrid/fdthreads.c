/*
 * Hybrid test: the guest's file descriptors while it starts threads.
 *
 * Every new vCPU thread joins the sampler: its perf event used to be
 * opened (and closed again at once) on that thread, in the descriptor
 * table it shares with the guest's other threads.  A thread that opened
 * a file meanwhile got another number than on hardware: 3,147 times in
 * 3 s of this loop.  The drainer now opens the events, in a table of its
 * own (accel/tcg/hybrid-sample.c).  One thread starts short threads
 * that run a little loop; the main one checks, round after round, that
 * open() gives the lowest free descriptor.
 */
#include "hyb.h"
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>

static atomic_int stop;

static void *child(void *arg)
{
    volatile uint64_t x = 0;

    for (unsigned i = 0; i < 20000; i++) {
        x += i;
    }
    (void)getpid();             /* a system call: the thread joins */
    return arg;
}

static void *spawner(void *arg)
{
    while (!atomic_load(&stop)) {
        pthread_t t;

        if (pthread_create(&t, NULL, child, NULL) == 0) {
            pthread_join(t, NULL);
        }
    }
    return arg;
}

int main(void)
{
    double end = now_s() + warm_s(1500);
    long rounds = 0;
    pthread_t s;
    int lowest;

    lowest = open("/dev/null", O_RDONLY);
    CHECK(lowest >= 0, "open /dev/null: errno %d", errno);
    close(lowest);
    CHECK(pthread_create(&s, NULL, spawner, NULL) == 0, "pthread_create");
    while (rounds < 2000 || now_s() < end) {
        int fd = open("/dev/null", O_RDONLY);

        CHECK(fd == lowest, "round %ld: open gave fd %d, want %d",
              rounds, fd, lowest);
        close(fd);
        rounds++;
        if (failures > 20) {
            break;
        }
    }
    atomic_store(&stop, 1);
    pthread_join(s, NULL);
    printf("descriptors stayed the guest's while threads started\n");
    return finish("fdthreads");
}
