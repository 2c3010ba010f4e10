/*
 * Guest test: memory mappings.
 *
 * Anonymous and file-backed mappings, MAP_SHARED write-back, MAP_PRIVATE
 * copy-on-write, mprotect/PROT_NONE faults, mremap, MAP_FIXED replacement,
 * partial munmap, madvise(MADV_DONTNEED), SIGBUS past the end of a file, and
 * /proc/self/maps.  Sizes are printed in pages so the output does not depend
 * on the page size.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static size_t pg;

/* ---- fault probing ------------------------------------------------------------ */

static sigjmp_buf jb;
static volatile int fsig, fcode;
static volatile uintptr_t faddr;

static void fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fsig = sig;
    fcode = si->si_code;
    faddr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

/* Returns a description of what happened when touching addr. */
static const char *probe(void *addr, int write)
{
    static char res[64];
    volatile char *p = addr;
    fsig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        if (write)
            *p = *p;    /* read then write: needs both permissions */
        else
            (void)*p;
        return "ok";
    }
    const char *s = fsig == SIGSEGV ? "SIGSEGV" : fsig == SIGBUS ? "SIGBUS" : "other";
    const char *c = "?";
    if (fsig == SIGSEGV)
        c = fcode == SEGV_MAPERR ? "MAPERR" : fcode == SEGV_ACCERR ? "ACCERR" : "other";
    else if (fsig == SIGBUS)
        c = fcode == BUS_ADRERR ? "ADRERR" : "other";
    snprintf(res, sizeof res, "%s/%s%s", s, c, faddr == (uintptr_t)addr ? "" : " (bad si_addr)");
    return res;
}

static int all_bytes(const unsigned char *p, size_t n, int v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)((i >> 3) * 7 + seed);
}

static int check_fill(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)((i >> 3) * 7 + seed))
            return 0;
    return 1;
}

static void test_pagesize(void)
{
    long s = sysconf(_SC_PAGESIZE);
    pg = (size_t)s;
    printf("page size: power of two >= 4096: %d, getpagesize agrees: %d, AT_PAGESZ agrees: %d\n",
           s >= 4096 && (s & (s - 1)) == 0, getpagesize() == s, getauxval(AT_PAGESZ) == (unsigned long)s);
}

static void test_anon(void)
{
    size_t n = 16 * pg;
    unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap anon");
    printf("anon: page aligned=%d zero filled=%d", ((uintptr_t)p % pg) == 0, all_bytes(p, n, 0));
    fill(p, n, 1);
    printf(" pattern kept=%d\n", check_fill(p, n, 1));
    /* unmap a hole in the middle */
    CHECK(munmap(p + 4 * pg, 2 * pg) == 0, "munmap middle");
    printf("hole: before=%s in=%s in-last=%s after=%s\n", probe(p + 4 * pg - 1, 0),
           probe(p + 4 * pg, 0), probe(p + 6 * pg - 1, 1), probe(p + 6 * pg, 0));
    printf("data around hole intact: %d %d\n", check_fill(p, 4 * pg, 1),
           p[6 * pg] == (unsigned char)((6 * pg >> 3) * 7 + 1));
    CHECK(munmap(p, n) == 0, "munmap all (covers hole)");
    printf("after munmap: %s\n", probe(p, 0));
    errno = 0;
    printf("munmap unaligned: %s\n", munmap(p + 1, pg) == -1 && errno == EINVAL ? "EINVAL" : "other");
    errno = 0;
    void *z = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap length 0: %s\n", z == MAP_FAILED && errno == EINVAL ? "EINVAL" : "other");

    /* a big reservation, committed piecewise (the way JITs and GCs do it) */
    size_t big = 256u << 20;
    unsigned char *r = mmap(NULL, big, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(r != MAP_FAILED, "reserve");
    int ok = 1;
    for (size_t off = 0; off < big; off += 32u << 20) {
        ok &= mprotect(r + off, pg, PROT_READ | PROT_WRITE) == 0;
        r[off] = (unsigned char)(off >> 20);
        r[off + pg - 1] = 0x5a;
    }
    for (size_t off = 0; off < big; off += 32u << 20)
        ok &= r[off] == (unsigned char)(off >> 20) && r[off + pg - 1] == 0x5a;
    printf("256MiB PROT_NONE reservation: committed pieces ok=%d uncommitted=%s\n", ok,
           probe(r + pg, 0));
    munmap(r, big);
}

static int tmpfd(char *name)
{
    strcpy(name, "/tmp/guest-mmap-XXXXXX");
    int fd = mkstemp(name);
    CHECK(fd >= 0, "mkstemp");
    return fd;
}

static void test_file_shared(void)
{
    char name[64];
    int fd = tmpfd(name);
    size_t n = 3 * pg;
    CHECK(ftruncate(fd, (off_t)n) == 0, "ftruncate");
    unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED, "mmap shared");
    printf("shared file mapping: initially zero=%d\n", all_bytes(p, n, 0));
    fill(p, n, 3);
    CHECK(msync(p, n, MS_SYNC) == 0, "msync");
    unsigned char *buf = malloc(n);
    CHECK(pread(fd, buf, n, 0) == (ssize_t)n, "pread");
    printf("MAP_SHARED store visible through read(): %d\n", check_fill(buf, n, 3));
    /* and the other direction: write() shows up in the mapping */
    CHECK(pwrite(fd, "written by pwrite", 17, (off_t)pg + 10) == 17, "pwrite");
    printf("pwrite visible in mapping: %d\n", memcmp(p + pg + 10, "written by pwrite", 17) == 0);
    /* a second shared mapping of the same file at an offset aliases the first */
    unsigned char *q = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)pg);
    CHECK(q != MAP_FAILED, "mmap offset");
    q[0] = 0xab;
    printf("two mappings alias: %d offset mapping content=%d\n", p[pg] == 0xab,
           memcmp(q + 10, "written by pwrite", 17) == 0);
    munmap(q, pg);
    munmap(p, n);
    /* data persists after munmap */
    CHECK(pread(fd, buf, 1, (off_t)pg) == 1, "pread");
    printf("persisted after munmap: %d\n", buf[0] == 0xab);

    /* MAP_PRIVATE: copy on write */
    unsigned char *a = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    unsigned char *b = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(a != MAP_FAILED && b != MAP_FAILED, "mmap private");
    a[5] = 0x11;
    a[2 * pg] = 0x22;
    CHECK(pread(fd, buf, n, 0) == (ssize_t)n, "pread");
    int own = a[5] == 0x11 && a[2 * pg] == 0x22;
    int file_same = buf[5] != 0x11 && buf[2 * pg] != 0x22;
    int other_same = b[5] == buf[5] && b[2 * pg] == buf[2 * pg];
    printf("MAP_PRIVATE: own view changed=%d file unchanged=%d other private view unchanged=%d\n",
           own, file_same, other_same);
    /* MADV_DONTNEED on a private file mapping drops the private copy */
    CHECK(madvise(a, n, MADV_DONTNEED) == 0, "madvise private file");
    printf("MADV_DONTNEED on MAP_PRIVATE file: back to file contents=%d\n",
           a[5] == buf[5] && a[2 * pg] == buf[2 * pg]);
    munmap(a, n);
    munmap(b, n);

    /* past the end of the file: zero tail in the last page, SIGBUS beyond */
    CHECK(ftruncate(fd, (off_t)(pg + 100)) == 0, "shrink");
    unsigned char *t = mmap(NULL, 3 * pg, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(t != MAP_FAILED, "mmap past eof");
    printf("past EOF: tail of last page zero=%d, inside=%s, next page=%s\n",
           all_bytes(t + pg + 100, pg - 100, 0), probe(t + pg + 99, 0), probe(t + 2 * pg + 8, 0));
    munmap(t, 3 * pg);

    /* mapping a file opened read-only with PROT_WRITE|MAP_SHARED fails */
    int ro = open(name, O_RDONLY);
    errno = 0;
    void *w = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("shared writable mapping of O_RDONLY fd: %s\n",
           w == MAP_FAILED && errno == EACCES ? "EACCES" : "other");
    void *pw = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    printf("private writable mapping of O_RDONLY fd: %s\n", pw != MAP_FAILED ? "ok" : "failed");
    if (pw != MAP_FAILED)
        munmap(pw, pg);
    close(ro);
    close(fd);
    unlink(name);
    free(buf);
}

static void test_mprotect(void)
{
    unsigned char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");
    fill(p, 4 * pg, 9);
    CHECK(mprotect(p + pg, pg, PROT_READ) == 0, "mprotect RO");
    CHECK(mprotect(p + 2 * pg, pg, PROT_NONE) == 0, "mprotect NONE");
    printf("mprotect: rw page write=%s ro page read=%s ro page write=%s ro page last byte write=%s\n",
           probe(p + 10, 1), probe(p + pg + 10, 0), probe(p + pg + 10, 1), probe(p + 2 * pg - 1, 1));
    printf("PROT_NONE: read=%s write=%s next page=%s\n", probe(p + 2 * pg + 123, 0),
           probe(p + 2 * pg, 1), probe(p + 3 * pg, 1));
    CHECK(mprotect(p + pg, 2 * pg, PROT_READ | PROT_WRITE) == 0, "mprotect back");
    printf("after mprotect back: write=%s contents kept=%d\n", probe(p + 2 * pg + 5, 1),
           check_fill(p, 4 * pg, 9));
    CHECK(mprotect(p, 4 * pg, PROT_READ) == 0, "all RO");
    printf("whole range RO: first=%s last=%s\n", probe(p, 1), probe(p + 4 * pg - 1, 1));
    errno = 0;
    printf("mprotect unaligned: %s\n", mprotect(p + 1, pg, PROT_READ) == -1 && errno == EINVAL ? "EINVAL" : "other");
    munmap(p, 4 * pg);
}

static void test_mremap(void)
{
    /* three pages: two to grow and one we own right after them */
    unsigned char *p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");
    fill(p, 2 * pg, 5);
    /* block growth in place: a different mapping in the third page */
    void *blk = mmap(p + 2 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(blk == p + 2 * pg, "blocker");
    errno = 0;
    void *r = mremap(p, 2 * pg, 8 * pg, 0);
    printf("mremap grow in place blocked: %s\n", r == MAP_FAILED && errno == ENOMEM ? "ENOMEM" : "other");
    unsigned char *q = mremap(p, 2 * pg, 8 * pg, MREMAP_MAYMOVE);
    CHECK(q != MAP_FAILED, "mremap maymove");
    printf("mremap MAYMOVE: moved=%d contents kept=%d new part zero=%d new part writable=%s old address=%s\n",
           q != p, check_fill(q, 2 * pg, 5), all_bytes(q + 2 * pg, 6 * pg, 0), probe(q + 8 * pg - 1, 1),
           probe(p, 0));
    /* shrink, then the tail is gone */
    unsigned char *s = mremap(q, 8 * pg, 3 * pg, 0);
    printf("mremap shrink: same address=%d contents kept=%d beyond=%s\n", s == q,
           check_fill(q, 2 * pg, 5), probe(q + 3 * pg, 0));
    /* grow in place when there is room */
    munmap(blk, pg);
    unsigned char *g = mmap(NULL, 16 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(g + 2 * pg, 14 * pg);
    CHECK(mprotect(g, 2 * pg, PROT_READ | PROT_WRITE) == 0, "mprotect");
    fill(g, 2 * pg, 8);
    unsigned char *h = mremap(g, 2 * pg, 10 * pg, 0);
    printf("mremap grow in place: ok=%d same address=%d contents kept=%d\n", h != MAP_FAILED,
           h == g, h != MAP_FAILED && check_fill(h, 2 * pg, 8));
    munmap(s, 3 * pg);
    if (h != MAP_FAILED)
        munmap(h, 10 * pg);
}

static void test_fixed(void)
{
    unsigned char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");
    memset(p, 0x77, 4 * pg);
    unsigned char *f = mmap(p + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED anon over existing: same address=%d replaced page zero=%d neighbours kept=%d %d\n",
           f == p + pg, all_bytes(p + pg, pg, 0), all_bytes(p, pg, 0x77), all_bytes(p + 2 * pg, 2 * pg, 0x77));
    /* a file page MAP_FIXED over the anonymous range, read-only */
    char name[64];
    int fd = tmpfd(name);
    unsigned char *pat = malloc(pg);
    fill(pat, pg, 42);
    CHECK(write(fd, pat, pg) == (ssize_t)pg, "write");
    unsigned char *ff = mmap(p + 2 * pg, pg, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
    printf("MAP_FIXED file over anon: same address=%d file data=%d write=%s last page kept=%d\n",
           ff == p + 2 * pg, check_fill(p + 2 * pg, pg, 42), probe(p + 2 * pg, 1),
           all_bytes(p + 3 * pg, pg, 0x77));
    close(fd);
    unlink(name);
    /* file still mapped after unlink+close */
    printf("mapping outlives unlink and close: %d\n", check_fill(p + 2 * pg, pg, 42));
    free(pat);
    munmap(p, 4 * pg);
}

static void test_madvise(void)
{
    size_t n = 8 * pg;
    unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");
    memset(p, 0xcd, n);
    CHECK(madvise(p + 2 * pg, 3 * pg, MADV_DONTNEED) == 0, "madvise");
    printf("MADV_DONTNEED anon: dropped pages zero=%d others kept=%d %d still writable=%s\n",
           all_bytes(p + 2 * pg, 3 * pg, 0), all_bytes(p, 2 * pg, 0xcd),
           all_bytes(p + 5 * pg, 3 * pg, 0xcd), probe(p + 3 * pg, 1));
    /* shared anonymous memory keeps its contents (it is backed by shmem) */
    unsigned char *s = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED, "mmap shared anon");
    memset(s, 0x3c, n);
    CHECK(madvise(s, n, MADV_DONTNEED) == 0, "madvise shared");
    printf("MADV_DONTNEED shared anon: contents kept=%d\n", all_bytes(s, n, 0x3c));
    CHECK(madvise(p, n, MADV_WILLNEED) == 0, "willneed");
    errno = 0;
    printf("madvise unaligned: %s\n", madvise(p + 1, pg, MADV_DONTNEED) == -1 && errno == EINVAL ? "EINVAL" : "other");
    munmap(p, n);
    munmap(s, n);
}

/* String and memory functions on data that ends exactly at a page followed by
 * an inaccessible page: vectorised library code must not read past the end. */
static void test_page_edge(void)
{
    unsigned char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");
    CHECK(mprotect(p + pg, pg, PROT_NONE) == 0, "guard");
    unsigned char *end = p + pg;
    unsigned bad = 0, cases = 0;
    static char copy[200];
    fsig = 0;
    if (sigsetjmp(jb, 1) != 0) {
        printf("page edge: fault in a library function (%s)\n", fsig == SIGSEGV ? "SIGSEGV" : "other");
        failures++;
        munmap(p, 2 * pg);
        return;
    }
    for (size_t len = 0; len < 130; len++) {
        char *s = (char *)end - len - 1;          /* the NUL is the page's last byte */
        memset(p, 'q', pg);
        for (size_t i = 0; i < len; i++)
            s[i] = (char)('a' + i % 26);
        s[len] = 0;
        cases++;
        bad += strlen(s) != len;
        bad += strnlen(s, len + 100) != len;
        bad += strchr(s, 0) != s + len;
        bad += strchr(s, '#') != NULL;
        bad += strrchr(s, 'a') != (len ? s + ((len - 1) / 26) * 26 : NULL);
        bad += memchr(s, 0, len + 1) != s + len;
        bad += rawmemchr(s, 0) != s + len;
        memcpy(copy, s, len + 1);
        bad += strcmp(copy, s) != 0;
        bad += strncmp(s, copy, len + 50) != 0;
        bad += memcmp(s, copy, len + 1) != 0;
        char *d = strdup(s);
        bad += d == NULL || strcmp(d, s) != 0;
        free(d);
        char buf[200];
        bad += stpcpy(buf, s) != buf + len;
        if (len >= 3)                               /* first match: period 26 */
            bad += strstr(s, s + len - 3) != s + (len - 3) % 26;
    }
    printf("page edge: %u string lengths, %u wrong results, no faults\n", cases, bad);
    CHECK(bad == 0, "page edge results");
    munmap(p, 2 * pg);
}

static void test_proc_maps(void)
{
    /* guard pages on both sides keep the kernel from merging our three
     * pages with unrelated neighbouring mappings */
    unsigned char *g = mmap(NULL, 5 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(g != MAP_FAILED, "mmap");
    unsigned char *p = g + pg;
    CHECK(mprotect(p, 3 * pg, PROT_READ | PROT_WRITE) == 0, "mprotect rw");
    CHECK(mprotect(p + pg, pg, PROT_READ) == 0, "mprotect");
    /* three lines: rw-p, r--p, rw-p, exactly covering the pages */
    FILE *f = fopen("/proc/self/maps", "r");
    CHECK(f != NULL, "open maps");
    char line[512];
    char found[3][8] = { "", "", "" };
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
            continue;
        for (int i = 0; i < 3; i++)
            if (lo == (uintptr_t)(p + (size_t)i * pg) && hi == (uintptr_t)(p + (size_t)(i + 1) * pg))
                snprintf(found[i], sizeof found[i], "%s", perms);
            else if (lo <= (uintptr_t)(p + (size_t)i * pg) && hi > (uintptr_t)(p + (size_t)i * pg) && !found[i][0])
                snprintf(found[i], sizeof found[i], "merged");
    }
    if (f)
        fclose(f);
    printf("/proc/self/maps: %s %s %s\n", found[0], found[1], found[2]);
    munmap(g, 5 * pg);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    test_pagesize();
    test_anon();
    test_file_shared();
    test_mprotect();
    test_mremap();
    test_fixed();
    test_madvise();
    test_page_edge();
    test_proc_maps();
    printf("mmap: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
