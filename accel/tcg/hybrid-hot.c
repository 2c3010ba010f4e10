/*
 * Hybrid translator, stage 1: hot counting.
 *
 * Every TB translated with -hybrid on starts (after QEMU's exit-request
 * check) with:
 *
 *     t = slot->counter - 1; slot->counter = t;
 *     if (t <= 0 && helper_hybrid_enter(env, slot) != 0)
 *         lookup_and_goto_ptr;            // a trace ran; env holds the PC
 *     ...the TB body...
 *
 * Chained TBs jump straight into each other, so counting has to live in
 * the generated code.  The counter update is racy between vCPU threads
 * on purpose: it only decides when to look, never what runs.
 *
 * Only loop headers get the stub.  A trace is a cycle of chained edges
 * (hybrid-record.c), and every cycle has an edge that does not go up in
 * address: its target is a loop header.  A function's entry is one too
 * (the target of a call edge): a body on no cycle becomes a region that
 * ends at its return (hybrid-record.c).  TBs start without a stub; once
 * cpu_exec has been asked HEAD_MIN_TRIPS times to chain a backward
 * or call edge into one (hybrid_chain_edge()), its pc is remembered and
 * the TB is invalidated, so that it is translated again with the stub.
 * Other blocks (most of them) pay nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/helper-proto.h"
#include "tcg/tcg-op.h"
#include "exec/helper-gen.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-record.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-ic.h"
#include "hybrid/accel/tcg/hybrid-pool.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/offload/runtime/offload.h"

__thread bool hybrid_capturing;

/* Slots: their addresses are baked into TB code (hybrid-pool.h). */
static HybridPool slot_pool = HYBRID_POOL_INIT(HybridSlot, 4096);
static GHashTable *slot_by_tb;        /* TranslationBlock * -> HybridSlot * */
static GHashTable *loop_heads;        /* guest pcs of heads (loop headers,
                                         function entries), under mmap_lock */
static GHashTable *edge_trips;        /* guest pc -> trips, under mmap_lock */

static HybridSlot *slot_alloc(TranslationBlock *tb)
{
    HybridSlot *s = hybrid_pool_alloc(&slot_pool);

    s->counter = hybrid_config.threshold;
    s->state = SLOT_COLD;
    s->tb = tb;
    if (!slot_by_tb) {
        slot_by_tb = g_hash_table_new(NULL, NULL);
    }
    g_hash_table_insert(slot_by_tb, tb, s);
    return s;
}

HybridSlot *hybrid_slot_of(TranslationBlock *tb)
{
    return slot_by_tb ? g_hash_table_lookup(slot_by_tb, tb) : NULL;
}

void hybrid_slots_flush(void)
{
    hybrid_pool_reset(&slot_pool);
    if (slot_by_tb) {
        g_hash_table_remove_all(slot_by_tb);
    }
}

void hybrid_slots_cover(HybridSlot **slots, uint32_t n, bool covered)
{
    for (uint32_t i = 0; i < n; i++) {
        HybridSlot *s = slots[i];

        if (!s) {
            continue;
        }
        if (covered) {
            if (qatomic_cmpxchg(&s->state, SLOT_COLD, SLOT_MEMBER) == SLOT_COLD) {
                qatomic_set(&s->counter, INT32_MAX);
            }
        } else if (qatomic_cmpxchg(&s->state, SLOT_MEMBER, SLOT_COLD) ==
                   SLOT_MEMBER) {
            qatomic_set(&s->counter, hybrid_config.threshold);
        }
    }
}

void hybrid_gen_block_entry(TranslationBlock *tb)
{
    HybridSlot *slot;
    TCGv_ptr p;
    TCGv_i32 t;
    TCGLabel *body;

    if (!hybrid_active() || hybrid_capturing) {
        return;
    }
    hybrid_ic_start_tb(tb);
    if (offload_is_bound(tb->pc)) {
        /* Bound to native code: no guest code to trace. */
        return;
    }
    if (!loop_heads ||
        !g_hash_table_contains(loop_heads, GUINT_TO_POINTER(tb->pc))) {
        return;                         /* not a loop header (yet) */
    }
    slot = slot_alloc(tb);
    p = tcg_constant_ptr(slot);
    t = tcg_temp_new_i32();
    body = gen_new_label();

    tcg_gen_ld_i32(t, p, offsetof(HybridSlot, counter));
    tcg_gen_subi_i32(t, t, 1);
    tcg_gen_st_i32(t, p, offsetof(HybridSlot, counter));
    tcg_gen_brcondi_i32(TCG_COND_GT, t, 0, body);
    gen_helper_hybrid_enter(t, cpu_env, p);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, body);
    tcg_gen_lookup_and_goto_ptr();
    gen_set_label(body);
    tcg_temp_free_i32(t);
}

/*
 * Backward or call edges a target must be taken through the dispatcher
 * before it becomes a head.  Getting the stub costs a translation of the
 * block again (~10 us); an unchained edge costs a trip through cpu_exec
 * (~0.1 us).  Most loops of a short program (libc's start-up, a hello
 * world's 50 of them) run a few times and end: they stay unchained for
 * their few trips instead.  A loop that gets hot passes this long before
 * its head counter (-hybrid-threshold) runs out.
 */
#define HEAD_MIN_TRIPS 32

bool hybrid_chain_edge(TranslationBlock *from, TranslationBlock *to)
{
    bool retranslate = false;
    gpointer key = GUINT_TO_POINTER(to->pc);
    uintptr_t trips;

    if (!hybrid_active()) {
        return false;
    }
    mmap_lock();
    if (to->pc > from->pc && !hybrid_tb_ends_in_call(from)) {
        mmap_unlock();
        return false;
    }
    if (!loop_heads) {
        loop_heads = g_hash_table_new(NULL, NULL);
        edge_trips = g_hash_table_new(NULL, NULL);
    }
    if (g_hash_table_contains(loop_heads, key)) {
        goto out;
    }
    trips = GPOINTER_TO_UINT(g_hash_table_lookup(edge_trips, key)) + 1;
    if (trips < HEAD_MIN_TRIPS) {
        g_hash_table_insert(edge_trips, key, GUINT_TO_POINTER(trips));
        retranslate = true;             /* do not chain yet */
        goto out;
    }
    g_hash_table_remove(edge_trips, key);
    g_hash_table_add(loop_heads, key);
    if (!hybrid_slot_of(to) && !offload_is_bound(to->pc)) {
        /* Next time through, the lookup translates it with a stub. */
        tb_phys_invalidate(to, -1);
        retranslate = true;
    }
out:
    mmap_unlock();
    return retranslate;
}

void hybrid_slot_blacklist(HybridSlot *slot)
{
    qatomic_set(&slot->counter, INT32_MAX);
    qatomic_set(&slot->state, SLOT_BLACKLISTED);
    qatomic_add(&hybrid_stats.heads_blacklisted, 1);
}

void hybrid_slot_failed(HybridSlot *slot)
{
    uint32_t n = ++slot->failures;

    if (n >= HYBRID_MAX_FAILURES) {
        hybrid_slot_blacklist(slot);
        return;
    }
    /* A growing penalty (x4 a failure) before the head may try again. */
    qatomic_set(&slot->counter,
                MIN((int64_t)hybrid_config.threshold << (n * 2), INT32_MAX));
    qatomic_set(&slot->state, SLOT_COLD);
}

/* The counter of a head without a trace ran out. */
static uint32_t slot_hot(CPUArchState *env, HybridSlot *slot)
{
    switch (qatomic_read(&slot->state)) {
    case SLOT_COLD:
        if (!hybrid_optimizer_ready()) {
            /*
             * Still warming up: what gets hot now (libc's start-up, most
             * of a short program) would wait for LLVM, and mostly never
             * run again.  Recording it cost a hello world 0.1 ms.
             */
            slot->counter = hybrid_config.threshold;
            break;
        }
        if (qatomic_cmpxchg(&slot->state, SLOT_COLD, SLOT_RECORDING) !=
            SLOT_COLD) {
            break;
        }
        qatomic_add(&hybrid_stats.heads_hot, 1);
        slot->counter = hybrid_config.threshold;
        hybrid_record(env_cpu(env), slot);
        break;
    case SLOT_BLACKLISTED:
    case SLOT_MEMBER:
        slot->counter = INT32_MAX;
        break;
    default:
        /*
         * Recording or compiling elsewhere: look again later.  A head
         * that keeps running while its job waits is what the optimizer
         * should compile first (hybrid_queue_pop()); before LLVM is
         * loaded, it compiles nothing else.
         */
        qatomic_inc(&slot->waiting_hits);
        hybrid_optimizer_wake();
        slot->counter = hybrid_config.threshold;
        break;
    }
    return 0;
}

uint32_t HELPER(hybrid_enter)(CPUArchState *env, void *p)
{
    HybridSlot *slot = p;
    HybridTrace *trace = qatomic_load_acquire(&slot->trace);

    if (trace) {
        /* Keep every entry coming here while the trace is installed. */
        slot->counter = 0;
        return hybrid_run_trace(env, trace);
    }
    return slot_hot(env, slot);
}
