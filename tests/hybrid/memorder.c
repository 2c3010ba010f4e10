/*
 * Hybrid test: the aarch64 memory model on an x86 host.
 *
 * Two threads run litmus tests in lock step, one round at a time, each
 * round in a hot loop that the tier turns into a trace:
 *   sb-acqrel  store buffering with STLR then LDAR.  A store-release
 *              followed by a load-acquire is ordered on aarch64 (RCsc),
 *              so both threads reading the old value is forbidden.  An
 *              x86 store may pass a later load unless a fence (or a
 *              locked instruction) sits between them: QEMU 7.2 puts its
 *              fences before the STLR and after the LDAR, not between.
 *   sb-acqrel-w the same with 32-bit STLR/LDAR.
 *   sb-dmb     store buffering with STR; DMB ISH; LDR: forbidden likewise.
 *   mp-acqrel  message passing: STR data; STLR flag / LDAR flag; LDR data.
 *              Seeing the new flag and the old data is forbidden.  Guards
 *              the cheap side of the mapping: an acquire or a release needs
 *              no fence on x86, but the accesses must stay in order.
 * Every round's outcome is checked; the program prints how many rounds
 * broke the model (0 on hardware).  Rounds run for the warm-up time and
 * then ROUNDS more, so the loops are traces for most of them.
 */
#include "hyb.h"
#include <pthread.h>
#include <sched.h>

#define ROUNDS 200000L

/* Each shared word on its own cache line. */
struct line {
    uint64_t v;
    char pad[56];
} __attribute__((aligned(64)));

static struct line arrive[2];   /* round each thread has reached */
static struct line word[2];     /* the litmus locations */
static struct line data;        /* mp: the message */

enum kind { SB_ACQREL, SB_ACQREL_W, SB_DMB, MP_ACQREL, NKINDS };
static const char *const kind_name[NKINDS] = {
    "sb-acqrel", "sb-acqrel-w", "sb-dmb", "mp-acqrel",
};

struct job {
    int self;
    enum kind kind;
    double secs;        /* run rounds at least this long ... */
    long min_rounds;    /* ... and at least this many (thread 0 decides) */
    long rounds;        /* out: rounds run */
    long bad;           /* out: thread 1: forbidden outcomes seen */
};

static volatile long stop_after;   /* thread 0 sets the last round */

/*
 * Both threads reach round @r before either runs it.  A long wait yields:
 * on a loaded machine the other thread may not be running, and a pure
 * spin then waits a whole time slice per round (the suite timed out).
 */
static inline void step(int self, uint64_t r)
{
    unsigned spins = 0;

    __atomic_store_n(&arrive[self].v, r, __ATOMIC_RELEASE);
    while (__atomic_load_n(&arrive[!self].v, __ATOMIC_ACQUIRE) < r) {
        if (++spins % 1024 == 0) {
            sched_yield();
        }
    }
}

static inline uint64_t sb_acqrel(uint64_t *mine, uint64_t *theirs, uint64_t r)
{
    uint64_t seen;

    __asm__ volatile("stlr %1, [%2]\n\t"
                     "ldar %0, [%3]"
                     : "=&r"(seen)
                     : "r"(r), "r"(mine), "r"(theirs)
                     : "memory");
    return seen;
}

static inline uint64_t sb_acqrel_w(uint64_t *mine, uint64_t *theirs,
                                   uint64_t r)
{
    uint32_t seen;

    __asm__ volatile("stlr %w1, [%2]\n\t"
                     "ldar %w0, [%3]"
                     : "=&r"(seen)
                     : "r"((uint32_t)r), "r"(mine), "r"(theirs)
                     : "memory");
    return seen;
}

static inline uint64_t sb_dmb(uint64_t *mine, uint64_t *theirs, uint64_t r)
{
    uint64_t seen;

    __asm__ volatile("str %1, [%2]\n\t"
                     "dmb ish\n\t"
                     "ldr %0, [%3]"
                     : "=&r"(seen)
                     : "r"(r), "r"(mine), "r"(theirs)
                     : "memory");
    return seen;
}

static inline void mp_send(uint64_t r)
{
    __asm__ volatile("str %0, [%1]\n\t"
                     "stlr %0, [%2]"
                     :
                     : "r"(r), "r"(&data.v), "r"(&word[0].v)
                     : "memory");
}

/* Returns the data seen if the flag showed round @r, else @r. */
static inline uint64_t mp_receive(uint64_t r)
{
    uint64_t flag, seen;

    __asm__ volatile("ldar %0, [%2]\n\t"
                     "ldr %1, [%3]"
                     : "=&r"(flag), "=&r"(seen)
                     : "r"(&word[0].v), "r"(&data.v)
                     : "memory");
    return flag == r ? seen : r;
}

/*
 * One round @r of @kind; returns what this thread observed.  In the sb
 * tests each thread sees r (new) or r - 1 (old); in mp, thread 1 sees
 * the data, which must be r whenever the flag was r.
 */
static uint64_t __attribute__((noinline)) round_of(enum kind kind, int self,
                                                   uint64_t r)
{
    uint64_t *mine = &word[self].v, *theirs = &word[!self].v;

    switch (kind) {
    case SB_ACQREL:
        return sb_acqrel(mine, theirs, r);
    case SB_ACQREL_W:
        return sb_acqrel_w(mine, theirs, r);
    case SB_DMB:
        return sb_dmb(mine, theirs, r);
    case MP_ACQREL:
        if (self == 0) {
            mp_send(r);
            return r;
        }
        return mp_receive(r);
    default:
        return r;
    }
}

/*
 * Thread 1 learns thread 0's outcome of round r at round r + 1 through
 * told[r & 1]: written before thread 0 reaches r + 1, read by thread 1
 * before it reaches r + 2, so thread 0 cannot have written it again.
 */
static struct line told[2];

static void *run(void *arg)
{
    struct job *j = arg;
    double end = now_s() + j->secs;
    uint64_t r = 1, last_mine = 0;

    for (;; r++) {
        step(j->self, r);
        if (j->self == 1 && r > 1 && j->kind != MP_ACQREL) {
            /* Round r - 1: both saw the old value? */
            if (last_mine == r - 2 && told[(r - 1) & 1].v == r - 2) {
                j->bad++;
            }
        }
        if (j->self == 1 && j->kind == MP_ACQREL && r > 1 &&
            last_mine != r - 1) {
            j->bad++;
        }
        if (stop_after && (long)r > stop_after) {
            break;
        }
        last_mine = round_of(j->kind, j->self, r);
        if (j->self == 0) {
            told[r & 1].v = last_mine;
            if (!stop_after && (long)r >= j->min_rounds && now_s() >= end) {
                stop_after = r;
            }
        }
    }
    j->rounds = r - 1;
    return NULL;
}

static long run_kind(enum kind kind, double secs, long min_rounds)
{
    pthread_t t[2];
    struct job job[2];

    memset(arrive, 0, sizeof(arrive));
    memset(word, 0, sizeof(word));
    data.v = 0;
    memset(told, 0, sizeof(told));
    stop_after = 0;
    for (int i = 0; i < 2; i++) {
        job[i] = (struct job){ .self = i, .kind = kind, .secs = secs,
                               .min_rounds = min_rounds };
    }
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&t[i], NULL, run, &job[i]) != 0) {
            perror("pthread_create");
            exit(2);
        }
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    CHECK(job[0].rounds == job[1].rounds, "%s: rounds %ld against %ld",
          kind_name[kind], job[0].rounds, job[1].rounds);
    return job[1].bad;
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : ROUNDS;

    for (int k = 0; k < NKINDS; k++) {
        long bad = run_kind(k, warm_s(100), rounds);

        CHECK(bad == 0, "%s: %ld rounds broke the memory model", kind_name[k],
              bad);
        printf("%s: %s\n", kind_name[k], bad ? "broken" : "ok");
    }
    return finish("memorder");
}
