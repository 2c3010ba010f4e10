/*
 * Hybrid translator, stage 2: trace recording.
 *
 * A hot head becomes a region of blocks taken from the CFG the program
 * has already shown us: a TB's jmp_dest[n] is set only once exit n was
 * taken and chained, and an indirect branch's inline cache holds only
 * targets it went to, so following those edges walks executed paths.
 * hybrid-region.c chooses the region; this file is its view of the TBs
 * (tb_cfg) and the rest of recording: it translates each kept block
 * again with the guest frontend, on this (emulation) thread and under
 * mmap_lock as tb_gen_code does, and captures its optimized TCG ops.
 * The result goes to the optimizer queue.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/log.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "exec/translator.h"
#include "tcg/tcg.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-hot.h"
#include "hybrid/accel/tcg/hybrid-slot.h"
#include "hybrid/accel/tcg/hybrid-record.h"
#include "hybrid/accel/tcg/hybrid-region.h"
#include "hybrid/accel/tcg/hybrid-install.h"
#include "hybrid/accel/tcg/hybrid-queue.h"
#include "hybrid/accel/tcg/hybrid-ic.h"
#include "hybrid/tcg/hybrid-capture.h"

/* cflags a trace block may have: nothing that changes how it must run. */
#define CF_UNTRACEABLE (CF_INVALID | CF_NOIRQ | CF_SINGLE_STEP | CF_LAST_IO | \
                        CF_USE_ICOUNT | CF_MEMI_ONLY | CF_COUNT_MASK)

static TranslationBlock *chained(TranslationBlock *tb, int n)
{
    uintptr_t d = qatomic_read(&tb->jmp_dest[n]);

    /* The low bit marks a TB being invalidated. */
    return (d & 1) ? NULL : (TranslationBlock *)d;
}

static bool traceable(TranslationBlock *tb)
{
    return (qatomic_read(&tb->cflags) & CF_UNTRACEABLE) == 0 &&
           tb->icount > 0 && tb_page_addr0(tb) != -1;
}

/* The guest instruction that ends @tb, or 0 if it cannot be read. */
static uint32_t last_insn(TranslationBlock *tb)
{
    target_ulong pc = tb->pc + tb->size - 4;

    if (tb->size < 4 || page_check_range(pc, 4, PAGE_READ) != 0) {
        return 0;
    }
    return ldl_le_p(g2h_untagged(pc));
}

/*
 * How @tb ends: with a return (RET, RETAA, RETAB; or unknown), whose
 * targets are call sites all over the program; with a call (BL, BLR,
 * BLRAA and friends), whose callee returns to the instruction after it,
 * which ends the TB; or otherwise.  Called with mmap_lock held: the page
 * cannot go away.
 */
static HybridCFGEnd block_end(TranslationBlock *tb)
{
    uint32_t insn = last_insn(tb);

    if (insn == 0 ||                                    /* unknown */
        (insn & 0xfffffc1f) == 0xd65f0000 ||            /* RET Xn */
        insn == 0xd65f0bff || insn == 0xd65f0fff) {     /* RETAA, RETAB */
        return HYBRID_CFG_END_RETURN;
    }
    if ((insn & 0xfc000000) == 0x94000000 ||            /* BL */
        (insn & 0xfffffc1f) == 0xd63f0000 ||            /* BLR */
        (insn & 0xfefff800) == 0xd63f0800) {            /* BLRAA/AB(Z) */
        return HYBRID_CFG_END_CALL;
    }
    return HYBRID_CFG_END_JUMP;
}

/* The address @tb's callee returns to if it ends with a call, else 0. */
static target_ulong return_address(TranslationBlock *tb)
{
    return block_end(tb) == HYBRID_CFG_END_CALL ? tb->pc + tb->size : 0;
}

/*
 * The CFG view of the TBs for hybrid-region.c (see hybrid-region.h):
 * edges are chained goto_tb exits and the targets an indirect branch's
 * inline cache holds; untraceable blocks are left out.
 */
static void tb_describe(const HybridCFG *cfg, void *node, HybridCFGNode *out)
{
    TranslationBlock *tb = node;

    out->pc = tb->pc;
    out->size = tb->size;
    out->insns = tb->icount;
    out->end = block_end(tb);
}

static int tb_successors(const HybridCFG *cfg, void *node,
                         HybridCFGEdge *out)
{
    TranslationBlock *tb = node, *ind[HYBRID_MAX_ISUCC];
    HybridCFGEnd end = block_end(tb);
    int n = 0, ni;

    for (int k = 0; k < 2; k++) {
        TranslationBlock *d = chained(tb, k);

        if (d && traceable(d)) {
            out[n++] = (HybridCFGEdge) {
                d, end == HYBRID_CFG_END_CALL ? HYBRID_EDGE_CALL
                                              : HYBRID_EDGE_JUMP
            };
        }
    }
    ni = hybrid_ic_targets(tb, ind, HYBRID_MAX_ISUCC);
    for (int k = 0; k < ni; k++) {
        if (traceable(ind[k])) {
            out[n++] = (HybridCFGEdge) {
                ind[k], end == HYBRID_CFG_END_RETURN ? HYBRID_EDGE_RETURN
                                                     : HYBRID_EDGE_INDIRECT
            };
        }
    }
    return n;
}

static void *tb_ic_target_for(const HybridCFG *cfg, void *node, uint64_t pc)
{
    TranslationBlock *t = hybrid_ic_target_for(node, pc);

    return t && traceable(t) ? t : NULL;
}

static const HybridCFG tb_cfg = {
    .describe = tb_describe,
    .successors = tb_successors,
    .ic_target_for = tb_ic_target_for,
};

/* Block @b's indirect successors: its inline cache's targets in @kept. */
static void indirect_successors(HybridBlock *b, TranslationBlock *tb,
                                void **kept, int n)
{
    TranslationBlock *ind[HYBRID_MAX_ISUCC];
    int ni = hybrid_ic_targets(tb, ind, HYBRID_MAX_ISUCC);

    b->nb_isucc = 0;
    for (int k = 0; k < ni; k++) {
        int j = hybrid_region_index(kept, n, ind[k]);

        if (j >= 0) {
            b->isucc[b->nb_isucc++] = j;
        }
    }
    if (block_end(tb) != HYBRID_CFG_END_RETURN) {
        return;
    }
    /*
     * And the region's call sites this return's cache reaches through the
     * second level (return_edges() with all_sites adds such blocks; any
     * region may hold them): the dispatch goes where the probe would.
     */
    for (int c = 0; c < n && b->nb_isucc < HYBRID_MAX_ISUCC; c++) {
        target_ulong ra = return_address(kept[c]);
        TranslationBlock *t = ra ? hybrid_ic_target_for(tb, ra) : NULL;
        int j = t ? hybrid_region_index(kept, n, t) : -1;
        bool have = false;

        for (uint32_t k = 0; k < b->nb_isucc; k++) {
            have |= b->isucc[k] == j;
        }
        if (j >= 0 && !have) {
            b->isucc[b->nb_isucc++] = j;
        }
    }
}

/*
 * Translate @tb again and append its ops to @ir as block @idx.  Runs the
 * same steps as tb_gen_code() up to tcg_optimize(), on a scratch copy of
 * the TB so the real one is untouched.  Called with mmap_lock held.
 */
static int capture_block(CPUState *cpu, TranslationBlock *tb,
                         HybridTraceIR *ir, uint32_t idx, HybridReject *why)
{
    CPUArchState *env = cpu->env_ptr;
    HybridBlock *b = &ir->blocks[idx];
    TranslationBlock scratch;
    tb_page_addr_t phys;
    void *host_pc;

    phys = get_page_addr_code_hostp(env, tb->pc, &host_pc);
    if (phys == -1 || phys != tb_page_addr0(tb)) {
        *why = HYBRID_REJECT_PAGE_MOVED;
        return -1;
    }
    memset(&scratch, 0, sizeof(scratch));
    scratch.pc = tb->pc;
    scratch.cs_base = tb->cs_base;
    scratch.flags = tb->flags;
    scratch.cflags = tb->cflags;
    scratch.trace_vcpu_dstate = tb->trace_vcpu_dstate;
    tb_set_page_addr0(&scratch, phys);
    tb_set_page_addr1(&scratch, -1);

    if (sigsetjmp(tcg_ctx->jmp_trans, 0) != 0) {
        hybrid_capturing = false;
        *why = HYBRID_REJECT_TRANSLATION_OVERFLOW;
        return -1;
    }
    hybrid_capturing = true;
    tcg_ctx->tb_cflags = tb->cflags;
    tcg_func_start(tcg_ctx);
    tcg_ctx->cpu = cpu;
    gen_intermediate_code(cpu, &scratch, tb->icount, tb->pc, host_pc);
    tcg_ctx->cpu = NULL;
    hybrid_capturing = false;

    if (scratch.size != tb->size || scratch.icount != tb->icount) {
        *why = HYBRID_REJECT_TRANSLATION_DIFFERS;
        return -1;
    }
    tcg_optimize(tcg_ctx);

    b->pc = tb->pc;
    b->tb = tb;
    b->icount = tb->icount;
    return hybrid_capture_ops(tcg_ctx, ir, b, idx, why);
}

/*
 * The region of @slot's head (hybrid_region_of_head()).  Returns the
 * blocks kept in @kept, 0 if the head is on no cycle, -1 if its region
 * is the one that proved unprofitable.
 */
static int head_region(HybridSlot *slot, void **kept, int max)
{
    TranslationBlock *head = slot->tb;
    HybridRegionInfo info;
    int n = hybrid_region_of_head(&tb_cfg, head, kept, max, &info);

    slot->via_returns = info.via_returns;
    slot->acyclic = info.acyclic;
    if (!info.via_returns) {
        return n;
    }
    if (!n) {
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: head 0x" TARGET_FMT_lx
                      ": no cycle (through returns%s: %d blocks, %d insns)\n",
                      head->pc, slot->acyclic ? ", to its return" : "",
                      info.blocks, info.insns);
        return 0;
    }
    if (slot->acyclic) {
        qatomic_add(&hybrid_stats.heads_acyclic, 1);
    }
    return hybrid_region_hash(kept, n) == slot->bad_region ? -1 : n;
}

/*
 * The region of a head that another live trace covers: that trace's
 * blocks, this head first, so that the trace is entered here too.  The
 * head's own region could be a part of that one, an inner loop that
 * leaves too soon.  In lz77, the region of the main loop's head covered
 * four other loop heads, and TCG code that ran one of their blocks first
 * entered it 30,000 times: the copies made it 0.96 -> 0.85 s.
 */
static int covered_region(HybridSlot *slot, void **kept, int max)
{
    g_autofree TranslationBlock **tbs = g_new(TranslationBlock *, max);
    bool acyclic;
    int n = hybrid_covering_region(slot->tb, tbs, max, &acyclic);

    for (int i = 0; i < n; i++) {
        kept[i] = tbs[i];
    }
    slot->via_returns = false;
    slot->acyclic = acyclic;
    if (n) {
        qatomic_add(&hybrid_stats.heads_covered, 1);
    }
    return n;
}

void hybrid_record(CPUState *cpu, HybridSlot *slot, bool covered)
{
    int max = hybrid_config.trace_len;
    g_autofree void **kept = g_new(void *, max);
    HybridJob *job;
    HybridReject why = HYBRID_REJECT_NONE;
    int n, i, k;

    if (!traceable(slot->tb)) {
        qatomic_add(&hybrid_stats.heads_no_cycle, 1);
        hybrid_slot_failed(slot);
        return;
    }
    mmap_lock();
    n = covered ? covered_region(slot, kept, max) : 0;
    if (!n) {
        n = head_region(slot, kept, max);
    }
    if (n == 0) {
        /* Not a loop we can see (yet): no trace, no rejection. */
        mmap_unlock();
        qatomic_add(&hybrid_stats.heads_no_cycle, 1);
        hybrid_slot_failed(slot);
        return;
    }
    if (n < 0) {
        /* The region that was unprofitable, unchanged: it would be again. */
        mmap_unlock();
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: head 0x" TARGET_FMT_lx
                      ": same region as its unprofitable trace\n",
                      slot->tb->pc);
        qatomic_add(&hybrid_stats.heads_same_region, 1);
        hybrid_slot_failed(slot);
        return;
    }
    slot->region_hash = hybrid_region_hash(kept, n);

    job = hybrid_job_new(slot, n);
    job->acyclic = slot->acyclic;
    job->covered = covered;
    for (i = 0; i < n && !why; i++) {
        HybridBlock *b = &job->ir.blocks[i];

        job->tbs[i] = kept[i];
        job->members[i] = i ? hybrid_slot_of(kept[i]) : NULL;
        if (capture_block(cpu, kept[i], &job->ir, i, &why) == 0) {
            for (k = 0; k < 2; k++) {
                TranslationBlock *d = chained(kept[i], k);

                b->succ[k] = d ? hybrid_region_index(kept, n, d) : -1;
            }
            indirect_successors(b, kept[i], kept, n);
        }
    }
    mmap_unlock();

    if (why) {
        hybrid_note_reject(why);
        hybrid_job_free(job);
        hybrid_slot_failed(slot);
        return;
    }
    hybrid_trace_ir_trim(&job->ir);
    qatomic_add(&hybrid_stats.traces_recorded, 1);
    qatomic_add(&hybrid_stats.trace_blocks, n);
    hybrid_slot_recorded(slot, job->members, n);
    hybrid_log_event("head 0x%" PRIx64 ": recorded %d blocks, %u TCG ops%s",
                     (uint64_t)slot->tb->pc, n, job->ir.nb_ops,
                     covered ? " (its covering trace's region)" : "");
    hybrid_optimizer_submit(job);
}
