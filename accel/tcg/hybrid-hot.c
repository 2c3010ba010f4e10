/*
 * Hybrid translator, stage 1: hot counting.
 *
 * Every TB translated with -hybrid on starts (after QEMU's exit-request
 * check) with:
 *
 *     t = *count + 1; *count = t;     // count: the slot's, or this vCPU's
 *     if (t >= slot->limit && helper_hybrid_enter(env, slot) != 0)
 *         lookup_and_goto_ptr;            // a trace ran; env holds the PC
 *     ...the TB body...
 *
 * The helper is hybrid-slot.c's: it runs the installed trace, or decides
 * what a head whose count ran out does.  Where the count lives is
 * hybrid-slot.h's (one per vCPU once the guest has threads).
 *
 * Chained TBs jump straight into each other, so counting has to live in
 * the generated code.  The count and the limit race between vCPU
 * threads on purpose: they only decide when to look, never what runs.
 *
 * Only loop headers get the stub.  A trace is a cycle of chained edges
 * (hybrid-record.c), and every cycle has an edge that does not go up in
 * address: its target is a loop header.  A function's entry is one too
 * (the target of a call edge): a body on no cycle becomes a region that
 * ends at its return (hybrid-record.c).  TBs start without a stub; once
 * cpu_exec has been asked HEAD_MIN_TRIPS times (more in the warm-up) to
 * chain a backward or call edge into one (hybrid_chain_edge()), its pc is
 * remembered and the TB is invalidated, so that it is translated again
 * with the stub.  With the samples deciding, only the edges of a block
 * the samples have seen are counted, the others chained at once, and a
 * block that the samples find later is translated again so that its
 * edges come back this way (hybrid_hot_promote()).
 * Other blocks (most of them) pay nothing: the trips are counted in a
 * small table without a lock, and translating a block looks at it
 * before it looks for the block among the heads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "tcg/tcg-op.h"
#include "exec/helper-gen.h"
#include "accel/tcg/tb-hash.h"
#include "accel/tcg/tb-jmp-cache.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-slot.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-ic.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-sample.h"
#include "hybrid/offload/runtime/offload.h"

__thread bool hybrid_capturing;

static GHashTable *loop_heads;        /* guest pcs of heads (loop headers,
                                         function entries), under mmap_lock */

/*
 * Trips of backward and call edges, by their target's pc, hashed: the
 * edge is not chained while they are counted, so every count is a trip
 * through cpu_exec, which should not also take a lock and a hash table.
 * Racy and shared by the pcs that hash alike, on purpose: it only
 * decides when a block becomes a head.  TRIPS_HEAD marks an entry one
 * of whose pcs is a head; no other entry can hold a head.
 */
#define EDGE_TRIPS_BITS 18
#define TRIPS_HEAD UINT8_MAX
static uint8_t edge_trips[1 << EDGE_TRIPS_BITS];

static inline uint8_t *trips_of(target_ulong pc)
{
    return &edge_trips[((pc >> 2) ^ (pc >> (2 + EDGE_TRIPS_BITS))) &
                       ((1 << EDGE_TRIPS_BITS) - 1)];
}

/*
 * Pages whose code the guest keeps rewriting (a JIT).  A hot head there
 * costs a recording on the emulation thread and, once it is queued, a
 * compile on the optimizer's; both are wasted if the code changes
 * before the trace has run for a while.  Each such waste on a page
 * makes its new heads wait 4 times longer before they record, up to
 * 4^REWRITE_MAX_LEVEL times the threshold (3.3 million entries at the
 * default 50); a trace that paid for itself before its code changed
 * puts the page back to the plain threshold.  tests/hybrid/churn.c
 * (16,000 generations of hot code) with the queue's bounds alone:
 * 16,009 recordings, 198 compiles and 6.9 s of CPU (threshold 1: 918
 * compiles, 23 s) against 2.4 s with -hybrid off; with this, 30
 * recordings, 9 compiles and 2.7 s (threshold 1: 83, 14, 2.7 s; a
 * loaded machine).  Hashed by page, racy and shared like edge_trips:
 * it only decides when a head records.
 */
#define REWRITE_BITS 10
#define REWRITE_MAX_LEVEL 8
static uint8_t rewrites[1 << REWRITE_BITS];

/*
 * Block moves after which a trace counts as having paid for its
 * compile: a few ms of TCG time, about what a small trace's compile
 * costs the optimizer.
 */
#define REWRITE_PAID_STEPS (1u << 20)

static inline uint8_t *rewrites_of(uint64_t pc)
{
    uint64_t page = pc >> TARGET_PAGE_BITS;

    return &rewrites[(page ^ (page >> REWRITE_BITS)) &
                     ((1 << REWRITE_BITS) - 1)];
}

void hybrid_page_rewritten(uint64_t pc, bool wasted)
{
    uint8_t *level = rewrites_of(pc);
    uint8_t n = qatomic_read(level);

    if (!wasted) {
        qatomic_set(level, 0);
    } else if (n < REWRITE_MAX_LEVEL) {
        qatomic_set(level, n + 1);
    }
}

/* Entries before a new head of @pc's page is hot. */
static int32_t page_threshold(uint64_t pc)
{
    return MIN((int64_t)hybrid_config.threshold <<
               (2 * qatomic_read(rewrites_of(pc))), INT32_MAX);
}

bool hybrid_trace_paid(uint64_t steps)
{
    return steps >= REWRITE_PAID_STEPS;
}

/*
 * The address of the count @slot's stub adds to: in the slot, or in the
 * running vCPU's row (hybrid-slot.h), found from env's CPUState.
 */
static TCGv_ptr gen_count_address(HybridSlot *slot)
{
    TCGv_ptr a;
    TCGv_i64 off;

    if (slot->row_index == HYBRID_SLOT_SHARED) {
        return tcg_constant_ptr(&slot->count);
    }
    a = tcg_temp_new_ptr();
    off = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(off, cpu_env, -(int)offsetof(ArchCPU, env) +
                      (int)offsetof(CPUState, cpu_index));
    tcg_gen_andi_i64(off, off, HYBRID_COUNT_ROWS - 1);
    tcg_gen_muli_i64(off, off, HYBRID_COUNT_ROW_BYTES);
    tcg_gen_trunc_i64_ptr(a, off);
    tcg_gen_addi_ptr(a, a, (uintptr_t)(hybrid_slot_count_rows() +
                                       slot->row_index * sizeof(uint32_t)));
    tcg_temp_free_i64(off);
    return a;
}
QEMU_BUILD_BUG_ON(HYBRID_COUNT_ROWS & (HYBRID_COUNT_ROWS - 1));

void hybrid_gen_block_entry(TranslationBlock *tb)
{
    HybridSlot *slot;
    TCGv_ptr p, count;
    TCGv_i32 t, lim;
    TCGLabel *body;

    if (!hybrid_active() || hybrid_capturing) {
        return;
    }
    hybrid_ic_start_tb(tb);
    if (offload_is_bound(tb->pc)) {
        /* Bound to native code: no guest code to trace. */
        return;
    }
    if (qatomic_read(trips_of(tb->pc)) != TRIPS_HEAD || !loop_heads ||
        !g_hash_table_contains(loop_heads, GUINT_TO_POINTER(tb->pc))) {
        return;                         /* not a loop header (yet) */
    }
    slot = hybrid_slot_new(tb, page_threshold(tb->pc));
    p = tcg_constant_ptr(slot);
    t = tcg_temp_new_i32();
    lim = tcg_temp_new_i32();
    body = gen_new_label();

    count = gen_count_address(slot);
    tcg_gen_ld_i32(t, count, 0);
    tcg_gen_addi_i32(t, t, 1);
    tcg_gen_st_i32(t, count, 0);
    if (slot->row_index != HYBRID_SLOT_SHARED) {
        tcg_temp_free_ptr(count);
    }
    tcg_gen_ld_i32(lim, p, offsetof(HybridSlot, limit));
    tcg_gen_brcond_i32(TCG_COND_LTU, t, lim, body);
    tcg_temp_free_i32(lim);
    gen_helper_hybrid_enter(t, cpu_env, p);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, body);
    tcg_gen_lookup_and_goto_ptr();
    gen_set_label(body);
    tcg_temp_free_i32(t);
}

/*
 * Backward or call edges a target must be taken through the dispatcher
 * before it becomes a head.  Getting the stub costs a translation of the
 * block again (~15 us); an unchained edge costs a trip through cpu_exec
 * (~0.1 us).  Most loops of a short program (libc's start-up, a hello
 * world's 50 of them) run a few times and end: they stay unchained for
 * their few trips instead.
 *
 * Once traces are recorded, a loop passes HEAD_MIN_TRIPS long before its
 * head counter (-hybrid-threshold) runs out, and so do the call edges
 * in it that run every second trip or more: a region is recorded
 * through chained edges only.  Before that (the warm-up), nothing is
 * recorded, and a head only pays off if its loop runs on after it:
 * waiting for about as many trips as the translation costs (ski rental)
 * took a dynamically linked hello world's overhead under callgrind from
 * 4.4 to 3.2 million host instructions (2.2 with hybrid-ic.c's
 * IC_EARLY_RUNS), against 120 million in all.
 */
#define HEAD_MIN_TRIPS 32
#define HEAD_EARLY_TRIPS 160

/*
 * With the sampler deciding, an edge is counted only if the samples have
 * seen its source or its target (HYBRID_SAMPLE_EDGE_MIN samples); the
 * others are chained at once, as with -hybrid off, and a block that the
 * samples find later is translated again (hybrid_hot_promote()), so
 * that the edges into and out of it come this way once more.  Counting
 * every edge left each backward and call edge unchained for its first
 * 160 trips, each a trip through cpu_exec: GCC's cc1, where nothing gets
 * compiled, ran 18-20% slower than -hybrid off (5 interleaved runs), and
 * within 1-2% with no heads made at all.  Heads made from the samples
 * directly (any sampled block on a cycle) formed worse regions than loop
 * headers: lz77 0.86x of -hybrid off instead of 1.56x.  The stub can
 * wait for as many trips as it costs, as in the warm-up.
 */
#define HEAD_SAMPLED_TRIPS HEAD_EARLY_TRIPS
QEMU_BUILD_BUG_ON(HEAD_EARLY_TRIPS >= TRIPS_HEAD);

void hybrid_hot_promote(CPUState *cpu, uint64_t pc)
{
    TranslationBlock *tb;

    if (!hybrid_active() || offload_is_bound(pc)) {
        return;
    }
    mmap_lock();
    /*
     * The block this vCPU ran there is in its jump cache.  Not one that
     * a trace runs, or that has a slot already (a head, or a member of
     * a covered region), or that a queued or compiling job holds: that
     * would drop the job (interp: a trace compiled, none installed).
     */
    tb = qatomic_rcu_read(&cpu->tb_jmp_cache->array[tb_jmp_cache_hash_func(pc)].tb);
    if (tb && tb_pc(tb) == pc && !(tb->cflags & CF_INVALID) &&
        !hybrid_slot_of(tb) && !hybrid_tb_in_live_trace(tb) &&
        !hybrid_queue_holds_tb(tb)) {
        tb_phys_invalidate(tb, -1);
        qatomic_add(&hybrid_stats.blocks_promoted, 1);
    }
    mmap_unlock();
}

/* Has the block at @pc shown in the samples (hybrid_hot_promote())? */
static bool sampled(uint64_t pc)
{
    return hybrid_sample_seen(pc);
}

bool hybrid_chain_edge(CPUState *cpu, TranslationBlock *from,
                       TranslationBlock *to)
{
    CPUArchState *env = cpu->env_ptr;
    gpointer key = GUINT_TO_POINTER(to->pc);
    uint8_t *trips = trips_of(to->pc);
    uint8_t n, limit;
    bool retranslate = false;

    if (!hybrid_active()) {
        return false;
    }
    /*
     * A call (BL) has just set the link register to the address after
     * it, which ends @from: no guest memory to read and no lock to take.
     * An ADR to that address would count too, at worst making a head.
     */
    if (to->pc > from->pc &&
        !(is_a64(env) && env->xregs[30] == from->pc + from->size)) {
        return false;                   /* a forward jump */
    }
    n = qatomic_read(trips);
    if (n != TRIPS_HEAD && hybrid_sample_decides() &&
        !sampled(from->pc) && !sampled(to->pc)) {
        return false;                   /* not where the time goes */
    }
    limit = !hybrid_optimizer_running() ? HEAD_EARLY_TRIPS :
            hybrid_sample_decides() ? HEAD_SAMPLED_TRIPS : HEAD_MIN_TRIPS;
    if (n < limit - 1) {
        qatomic_set(trips, n + 1);
        return true;                    /* do not chain yet */
    }
    mmap_lock();
    if (!loop_heads) {
        loop_heads = g_hash_table_new(NULL, NULL);
    }
    /*
     * An entry that holds a head is shared by the pcs that hash alike:
     * only a pc that is a head itself gets the stub again, so that a
     * collision never makes a head (on cc1 this alone changed neither
     * the blocks translated nor the time: the unchained trips did).
     */
    if (n == TRIPS_HEAD && !g_hash_table_contains(loop_heads, key)) {
        mmap_unlock();
        return false;
    }
    qatomic_set(trips, TRIPS_HEAD);
    g_hash_table_add(loop_heads, key);
    /*
     * Also for a head already known: a block translated meanwhile, or
     * while another vCPU's racing count overwrote TRIPS_HEAD, has no stub.
     */
    if (!hybrid_slot_of(to) && !offload_is_bound(to->pc)) {
        /* Next time through, the lookup translates it with a stub. */
        tb_phys_invalidate(to, -1);
        retranslate = true;
    }
    mmap_unlock();
    return retranslate;
}
