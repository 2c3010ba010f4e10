/*
 * Hybrid translator: inline caches for indirect branches.
 *
 * QEMU ends a TB whose next PC is only known at run time (BR, BLR, RET,
 * a direct jump to another page) with helper_lookup_tb_ptr(): a call
 * that recomputes the CPU flags and probes the per-CPU jump cache.  In
 * switch-dispatch interpreters and call-heavy code that call is a third
 * or more of the run time.  With -hybrid on such a site gets a small
 * cache of its own instead, direct mapped by target PC:
 *
 *     for tb in site->tb[2 * set(pc) + 0 .. 1]:   // two ways of a set
 *         if (tb->pc == pc && !(tb->cflags & CF_INVALID))
 *             goto tb->tc.ptr;
 *     tb = ic_l2[slot(pc)];                       // shared by all sites
 *     if (tb->pc == pc && tb's cs_base, flags, cflags, trace_vcpu_dstate
 *                         are the site's key)
 *         goto tb->tc.ptr;
 *     goto helper_hybrid_ic_miss(env, site);   // full lookup, then fill
 *
 * Until a site has run often enough to pay for that translation, it is
 * a call whose helper probes the same kind of cache in C (a cold site,
 * IC_SAMPLED_RUNS below).
 *
 * The second level is there for branches with more targets than a site
 * holds: the return of malloc() or free() goes back to dozens of call
 * sites, and bintree spent a third of its time in full lookups.  Its
 * entries come from every site, so each probe checks all the lookup
 * inputs, as tb_lookup() does, against those its site always computes.
 *
 * Why the PC alone is enough as the key: a TB's flags, cs_base and cflags
 * are fixed, and the instruction that ends it sets the same BTYPE each
 * time, so the flags a lookup from this site computes are always the
 * same (QEMU's direct chaining, goto_tb, makes the same assumption).
 * Where that does not hold, no cache is emitted: after an instruction
 * that changes the flags (DISAS_UPDATE_NOCHAIN, not hooked), in TBs with
 * CF_NO_GOTO_PTR or an instruction count limit, with exec logging, and
 * while the recorder re-translates a block for a trace.  The miss helper
 * fills the cache only from a normal lookup: no gdb breakpoints, no
 * single-step (inserting those invalidates or flushes TBs, which the
 * CF_INVALID test and hybrid_ic_flush() see).
 *
 * Entries are single pointers, so a racing fill from another vCPU can
 * only replace one valid TB by another; an empty entry points to a dummy
 * TB that never matches.  Sites come from a pool (hybrid-pool.h): they
 * never move, and are all reused at tb_flush.
 *
 * The recorder reads the caches back, cold ones too
 * (hybrid_ic_targets()): what a branch's cache holds is where it went,
 * so a trace region can continue through indirect branches as through
 * chained jumps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/log.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "exec/plugin-gen.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "exec/helper-gen.h"
#include "accel/tcg/tb-hash.h"
#include "accel/tcg/tb-jmp-cache.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-ic.h"
#include "hybrid/accel/tcg/hybrid-pool.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-sample.h"

/* Sites: their addresses are baked into TB code (hybrid-pool.h). */
static HybridPool site_pool = HYBRID_POOL_INIT(HybridICSite, 1024);

/*
 * Sites start cold: a call to helper_hybrid_ic_cold(), as cheap to
 * translate as QEMU's lookup, which probes a small cache of the site's
 * own (HybridICCold, below) and counts the runs.  A TB one of whose
 * sites runs IC_HOT_RUNS times joins hot_tbs (guest pcs, under
 * mmap_lock) and is translated again with inline caches.  Most sites of
 * a short program run once or a few times, and translating a cache for
 * each of them made a hello world 30% slower than -hybrid off (216
 * sites, 196 KB of host code against 127 KB; now 12 sites, 145 KB).
 * Without the sampler (tests' hot mode), 4 runs.
 */
#define IC_HOT_RUNS 4

/*
 * With the sampler deciding, a site is translated again only once its
 * runs have cost what a translation does (ski rental): an inline probe
 * saves a few ns a run over the cold site's probe in C, a translation
 * costs ~15 us.  GCC's cc1 (-O2 on 600 functions) translated 17,431
 * caches at 256 runs (11% more TBs than -hybrid off), 10,228 at 1,024
 * and 4,089 at 4,096 (2.7%).  Its speed moved within this machine's
 * noise (1.034, 1.091 and 1.010 against 256 in three interleaved sets);
 * 65,536 ran 5% slower than 256.
 * The recorder reads the cold caches as it reads the inline ones, so
 * regions still see their indirect edges: without that, indirect and
 * bintree (tests/bench) ran 11% and 8% slower at 4,096.
 */
#define IC_SAMPLED_RUNS 4096

/*
 * Before the warm-up ends (hybrid_optimizer_ready()) nothing is recorded,
 * so caches are only for what runs often; a short process is all
 * warm-up.  256 runs and 4,096 come out even there: nm -D of libc ran
 * 537.5 and 538.6 million host instructions (callgrind; -hybrid off
 * 599.7), and cc1 translated 157,916 and 157,676 TBs.
 */
#define IC_EARLY_RUNS 256

/* A site's count once its TB got caches, or was refused them for good. */
#define IC_COUNTED_OUT INT32_MAX

/*
 * A cold site's cache: the TBs its own full lookups found, probed by pc
 * alone, as the inline cache's first level (the same key argument).  It
 * skips what makes helper_lookup_tb_ptr() cost: computing the CPU flags
 * and probing the jump cache with all of them.
 */
#define IC_COLD_WAYS 4

/*
 * A way's pc is kept beside its TB, so that a probe reads one TB (the
 * match's) and not each way's: TBs are scattered over the code buffer,
 * and the load of tb->pc missed the cache (37% of the helper's samples
 * in cc1 with the pc read from each TB).
 */
typedef struct HybridICCold {
    int32_t runs;
    uint32_t next;                      /* the way to fill next */
    uint64_t pc[IC_COLD_WAYS];          /* tb[i]'s pc, as filled */
    TranslationBlock *tb[IC_COLD_WAYS]; /* never NULL: see ic_empty */
    struct HybridICCold *next_in_tb;    /* the TB's other cold sites */
} HybridICCold;

/*
 * Counting a run writes to the site: a locked add at every run was 40%
 * of the helper's samples in cc1 (5% of its time) once sites counted to
 * 4,096.  Where the limit is that high, one run in IC_COUNT_STRIDE (a
 * tick of the thread's own) adds the stride, with a plain store: a race
 * between vCPUs loses a count, which only delays a translation.
 */
#define IC_COUNT_STRIDE 16
static __thread uint32_t count_tick;

static HybridPool cold_pool = HYBRID_POOL_INIT(HybridICCold, 4096);
static GHashTable *hot_tbs;

/* Under mmap_lock: TranslationBlock * -> its first site, cold site. */
static GHashTable *sites_by_tb;
static GHashTable *cold_by_tb;
static TranslationBlock *cur_tb;        /* being translated */

/* Matches no PC check: CF_INVALID. */
static TranslationBlock ic_empty = { .pc = 1, .cflags = CF_INVALID };

/* A cached @t is the TB for @pc: what a first-level probe checks. */
static inline bool ic_tb_for(TranslationBlock *t, target_ulong pc)
{
    return tb_pc(t) == pc && !(qatomic_read(&t->cflags) & CF_INVALID);
}

/*
 * The second level: TBs by target pc, from all sites.  Written under
 * mmap_lock or by one vCPU's miss at a time, a pointer at a time; reset
 * with the sites at tb_flush (TBs are freed only then).
 */
#define IC_L2_BITS 14
static TranslationBlock *ic_l2[1 << IC_L2_BITS];    /* hybrid_ic_init() */
static bool ic_l2_dirty;                 /* an entry was filled: clear */
#define IC_KEY_UNSET UINT64_MAX

/* flags and cflags are compared as one word: keep them adjacent. */
QEMU_BUILD_BUG_ON(offsetof(TranslationBlock, cflags) !=
                  offsetof(TranslationBlock, flags) + 4);

/* Index of the TCG global that holds env->pc, found once. */
static int pc_global_index = -1;

/*
 * The set for @pc: the top bits of a multiplicative hash, since the
 * targets of one site (a switch's cases, say) are often equally spaced
 * and would share their low bits.  Two ways a set: the newest target in
 * way 0, the one before in way 1, so two targets that alternate (a
 * function returning to two callers) both stay.
 */
#define IC_SETS (HYBRID_IC_WAYS / 2)
#define IC_HASH_MUL 0x9e3779b97f4a7c15ull
#define IC_HASH_SHIFT (64 - ctz32(IC_SETS))

static inline unsigned ic_set(uint64_t pc)
{
    return (pc * IC_HASH_MUL) >> IC_HASH_SHIFT;
}

/* The second level's slot: more of the same hash's top bits. */
static inline unsigned ic_l2_slot(uint64_t pc)
{
    return (pc * IC_HASH_MUL) >> (64 - IC_L2_BITS);
}

static uint64_t tb_key_flags(TranslationBlock *tb)
{
    return tb->flags | (uint64_t)tb->cflags << 32;
}

/* Called with mmap_lock held (translation). */
static HybridICSite *site_alloc(void)
{
    HybridICSite *s = hybrid_pool_alloc(&site_pool);

    for (int i = 0; i < HYBRID_IC_WAYS; i++) {
        s->tb[i] = &ic_empty;
    }
    s->key_flags = IC_KEY_UNSET;
    s->key_cs_base = 0;
    s->key_dstate = 0;
    if (cur_tb) {
        if (!sites_by_tb) {
            sites_by_tb = g_hash_table_new(NULL, NULL);
        }
        s->next_in_tb = g_hash_table_lookup(sites_by_tb, cur_tb);
        g_hash_table_insert(sites_by_tb, cur_tb, s);
    }
    qatomic_add(&hybrid_stats.ic_sites, 1);
    return s;
}

void hybrid_ic_start_tb(TranslationBlock *tb)
{
    cur_tb = tb;
}

static void ic_l2_clear(void)
{
    for (int i = 0; i < ARRAY_SIZE(ic_l2); i++) {
        ic_l2[i] = &ic_empty;
    }
    ic_l2_dirty = false;
}

/*
 * Filled here, not by a static initializer: 16,384 relocated pointers
 * (128 KB of .data) that every start-up paid, -hybrid off as well.
 */
void hybrid_ic_init(void)
{
    ic_l2_clear();
}

void hybrid_ic_flush(void)
{
    /* QEMU flushes at every exit (qemu_plugin_user_exit()). */
    if (ic_l2_dirty) {
        ic_l2_clear();
    }
    hybrid_pool_reset(&site_pool);
    hybrid_pool_reset(&cold_pool);
    if (sites_by_tb) {
        g_hash_table_remove_all(sites_by_tb);
    }
    if (cold_by_tb) {
        g_hash_table_remove_all(cold_by_tb);
    }
}

static bool listed(TranslationBlock **list, int n, TranslationBlock *tb)
{
    for (int k = 0; k < n; k++) {
        if (list[k] == tb) {
            return true;
        }
    }
    return false;
}

/* @t added to @all (@n of @max used), if valid and not there yet. */
static int add_target(TranslationBlock **all, int n, int max,
                      TranslationBlock *t)
{
    if (n < max && t != &ic_empty &&
        !(qatomic_read(&t->cflags) & CF_INVALID) && !listed(all, n, t)) {
        all[n++] = t;
    }
    return n;
}

int hybrid_ic_targets(TranslationBlock *tb, TranslationBlock **out, int max)
{
    HybridICSite *s;
    HybridICCold *c;
    TranslationBlock *all[HYBRID_IC_WAYS * 4];
    int n = 0, m = 0;

    s = sites_by_tb ? g_hash_table_lookup(sites_by_tb, tb) : NULL;
    for (; s; s = s->next_in_tb) {
        for (int w = 0; w < HYBRID_IC_WAYS; w++) {
            n = add_target(all, n, ARRAY_SIZE(all), qatomic_read(&s->tb[w]));
        }
    }
    c = cold_by_tb ? g_hash_table_lookup(cold_by_tb, tb) : NULL;
    for (; c; c = c->next_in_tb) {
        for (int w = 0; w < IC_COLD_WAYS; w++) {
            n = add_target(all, n, ARRAY_SIZE(all), qatomic_read(&c->tb[w]));
        }
    }
    /* A PC cached with two different TBs: which one is right is unknown. */
    for (int i = 0; i < n && m < max; i++) {
        bool ambiguous = false;

        for (int k = 0; k < n; k++) {
            ambiguous |= k != i && tb_pc(all[k]) == tb_pc(all[i]);
        }
        if (!ambiguous) {
            out[m++] = all[i];
        }
    }
    return m;
}

/*
 * The lookup inputs every branch through @s computes, as a key_flags
 * word and the rest: the site's key once set, else those of a TB in its
 * ways (a full lookup from the site found it).  False if neither.
 */
static bool site_key(HybridICSite *s, uint64_t *flags, uint64_t *cs_base,
                     uint32_t *dstate)
{
    uint64_t f = qatomic_read(&s->key_flags);

    if (f != IC_KEY_UNSET) {
        smp_rmb();
        *flags = f;
        *cs_base = qatomic_read(&s->key_cs_base);
        *dstate = qatomic_read(&s->key_dstate);
        return true;
    }
    for (int w = 0; w < HYBRID_IC_WAYS; w++) {
        TranslationBlock *t = qatomic_read(&s->tb[w]);

        if (t != &ic_empty && !(qatomic_read(&t->cflags) & CF_INVALID)) {
            *flags = tb_key_flags(t);
            *cs_base = t->cs_base;
            *dstate = t->trace_vcpu_dstate;
            return true;
        }
    }
    return false;
}

TranslationBlock *hybrid_ic_target_for(TranslationBlock *tb, target_ulong pc)
{
    HybridICSite *s = sites_by_tb ? g_hash_table_lookup(sites_by_tb, tb)
                                  : NULL;
    HybridICCold *c = cold_by_tb ? g_hash_table_lookup(cold_by_tb, tb)
                                 : NULL;

    /* A cold site's ways, filled by its own lookups: by pc alone. */
    for (; c; c = c->next_in_tb) {
        for (int w = 0; w < IC_COLD_WAYS; w++) {
            TranslationBlock *t = qatomic_read(&c->tb[w]);

            if (ic_tb_for(t, pc)) {
                return t;
            }
        }
    }

    for (; s; s = s->next_in_tb) {
        TranslationBlock *t;
        uint64_t flags, cs_base;
        uint32_t dstate;

        /* As the probes: the ways by pc, then the second level by key. */
        for (int w = 0; w < HYBRID_IC_WAYS; w++) {
            t = qatomic_read(&s->tb[w]);
            if (ic_tb_for(t, pc)) {
                return t;
            }
        }
        t = qatomic_read(&ic_l2[ic_l2_slot(pc)]);
        if (t != &ic_empty && tb_pc(t) == pc &&
            site_key(s, &flags, &cs_base, &dstate) &&
            tb_key_flags(t) == flags &&
            t->cs_base == cs_base && t->trace_vcpu_dstate == dstate) {
            return t;
        }
    }
    return NULL;
}

/* The TCG global for env->pc: the frontend's cpu_pc, found by offset. */
static TCGv_i64 pc_global(void)
{
    if (pc_global_index < 0) {
        for (int i = 0; i < tcg_ctx->nb_globals; i++) {
            TCGTemp *ts = &tcg_ctx->temps[i];

            if (ts->kind == TEMP_GLOBAL && ts->type == TCG_TYPE_I64 &&
                ts->mem_base == tcgv_ptr_temp(cpu_env) &&
                ts->mem_offset == offsetof(CPUArchState, pc)) {
                pc_global_index = i;
                break;
            }
        }
        if (pc_global_index < 0) {
            return NULL;
        }
    }
    return temp_tcgv_i64(&tcg_ctx->temps[pc_global_index]);
}

static bool ic_usable(void)
{
    return hybrid_active() && !hybrid_capturing &&
           !(tcg_ctx->tb_cflags & (CF_NO_GOTO_PTR | CF_COUNT_MASK |
                                   CF_SINGLE_STEP)) &&
           !qemu_loglevel_mask(CPU_LOG_TB_CPU | CPU_LOG_EXEC) &&
           pc_global() != NULL;
}

/*
 * tb = *(p + off); branch to @l if cond(tb matches pc), where matching
 * is tb->pc == pc && !(tb->cflags & CF_INVALID).
 */
static void gen_ic_probe(TCGv_ptr tb, TCGv_ptr p, int off, TCGv_i64 pc,
                         TCGCond cond, TCGLabel *l)
{
    TCGv_i64 x = tcg_temp_new_i64();
    TCGv_i64 inval = tcg_temp_new_i64();
    TCGv_i32 cf = tcg_temp_new_i32();

    tcg_gen_ld_ptr(tb, p, off);
    tcg_gen_ld_i64(x, tb, offsetof(TranslationBlock, pc));
    tcg_gen_xor_i64(x, x, pc);
    tcg_gen_ld_i32(cf, tb, offsetof(TranslationBlock, cflags));
    tcg_gen_andi_i32(cf, cf, CF_INVALID);
    tcg_gen_extu_i32_i64(inval, cf);
    tcg_gen_or_i64(x, x, inval);
    tcg_gen_brcondi_i64(cond, x, 0, l);
    tcg_temp_free_i32(cf);
    tcg_temp_free_i64(inval);
    tcg_temp_free_i64(x);
}

/*
 * base + ((pc * IC_HASH_MUL >> shift) * size), as a pointer; @base a host
 * address.  A local temp: the probes of a set branch between their
 * loads.  The second level computes the hash again rather than keep it
 * in a local temp, which would cost a spill on every hit.
 */
static TCGv_ptr gen_hash_slot(TCGv_i64 pc, int shift, int size, void *base)
{
    TCGv_i64 x = tcg_temp_new_i64();
    TCGv_ptr p = tcg_temp_local_new_ptr();

    tcg_gen_muli_i64(x, pc, IC_HASH_MUL);
    tcg_gen_shri_i64(x, x, shift);
    tcg_gen_muli_i64(x, x, size);
    tcg_gen_trunc_i64_ptr(p, x);
    tcg_temp_free_i64(x);
    tcg_gen_add_ptr(p, p, tcg_constant_ptr(base));
    return p;
}

/* x |= field of @tb ^ the same field of @site's key (@bits wide). */
static void gen_or_key_diff(TCGv_i64 x, TCGv_ptr tb, int tb_off,
                            HybridICSite *site, void *key, int bits)
{
    TCGv_i64 a = tcg_temp_new_i64();
    TCGv_i64 b = tcg_temp_new_i64();
    TCGv_ptr s = tcg_constant_ptr(site);
    int key_off = (char *)key - (char *)site;

    if (bits == 64) {
        tcg_gen_ld_i64(a, tb, tb_off);
        tcg_gen_ld_i64(b, s, key_off);
    } else {
        tcg_gen_ld32u_i64(a, tb, tb_off);
        tcg_gen_ld32u_i64(b, s, key_off);
    }
    tcg_gen_xor_i64(a, a, b);
    tcg_gen_or_i64(x, x, a);
    tcg_temp_free_i64(b);
    tcg_temp_free_i64(a);
}

/*
 * Branch to @miss unless @tb is for @pc and has the cs_base, flags,
 * cflags (CF_INVALID included) and trace_vcpu_dstate of @site's key:
 * what tb_lookup() compares.
 */
static void gen_ic_key_check(TCGv_ptr tb, HybridICSite *site, TCGv_i64 pc,
                             TCGLabel *miss)
{
    TCGv_i64 x = tcg_temp_new_i64();

    tcg_gen_ld_i64(x, tb, offsetof(TranslationBlock, pc));
    tcg_gen_xor_i64(x, x, pc);
    /* key_flags first: see ic_key_set() for the order of the stores. */
    gen_or_key_diff(x, tb, offsetof(TranslationBlock, flags),
                    site, &site->key_flags, 64);
    gen_or_key_diff(x, tb, offsetof(TranslationBlock, cs_base),
                    site, &site->key_cs_base, 64);
    gen_or_key_diff(x, tb, offsetof(TranslationBlock, trace_vcpu_dstate),
                    site, &site->key_dstate, 32);
    tcg_gen_brcondi_i64(TCG_COND_NE, x, 0, miss);
    tcg_temp_free_i64(x);
}

/* A site without a cache yet: tcg_gen_lookup_and_goto_ptr(), counted. */
static void gen_cold_site(void)
{
    HybridICCold *cold = hybrid_pool_alloc(&cold_pool);
    TCGv_ptr host = tcg_temp_new_ptr();

    cold->runs = 0;
    cold->next = 0;
    for (int i = 0; i < IC_COLD_WAYS; i++) {
        cold->pc[i] = ic_empty.pc;
        cold->tb[i] = &ic_empty;
    }
    cold->next_in_tb = NULL;
    if (cur_tb) {
        if (!cold_by_tb) {
            cold_by_tb = g_hash_table_new(NULL, NULL);
        }
        cold->next_in_tb = g_hash_table_lookup(cold_by_tb, cur_tb);
        g_hash_table_insert(cold_by_tb, cur_tb, cold);
    }

    plugin_gen_disable_mem_helpers();
    gen_helper_hybrid_ic_cold(host, cpu_env, tcg_constant_ptr(cold));
    tcg_gen_op1i(INDEX_op_goto_ptr, tcgv_ptr_arg(host));
    tcg_temp_free_ptr(host);
}

void hybrid_gen_lookup_and_goto_ptr(void)
{
    HybridICSite *site;
    TCGv_i64 pc;
    TCGv_ptr p, tb, host;
    TCGLabel *hit, *miss;

    if (!ic_usable()) {
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    if (!cur_tb || !hot_tbs ||
        !g_hash_table_contains(hot_tbs, GUINT_TO_POINTER(cur_tb->pc))) {
        gen_cold_site();
        return;
    }
    site = site_alloc();
    pc = pc_global();
    plugin_gen_disable_mem_helpers();

    /* p = &site->tb[2 * ic_set(pc)] */
    p = gen_hash_slot(pc, IC_HASH_SHIFT, 2 * sizeof(TranslationBlock *),
                      site->tb);
    tb = tcg_temp_local_new_ptr();      /* lives across the brconds */
    hit = gen_new_label();
    miss = gen_new_label();
    gen_ic_probe(tb, p, 0, pc, TCG_COND_EQ, hit);
    gen_ic_probe(tb, p, sizeof(TranslationBlock *), pc, TCG_COND_EQ, hit);
    tcg_temp_free_ptr(p);

    /* tb = ic_l2[ic_l2_slot(pc)], checked against the site's key */
    p = gen_hash_slot(pc, 64 - IC_L2_BITS, sizeof(TranslationBlock *),
                      ic_l2);
    tcg_gen_ld_ptr(tb, p, 0);
    tcg_temp_free_ptr(p);
    gen_ic_key_check(tb, site, pc, miss);

    gen_set_label(hit);
    host = tcg_temp_new_ptr();
    tcg_gen_ld_ptr(host, tb, offsetof(TranslationBlock, tc.ptr));
    tcg_gen_op1i(INDEX_op_goto_ptr, tcgv_ptr_arg(host));

    gen_set_label(miss);
    gen_helper_hybrid_ic_miss(host, cpu_env, tcg_constant_ptr(site));
    tcg_gen_op1i(INDEX_op_goto_ptr, tcgv_ptr_arg(host));
    tcg_temp_free_ptr(host);
    tcg_temp_free_ptr(tb);
}

/*
 * The site's key from @tb, which a full lookup from it just found: from
 * now on the site probes the second level.  Not before its own cache
 * overflows, so that a site's cache fills with its targets (the trace
 * recorder reads them) and is not bypassed by entries of other sites.
 * The key never changes after the first time (the lookup inputs of a
 * site are fixed).  key_flags is stored last and loaded first by the
 * probes (loads are not reordered on the host, x86-64), so a probe on
 * another vCPU sees either no key or the whole key.
 */
static void ic_key_set(HybridICSite *site, TranslationBlock *tb)
{
    uint64_t flags = tb_key_flags(tb);

    if (qatomic_read(&site->key_flags) == flags ||
        (tb->cflags & CF_INVALID)) {
        return;
    }
    qatomic_set(&site->key_flags, IC_KEY_UNSET);
    smp_wmb();
    qatomic_set(&site->key_cs_base, tb->cs_base);
    qatomic_set(&site->key_dstate, tb->trace_vcpu_dstate);
    smp_wmb();
    qatomic_set(&site->key_flags, flags);
}

/*
 * The TB whose code called us (@ra) gets caches: its pc joins hot_tbs
 * and it is invalidated, so its next lookup translates it again.  Not a
 * block of a live trace: it runs inside the trace, and invalidating it
 * would throw the trace away.  Not, for now, a block that a queued job
 * holds (false: the site counts again): invalidating it would drop the
 * job, whose rent is paid.  With 4,096 runs, lame's caches came after
 * its FP regions were recorded and dropped three of their jobs.
 */
static bool ic_make_hot(uintptr_t ra)
{
    TranslationBlock *tb = tcg_tb_lookup(ra);

    if (!tb || hybrid_tb_in_live_trace(tb)) {
        return true;
    }
    if (hybrid_queue_holds_tb(tb)) {
        return false;
    }
    mmap_lock();
    if (!hot_tbs) {
        hot_tbs = g_hash_table_new(NULL, NULL);
    }
    g_hash_table_add(hot_tbs, GUINT_TO_POINTER(tb->pc));
    if (!(qatomic_read(&tb->cflags) & CF_INVALID)) {
        tb_phys_invalidate(tb, -1);
    }
    mmap_unlock();
    return true;
}

/*
 * The TB a full lookup from a site just found (@host): it is in the
 * jump cache.  NULL where no cache may keep it (see hybrid_ic_miss()).
 */
static TranslationBlock *ic_found(CPUArchState *env, const void *host)
{
    CPUState *cpu = env_cpu(env);
    target_ulong pc = env->pc;
    TranslationBlock *tb;

    if (host == tcg_code_gen_epilogue || !is_a64(env) ||
        !QTAILQ_EMPTY(&cpu->breakpoints) || cpu->singlestep_enabled) {
        return NULL;
    }
    tb = tb_jmp_cache_get_tb(cpu->tb_jmp_cache, tb_jmp_cache_hash_func(pc));
    if (tb && tb->tc.ptr == host && tb_pc(tb) == pc) {
        return tb;
    }
    return NULL;
}

/* A cold site's own cache, else the full lookup, which fills it. */
static const void *ic_cold_lookup(CPUArchState *env, HybridICCold *cold)
{
    target_ulong pc = env->pc;
    TranslationBlock *tb;
    const void *host;

    for (int w = 0; w < IC_COLD_WAYS; w++) {
        if (qatomic_read(&cold->pc[w]) != pc) {
            continue;
        }
        /* A racing fill may pair this pc with another way's TB. */
        tb = qatomic_read(&cold->tb[w]);
        if (ic_tb_for(tb, pc)) {
            return tb->tc.ptr;
        }
    }
    if (hybrid_config.stats) {
        qatomic_inc(&hybrid_stats.ic_cold_misses);
    }
    host = helper_lookup_tb_ptr(env);
    tb = ic_found(env, host);
    if (tb) {
        /* Racing fills on two vCPUs each store a valid TB. */
        uint32_t w = qatomic_read(&cold->next) % IC_COLD_WAYS;

        qatomic_set(&cold->tb[w], tb);
        qatomic_set(&cold->pc[w], pc);
        qatomic_set(&cold->next, w + 1);
    }
    return host;
}

/* Once true, hybrid_optimizer_ready() was: the warm-up is over. */
static bool ic_warm;

/* Counts a run of @cold: true when its TB should get inline caches. */
static bool ic_cold_count(HybridICCold *cold)
{
    int32_t runs = qatomic_read(&cold->runs);
    int32_t limit, step = IC_COUNT_STRIDE;

    /*
     * No more writes once counted out: a site that stays cold (its TB is
     * in a live trace) should not pay a write on every run.
     */
    if (runs == IC_COUNTED_OUT) {
        return false;
    }
    if (!qatomic_read(&ic_warm)) {
        /*
         * During the warm-up hybrid_optimizer_ready() reads the clock:
         * asked at every run, it cost a short process (nm -D of libc,
         * 522,008 cold runs) 17 million host instructions of 562.
         */
        if (++count_tick % IC_COUNT_STRIDE) {
            return false;
        }
        if (hybrid_optimizer_ready()) {
            qatomic_set(&ic_warm, true);
        }
        limit = IC_EARLY_RUNS;
    } else {
        limit = hybrid_sample_decides() ? IC_SAMPLED_RUNS : IC_HOT_RUNS;
        if (limit < 16 * IC_COUNT_STRIDE) {
            step = 1;
        } else if (++count_tick % IC_COUNT_STRIDE) {
            return false;
        }
    }
    runs += step;
    qatomic_set(&cold->runs, runs >= limit ? IC_COUNTED_OUT : runs);
    return runs >= limit;
}

const void *HELPER(hybrid_ic_cold)(CPUArchState *env, void *p)
{
    HybridICCold *cold = p;
    const void *host = ic_cold_lookup(env, cold);

    if (ic_cold_count(cold) && !ic_make_hot(GETPC())) {
        qatomic_set(&cold->runs, 0);    /* count again: see ic_make_hot() */
    }
    return host;
}

const void *HELPER(hybrid_ic_miss)(CPUArchState *env, void *site_)
{
    HybridICSite *site = site_;
    const void *host = helper_lookup_tb_ptr(env);
    target_ulong pc = env->pc;
    TranslationBlock *tb;

    if (hybrid_config.stats) {
        qatomic_inc(&hybrid_stats.ic_misses);
    }
    tb = ic_found(env, host);
    if (tb) {
        TranslationBlock **set = &site->tb[2 * ic_set(pc)];

        /* Each store leaves a valid TB: probes may run meanwhile. */
        if (qatomic_read(&set[0]) != tb) {
            if (qatomic_read(&set[1]) != &ic_empty) {
                ic_key_set(site, tb);   /* a target falls out: overflow */
            }
            qatomic_set(&set[1], qatomic_read(&set[0]));
            qatomic_set(&set[0], tb);
        }
        qatomic_set(&ic_l2[ic_l2_slot(pc)], tb);
        ic_l2_dirty = true;
    }
    return host;
}
