/*
 * Hybrid test: recursion, whose only cycles go through returns.
 *
 * A recursive function is a loop head (its call jumps back to its entry),
 * but the way back to the caller is a RET: the tier follows returns into
 * a region only for such heads.  The trace then holds the call, the
 * callee's body and the returns to its call sites, and leaves when a
 * return goes to a call site outside it.
 *
 *  A. a doubly recursive function (two call sites in itself);
 *  B. mutual recursion through a table of function pointers (indirect
 *     calls, returns to several sites in several functions);
 *  C. a recursion that reads and writes an array on its way down and up
 *     (stack and memory state across calls and returns);
 *  D. a fault at the bottom of a deep recursion: the handler sees the
 *     faulting address, and the recursion is right again afterwards;
 *  E. a recursion whose callee changes its path once warm: an allocator
 *     that takes its slow path while nothing has been given back (the
 *     trace recorded then leaves at the fast path, is unlinked, and its
 *     head records again with the fast path in it).
 * Results are compared with iterative models; the output is counts.
 */
#include "hyb.h"

/* ---- A: doubly recursive ---------------------------------------------------------- */

static uint64_t __attribute__((noipa)) rec2(uint64_t x, int d)
{
    if (d <= 0) {
        return x * 3 + 1;
    }
    return rec2(x ^ (uint64_t)d, d - 1) + rec2(x + (uint64_t)d * 7, d - 2);
}

/* The same, with an explicit stack. */
static uint64_t model_rec2(uint64_t x, int d)
{
    struct { uint64_t x; int d; } st[64];
    int sp = 0;
    uint64_t sum = 0;

    st[sp].x = x;
    st[sp++].d = d;
    while (sp) {
        uint64_t cx = st[--sp].x;
        int cd = st[sp].d;

        if (cd <= 0) {
            sum += cx * 3 + 1;
            continue;
        }
        st[sp].x = cx ^ (uint64_t)cd;
        st[sp++].d = cd - 1;
        st[sp].x = cx + (uint64_t)cd * 7;
        st[sp++].d = cd - 2;
    }
    return sum;
}

static void warm_a(void *arg)
{
    (void)arg;
    rec2(1, 8);
}

static void part_a(void)
{
    int wrong = 0;

    warm_loop(warm_a, NULL, warm_s(20), 200);
    for (int i = 0; i < 300; i++) {
        uint64_t x = i * 0x9e3779b97f4a7c15ull;
        int d = 4 + i % 12;

        wrong += rec2(x, d) != model_rec2(x, d);
    }
    CHECK(wrong == 0, "rec2: %d of 300 wrong", wrong);
    printf("A. double recursion: 300 runs, %d wrong\n", wrong);
}

/* ---- B: mutual recursion through pointers ------------------------------------------ */

typedef uint64_t (*node_fn)(uint64_t, int);
static node_fn nodes[3];

static uint64_t __attribute__((noipa)) node_a(uint64_t v, int d)
{
    if (d == 0) {
        return v;
    }
    return nodes[v % 3](v * 5 + 1, d - 1) ^ nodes[(v >> 3) % 3](v + 3, d - 1);
}

static uint64_t __attribute__((noipa)) node_b(uint64_t v, int d)
{
    if (d == 0) {
        return v + 11;
    }
    return nodes[(v >> 1) % 3](v ^ (v >> 7), d - 1) - 3;
}

static uint64_t __attribute__((noipa)) node_c(uint64_t v, int d)
{
    if (d == 0) {
        return v * 7;
    }
    uint64_t l = nodes[(v >> 2) % 3](v + d, d - 1);
    return l * 31 + nodes[l % 3](v - 1, d - 1);
}

/* The same, written as one function with a switch. */
static uint64_t model_node(int which, uint64_t v, int d)
{
    uint64_t l;

    switch (which) {
    case 0:
        if (d == 0) {
            return v;
        }
        return model_node(v % 3, v * 5 + 1, d - 1) ^
               model_node((v >> 3) % 3, v + 3, d - 1);
    case 1:
        if (d == 0) {
            return v + 11;
        }
        return model_node((v >> 1) % 3, v ^ (v >> 7), d - 1) - 3;
    default:
        if (d == 0) {
            return v * 7;
        }
        l = model_node((v >> 2) % 3, v + d, d - 1);
        return l * 31 + model_node(l % 3, v - 1, d - 1);
    }
}

static void warm_b(void *arg)
{
    (void)arg;
    node_a(5, 8);
}

static void part_b(void)
{
    int wrong = 0;

    nodes[0] = node_a;
    nodes[1] = node_b;
    nodes[2] = node_c;
    warm_loop(warm_b, NULL, warm_s(20), 200);
    for (int i = 0; i < 200; i++) {
        uint64_t v = 12345 + i * 77;
        int d = 6 + i % 8;

        wrong += node_a(v, d) != model_node(0, v, d);
    }
    CHECK(wrong == 0, "mutual recursion: %d of 200 wrong", wrong);
    printf("B. mutual recursion through pointers: 200 runs, %d wrong\n",
           wrong);
}

/* ---- C: memory on the way down and up ---------------------------------------------- */

static uint32_t arr[4096];

static uint32_t __attribute__((noipa)) walk_mem(int i, int d, uint32_t acc)
{
    uint32_t r;

    if (d == 0) {
        return acc ^ arr[i & 4095];
    }
    arr[i & 4095] += acc;                       /* down */
    r = walk_mem(i * 3 + 1, d - 1, acc + arr[(i + 7) & 4095]);
    arr[(i + 1) & 4095] ^= r;                   /* up */
    return r + (uint32_t)d;
}

static uint32_t model_arr[4096];

static uint32_t model_walk(int i, int d, uint32_t acc)
{
    uint32_t r;

    if (d == 0) {
        return acc ^ model_arr[i & 4095];
    }
    model_arr[i & 4095] += acc;
    r = model_walk(i * 3 + 1, d - 1, acc + model_arr[(i + 7) & 4095]);
    model_arr[(i + 1) & 4095] ^= r;
    return r + (uint32_t)d;
}

static void warm_c(void *arg)
{
    (void)arg;
    walk_mem(1, 16, 0);
}

static void part_c(void)
{
    int wrong = 0;

    warm_loop(warm_c, NULL, warm_s(20), 2000);
    for (int k = 0; k < 4096; k++) {
        model_arr[k] = arr[k];
    }
    for (int i = 0; i < 3000; i++) {
        wrong += walk_mem(i, 5 + i % 20, i) != model_walk(i, 5 + i % 20, i);
    }
    for (int k = 0; k < 4096; k++) {
        wrong += arr[k] != model_arr[k];
    }
    CHECK(wrong == 0, "array recursion: %d wrong", wrong);
    printf("C. recursion over an array: 3000 runs, %d wrong\n", wrong);
}

/* ---- E: a callee whose path changes after warm-up ----------------------------------- */

#define POOL 4096
#define CACHE 64

/* The allocator: a bump pointer, and a cache of given-back ids. */
typedef struct Alloc {
    uint32_t next;
    uint32_t val[POOL];
    uint32_t cache[CACHE];
    int cached;
    int recycle;
} Alloc;

static Alloc heap, model_heap;

static uint32_t alloc_take(Alloc *a, uint32_t seed)
{
    uint32_t id;

    if (a->cached > 0) {                        /* fast path */
        id = a->cache[--a->cached];
        a->val[id] = seed ^ 0x5bd1e995;
        return id;
    }
    id = a->next++ % POOL;                      /* slow path */
    for (int k = 0; k < 3; k++) {
        seed = seed * 1103515245u + 12345u;
    }
    a->val[id] = seed;
    return id;
}

static void alloc_give(Alloc *a, uint32_t id)
{
    if (a->recycle && a->cached < CACHE) {
        a->cache[a->cached++] = id;
    }
}

static uint32_t __attribute__((noipa)) take(uint32_t seed)
{
    return alloc_take(&heap, seed);
}

static void __attribute__((noipa)) give(uint32_t id)
{
    alloc_give(&heap, id);
}

static uint64_t __attribute__((noipa)) grow(int d, uint32_t seed)
{
    uint32_t id = take(seed);
    uint64_t s = heap.val[id];

    if (d > 0) {
        s += grow(d - 1, seed * 3 + 1);
        s ^= grow(d - 2, seed + 7) << 1;
    }
    give(id);
    return s;
}

/* The same calls in the same order, with an explicit stack. */
static uint64_t model_grow(int d, uint32_t seed)
{
    struct { int d, stage; uint32_t seed, id; uint64_t s; } st[64];
    int sp = 0;
    uint64_t ret = 0;

    st[sp].d = d;
    st[sp].seed = seed;
    st[sp++].stage = 0;
    while (sp) {
        int t = sp - 1;

        switch (st[t].stage) {
        case 0:                                 /* entry */
            st[t].id = alloc_take(&model_heap, st[t].seed);
            st[t].s = model_heap.val[st[t].id];
            st[t].stage = st[t].d > 0 ? 1 : 3;
            if (st[t].d > 0) {
                st[sp].d = st[t].d - 1;
                st[sp].seed = st[t].seed * 3 + 1;
                st[sp++].stage = 0;
            }
            break;
        case 1:                                 /* first call returned */
            st[t].s += ret;
            st[t].stage = 2;
            st[sp].d = st[t].d - 2;
            st[sp].seed = st[t].seed + 7;
            st[sp++].stage = 0;
            break;
        case 2:                                 /* second call returned */
            st[t].s ^= ret << 1;
            st[t].stage = 3;
            break;
        default:                                /* exit */
            alloc_give(&model_heap, st[t].id);
            ret = st[t].s;
            sp--;
            break;
        }
    }
    return ret;
}

static void warm_e(void *arg)
{
    (void)arg;
    grow(8, 1);
}

static void part_e(void)
{
    int wrong = 0;

    warm_loop(warm_e, NULL, warm_s(20), 200);   /* slow path only */
    heap.next = 0;
    heap.cached = 0;
    heap.recycle = model_heap.recycle = 1;
    for (int i = 0; i < 3000; i++) {
        wrong += grow(9, i) != model_grow(9, i);
    }
    wrong += heap.next != model_heap.next || heap.cached != model_heap.cached;
    for (int k = 0; k < CACHE; k++) {
        wrong += heap.cache[k] != model_heap.cache[k];
    }
    CHECK(wrong == 0, "allocator recursion: %d wrong", wrong);
    printf("E. recursion with a callee that changes its path: 3000 runs, "
           "%d wrong\n", wrong);
}

/* ---- D: a fault at the bottom ------------------------------------------------------ */

static sigjmp_buf fault_jmp;
static volatile uint64_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    fault_addr = (uint64_t)si->si_addr;
    siglongjmp(fault_jmp, 1);
}

/* noipa, and a result no accumulator can carry: a real recursion. */
static uint64_t __attribute__((noipa)) dive(const uint64_t *p, int d,
                                            uint64_t acc)
{
    uint64_t r;

    if (d == 0) {
        return acc + *p;                        /* faults when p is bad */
    }
    r = dive(p, d - 1, acc * 3 + (uint64_t)d);
    return r ^ (r >> 3);
}

static uint64_t model_dive(uint64_t at_bottom, int d)
{
    uint64_t acc = 0, r;

    for (int k = d; k > 0; k--) {
        acc = acc * 3 + (uint64_t)k;
    }
    r = acc + at_bottom;
    for (int k = 0; k < d; k++) {
        r ^= r >> 3;
    }
    return r;
}

static volatile uint64_t sink;

static void warm_d(void *arg)
{
    static const uint64_t one = 1;

    (void)arg;
    dive(&one, 20, 0);
}

static void part_d(void)
{
    static const uint64_t one = 1;
    volatile int faulted = 0, wrong = 0;

    set_handler(SIGSEGV, on_segv, 0);
    warm_loop(warm_d, NULL, warm_s(20), 2000);
    for (int r = 0; r < 5; r++) {
        uint64_t bad = 0x10 + r * 8;

        if (sigsetjmp(fault_jmp, 1) == 0) {
            sink = dive((const uint64_t *)bad, 30 + r, 0);
        } else {
            faulted += fault_addr == bad;
        }
        /* And the recursion still gives the right result afterwards. */
        wrong += dive(&one, 30 + r, 0) != model_dive(1, 30 + r);
    }
    CHECK(faulted == 5, "faulted at the right address %d of 5 times",
          faulted);
    CHECK(wrong == 0, "dive after a fault: %d of 5 wrong", wrong);
    printf("D. fault at the bottom of a recursion: %d of 5 at the address, "
           "%d wrong after\n", faulted, wrong);
}

int main(void)
{
    part_a();
    part_b();
    part_c();
    part_e();
    part_d();
    return finish("recursion");
}
