/*
 * Hybrid translator, stage 2: trace recording.
 *
 * A hot head becomes a region of blocks taken from the CFG the program
 * has already shown us: a TB's jmp_dest[n] is set only once exit n was
 * taken and chained, and an indirect branch's inline cache holds only
 * targets it went to, so following those edges walks executed paths.
 * We keep the blocks from which the head can be reached again (relaxed
 * NET: the cyclic paths through the head, inner loops included), then
 * translate each kept block again with the guest frontend, on this
 * (emulation) thread and under mmap_lock as tb_gen_code does, and capture
 * its optimized TCG ops.  The result goes to the optimizer queue.
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

static int region_index(TranslationBlock **nodes, int n, TranslationBlock *tb)
{
    for (int i = 0; i < n; i++) {
        if (nodes[i] == tb) {
            return i;
        }
    }
    return -1;
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
 * Does @tb end with a return (RET, RETAA, RETAB)?  Its targets are call
 * sites all over the program (see head_region() for when we follow
 * them).  Called with mmap_lock held: the page cannot go away.
 */
static bool ends_in_return(TranslationBlock *tb)
{
    uint32_t insn = last_insn(tb);

    return insn == 0 ||                                 /* unknown */
           (insn & 0xfffffc1f) == 0xd65f0000 ||         /* RET Xn */
           insn == 0xd65f0bff || insn == 0xd65f0fff;    /* RETAA, RETAB */
}

/*
 * If @tb ends with a call (BL, BLR, BLRAA and friends), the address its
 * callee returns to: the instruction after the call, which ends the TB.
 * Else 0.
 */
static target_ulong return_address(TranslationBlock *tb)
{
    uint32_t insn = last_insn(tb);
    bool call = (insn & 0xfc000000) == 0x94000000 ||    /* BL */
                (insn & 0xfffffc1f) == 0xd63f0000 ||    /* BLR */
                (insn & 0xfefff800) == 0xd63f0800;      /* BLRAA/AB(Z) */

    return call ? tb->pc + tb->size : 0;
}

/*
 * The blocks @tb has been seen to continue in: chained goto_tb exits,
 * and unless it ends in a return, the targets its indirect branch's
 * inline cache holds.  Untraceable ones are left out.  Returns the
 * count (at most HYBRID_MAX_SUCC).
 */
static int successors(TranslationBlock *tb, TranslationBlock **out)
{
    TranslationBlock *ind[HYBRID_MAX_ISUCC];
    int n = 0, ni;

    for (int k = 0; k < 2; k++) {
        TranslationBlock *d = chained(tb, k);

        if (d && traceable(d)) {
            out[n++] = d;
        }
    }
    ni = ends_in_return(tb) ? 0 :
         hybrid_ic_targets(tb, ind, HYBRID_MAX_ISUCC);
    for (int k = 0; k < ni; k++) {
        if (traceable(ind[k])) {
            out[n++] = ind[k];
        }
    }
    return n;
}

/*
 * The graph form_region() walks: at most max nodes, HYBRID_MAX_SUCC
 * edges each.
 */
typedef struct Region {
    TranslationBlock **nodes;
    target_ulong *ret_addr;     /* return_address() of each node */
    bool *is_ret;               /* ends in a return */
    int *edge;
    int *nb_edges;
    int n, max;
    bool all_sites;             /* return_edges(): beyond the ways too */
} Region;

/* The index of @tb in @r, added if new and there is room; -1 if not. */
static int region_add(Region *r, TranslationBlock *tb)
{
    int j = region_index(r->nodes, r->n, tb);

    if (j < 0 && r->n < r->max) {
        j = r->n++;
        r->nodes[j] = tb;
        r->ret_addr[j] = return_address(tb);
        r->is_ret[j] = ends_in_return(tb);
    }
    return j;
}

/*
 * Add edge i -> j unless it is there or i has HYBRID_MAX_SUCC already (a
 * return may reach more call sites than that); true if it was new.
 */
static bool region_edge(Region *r, int i, int j)
{
    for (int k = 0; k < r->nb_edges[i]; k++) {
        if (r->edge[i * HYBRID_MAX_SUCC + k] == j) {
            return false;
        }
    }
    if (r->nb_edges[i] == HYBRID_MAX_SUCC) {
        return false;
    }
    r->edge[i * HYBRID_MAX_SUCC + r->nb_edges[i]++] = j;
    return true;
}

/* Is @tb where a call in @r returns to? */
static bool is_return_site(Region *r, TranslationBlock *tb)
{
    for (int i = 0; i < r->n; i++) {
        if (r->ret_addr[i] == tb->pc) {
            return true;
        }
    }
    return false;
}

/*
 * Give return block @i of @r edges to the return sites of the calls in
 * @r, as far as its inline cache went there.  Returns true if an edge
 * was added.  A return's other targets are callers outside the region:
 * a path through them is a path through the caller's loop, not ours
 * (bintree's build() returns to main's loop as well as to itself).
 */
static bool return_edges(Region *r, int i)
{
    TranslationBlock *ind[HYBRID_MAX_ISUCC];
    int ni = hybrid_ic_targets(r->nodes[i], ind, HYBRID_MAX_ISUCC);
    bool grown = false, again;

    /*
     * Again while it grows: one site may be the call that makes another
     * a return site (a leaf returns after one recursive call and before
     * the next).
     */
    do {
        again = false;
        for (int k = 0; k < ni; k++) {
            int j;

            if (!traceable(ind[k]) || !is_return_site(r, ind[k])) {
                continue;
            }
            j = region_add(r, ind[k]);
            if (j >= 0 && region_edge(r, i, j)) {
                grown = again = true;
            }
        }
        /*
         * The sites a return's own ways do not hold (they keep two targets
         * a set; calls' walk_c returned to 8 call sites and left its trace
         * at 2 of them a million times each), where the cache would still
         * go without a full lookup.
         */
        for (int c = 0; c < r->n && r->all_sites; c++) {
            TranslationBlock *t;
            int j;

            if (!r->ret_addr[c] ||
                !(t = hybrid_ic_target_for(r->nodes[i], r->ret_addr[c])) ||
                !traceable(t)) {
                continue;
            }
            j = region_add(r, t);
            if (j >= 0 && region_edge(r, i, j)) {
                grown = again = true;
            }
        }
    } while (again);
    return grown;
}

/* return_edges() for every return block, for calls found after it. */
static bool region_returns(Region *r)
{
    bool grown = false;

    for (int i = 0; i < r->n; i++) {
        if (r->is_ret[i] && return_edges(r, i)) {
            grown = true;
        }
    }
    return grown;
}

/*
 * Collect the blocks reachable from the head over the edges above (at
 * most @max, breadth first; with @returns, also from a return to the
 * call sites in the region it went back to), then keep those from
 * which the head is reachable inside that set.  Returns the number kept
 * (the head first), 0 if the head is on no cycle.  Called with
 * mmap_lock held (the inline caches' index).
 */
static int form_region(TranslationBlock *head, TranslationBlock **kept,
                       int max, bool returns, bool to_returns, bool all_sites)
{
    g_autofree TranslationBlock **nodes = g_new(TranslationBlock *, max);
    g_autofree target_ulong *ret_addr = g_new(target_ulong, max);
    g_autofree bool *is_ret = g_new(bool, max);
    g_autofree int *edge = g_new(int, max * HYBRID_MAX_SUCC);
    g_autofree int *nb_edges = g_new0(int, max);
    g_autofree bool *back = g_new0(bool, max);
    Region r = {
        .nodes = nodes, .ret_addr = ret_addr, .is_ret = is_ret,
        .edge = edge, .nb_edges = nb_edges, .max = max,
        .all_sites = all_sites,
    };
    int done = 0, i, k, nk = 0;
    bool changed;

    /*
     * Walk; then give the returns their edges to calls found after them,
     * and walk again from any block that added, until nothing is added.
     */
    region_add(&r, head);
    do {
        for (; done < r.n; done++) {
            TranslationBlock *succ[HYBRID_MAX_SUCC];
            int ns = successors(r.nodes[done], succ);

            for (k = 0; k < ns; k++) {
                int j = region_add(&r, succ[k]);

                if (j >= 0) {
                    region_edge(&r, done, j);
                }
            }
            /*
             * In walk order, so that the room left goes to the paths
             * back through the callers before the callee's cold paths.
             */
            if (returns && r.is_ret[done]) {
                return_edges(&r, done);
            }
        }
    } while (returns && region_returns(&r) && done < r.n);

    /*
     * Backward reachability to the head: fixpoint over a small graph.
     * With @to_returns, to a return that leaves the region as well (one
     * with no edge inside: the head's function returning to its caller).
     */
    if (to_returns) {
        for (i = 1; i < r.n; i++) {
            back[i] = is_ret[i] && nb_edges[i] == 0;
        }
    }
    do {
        changed = false;
        for (i = 0; i < r.n; i++) {
            if (back[i]) {
                continue;
            }
            for (k = 0; k < nb_edges[i]; k++) {
                int j = edge[i * HYBRID_MAX_SUCC + k];

                if (j == 0 || back[j]) {
                    back[i] = true;
                    changed = true;
                    break;
                }
            }
        }
    } while (changed);

    if (!back[0]) {
        return 0;
    }
    for (i = 0; i < r.n; i++) {
        if (back[i]) {
            kept[nk++] = nodes[i];
        }
    }
    return nk;
}

/* Block @b's indirect successors: its inline cache's targets in @kept. */
static void indirect_successors(HybridBlock *b, TranslationBlock *tb,
                                TranslationBlock **kept, int n)
{
    TranslationBlock *ind[HYBRID_MAX_ISUCC];
    int ni = hybrid_ic_targets(tb, ind, HYBRID_MAX_ISUCC);

    b->nb_isucc = 0;
    for (int k = 0; k < ni; k++) {
        int j = region_index(kept, n, ind[k]);

        if (j >= 0) {
            b->isucc[b->nb_isucc++] = j;
        }
    }
    if (!ends_in_return(tb)) {
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
        int j = t ? region_index(kept, n, t) : -1;
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
 * Guest instructions a region closed only through returns may have.
 * Such regions take in callees, and a library routine (memcpy through
 * the PLT) made regions of 250-300 instructions and 2,000 ops that LLVM
 * took 300 ms each to compile: lz77 ran 27% slower while they waited.
 * Since a return is followed only to the calls in the region, recursions
 * take in little more than their callees' hot paths: bintree's build()
 * with malloc() is 213, and sha256's loop around its block function
 * 217.  A 380-instruction region (sha256's main loop) took 490 ms.
 */
#define CALL_REGION_MAX_INSNS 300

/*
 * A fingerprint of the region: its blocks in order.  TBs are not reused
 * while a slot lives (tb_flush drops the slots), so equal fingerprints
 * mean the same blocks.
 */
static uint64_t region_hash(TranslationBlock **kept, int n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;

    for (int i = 0; i < n; i++) {
        h = (h ^ (uintptr_t)kept[i]) * 0x100000001b3ull;
    }
    return h | 1;
}

static int region_insns(TranslationBlock **kept, int n)
{
    int insns = 0;

    for (int i = 0; i < n; i++) {
        insns += kept[i]->icount;
    }
    return insns;
}

/*
 * Callees a loop's region takes in: at most this many guest instructions
 * in all, through returns to its own call sites.  A loop that calls a
 * small function (strchr() in a lexer) otherwise leaves its trace at
 * every call, runs the function in TCG and enters again on its way
 * back; big ones (memcpy() through the PLT) are slow to compile, and
 * with them lz77 ran 0.93 -> 1.18 s.
 */
#define SMALL_CALLEES_INSNS 48

static int with_small_callees(TranslationBlock *head, TranslationBlock **kept,
                              int n, int max)
{
    g_autofree TranslationBlock **more = g_new(TranslationBlock *, max);
    int m = form_region(head, more, max, true, false, false);
    int insns = region_insns(more, m);

    if (m <= n || insns > CALL_REGION_MAX_INSNS ||
        insns - region_insns(kept, n) > SMALL_CALLEES_INSNS) {
        return n;
    }
    for (int i = 0; i < n; i++) {
        if (region_index(more, m, kept[i]) < 0) {
            return n;                   /* not a superset: keep the loop */
        }
    }
    memcpy(kept, more, m * sizeof(*kept));
    return m;
}

/*
 * The region of @slot's head: its cycles over jumps and calls.  Only if
 * it has none (a recursion, a loop whose back edge is a return) are
 * returns followed too, within CALL_REGION_MAX_INSNS.  Following them
 * in every region grew loops that had a region already with their
 * callees, for no gain or a loss (sort 0.92 -> 1.03 s, lz77 0.93 ->
 * 1.18 s, median of 5), while closing recursions through them made
 * calls 1.8 -> 1.1 s.  Returns the blocks kept in @kept, 0 if the head
 * is on no cycle, -1 if its region is the one that proved unprofitable.
 */
static int head_region(HybridSlot *slot, TranslationBlock **kept, int max)
{
    TranslationBlock *head = slot->tb;
    int n = form_region(head, kept, max, false, false, false);
    int insns;

    slot->via_returns = !n;
    slot->acyclic = false;
    if (n) {
        return with_small_callees(head, kept, n, max);
    }
    /*
     * A recursion returns to every call site of its functions; a region
     * with all those its caches would reach (see return_edges()) runs
     * whole recursions inside, if it stays small enough.
     */
    n = form_region(head, kept, max, true, false, true);
    insns = region_insns(kept, n);
    if (!n || insns > CALL_REGION_MAX_INSNS) {
        n = form_region(head, kept, max, true, false, false);
        insns = region_insns(kept, n);
    }
    if (!n) {
        /*
         * No cycle at all: a function's body (free(), strchr()), entered
         * from calls all over the program.  Its paths to the return that
         * leaves it are a region too, entered once per call.
         */
        n = form_region(head, kept, max, true, true, false);
        if (n < 2) {
            n = 0;                      /* the head alone: nothing to gain */
        }
        insns = region_insns(kept, n);
        slot->acyclic = n > 0;
    }
    if (!n || insns > CALL_REGION_MAX_INSNS) {
        qemu_log_mask(LOG_HYBRID, "qemu-hybrid: head 0x" TARGET_FMT_lx
                      ": no cycle (through returns%s: %d blocks, %d insns)\n",
                      head->pc, slot->acyclic ? ", to its return" : "",
                      n, insns);
        return 0;
    }
    if (slot->acyclic) {
        qatomic_add(&hybrid_stats.heads_acyclic, 1);
    }
    return region_hash(kept, n) == slot->bad_region ? -1 : n;
}

/*
 * The region of a head that another live trace covers: that trace's
 * blocks, this head first, so that the trace is entered here too.  The
 * head's own region could be a part of that one, an inner loop that
 * leaves too soon.  In lz77, the region of the main loop's head covered
 * four other loop heads, and TCG code that ran one of their blocks first
 * entered it 30,000 times: the copies made it 0.96 -> 0.85 s.
 */
static int covered_region(HybridSlot *slot, TranslationBlock **kept, int max)
{
    bool acyclic;
    int n = hybrid_covering_region(slot->tb, kept, max, &acyclic);

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
    g_autofree TranslationBlock **kept = g_new(TranslationBlock *, max);
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
    slot->region_hash = region_hash(kept, n);

    job = hybrid_job_new(slot, n);
    job->acyclic = slot->acyclic;
    for (i = 0; i < n && !why; i++) {
        HybridBlock *b = &job->ir.blocks[i];

        job->tbs[i] = kept[i];
        job->members[i] = i ? hybrid_slot_of(kept[i]) : NULL;
        if (capture_block(cpu, kept[i], &job->ir, i, &why) == 0) {
            for (k = 0; k < 2; k++) {
                TranslationBlock *d = chained(kept[i], k);

                b->succ[k] = d ? region_index(kept, n, d) : -1;
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
    hybrid_optimizer_submit(job);
}
