/*
 * binfmt_misc test program: run as ./prog through the kernel.
 *
 * Prints the argv[0] it received (the P flag preserves it) and, unless it
 * is the child already, runs itself again (path in $BINFMT_PROG) with
 * fork + execv: exec of an aarch64 binary from inside the guest also goes
 * through binfmt_misc.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *self = getenv("BINFMT_PROG");
    int status;
    pid_t pid;

    printf("argv0=%s\n", argv[0]);
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        printf("child ok\n");
        return 7;
    }
    if (!self) {
        printf("BINFMT_PROG not set\n");
        return 1;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *args[] = { "child-argv0", "child", NULL };
        execv(self, args);
        perror("execv");
        _exit(100);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        printf("child did not exit normally\n");
        return 1;
    }
    printf("child exit=%d\n", WEXITSTATUS(status));
    return 42;
}
