/*
 * Guest test: processes.
 *
 * fork + waitpid statuses (exit codes, death by signal), pipes between parent
 * and child, several children reaped in a fixed order, vfork, posix_spawn,
 * execve of /bin/sh and /bin/echo, and exec failures.
 *
 * Under qemu-user, execve of a host binary such as /bin/sh runs it natively;
 * on aarch64 hardware it runs the aarch64 /bin/sh.  Both print the same.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
#include "check.h"

static const char *signame(int s)
{
    switch (s) {
    case SIGTERM: return "SIGTERM";
    case SIGKILL: return "SIGKILL";
    case SIGABRT: return "SIGABRT";
    case SIGSEGV: return "SIGSEGV";
    case SIGUSR1: return "SIGUSR1";
    case SIGPIPE: return "SIGPIPE";
    default: return "other";
    }
}

static void describe(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited status=%d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by %s\n", what, signame(WTERMSIG(st)));
    else
        printf("%s: other status\n", what);
}

static int wait_for(pid_t pid)
{
    int st = -1;
    pid_t r;
    do
        r = waitpid(pid, &st, 0);
    while (r == -1 && errno == EINTR);
    CHECK(r == pid, "waitpid returned the child");
    return st;
}

static void no_core(void)
{
    struct rlimit rl = { 0, 0 };
    setrlimit(RLIMIT_CORE, &rl);
}

static void test_exit_status(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0)
        _exit(42);
    CHECK(p > 0, "fork");
    describe("child _exit(42)", wait_for(p));

    fflush(stdout);
    p = fork();
    if (p == 0) {
        printf("child: printing before exit(3)\n");
        exit(3);
    }
    describe("child exit(3)", wait_for(p));

    p = fork();
    if (p == 0) {
        signal(SIGTERM, SIG_DFL);
        raise(SIGTERM);
        _exit(99);
    }
    describe("child raise(SIGTERM)", wait_for(p));

    p = fork();
    if (p == 0) {
        no_core();
        abort();
    }
    describe("child abort()", wait_for(p));

    p = fork();
    if (p == 0) {
        no_core();
        signal(SIGSEGV, SIG_DFL);
        volatile uintptr_t bad = 16;
        *(volatile int *)bad = 1;
        _exit(98);
    }
    describe("child null-page write", wait_for(p));

    /* parent kills a child that waits forever */
    int sync[2];
    CHECK(pipe(sync) == 0, "pipe");
    p = fork();
    if (p == 0) {
        close(sync[0]);
        (void)!write(sync[1], "r", 1);
        for (;;)
            pause();
    }
    close(sync[1]);
    char c;
    CHECK(read(sync[0], &c, 1) == 1, "child ready");
    close(sync[0]);
    kill(p, SIGKILL);
    describe("child killed by parent", wait_for(p));

    /* a stopped child is reported with WUNTRACED */
    p = fork();
    if (p == 0) {
        raise(SIGSTOP);
        _exit(5);
    }
    int st;
    CHECK(waitpid(p, &st, WUNTRACED) == p, "waitpid WUNTRACED");
    printf("stopped child: WIFSTOPPED=%d sig is SIGSTOP=%d\n", WIFSTOPPED(st),
           WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
    kill(p, SIGCONT);
    describe("continued child", wait_for(p));

    errno = 0;
    printf("waitpid with no children: %s\n",
           waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD ? "ECHILD" : "other");
}

static void test_pipes(void)
{
    /* child -> parent */
    int pp[2];
    CHECK(pipe(pp) == 0, "pipe");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        close(pp[0]);
        char msg[64];
        int n = snprintf(msg, sizeof msg, "hello from child, parent alive=%d", getppid() > 1);
        (void)!write(pp[1], msg, (size_t)n);
        _exit(0);
    }
    close(pp[1]);
    char buf[128];
    size_t got = 0;
    ssize_t n;
    while ((n = read(pp[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
    close(pp[0]);
    printf("pipe from child: [%s]\n", buf);
    describe("writer child", wait_for(p));

    /* parent -> child; the child sums the numbers and reports through its exit code */
    CHECK(pipe(pp) == 0, "pipe");
    p = fork();
    if (p == 0) {
        close(pp[1]);
        int sum = 0, v;
        while (read(pp[0], &v, sizeof v) == (ssize_t)sizeof v)
            sum += v;
        _exit(sum % 256);
    }
    close(pp[0]);
    for (int i = 1; i <= 20; i++)
        (void)!write(pp[1], &i, sizeof i);
    close(pp[1]);
    describe("summing child (210)", wait_for(p));

    /* a child writing to a pipe with no reader dies of SIGPIPE */
    CHECK(pipe(pp) == 0, "pipe");
    close(pp[0]);
    p = fork();
    if (p == 0) {
        signal(SIGPIPE, SIG_DFL);
        (void)!write(pp[1], "x", 1);
        _exit(0);
    }
    close(pp[1]);
    describe("writer without reader", wait_for(p));
}

static void test_many_children(void)
{
    enum { N = 6 };
    pid_t kids[N];
    int results[N];
    fflush(stdout);
    for (int i = 0; i < N; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            /* finish in reverse order of creation */
            usleep((useconds_t)(N - i) * 3000);
            _exit(10 + i);
        }
        CHECK(kids[i] > 0, "fork %d", i);
    }
    /* reap with wait() in completion order, record by index */
    for (int k = 0; k < N; k++) {
        int st;
        pid_t r = wait(&st);
        for (int i = 0; i < N; i++)
            if (kids[i] == r)
                results[i] = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    printf("children exit codes by index:");
    for (int i = 0; i < N; i++)
        printf(" %d", results[i]);
    printf("\n");
    int distinct = 1;
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++)
            if (kids[i] == kids[j])
                distinct = 0;
    printf("child pids distinct: %d\n", distinct);

    /* memory is copied, not shared, after fork */
    static int shared_check = 1;
    pid_t p = fork();
    if (p == 0) {
        shared_check = 2;
        _exit(shared_check);
    }
    int st = wait_for(p);
    printf("after fork: child saw its own copy=%d parent value=%d\n",
           WIFEXITED(st) && WEXITSTATUS(st) == 2, shared_check);
}

static void test_vfork_spawn(void)
{
    fflush(stdout);
    pid_t p = vfork();
    if (p == 0)
        _exit(7);
    describe("vfork child _exit(7)", wait_for(p));

    p = vfork();
    if (p == 0) {
        char *argv[] = { "sh", "-c", "exit 9", NULL };
        execve("/bin/sh", argv, environ);
        _exit(127);
    }
    describe("vfork + execve sh exit 9", wait_for(p));

    /* posix_spawn with stdout redirected into a pipe */
    int pp[2];
    CHECK(pipe(pp) == 0, "pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pp[1], 1);
    posix_spawn_file_actions_addclose(&fa, pp[0]);
    char *argv[] = { "echo", "spawned", "with", "args", NULL };
    pid_t sp;
    int rc = posix_spawn(&sp, "/bin/echo", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pp[1]);
    char buf[128];
    size_t got = 0;
    ssize_t n;
    while ((n = read(pp[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
    close(pp[0]);
    if (got && buf[got - 1] == '\n')
        buf[got - 1] = 0;
    printf("posix_spawn: rc=%d output=[%s]\n", rc, buf);
    if (rc == 0)
        describe("posix_spawn child", wait_for(sp));

    char *argv2[] = { "sh", "-c", "exit 11", NULL };
    rc = posix_spawnp(&sp, "sh", NULL, NULL, argv2, environ);
    printf("posix_spawnp sh: rc=%d\n", rc);
    if (rc == 0)
        describe("posix_spawnp child", wait_for(sp));

    char *argv3[] = { "x", NULL };
    rc = posix_spawn(&sp, "/nonexistent/program", NULL, NULL, argv3, environ);
    if (rc == 0) {
        /* older libcs report the failure as exit status 127 */
        int st = wait_for(sp);
        rc = WIFEXITED(st) && WEXITSTATUS(st) == 127 ? ENOENT : -1;
    }
    printf("posix_spawn missing program: %s\n", rc == ENOENT ? "ENOENT" : "other");
}

static void test_exec(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char *argv[] = { "sh", "-c", "exit 7", NULL };
        execve("/bin/sh", argv, environ);
        _exit(127);
    }
    describe("execve /bin/sh -c 'exit 7'", wait_for(p));

    /* /bin/echo with arguments, output through a pipe */
    int pp[2];
    CHECK(pipe(pp) == 0, "pipe");
    p = fork();
    if (p == 0) {
        dup2(pp[1], 1);
        close(pp[0]);
        close(pp[1]);
        char *argv[] = { "echo", "-n", "one", "two  three", "", "four", NULL };
        execve("/bin/echo", argv, environ);
        _exit(127);
    }
    close(pp[1]);
    char buf[128];
    size_t got = 0;
    ssize_t n;
    while ((n = read(pp[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
    close(pp[0]);
    printf("execve /bin/echo: [%s]\n", buf);
    describe("echo child", wait_for(p));

    /* the environment passed to execve reaches the new program */
    CHECK(pipe(pp) == 0, "pipe");
    p = fork();
    if (p == 0) {
        dup2(pp[1], 1);
        close(pp[0]);
        close(pp[1]);
        char *argv[] = { "sh", "-c", "echo \"$GUEST_X/$GUEST_Y\"", NULL };
        char *envp[] = { "GUEST_X=alpha", "GUEST_Y=beta gamma", "PATH=/usr/bin:/bin", NULL };
        execve("/bin/sh", argv, envp);
        _exit(127);
    }
    close(pp[1]);
    got = 0;
    while ((n = read(pp[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
    close(pp[0]);
    if (got && buf[got - 1] == '\n')
        buf[got - 1] = 0;
    printf("execve with envp: [%s]\n", buf);
    wait_for(p);

    /* close-on-exec descriptors are closed in the new program */
    int cfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int kfd = open("/dev/null", O_RDONLY);
    CHECK(pipe(pp) == 0, "pipe");
    p = fork();
    if (p == 0) {
        dup2(pp[1], 1);
        close(pp[0]);
        close(pp[1]);
        char cmd[160];
        snprintf(cmd, sizeof cmd,
                 "if [ -e /proc/self/fd/%d ]; then echo open; else echo closed; fi;"
                 "if [ -e /proc/self/fd/%d ]; then echo open; else echo closed; fi",
                 cfd, kfd);
        char *argv[] = { "sh", "-c", cmd, NULL };
        execve("/bin/sh", argv, environ);
        _exit(127);
    }
    close(pp[1]);
    got = 0;
    while ((n = read(pp[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
    close(pp[0]);
    for (char *s = buf; *s; s++)
        if (*s == '\n')
            *s = ' ';
    printf("after exec: O_CLOEXEC fd / plain fd: %s\n", buf);
    wait_for(p);
    close(cfd);
    close(kfd);

    /* exec failures: errno in the calling process */
    char *argv[] = { "x", NULL };
    errno = 0;
    int r = execve("/nonexistent/dir/prog", argv, environ);
    printf("execve missing: ret=%d errno=%s\n", r, errno == ENOENT ? "ENOENT" : "other");
    errno = 0;
    r = execve("/tmp", argv, environ);
    printf("execve directory: ret=%d errno=%s\n", r, errno == EACCES ? "EACCES" : "other");
    char tmpl[] = "/tmp/guest-noexec-XXXXXX";
    int fd = mkstemp(tmpl);
    CHECK(fd >= 0, "mkstemp");
    (void)!write(fd, "#!/bin/sh\nexit 0\n", 17);
    close(fd);
    chmod(tmpl, 0600);
    errno = 0;
    r = execve(tmpl, argv, environ);
    printf("execve non-executable file: ret=%d errno=%s\n", r, errno == EACCES ? "EACCES" : "other");
    unlink(tmpl);
    errno = 0;
    r = execvp("guest-no-such-command-xyz", argv);
    printf("execvp unknown command: ret=%d errno=%s\n", r, errno == ENOENT ? "ENOENT" : "other");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_exit_status();
    test_pipes();
    test_many_children();
    test_vfork_spawn();
    test_exec();
    printf("forkexec: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
