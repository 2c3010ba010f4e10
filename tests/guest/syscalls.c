/*
 * Guest test: file and process system calls.
 *
 * Works in a fresh mkdtemp() directory under /tmp and removes it again.
 * Prints only values that are the same on every run and on every correct
 * system: sizes, offsets, booleans, sorted names, errno names - never pids,
 * times, inode numbers or the temporary directory's name.
 *
 * The test script sets GUEST_ENV_PROBE=hello-guest in the environment; the
 * program prints what it sees (or "(unset)").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define CHECK_SUFFIX() printf(" (errno %s)\n", errname(errno))
#include "check.h"

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EAGAIN: return "EAGAIN";
    case ESPIPE: return "ESPIPE";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case ERANGE: return "ERANGE";
    case EPIPE: return "EPIPE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    default: return "other";
    }
}

/* run a call expected to fail; print the errno name */
#define EXPECT_ERR(label, call)                                              \
    do {                                                                     \
        errno = 0;                                                           \
        long r_ = (long)(call);                                              \
        printf("%s: %s\n", label, r_ == -1 ? errname(errno) : "succeeded");  \
    } while (0)

static char dir[64];
static char self_path[PATH_MAX];   /* realpath(argv[0]), taken before any chdir */

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        CHECK(w > 0, "write");
        if (w <= 0)
            return;
        c += w;
        n -= (size_t)w;
    }
}

static void test_files(void)
{
    char buf[256];
    struct stat st;

    CHECK(chdir(dir) == 0, "chdir tmpdir");
    char cwd[PATH_MAX], real[PATH_MAX];
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "getcwd");
    CHECK(realpath(dir, real) != NULL, "realpath");
    printf("getcwd matches tmpdir: %d\n", strcmp(cwd, real) == 0);
    errno = 0;
    char small[4];
    printf("getcwd small buffer: %s\n", getcwd(small, sizeof small) ? "ok" : errname(errno));

    int fd = open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0640);
    CHECK(fd >= 0, "open a.txt");
    EXPECT_ERR("open O_EXCL existing", open("a.txt", O_CREAT | O_EXCL | O_RDWR, 0600));
    write_all(fd, "hello, world\n", 13);
    printf("lseek cur after write: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    printf("lseek end: %ld\n", (long)lseek(fd, 0, SEEK_END));
    printf("lseek set 7: %ld\n", (long)lseek(fd, 7, SEEK_SET));
    ssize_t n = read(fd, buf, sizeof buf);
    printf("read after seek: %zd [%.*s]\n", n, (int)(n > 0 ? n - 1 : 0), buf);
    printf("read at eof: %zd\n", read(fd, buf, sizeof buf));
    /* pwrite/pread do not move the offset */
    CHECK(pwrite(fd, "HELLO", 5, 0) == 5, "pwrite");
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 12, 0) == 12, "pread");
    printf("pread: [%s] offset still %ld\n", buf, (long)lseek(fd, 0, SEEK_CUR));
    /* a hole: write beyond the end */
    CHECK(pwrite(fd, "Z", 1, 9999) == 1, "pwrite far");
    CHECK(fstat(fd, &st) == 0, "fstat");
    printf("fstat: size=%ld regular=%d mode=%o\n", (long)st.st_size, S_ISREG(st.st_mode),
           (unsigned)(st.st_mode & 0777));
    CHECK(pread(fd, buf, 4, 5000) == 4, "pread hole");
    printf("hole reads zeros: %d\n", buf[0] == 0 && buf[3] == 0);
    CHECK(ftruncate(fd, 100) == 0, "ftruncate");
    CHECK(stat("a.txt", &st) == 0, "stat");
    printf("stat after ftruncate: size=%ld nlink=%ld\n", (long)st.st_size, (long)st.st_nlink);
    /* writev/readv */
    struct iovec iov[3] = { { "ab", 2 }, { "cde", 3 }, { "fghi", 4 } };
    CHECK(lseek(fd, 0, SEEK_SET) == 0, "rewind");
    printf("writev: %zd\n", writev(fd, iov, 3));
    char r1[4] = { 0 }, r2[8] = { 0 };
    struct iovec riov[2] = { { r1, 3 }, { r2, 6 } };
    CHECK(lseek(fd, 0, SEEK_SET) == 0, "rewind");
    printf("readv: %zd [%s][%s]\n", readv(fd, riov, 2), r1, r2);
    EXPECT_ERR("lseek negative", lseek(fd, -5, SEEK_SET));
    CHECK(close(fd) == 0, "close");
    EXPECT_ERR("close again", close(fd));
    EXPECT_ERR("read closed fd", read(fd, buf, 1));

    /* O_APPEND */
    fd = open("a.txt", O_WRONLY | O_APPEND);
    CHECK(fd >= 0, "open append");
    CHECK(lseek(fd, 0, SEEK_SET) == 0, "seek0");
    write_all(fd, "END", 3);
    close(fd);
    CHECK(stat("a.txt", &st) == 0, "stat");
    printf("append: size=%ld\n", (long)st.st_size);

    /* links, rename, unlink */
    CHECK(link("a.txt", "hard") == 0, "link");
    CHECK(symlink("a.txt", "sym") == 0, "symlink");
    CHECK(stat("a.txt", &st) == 0, "stat");
    printf("nlink after link: %ld\n", (long)st.st_nlink);
    ssize_t rl = readlink("sym", buf, sizeof buf - 1);
    printf("readlink: %.*s\n", (int)(rl > 0 ? rl : 0), buf);
    CHECK(lstat("sym", &st) == 0, "lstat");
    printf("lstat sym: islnk=%d size=%ld\n", S_ISLNK(st.st_mode), (long)st.st_size);
    CHECK(rename("a.txt", "b.txt") == 0, "rename");
    EXPECT_ERR("stat old name", stat("a.txt", &st));
    EXPECT_ERR("stat dangling symlink", stat("sym", &st));
    CHECK(stat("b.txt", &st) == 0, "stat new");
    printf("renamed size=%ld\n", (long)st.st_size);
    CHECK(mkdir("sub", 0755) == 0, "mkdir");
    EXPECT_ERR("mkdir existing", mkdir("sub", 0755));
    CHECK(mkdir("sub/inner", 0700) == 0, "mkdir inner");
    EXPECT_ERR("rmdir non-empty", rmdir("sub"));
    EXPECT_ERR("unlink directory", unlink("sub"));
    EXPECT_ERR("open missing", open("nope/x", O_RDONLY));
    EXPECT_ERR("open through file", open("b.txt/x", O_RDONLY));
    for (int i = 9; i >= 0; i--) {
        char name[32];
        snprintf(name, sizeof name, "f%02d", i * 7 % 10);
        int f = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0600);
        CHECK(f >= 0, "create %s", name);
        write_all(f, name, (size_t)i);
        close(f);
    }

    /* openat/fstatat relative to a directory fd */
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open dir");
    fd = openat(dfd, "rel.txt", O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0, "openat");
    write_all(fd, "1234567", 7);
    close(fd);
    CHECK(fstatat(dfd, "rel.txt", &st, 0) == 0, "fstatat");
    printf("fstatat size=%ld\n", (long)st.st_size);
    CHECK(renameat(dfd, "rel.txt", AT_FDCWD, "moved.txt") == 0, "renameat");
    CHECK(unlinkat(dfd, "inner", AT_REMOVEDIR) == 0, "unlinkat dir");
    close(dfd);

    /* readdir, sorted */
    DIR *d = opendir(".");
    CHECK(d != NULL, "opendir");
    char names[64][32];
    int cnt = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        /* d_type may be DT_UNKNOWN on some file systems: use lstat */
        struct stat es;
        if (lstat(e->d_name, &es) != 0)
            es.st_mode = 0;
        if (cnt < 64)
            snprintf(names[cnt++], sizeof names[0], "%.28s%s", e->d_name,
                     S_ISDIR(es.st_mode) ? "/" : S_ISLNK(es.st_mode) ? "@" : "");
    }
    if (d)
        closedir(d);
    qsort(names, (size_t)cnt, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    printf("readdir:");
    for (int i = 0; i < cnt; i++)
        printf(" %s", names[i]);
    printf("\n");

    /* cleanup inside the directory */
    const char *rm[] = { "b.txt", "hard", "sym", "moved.txt" };
    for (unsigned i = 0; i < 4; i++)
        CHECK(unlink(rm[i]) == 0, "unlink %s", rm[i]);
    for (int i = 0; i < 10; i++) {
        char name[32];
        snprintf(name, sizeof name, "f%02d", i);
        CHECK(unlink(name) == 0, "unlink %s", name);
    }
    CHECK(rmdir("sub") == 0, "rmdir sub");
    EXPECT_ERR("unlink missing", unlink("b.txt"));
    CHECK(chdir("/") == 0, "chdir /");
    CHECK(getcwd(cwd, sizeof cwd) && strcmp(cwd, "/") == 0, "getcwd /");
}

static void test_pipes_fds(void)
{
    int p[2];
    char buf[64];
    CHECK(pipe(p) == 0, "pipe");
    write_all(p[1], "through the pipe", 16);
    ssize_t n = read(p[0], buf, sizeof buf);
    printf("pipe: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    EXPECT_ERR("lseek on pipe", lseek(p[0], 0, SEEK_SET));

    /* nonblocking read on an empty pipe */
    int fl = fcntl(p[0], F_GETFL);
    printf("pipe flags: rdonly=%d nonblock=%d\n", (fl & O_ACCMODE) == O_RDONLY,
           (fl & O_NONBLOCK) != 0);
    CHECK(fcntl(p[0], F_SETFL, fl | O_NONBLOCK) == 0, "F_SETFL");
    printf("after F_SETFL nonblock=%d\n", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
    EXPECT_ERR("read empty nonblocking", read(p[0], buf, sizeof buf));
    printf("cloexec before=%d", fcntl(p[1], F_GETFD) & FD_CLOEXEC);
    CHECK(fcntl(p[1], F_SETFD, FD_CLOEXEC) == 0, "F_SETFD");
    printf(" after=%d\n", fcntl(p[1], F_GETFD) & FD_CLOEXEC);

    /* dup2 onto a chosen number, data goes to the same pipe */
    CHECK(dup2(p[1], 40) == 40, "dup2");
    printf("dup2 target cloexec=%d\n", fcntl(40, F_GETFD) & FD_CLOEXEC);
    write_all(40, "via 40", 6);
    n = read(p[0], buf, sizeof buf);
    printf("dup2 read: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    int d3 = fcntl(p[0], F_DUPFD_CLOEXEC, 50);
    printf("F_DUPFD_CLOEXEC >= 50: %d cloexec=%d\n", d3 >= 50, fcntl(d3, F_GETFD) & FD_CLOEXEC);
    int d4 = dup3(p[1], 60, O_CLOEXEC);
    printf("dup3: %d\n", d4);
    EXPECT_ERR("dup2 bad fd", dup2(1000, 41));
    EXPECT_ERR("fcntl bad fd", fcntl(1001, F_GETFL));

    /* stdout redirected through dup: write to a pipe via fd 1 */
    int saved = dup(1);
    fflush(stdout);
    CHECK(dup2(40, 1) == 1, "dup2 stdout");
    write(1, "stdout->pipe", 12);
    CHECK(dup2(saved, 1) == 1, "restore stdout");
    close(saved);
    n = read(p[0], buf, sizeof buf);
    printf("redirected stdout read: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);

    /* closed read end: EPIPE (SIGPIPE ignored) */
    signal(SIGPIPE, SIG_IGN);
    close(p[0]);
    close(d3);
    EXPECT_ERR("write to closed pipe", write(p[1], "x", 1));
    close(p[1]);
    close(40);
    close(d4);
}

static int64_t ns(const struct timespec *t)
{
    return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void test_process_info(void)
{
    struct utsname u;
    CHECK(uname(&u) == 0, "uname");
    printf("uname: machine=%s sysname=%s\n", u.machine, u.sysname);

    pid_t pid = getpid(), ppid = getppid();
    printf("pid: positive=%d stable=%d ppid_differs=%d gettid_is_pid=%d\n", pid > 0,
           getpid() == pid, ppid != pid && ppid > 0, (pid_t)syscall(SYS_gettid) == pid);
    printf("ids: uid_consistent=%d gid_consistent=%d\n", getuid() == geteuid(),
           getgid() == getegid());

    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    int same = self_path[0] && strcmp(self_path, exe) == 0;
    printf("/proc/self/exe is this program: %d\n", same);

    struct timespec a, b, r;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "clock_gettime");
    int mono_ok = 1;
    struct timespec prev = a;
    for (int i = 0; i < 1000; i++) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        if (ns(&t) < ns(&prev))
            mono_ok = 0;
        prev = t;
    }
    struct timespec req = { 0, 20 * 1000 * 1000 };
    CHECK(nanosleep(&req, NULL) == 0, "nanosleep");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0, "clock_gettime");
    int64_t slept = ns(&b) - ns(&a);
    printf("clock: monotonic=%d nanosleep(20ms) elapsed>=20ms: %d under 5s: %d\n", mono_ok,
           slept >= 20 * 1000 * 1000, slept < 5000000000LL);
    CHECK(clock_getres(CLOCK_MONOTONIC, &r) == 0, "clock_getres");
    printf("clock_getres positive and <= 1ms: %d\n",
           ns(&r) > 0 && ns(&r) <= 1000000);
    struct timespec rt;
    struct timeval tv;
    clock_gettime(CLOCK_REALTIME, &rt);
    gettimeofday(&tv, NULL);
    /* time() may use a coarse clock that lags by a tick: allow +-2 s */
    printf("realtime after 2020 and agrees with gettimeofday: %d %d\n", rt.tv_sec > 1577836800,
           llabs((long long)(tv.tv_sec - rt.tv_sec)) <= 2);
    time_t t0 = time(NULL);
    printf("time() close to realtime: %d\n", llabs((long long)(t0 - rt.tv_sec)) <= 2);
    struct rusage ru;
    printf("getrusage: %d\n", getrusage(RUSAGE_SELF, &ru) == 0);

    /* environment */
    const char *probe = getenv("GUEST_ENV_PROBE");
    printf("env GUEST_ENV_PROBE=%s\n", probe ? probe : "(unset)");
    CHECK(setenv("GUEST_TEST_VAR", "value one", 1) == 0, "setenv");
    printf("setenv/getenv: %s\n", getenv("GUEST_TEST_VAR"));
    CHECK(setenv("GUEST_TEST_VAR", "ignored", 0) == 0, "setenv no-overwrite");
    printf("no-overwrite keeps: %s\n", getenv("GUEST_TEST_VAR"));
    unsetenv("GUEST_TEST_VAR");
    printf("after unsetenv: %s\n", getenv("GUEST_TEST_VAR") ? "set" : "(unset)");
    extern char **environ;
    int found = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "GUEST_ENV_PROBE=", 16) == 0)
            found = 1;
    printf("environ contains probe: %d\n", found);

    struct rlimit rl;
    CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0, "getrlimit");
    printf("rlimit nofile soft<=hard: %d\n",
           rl.rlim_cur <= rl.rlim_max || rl.rlim_max == RLIM_INFINITY);
    printf("sysconf pagesize power of two: %d\n",
           (sysconf(_SC_PAGESIZE) & (sysconf(_SC_PAGESIZE) - 1)) == 0);
    char host[256];
    printf("gethostname: %d\n", gethostname(host, sizeof host) == 0);
    EXPECT_ERR("bad pointer write", syscall(SYS_write, 1, (void *)16, 4));
}

int main(int argc, char **argv)
{
    (void)argc;
    setvbuf(stdout, NULL, _IOLBF, 0);
    umask(022);
    if (!realpath(argv[0], self_path))
        self_path[0] = 0;
    strcpy(dir, "/tmp/guest-syscalls-XXXXXX");
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    test_files();
    test_pipes_fds();
    test_process_info();
    struct stat st;
    errno = 0;
    int gone = stat(dir, &st) == 0 ? rmdir(dir) == 0 : 0;
    printf("tmpdir removed: %d\n", gone);
    printf("syscalls: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
