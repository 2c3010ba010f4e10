/*
 * Offload test: a fault inside offloaded code ends the program.
 *
 * The guest's SIGSEGV handler prints with write() and _exit(7)s; the
 * output before the fault is flushed by hand.  Expected: the same output
 * and exit status 7 with and without offload.
 */
//! offloaded: checksum poke
//! called: checksum poke
//! not-offloaded: main:asm on_segv:asm
//! status: 7
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "offload-test.h"

static void on_segv(int sig)
{
    GUEST_ONLY();
    static const char msg[] = "caught SIGSEGV, exiting\n";
    if (sig == SIGSEGV)
        write(1, msg, sizeof(msg) - 1);
    _exit(7);
}

OFFLOAD_FN uint64_t checksum(const unsigned char *p, int n)
{
    uint64_t h = MIX_INIT;
    for (int i = 0; i < n; i++)
        MIX(h, p[i]);
    return h;
}

OFFLOAD_FN void poke(volatile int *p, int v)
{
    *p = v;
}

int main(void)
{
    GUEST_ONLY();
    signal(SIGSEGV, on_segv);
    printf("checksum: %016llx\n", (unsigned long long)checksum((const unsigned char *)"abcdef", 6));
    fflush(stdout);
    poke((volatile int *)8, 1);
    printf("not reached\n");
    return 0;
}
