/*
 * Hybrid translator: TCG's guest loads and stores take a displacement.
 *
 * An aarch64 access with an immediate offset (LDR x0, [x2, #0x58]) is
 * translated as add_i64 t, x2, $0x58 then qemu_ld x0, t: on x86-64 a
 * LEA then a load through its result, one more instruction and one more
 * cycle on the address of most loads and stores.  x86 addressing adds a
 * 32-bit displacement for free, and QEMU's user-mode backend already
 * emits one (guest_base, when it fits; tcg_out_qemu_ld/st_direct()).
 *
 * This pass (run by tcg_gen_code() after tcg_optimize(), hook patch
 * tcg/patches/0028-ldst-displacement.patch) rewrites such an access to
 * take x itself as its address and the constant as a displacement.  The
 * add stays; TCG's liveness pass drops it when nothing else reads t.
 * The displacement rides in the upper 32 bits of the access's MemOpIdx
 * argument: a TCGArg is 64 bits on this host, MemOpIdx 32, so every
 * other reader (get_memop(), get_mmuidx(), the op dump) truncates it
 * away, and the backend adds hybrid_ldst_disp() to its offset.
 *
 * Exact, because the host computes x + c + guest_base modulo 2^64 just
 * as the add did, and faults, restore state and si_addr see the same
 * address.  Only where:
 *   - t was last written by that add (or by a copy of its result) and
 *     x not written since the add, in the same basic block, with no
 *     call in between (a helper may change a global), and t is not x;
 *   - the constant is small (|c| < 1 MiB: the sum with guest_base's
 *     32-bit offset stays a 32-bit displacement);
 *   - the access has no alignment check: its slow path reports the
 *     address register (tcg_out_test_alignment()).
 * User mode on an x86-64 host only (no TLB lookup reads the address);
 * -hybrid off is QEMU's code exactly.  The blocks the recorder captures
 * for traces do not go through tcg_gen_code(), so traces see QEMU's ops.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/tcg/hybrid-ldst-disp.h"

#define DISP_MAX (1 << 20)

static bool fold_on;

/*
 * Per temp, in the block being translated (stamped with its epoch so
 * that nothing is cleared between blocks): the sequence number of the
 * op that last wrote it, and the "x + c" it holds if an add made it.
 * Translation is serialized (mmap_lock), but a thread of its own each
 * costs nothing.
 */
typedef struct TempInfo {
    uint64_t def_epoch;
    uint32_t def_seq;
    uint64_t sum_epoch;
    uint32_t sum_seq;       /* the op that made it x + c: an add, a mov */
    uint32_t add_seq;       /* the add: x must not be written after it */
    TCGTemp *x;
    int64_t c;
} TempInfo;

static __thread TempInfo info[TCG_MAX_TEMPS];
static __thread uint64_t epoch;

void hybrid_ldst_disp_init(void)
{
#if defined(__x86_64__) && !defined(CONFIG_SOFTMMU)
    fold_on = true;
#endif
}

static bool written_after(TCGTemp *ts, uint32_t seq)
{
    TempInfo *i = &info[temp_idx(ts)];

    return i->def_epoch == epoch && i->def_seq > seq;
}

/* Does @ts hold x + c, with x as it was at the add, in this block? */
static TempInfo *sum_of(TCGTemp *ts, uint32_t barrier)
{
    TempInfo *i = &info[temp_idx(ts)];

    if (i->sum_epoch != epoch || i->add_seq <= barrier ||
        i->def_seq != i->sum_seq ||             /* written since */
        written_after(i->x, i->add_seq)) {
        return NULL;
    }
    return i;
}

/* @op is a qemu_ld/st: [data, addr, oi] on a 64-bit host. */
static void try_fold(TCGOp *op, uint32_t barrier)
{
    TempInfo *i = sum_of(arg_temp(op->args[1]), barrier);
    TCGArg oi = op->args[2];

    if (!i || hybrid_ldst_disp(oi) != 0 ||
        get_alignment_bits(get_memop((MemOpIdx)oi)) != 0) {
        return;
    }
    op->args[1] = temp_arg(i->x);
    op->args[2] = (uint32_t)oi | (uint64_t)(uint32_t)i->c << 32;
}

/*
 * Note what @op writes.  An add of a constant makes a sum, and a copy
 * of a sum is one too (the address of a plain access is such a copy:
 * target/arm/a64-tbi.h).
 */
static void note_outputs(TCGOp *op, const TCGOpDef *def, uint32_t seq,
                         uint32_t barrier)
{
    TempInfo *src = NULL, *i;

    if (op->opc == INDEX_op_mov_i64) {
        src = sum_of(arg_temp(op->args[1]), barrier);
    }
    for (int k = 0; k < def->nb_oargs; k++) {
        i = &info[temp_idx(arg_temp(op->args[k]))];
        i->def_epoch = epoch;
        i->def_seq = seq;
    }
    if (src && arg_temp(op->args[0]) != src->x) {
        i = &info[temp_idx(arg_temp(op->args[0]))];
        i->sum_epoch = epoch;
        i->sum_seq = seq;
        i->add_seq = src->add_seq;
        i->x = src->x;
        i->c = src->c;
    } else if (op->opc == INDEX_op_add_i64) {
        TCGTemp *t = arg_temp(op->args[0]);
        TCGTemp *x = arg_temp(op->args[1]);
        TCGTemp *k = arg_temp(op->args[2]);

        i = &info[temp_idx(t)];
        if (k->kind == TEMP_CONST && x->kind != TEMP_CONST && x != t &&
            (int64_t)k->val > -DISP_MAX && (int64_t)k->val < DISP_MAX) {
            i->sum_epoch = epoch;
            i->sum_seq = seq;
            i->add_seq = seq;
            i->x = x;
            i->c = (int64_t)k->val;
        }
    }
}

void hybrid_ldst_fold(TCGContext *s)
{
    uint32_t seq = 0, barrier = 0;
    TCGOp *op;

    if (!fold_on) {
        return;
    }
    epoch++;
    QTAILQ_FOREACH(op, &s->ops, link) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];

        seq++;
        switch (op->opc) {
        case INDEX_op_qemu_ld_i32:
        case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32:
        case INDEX_op_qemu_st_i64:
            try_fold(op, barrier);
            break;
        case INDEX_op_call:
        case INDEX_op_set_label:
            barrier = seq;      /* a new block, or globals may change */
            continue;
        default:
            if (def->flags & (TCG_OPF_BB_END | TCG_OPF_BB_EXIT |
                              TCG_OPF_COND_BRANCH)) {
                barrier = seq;
                continue;
            }
            break;
        }
        note_outputs(op, def, seq, barrier);
    }
}
