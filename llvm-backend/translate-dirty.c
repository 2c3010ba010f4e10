/*
 * Hybrid translator: the "may be dirty" write-back dataflow.
 *
 * Owns compute_dirty(): before translation, a forward dataflow over the
 * trace's runs of ops gives, at each run's first op, the globals and
 * vreg slots that may differ from env there (tr->dirty_in), so that
 * write-backs store only those.  dirty_step() must clear exactly what the
 * emitters write back (translate-memory.c, translate-call.c,
 * translate-fp.c): a set too small would leave a register stale in env
 * at a fault.  It reads only the trace IR, the target facts and the
 * promoted globals of Tr, never LLVM: tests/unit/dirty.c runs it on
 * hand-made op sequences.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

bool tr_is_qemu_ldst(unsigned opc)
{
    return opc == INDEX_op_qemu_ld_i32 || opc == INDEX_op_qemu_ld_i64 ||
           opc == INDEX_op_qemu_st_i32 || opc == INDEX_op_qemu_st_i64;
}

uint64_t tr_call_flags(Tr *tr, const HybridOp *op)
{
    return tr->ir->args[op->args + op->nb_oargs + op->nb_iargs + 1];
}

bool tr_is_lookup_call(Tr *tr, const HybridOp *op)
{
    return op->opc == INDEX_op_call &&
           (void *)(uintptr_t)tr->ir->args[op->args + op->nb_oargs +
                                           op->nb_iargs] ==
           tr->tgt->lookup_tb_ptr;
}

/* A call tr_do_fp_fast() inlines: it touches no global on either path. */
bool tr_is_fp_fast_call(Tr *tr, const HybridOp *op)
{
    return tr_fp_fast_index(tr, op) >= 0;
}

/* Does @op end a run of straight-line ops? */
static bool ends_run(Tr *tr, const HybridOp *op)
{
    switch (op->opc) {
    case INDEX_op_br:
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
    case INDEX_op_goto_tb:
    case INDEX_op_exit_tb:
    case INDEX_op_goto_ptr:
        return true;
    case INDEX_op_call:
        return tr_call_flags(tr, op) & TCG_CALL_NO_RETURN;
    default:
        return false;
    }
}

/* Drop the vreg slots (@vregs) or the TCG globals from @d. */
static void gset_clear_kind(Tr *tr, GSet *d, bool vregs)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        if (tr->globals[i].vreg == vregs) {
            d->w[i / 64] &= ~(1ull << (i % 64));
        }
    }
}

/*
 * The effect of one op on the may-be-dirty set: what the op's emitter
 * writes back is clean after it (tr_env_need(), the one statement of the
 * rule), what it writes is dirty.
 */
static void dirty_step(Tr *tr, const HybridBlock *blk, const HybridOp *op,
                       GSet *d)
{
    EnvNeed need = tr_env_need(tr, blk, op);
    bool store;
    unsigned size;
    int vr;

    if (need.globals) {
        gset_clear_kind(tr, d, false);
    }
    if (need.vregs) {
        gset_clear_kind(tr, d, true);
    }
    vr = tr_op_vreg(tr, blk, op);
    if (vr >= 0 && tr_host_access(op, &size, &store) && store) {
        tr_gset_add(d, vr);
    }
    for (int k = 0; k < op->nb_oargs; k++) {
        const HybridTemp *t = &tr->ir->temps[blk->first_temp +
                                             tr->ir->args[op->args + k]];

        if (t->kind == HT_GLOBAL) {
            tr_gset_add(d, tr_global_index(tr, t->val));
        }
    }
}

typedef struct Run {
    uint32_t first, last;          /* op indexes in the trace */
    uint32_t block;
    int succ[HYBRID_MAX_SUCC];     /* run indexes, -1 for none */
    GSet in;
} Run;

/*
 * Split the trace into runs of straight-line ops, link them as the code
 * will branch, and find for each run the globals that may be dirty on
 * entry.  Results: tr->leader[] and tr->dirty_in[] per op.
 */
void tr_compute_dirty(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;
    GArray *runs = g_array_new(false, true, sizeof(Run));
    g_autofree int *run_of = g_new(int, ir->nb_ops + 1);
    g_autofree uint32_t *block_run = g_new(uint32_t, ir->nb_blocks);
    bool changed;

    tr->leader = g_new0(bool, ir->nb_ops + 1);
    tr->dirty_in = g_new0(GSet, ir->nb_ops + 1);

    for (uint32_t bi = 0; bi < ir->nb_blocks; bi++) {
        const HybridBlock *blk = &ir->blocks[bi];
        bool start = true;

        block_run[bi] = runs->len;
        for (uint32_t i = blk->first_op; i < blk->first_op + blk->nb_ops; i++) {
            const HybridOp *op = &ir->ops[i];

            if (start || op->opc == INDEX_op_set_label) {
                Run r = { .first = i, .block = bi };

                for (int k = 0; k < HYBRID_MAX_SUCC; k++) {
                    r.succ[k] = -1;
                }

                tr->leader[i] = true;
                g_array_append_val(runs, r);
            }
            run_of[i] = runs->len - 1;
            g_array_index(runs, Run, runs->len - 1).last = i;
            start = ends_run(tr, op);
        }
    }

    for (guint r = 0; r < runs->len; r++) {
        Run *run = &g_array_index(runs, Run, r);
        const HybridBlock *blk = &ir->blocks[run->block];
        const HybridOp *op = &ir->ops[run->last];
        const uint64_t *a = &ir->args[op->args];
        bool next_in_block = r + 1 < runs->len &&
            g_array_index(runs, Run, r + 1).block == run->block;
        int label_arg = -1;

        switch (op->opc) {
        case INDEX_op_br:
            label_arg = 0;
            break;
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64:
            label_arg = 3;
            run->succ[1] = next_in_block ? (int)r + 1 : -1;
            break;
        case INDEX_op_goto_tb:
            if (blk->succ[a[0] & 1] >= 0) {
                run->succ[0] = block_run[blk->succ[a[0] & 1]];
            } else if (next_in_block) {
                run->succ[0] = r + 1;
            }
            break;
        case INDEX_op_goto_ptr:
            /* goto_ptr_dispatch(): on to the trace's targets, or out. */
            for (uint32_t k = 0; k < blk->nb_isucc; k++) {
                run->succ[2 + k] = block_run[blk->isucc[k]];
            }
            break;
        case INDEX_op_exit_tb:
            break;
        default:
            if (!ends_run(tr, op) && next_in_block) {
                run->succ[0] = r + 1;
            }
            break;
        }
        if (label_arg >= 0) {
            /* The run that starts with set_label of that label. */
            for (uint32_t i = blk->first_op; i < blk->first_op + blk->nb_ops; i++) {
                if (ir->ops[i].opc == INDEX_op_set_label &&
                    ir->args[ir->ops[i].args] == a[label_arg]) {
                    run->succ[0] = run_of[i];
                    break;
                }
            }
        }
    }

    /* Forward may-analysis to a fixpoint; the graphs are small. */
    do {
        changed = false;
        for (guint r = 0; r < runs->len; r++) {
            Run *run = &g_array_index(runs, Run, r);
            const HybridBlock *blk = &ir->blocks[run->block];
            GSet d = run->in;

            for (uint32_t i = run->first; i <= run->last; i++) {
                dirty_step(tr, blk, &ir->ops[i], &d);
            }
            for (int k = 0; k < HYBRID_MAX_SUCC; k++) {
                if (run->succ[k] >= 0) {
                    changed |= tr_gset_union(&g_array_index(runs, Run,
                                                            run->succ[k]).in, &d);
                }
            }
        }
    } while (changed);

    for (guint r = 0; r < runs->len; r++) {
        Run *run = &g_array_index(runs, Run, r);

        tr->dirty_in[run->first] = run->in;
    }
    g_array_free(runs, true);
}
