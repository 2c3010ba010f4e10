/*
 * Hybrid translator: helper calls.
 *
 * Owns the call op: the LLVM type of a helper, which globals and vreg
 * slots must be in env before it (by its TCG call flags, and whether a
 * pointer argument may reach the vector registers) and which to reload
 * after it; QEMU's FP helpers with an inlined fast path go to
 * translate-fp.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

static LLVMTypeRef call_type(Tr *tr, unsigned code)
{
    switch (code) {
    case 0:  return tr->voidt;          /* dh_typecode_void */
    case 2:                             /* i32 */
    case 3:  return tr->i32;            /* s32 */
    case 4:                             /* i64 */
    case 5:  return tr->i64;            /* s64 */
    case 6:  return tr->ptr;            /* ptr */
    default: return NULL;
    }
}

/*
 * Is temp @idx, as op @at of @blk uses it, env plus a constant?  Found
 * from the op that computed it in the block: *off is the constant.
 */
bool tr_env_offset_of(Tr *tr, const HybridBlock *blk, uint32_t at,
                      uint64_t idx, int64_t *off)
{
    const HybridTemp *t = tr_block_temp(tr, blk, idx);

    if (t->kind != HT_TEMP) {
        return false;
    }
    for (uint32_t j = at; j-- > blk->first_op;) {
        const HybridOp *d = &tr->ir->ops[j];
        const uint64_t *da = &tr->ir->args[d->args];

        if (d->nb_oargs < 1 || da[0] != idx) {
            continue;
        }
        if (d->opc == INDEX_op_add_i64 &&
            tr_block_temp(tr, blk, da[1])->kind == HT_ENV &&
            tr_block_temp(tr, blk, da[2])->kind == HT_CONST) {
            *off = tr_block_temp(tr, blk, da[2])->val;
            return true;
        }
        return false;
    }
    return false;
}

/*
 * Is pointer argument @idx of the call at op @at env plus an offset
 * outside the vector registers (a float_status, say)?  Anything else may
 * point into them.
 */
static bool ptr_outside_vregs(Tr *tr, const HybridBlock *blk, uint32_t at,
                              uint64_t idx)
{
    int64_t lo = tr->tgt->vregs_offset, hi = lo + tr->tgt->vregs_size;
    int64_t off;

    if (tr_block_temp(tr, blk, idx)->kind == HT_CONST) {
        return true;                    /* not a pointer into env */
    }
    if (!tr_env_offset_of(tr, blk, at, idx, &off)) {
        return false;
    }
    return off < lo || off >= hi;
}

/* May the helper called by @op read or write the vector registers? */
bool tr_call_touches_vregs(Tr *tr, const HybridBlock *blk,
                           const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    int no = op->nb_oargs, ni = op->nb_iargs;
    unsigned typemask = a[no + ni + 2];

    if (tr_fp_helper_index(tr, (void *)(uintptr_t)a[no + ni]) >= 0) {
        return false;                   /* float_status only */
    }
    for (int i = 0; i < ni; i++) {
        if (((typemask >> (3 * (i + 1))) & 7) == 6 &&     /* ptr */
            !ptr_outside_vregs(tr, blk, op - tr->ir->ops, a[no + i])) {
            return true;
        }
    }
    return false;
}

bool tr_do_call(Tr *tr, const HybridOp *op, const uint64_t *a)
{
    int no = op->nb_oargs, ni = op->nb_iargs;
    void *func = (void *)(uintptr_t)a[no + ni];
    unsigned flags = a[no + ni + 1];
    unsigned typemask = a[no + ni + 2];
    LLVMTypeRef params[16], rty;
    LLVMValueRef args[16], f, r;
    bool vregs;

    if (ni > 15 || no > 1) {
        REJECT(tr, HYBRID_REJECT_CALL_ARGS);
    }
    if (tr_is_fp_fast_call(tr, op)) {       /* tr_env_need() agrees */
        return tr_do_fp_fast(tr, op, a, tr_fp_fast_index(tr, op));
    }
    rty = call_type(tr, typemask & 7);
    if (!rty || (rty == tr->voidt) != (no == 0)) {
        REJECT(tr, HYBRID_REJECT_CALL_RET_TYPE);
    }
    for (int i = 0; i < ni; i++) {
        LLVMTypeRef pty = call_type(tr, (typemask >> (3 * (i + 1))) & 7);
        LLVMValueRef v;

        if (!pty || pty == tr->voidt) {
            REJECT(tr, HYBRID_REJECT_CALL_ARG_TYPE);
        }
        if (tr_temp_of(tr, a[no + i])->kind == HT_ENV && pty == tr->ptr) {
            v = tr->env;
        } else if (pty == tr->ptr) {
            v = LLVMBuildIntToPtr(tr->b, tr_get_as(tr, a[no + i], tr->i64),
                                  tr->ptr, "");
        } else {
            v = tr_get_as(tr, a[no + i], pty);
        }
        params[i] = pty;
        args[i] = v;
    }
    vregs = tr_call_touches_vregs(tr, tr->blk, op);
    tr_set_restore_point(tr);
    /* As TCG: sync the globals before the call, and the vregs it sees. */
    tr_write_back_for_op(tr);
    f = LLVMConstIntToPtr(LLVMConstInt(tr->i64, (uintptr_t)func, 0), tr->ptr);
    r = LLVMBuildCall2(tr->b, LLVMFunctionType(rty, params, ni, false), f,
                       args, ni, "");
    if (flags & TCG_CALL_NO_RETURN) {
        LLVMBuildUnreachable(tr->b);
        tr_new_dead_block(tr);
        return true;
    }
    /* As TCG: NO_READ_GLOBALS (NO_RWG) means it touches none at all. */
    tr_reload_some(tr, !(flags & (TCG_CALL_NO_WRITE_GLOBALS |
                                  TCG_CALL_NO_READ_GLOBALS)),
                vregs && !(flags & TCG_CALL_NO_SIDE_EFFECTS));
    if (!(flags & TCG_CALL_NO_SIDE_EFFECTS)) {
        tr_fp_env_refresh(tr);          /* it may have written FPCR */
    }
    if (no) {
        if (rty == tr->ptr) {
            r = LLVMBuildPtrToInt(tr->b, r, tr->i64, "");
        }
        return tr_set(tr, a[0], r);
    }
    return true;
}
