/*
 * Guest test: POSIX threads.
 *
 * Mutex-protected and atomic counters with exact totals, a bounded
 * producer/consumer queue on condition variables, __thread variables,
 * join values, barriers, pthread_once, thread-specific keys with destructors,
 * rwlocks, and detached threads.  Every printed value is independent of
 * scheduling.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define NT 4

/* ---- counters -------------------------------------------------------------- */

#define MUTEX_ITERS 20000
#define ATOMIC_ITERS 50000

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long mutex_count;
static long atomic_count;
static uint64_t atomic_sum;
static uint32_t cas_count;
static long plain_per_thread[NT];

static void *counter_thread(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < MUTEX_ITERS; i++) {
        pthread_mutex_lock(&count_lock);
        mutex_count++;
        pthread_mutex_unlock(&count_lock);
        plain_per_thread[id]++;     /* private slot: no race */
        if ((i & 1023) == 0)
            sched_yield();
    }
    for (int i = 0; i < ATOMIC_ITERS; i++) {
        __atomic_fetch_add(&atomic_count, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&atomic_sum, (uint64_t)(id + 1) << 32 | 1, __ATOMIC_SEQ_CST);
        /* increment through a CAS loop */
        uint32_t cur = __atomic_load_n(&cas_count, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_count, &cur, cur + 1, 1, __ATOMIC_ACQ_REL,
                                            __ATOMIC_RELAXED))
            ;
    }
    /* return a value computed from the id */
    return (void *)(id * 1000 + 7);
}

static void test_counters(void)
{
    pthread_t th[NT];
    for (long i = 0; i < NT; i++)
        CHECK(pthread_create(&th[i], NULL, counter_thread, (void *)i) == 0, "create %ld", i);
    long rets = 0;
    printf("join values:");
    for (int i = 0; i < NT; i++) {
        void *r;
        CHECK(pthread_join(th[i], &r) == 0, "join %d", i);
        printf(" %ld", (long)r);
        rets += (long)r;
    }
    printf("\n");
    printf("mutex counter: %ld (expect %d)\n", mutex_count, NT * MUTEX_ITERS);
    printf("atomic counter: %ld (expect %d)\n", atomic_count, NT * ATOMIC_ITERS);
    printf("atomic sum: %016" PRIx64 " cas counter: %" PRIu32 "\n", atomic_sum, cas_count);
    CHECK(mutex_count == NT * MUTEX_ITERS, "mutex total");
    CHECK(atomic_count == NT * ATOMIC_ITERS, "atomic total");
    CHECK(cas_count == NT * ATOMIC_ITERS, "cas total");
    CHECK(atomic_sum == ((uint64_t)ATOMIC_ITERS * (1 + 2 + 3 + 4) << 32 | NT * ATOMIC_ITERS),
          "atomic sum");
    for (int i = 0; i < NT; i++)
        CHECK(plain_per_thread[i] == MUTEX_ITERS, "slot %d", i);
}

/* ---- producer / consumer ---------------------------------------------------- */

#define QCAP 8
#define ITEMS_PER_PRODUCER 3000
#define NPROD 2
#define NCONS 2

static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    int buf[QCAP];
    int head, count, done_producers;
    int max_seen_count;
} q = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
        { 0 }, 0, 0, 0, 0 };

static void *producer(void *arg)
{
    int base = (int)(long)arg * 100000;
    for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
        pthread_mutex_lock(&q.lock);
        while (q.count == QCAP)
            pthread_cond_wait(&q.not_full, &q.lock);
        q.buf[(q.head + q.count) % QCAP] = base + i;
        q.count++;
        if (q.count > q.max_seen_count)
            q.max_seen_count = q.count;
        pthread_cond_signal(&q.not_empty);
        pthread_mutex_unlock(&q.lock);
    }
    pthread_mutex_lock(&q.lock);
    q.done_producers++;
    pthread_cond_broadcast(&q.not_empty);
    pthread_mutex_unlock(&q.lock);
    return NULL;
}

struct cons_result {
    long n;
    long long sum;
    int order_ok;
    int last[NPROD];
};

static void *consumer(void *arg)
{
    struct cons_result *r = arg;
    for (int p = 0; p < NPROD; p++)
        r->last[p] = -1;
    r->order_ok = 1;
    for (;;) {
        pthread_mutex_lock(&q.lock);
        while (q.count == 0 && q.done_producers < NPROD)
            pthread_cond_wait(&q.not_empty, &q.lock);
        if (q.count == 0) {
            pthread_mutex_unlock(&q.lock);
            break;
        }
        int v = q.buf[q.head];
        q.head = (q.head + 1) % QCAP;
        q.count--;
        pthread_cond_signal(&q.not_full);
        pthread_mutex_unlock(&q.lock);
        /* items of one producer reach one consumer in increasing order */
        int p = v / 100000, i = v % 100000;
        if (p < 0 || p >= NPROD || i <= r->last[p])
            r->order_ok = 0;
        else
            r->last[p] = i;
        r->n++;
        r->sum += v;
    }
    return NULL;
}

static void test_queue(void)
{
    pthread_t pt[NPROD], ct[NCONS];
    struct cons_result res[NCONS];
    memset(res, 0, sizeof res);
    for (int i = 0; i < NCONS; i++)
        CHECK(pthread_create(&ct[i], NULL, consumer, &res[i]) == 0, "consumer");
    for (long i = 0; i < NPROD; i++)
        CHECK(pthread_create(&pt[i], NULL, producer, (void *)i) == 0, "producer");
    for (int i = 0; i < NPROD; i++)
        pthread_join(pt[i], NULL);
    for (int i = 0; i < NCONS; i++)
        pthread_join(ct[i], NULL);
    long n = 0;
    long long sum = 0;
    int order = 1;
    for (int i = 0; i < NCONS; i++) {
        n += res[i].n;
        sum += res[i].sum;
        order &= res[i].order_ok;
    }
    long long want = 0;
    for (int p = 0; p < NPROD; p++)
        for (int i = 0; i < ITEMS_PER_PRODUCER; i++)
            want += p * 100000 + i;
    printf("queue: items=%ld sum=%lld sum ok=%d per-producer order=%d bounded=%d\n", n, sum,
           sum == want, order, q.max_seen_count <= QCAP);
    CHECK(n == NPROD * ITEMS_PER_PRODUCER && sum == want && order, "queue results");
}

/* ---- TLS ---------------------------------------------------------------------- */

static __thread int tls_int = 5;
static __thread char tls_buf[64] = "initial";
static __thread long tls_zero;
static int tls_report[NT][4];

static pthread_barrier_t tls_barrier;

static void *tls_thread(void *arg)
{
    int id = (int)(long)arg;
    int init_ok = tls_int == 5 && strcmp(tls_buf, "initial") == 0 && tls_zero == 0;
    tls_int = id * 100;
    snprintf(tls_buf, sizeof tls_buf, "thread-%d", id);
    tls_zero = id;
    /* everyone has written their own copy before anyone checks */
    pthread_barrier_wait(&tls_barrier);
    char want[64];
    snprintf(want, sizeof want, "thread-%d", id);
    tls_report[id][0] = init_ok;
    tls_report[id][1] = tls_int;
    tls_report[id][2] = strcmp(tls_buf, want) == 0;
    tls_report[id][3] = tls_zero == id && (uintptr_t)&tls_int != 0;
    return &tls_int == arg ? NULL : (void *)&tls_int;  /* distinct addresses */
}

static void test_tls(void)
{
    pthread_t th[NT];
    void *addr[NT];
    tls_int = -1;
    strcpy(tls_buf, "main");
    pthread_barrier_init(&tls_barrier, NULL, NT);
    for (long i = 0; i < NT; i++)
        pthread_create(&th[i], NULL, tls_thread, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(th[i], &addr[i]);
    pthread_barrier_destroy(&tls_barrier);
    int distinct = 1;
    for (int i = 0; i < NT; i++)
        for (int j = i + 1; j < NT; j++)
            if (addr[i] == addr[j])
                distinct = 0;
    printf("tls:");
    for (int i = 0; i < NT; i++)
        printf(" [init=%d val=%d buf=%d long=%d]", tls_report[i][0], tls_report[i][1],
               tls_report[i][2], tls_report[i][3]);
    printf(" distinct=%d main kept=%d,%s\n", distinct, tls_int, tls_buf);
}

/* ---- barrier --------------------------------------------------------------------- */

#define PHASES 50
static pthread_barrier_t bar;
static int phase_slot[NT];
static int barrier_errors, serial_count;

static void *barrier_thread(void *arg)
{
    int id = (int)(long)arg;
    for (int ph = 0; ph < PHASES; ph++) {
        phase_slot[id] = ph * 10 + id;
        int r = pthread_barrier_wait(&bar);
        if (r == PTHREAD_BARRIER_SERIAL_THREAD)
            __atomic_add_fetch(&serial_count, 1, __ATOMIC_RELAXED);
        else if (r != 0)
            __atomic_add_fetch(&barrier_errors, 1, __ATOMIC_RELAXED);
        /* everybody's slot belongs to this phase */
        for (int j = 0; j < NT; j++)
            if (phase_slot[j] != ph * 10 + j)
                __atomic_add_fetch(&barrier_errors, 1, __ATOMIC_RELAXED);
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

static void test_barrier(void)
{
    pthread_t th[NT];
    pthread_barrier_init(&bar, NULL, NT);
    for (long i = 0; i < NT; i++)
        pthread_create(&th[i], NULL, barrier_thread, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&bar);
    printf("barrier: phases=%d errors=%d serial threads=%d\n", PHASES, barrier_errors,
           serial_count);
}

/* ---- pthread_once, keys ------------------------------------------------------------ */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int dtor_calls;
static long dtor_sum;

static void once_init(void)
{
    __atomic_add_fetch(&once_runs, 1, __ATOMIC_SEQ_CST);
    usleep(2000);    /* widen the window for a second caller */
}

static void key_dtor(void *p)
{
    __atomic_add_fetch(&dtor_calls, 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&dtor_sum, *(long *)p, __ATOMIC_SEQ_CST);
    free(p);
}

static void *once_key_thread(void *arg)
{
    long id = (long)arg;
    pthread_once(&once, once_init);
    int before = pthread_getspecific(key) == NULL;
    long *v = malloc(sizeof *v);
    *v = (id + 1) * 11;
    pthread_setspecific(key, v);
    sched_yield();
    long *back = pthread_getspecific(key);
    return (void *)(long)(before && back == v && *back == (id + 1) * 11);
}

static void *null_key_thread(void *arg)
{
    (void)arg;
    pthread_setspecific(key, NULL);   /* destructor must not run for NULL */
    return NULL;
}

static void test_once_keys(void)
{
    pthread_t th[NT + 1];
    CHECK(pthread_key_create(&key, key_dtor) == 0, "key_create");
    for (long i = 0; i < NT; i++)
        pthread_create(&th[i], NULL, once_key_thread, (void *)i);
    pthread_create(&th[NT], NULL, null_key_thread, NULL);
    int ok = 1;
    for (int i = 0; i < NT + 1; i++) {
        void *r;
        pthread_join(th[i], &r);
        if (i < NT)
            ok &= r == (void *)1;
    }
    pthread_once(&once, once_init);
    printf("once: init ran %d time(s)\n", once_runs);
    printf("keys: per-thread values ok=%d destructor calls=%d sum=%ld\n", ok, dtor_calls,
           dtor_sum);
    pthread_key_delete(key);
}

/* ---- rwlock, trylock, detached, ids --------------------------------------------------- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value;
static int rw_bad;

static void *rw_thread(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 2000; i++) {
        if ((i + id) % 4 == 0) {
            pthread_rwlock_wrlock(&rw);
            rw_value += 2;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            if (rw_value & 1)
                __atomic_add_fetch(&rw_bad, 1, __ATOMIC_RELAXED);
            pthread_rwlock_unlock(&rw);
        }
    }
    return NULL;
}

static int detached_done;
static pid_t thread_tids[NT];

static void *detached_thread(void *arg)
{
    thread_tids[(long)arg] = (pid_t)syscall(SYS_gettid);
    __atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void test_misc(void)
{
    pthread_t th[NT];
    for (long i = 0; i < NT; i++)
        pthread_create(&th[i], NULL, rw_thread, (void *)i);
    for (int i = 0; i < NT; i++)
        pthread_join(th[i], NULL);
    printf("rwlock: value=%ld odd reads=%d\n", rw_value, rw_bad);

    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&m);
    int busy = pthread_mutex_trylock(&m);
    pthread_mutex_unlock(&m);
    int freed = pthread_mutex_trylock(&m);
    pthread_mutex_unlock(&m);
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_t rm;
    pthread_mutex_init(&rm, &ma);
    int rec = pthread_mutex_lock(&rm) | pthread_mutex_lock(&rm) | pthread_mutex_unlock(&rm) |
              pthread_mutex_unlock(&rm);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t em;
    pthread_mutex_init(&em, &ma);
    pthread_mutex_lock(&em);
    int relock = pthread_mutex_lock(&em);
    pthread_mutex_unlock(&em);
    int unlock_unowned = pthread_mutex_unlock(&em);
    printf("mutex: trylock busy=%s free=%d recursive=%d errorcheck relock=%s unlock=%s\n",
           busy == EBUSY ? "EBUSY" : "other", freed, rec, relock == EDEADLK ? "EDEADLK" : "other",
           unlock_unowned == EPERM ? "EPERM" : "other");

    /* timed wait that times out */
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&m);
    int tw = pthread_cond_timedwait(&cv, &m, &ts);
    pthread_mutex_unlock(&m);
    printf("cond_timedwait: %s\n", tw == ETIMEDOUT ? "ETIMEDOUT" : "other");

    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < NT; i++)
        CHECK(pthread_create(&th[i], &at, detached_thread, (void *)i) == 0, "detached");
    for (int spin = 0; spin < 5000 && __atomic_load_n(&detached_done, __ATOMIC_SEQ_CST) < NT; spin++)
        usleep(1000);
    int tids_distinct = 1;
    pid_t me = (pid_t)syscall(SYS_gettid);
    for (int i = 0; i < NT; i++) {
        if (thread_tids[i] == me || thread_tids[i] <= 0)
            tids_distinct = 0;
        for (int j = i + 1; j < NT; j++)
            if (thread_tids[i] == thread_tids[j])
                tids_distinct = 0;
    }
    printf("detached: finished=%d tids distinct from each other and main=%d\n", detached_done,
           tids_distinct);
    printf("pthread_equal(self,self)=%d\n", pthread_equal(pthread_self(), pthread_self()) != 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_counters();
    test_queue();
    test_tls();
    test_barrier();
    test_once_keys();
    test_misc();
    printf("threads: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
