/*
 * Hybrid test: the guest's file descriptors while LLVM is loaded.
 *
 * The optimizer thread loads libLLVM (and a dozen libraries it needs)
 * while the guest runs: the dynamic loader opens each file at the lowest
 * free descriptor.  The guest must never see those: a descriptor it
 * closed stays closed (EBADF), and open() keeps returning the lowest
 * free number, as on hardware.  The loop below runs hot (so LLVM gets
 * loaded during it) and checks both on every iteration.
 */
#include "hyb.h"
#include <errno.h>
#include <fcntl.h>

static uint64_t __attribute__((noinline)) mix(uint64_t x, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        x = x * 6364136223846793005ull + i;
        x ^= x >> 31;
    }
    return x;
}

int main(void)
{
    double end = now_s() + warm_s(100);
    uint64_t x = 1;
    long rounds = 0;
    char c;
    int lowest;

    /* The lowest free descriptor: what open() gives, then closed. */
    lowest = open("/dev/null", O_RDONLY);
    CHECK(lowest >= 0, "open /dev/null: errno %d", errno);
    close(lowest);

    while (rounds < 200 || now_s() < end) {
        ssize_t r = read(lowest, &c, 1);
        int fd;

        CHECK(r == -1 && errno == EBADF,
              "round %ld: read of closed fd %d gave %zd (errno %d)",
              rounds, lowest, r, errno);
        CHECK(fcntl(lowest, F_GETFD) == -1 && errno == EBADF,
              "round %ld: closed fd %d is open", rounds, lowest);
        fd = open("/dev/null", O_RDONLY);
        CHECK(fd == lowest, "round %ld: open gave fd %d, want %d",
              rounds, fd, lowest);
        close(fd);
        x = mix(x, 2000);
        rounds++;
        if (failures > 20) {
            break;
        }
    }
    printf("descriptors stayed the guest's (x %s)\n", x ? "nonzero" : "zero");
    return finish("fdtable");
}
