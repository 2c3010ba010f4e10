/*
 * Hybrid translator: capture the TCG ops of one block into a trace IR.
 *
 * Called right after the frontend and tcg_optimize() have run for a TB
 * (see accel/tcg/hybrid-record.c), while the TCGContext still holds its
 * ops.  Everything that points into the context is turned into indexes,
 * so the result survives the next translation.  Anything we do not know
 * how to carry (vector temps, indirect globals, plugin hooks) rejects
 * the block with a reason instead of being carried half-way.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "exec/exec-all.h"
#include "tcg/tcg-internal.h"    /* TCGHelperInfo */
#include "hybrid/tcg/hybrid-capture.h"

#define GROW(ir, field, cap, n)                                          \
    do {                                                                 \
        if ((ir)->nb_##field + (n) > (ir)->cap) {                        \
            (ir)->cap = MAX((ir)->cap * 2, (ir)->nb_##field + (n) + 64); \
            (ir)->field = g_renew(typeof(*(ir)->field), (ir)->field,     \
                                  (ir)->cap);                            \
        }                                                                \
    } while (0)

void hybrid_trace_ir_init(HybridTraceIR *ir)
{
    memset(ir, 0, sizeof(*ir));
}

void hybrid_trace_ir_free(HybridTraceIR *ir)
{
    g_free(ir->blocks);
    g_free(ir->ops);
    g_free(ir->args);
    g_free(ir->temps);
    g_free(ir->insns);
    memset(ir, 0, sizeof(*ir));
}

#define TRIM(ir, field, cap)                                             \
    do {                                                                 \
        (ir)->cap = (ir)->nb_##field;                                    \
        (ir)->field = g_renew(typeof(*(ir)->field), (ir)->field,         \
                              (ir)->cap);                                \
    } while (0)

void hybrid_trace_ir_trim(HybridTraceIR *ir)
{
    TRIM(ir, ops, cap_ops);
    TRIM(ir, args, cap_args);
    TRIM(ir, temps, cap_temps);
    TRIM(ir, insns, cap_insns);
}

size_t hybrid_trace_ir_bytes(const HybridTraceIR *ir)
{
    return ir->nb_blocks * sizeof(*ir->blocks) +
           ir->cap_ops * sizeof(*ir->ops) +
           ir->cap_args * sizeof(*ir->args) +
           ir->cap_temps * sizeof(*ir->temps) +
           ir->cap_insns * sizeof(*ir->insns);
}

/* Map a TCGTemp to the block's temp table, adding it on first use. */
static int capture_temp(TCGContext *s, HybridTraceIR *ir, HybridBlock *b,
                        int32_t *map, TCGTemp *ts, HybridReject *why)
{
    size_t i = temp_idx(ts);
    HybridTemp *t;

    if (map[i] >= 0) {
        return map[i];
    }
    if (ts->type > TCG_TYPE_V256) {
        *why = HYBRID_REJECT_TEMP_TYPE;
        return -1;
    }
    if (ts->type >= TCG_TYPE_V64 &&
        (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_FIXED)) {
        *why = HYBRID_REJECT_VECTOR_GLOBAL;
        return -1;
    }
    GROW(ir, temps, cap_temps, 1);
    t = &ir->temps[ir->nb_temps];
    t->type = ts->type;
    t->val = 0;
    switch (ts->kind) {
    case TEMP_GLOBAL:
        if (ts->indirect_reg || ts->mem_base != tcgv_ptr_temp(cpu_env)) {
            *why = HYBRID_REJECT_INDIRECT_GLOBAL;
            return -1;
        }
        t->kind = HT_GLOBAL;
        t->val = ts->mem_offset;
        break;
    case TEMP_FIXED:
        if (ts != tcgv_ptr_temp(cpu_env)) {
            *why = HYBRID_REJECT_FIXED_REG;
            return -1;
        }
        t->kind = HT_ENV;
        break;
    case TEMP_CONST:
        t->kind = HT_CONST;
        t->val = ts->val;
        break;
    default:
        t->kind = HT_TEMP;
        break;
    }
    map[i] = ir->nb_temps++ - b->first_temp;
    return map[i];
}

/* Is constant argument @k of @op a label? */
static bool carg_is_label(TCGOpcode opc, int k)
{
    switch (opc) {
    case INDEX_op_set_label:
    case INDEX_op_br:
        return k == 0;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        return k == 1;
    case INDEX_op_brcond2_i32:
        return k == 1;
    default:
        return false;
    }
}

int hybrid_capture_ops(TCGContext *s, HybridTraceIR *ir, HybridBlock *b,
                       uint32_t block_idx, HybridReject *why)
{
    g_autofree int32_t *map = g_new(int32_t, s->nb_temps);
    TCGOp *op;
    int i;

    for (i = 0; i < s->nb_temps; i++) {
        map[i] = -1;
    }
    b->first_op = ir->nb_ops;
    b->first_temp = ir->nb_temps;
    b->nb_labels = s->nb_labels;

    QTAILQ_FOREACH(op, &s->ops, link) {
        TCGOpcode opc = op->opc;
        const TCGOpDef *def = &tcg_op_defs[opc];
        HybridOp *h;
        int nt, k;

        if (opc == INDEX_op_plugin_cb_start || opc == INDEX_op_plugin_cb_end) {
            *why = HYBRID_REJECT_PLUGIN;
            return -1;
        }
        GROW(ir, ops, cap_ops, 1);
        h = &ir->ops[ir->nb_ops];
        memset(h, 0, sizeof(*h));
        h->opc = opc;
        h->param1 = op->param1;
        h->param2 = op->param2;
        if (opc == INDEX_op_call) {
            h->nb_oargs = TCGOP_CALLO(op);
            h->nb_iargs = TCGOP_CALLI(op);
            h->nb_cargs = 3;
        } else {
            h->nb_oargs = def->nb_oargs;
            h->nb_iargs = def->nb_iargs;
            h->nb_cargs = def->nb_cargs;
        }
        nt = h->nb_oargs + h->nb_iargs;
        GROW(ir, args, cap_args, nt + h->nb_cargs);
        h->args = ir->nb_args;

        for (k = 0; k < nt; k++) {
            TCGTemp *ts = arg_temp(op->args[k]);
            int idx;

            if (ts == NULL) {
                *why = HYBRID_REJECT_DUMMY_CALL_ARG;
                return -1;
            }
            idx = capture_temp(s, ir, b, map, ts, why);
            if (idx < 0) {
                return -1;
            }
            ir->args[h->args + k] = idx;
        }

        if (opc == INDEX_op_call) {
            const TCGHelperInfo *info =
                (const TCGHelperInfo *)(uintptr_t)op->args[nt + 1];

            ir->args[h->args + nt] = op->args[nt];      /* func */
            ir->args[h->args + nt + 1] = info->flags;
            ir->args[h->args + nt + 2] = info->typemask;
            h->name = info->name;
        } else {
            for (k = 0; k < h->nb_cargs; k++) {
                TCGArg a = op->args[nt + k];

                if (carg_is_label(opc, k)) {
                    a = arg_label(a)->id;
                } else if (opc == INDEX_op_exit_tb) {
                    /* Keep "had a TB" apart from the exit index. */
                    a = (a & ~(TCGArg)TB_EXIT_MASK ? HYBRID_EXIT_HAS_TB : 0) |
                        (a & TB_EXIT_MASK);
                }
                ir->args[h->args + nt + k] = a;
            }
        }
        ir->nb_args += nt + h->nb_cargs;

        if (opc == INDEX_op_insn_start) {
            HybridInsn *in;

            GROW(ir, insns, cap_insns, 1);
            in = &ir->insns[ir->nb_insns++];
            in->block = block_idx;
            for (k = 0; k < HYBRID_INSN_WORDS; k++) {
                in->words[k] = op->args[k];
            }
        }
        ir->nb_ops++;
    }
    b->nb_ops = ir->nb_ops - b->first_op;
    b->nb_temps = ir->nb_temps - b->first_temp;
    return 0;
}
