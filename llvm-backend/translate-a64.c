/*
 * Hybrid translator: aarch64 peepholes.
 *
 * Owns the two idioms of QEMU's aarch64 frontend that LLVM cannot see
 * through: the top-byte-ignore mask on data addresses (note_untagged(),
 * track_untagged()) and the 64-bit Z flag computed as lo32 | hi32
 * (zf_idiom()).  Each is recognised on the TCG ops and gives a cheaper
 * value with the same meaning; everything else in the translator is
 * target-independent.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

/*
 * Top-byte-ignore.  The aarch64 frontend strips the tag of every data
 * address (TBI0 for user space) with sextract(x, 0, 56) & x: the tag is
 * cleared when bit 55 is 0, and x is used as is when it is 1.  Those
 * three ops sit on the dependency chain of every load, and of a loop
 * that indexes a table with a loaded value (3 of crc32's 11 cycles a
 * byte).  While no one can see a fault (faults_fatal), x & (2^56 - 1)
 * serves as well: it is the same address when bit 55 is 0, and when it
 * is 1 both addresses lie outside any guest mapping, so both accesses
 * end the process with SIGSEGV.  Only the access uses it: the temp keeps
 * its exact value for any other reader.  Entries live in one LLVM block.
 */
void tr_note_untagged(Tr *tr, uint32_t idx, LLVMValueRef v)
{
    LLVMBasicBlockRef bb = LLVMGetInsertBlock(tr->b);

    if (tr_temp_of(tr, idx)->kind != HT_TEMP) {
        return;
    }
    if (tr->untagged_bb != bb) {
        memset(tr->untagged, 0, sizeof(*tr->untagged) * (tr->ir->nb_temps + 1));
        tr->untagged_bb = bb;
    }
    tr->untagged[tr->blk->first_temp + idx] = v;
}

LLVMValueRef tr_untagged_of(Tr *tr, uint32_t idx)
{
    if (tr_temp_of(tr, idx)->kind != HT_TEMP ||
        tr->untagged_bb != LLVMGetInsertBlock(tr->b)) {
        return NULL;
    }
    return tr->untagged[tr->blk->first_temp + idx];
}

static bool is_op(Tr *tr, const HybridOp *op, unsigned opc, uint64_t a0,
                  uint64_t a1, int64_t a2)
{
    const uint64_t *p = &tr->ir->args[op->args];

    return op->opc == opc && p[0] == a0 && p[1] == a1 && tr_is_const(tr, p[2], a2);
}

/*
 * After and_i64 d, t, x: was t sextract(x, 0, 56), t != x?  On an x86
 * host TCG expands that sextract into shl_i64 t, x, 8; sar_i64 t, t, 8.
 */
void tr_track_untagged(Tr *tr, const HybridOp *op, const uint64_t *a)
{
    const HybridOp *first = &tr->ir->ops[tr->blk->first_op];
    const uint64_t *p;
    LLVMValueRef v;

    if (!tr->tgt->faults_fatal || op - first < 2 || a[1] == a[2]) {
        return;
    }
    p = &tr->ir->args[op[-1].args];
    if (op[-1].opc == INDEX_op_sextract_i64) {
        if (p[0] != a[1] || p[1] != a[2] || p[2] != 0 || p[3] != 56) {
            return;
        }
    } else if (!is_op(tr, &op[-1], INDEX_op_sar_i64, a[1], a[1], 8) ||
               !is_op(tr, &op[-2], INDEX_op_shl_i64, a[1], a[2], 8)) {
        return;
    }
    v = LLVMBuildAnd(tr->b, tr_get(tr, a[2]),
                     LLVMConstInt(tr->i64, (1ull << 56) - 1, 0), "untagged");
    tr_note_untagged(tr, a[0], v);
}

/*
 * aarch64 sets Z for a 64-bit result x as QEMU's gen_set_NZ64() does,
 * ZF = lo32(x) | hi32(x); after tcg_optimize on this host the ops read
 *     mov_i32 ZF, x;  shr_i64 t, x, 32;  mov_i32 NF, t;  or_i32 ZF, ZF, NF
 * (or extrl_i64_i32 ZF, x;  extrh_i64_i32 NF, x;  or_i32 ZF, ZF, NF).
 * Only whether ZF is 0 is ever looked at (the condition codes and
 * pstate_read test ZF == 0), so ZF = (x != 0) is the same flag, and a
 * compare-and-branch then folds into one compare of x: LLVM cannot see
 * that lo | hi is 0 exactly when x is.  Called for the ops above, with
 * x for the first; returns the value to store for the or, or NULL.
 */
LLVMValueRef tr_zf_idiom(Tr *tr, const HybridOp *op, const uint64_t *a,
                         LLVMValueRef x)
{
    bool on = tr->zf_x != NULL;

    switch (op->opc) {
    case INDEX_op_mov_i32:
        if (on && tr->zf_age == 2 && tr->nf_src != UINT64_MAX &&
            a[1] == tr->nf_src) {
            tr->nf_dst = a[0];                  /* mov_i32 NF, t */
            tr->zf_or_age = 3;
            return NULL;
        }
        /* fall through: maybe the first op */
    case INDEX_op_extrl_i64_i32:
        tr->zf_x = NULL;
        if (x && tr_is_global_at(tr, a[0], tr->tgt->zf_offset)) {
            tr->zf_x = x;                       /* ZF = lo32(x) */
            tr->zf_src = a[1];
            tr->zf_dst = a[0];
            tr->nf_src = UINT64_MAX;
            tr->zf_age = 0;
            tr->zf_or_age = 0;
        }
        return NULL;
    case INDEX_op_shr_i64:
        if (on && tr->zf_age == 1 && a[1] == tr->zf_src &&
            tr_is_const(tr, a[2], 32)) {
            tr->nf_src = a[0];                  /* t = x >> 32 */
        } else {
            tr->zf_x = NULL;
        }
        return NULL;
    case INDEX_op_extrh_i64_i32:
        if (on && tr->zf_age == 1 && a[1] == tr->zf_src &&
            a[0] != tr->zf_dst) {
            tr->nf_dst = a[0];                  /* NF = hi32(x) */
            tr->zf_or_age = 2;
        } else {
            tr->zf_x = NULL;
        }
        return NULL;
    default:                                    /* or_i32 */
        if (on && tr->zf_or_age && tr->zf_age == tr->zf_or_age &&
            a[0] == tr->zf_dst &&
            ((a[1] == tr->zf_dst && a[2] == tr->nf_dst) ||
             (a[2] == tr->zf_dst && a[1] == tr->nf_dst))) {
            x = LLVMBuildICmp(tr->b, LLVMIntNE, tr->zf_x,
                              LLVMConstInt(tr->i64, 0, 0), "");
            tr->zf_x = NULL;
            return LLVMBuildZExt(tr->b, x, tr->i32, "zf");
        }
        tr->zf_x = NULL;
        return NULL;
    }
}
