/*
 * Hybrid translator: the value model.
 *
 * Owns where a TCG value lives while a trace runs: temps in allocas,
 * globals in SSA-promoted slots (Tr.globals) that are written back to
 * env (write_back_some()) and reloaded (reload_some()) exactly where the
 * rules of translate-internal.h ask, the restore id stored before each
 * access that may fault, and the small IR-building helpers every op
 * family uses (comparisons, masks, intrinsics, labels, returns).
 * Invariant: after write_back_some(tr, g, v) every global (g) or vreg
 * slot (v) in tr->dirty is exact in env and removed from tr->dirty.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

const HybridTemp *tr_temp_of(Tr *tr, uint32_t idx)
{
    return &tr->ir->temps[tr->blk->first_temp + idx];
}

/* Scalars as themselves; vectors stored as wide integers (V64 = i64). */
LLVMTypeRef tr_tcg_type(Tr *tr, int type)
{
    switch (type) {
    case TCG_TYPE_I32:
        return tr->i32;
    case TCG_TYPE_I64:
    case TCG_TYPE_V64:
        return tr->i64;
    case TCG_TYPE_V128:
        return tr->i128;
    default:
        return LLVMIntTypeInContext(tr->ctx, 256);
    }
}

int tr_global_index(Tr *tr, int64_t offset)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        if (!tr->globals[i].vreg && tr->globals[i].offset == offset) {
            return i;
        }
    }
    return -1;
}

Global *tr_global_at(Tr *tr, int64_t offset)
{
    int i = tr_global_index(tr, offset);

    return i < 0 ? NULL : &tr->globals[i];
}

void tr_gset_add(GSet *s, int i)
{
    s->w[i / 64] |= 1ull << (i % 64);
}

static bool gset_has(const GSet *s, int i)
{
    return s->w[i / 64] & (1ull << (i % 64));
}

/* *d |= s; returns whether *d grew. */
bool tr_gset_union(GSet *d, const GSet *s)
{
    bool grew = false;

    for (int k = 0; k < MAX_GLOBALS / 64; k++) {
        grew |= (s->w[k] & ~d->w[k]) != 0;
        d->w[k] |= s->w[k];
    }
    return grew;
}

LLVMValueRef tr_env_addr(Tr *tr, int64_t offset)
{
    LLVMValueRef off = LLVMConstInt(tr->i64, offset, true);

    return LLVMBuildGEP2(tr->b, tr->i8, tr->env, &off, 1, "");
}

LLVMValueRef tr_get(Tr *tr, uint32_t idx)
{
    const HybridTemp *t = tr_temp_of(tr, idx);
    LLVMTypeRef ty = tr_tcg_type(tr, t->type);

    switch (t->kind) {
    case HT_CONST:
        if (t->type >= TCG_TYPE_V64) {
            /* Vector constants repeat one 64-bit pattern (dup_const). */
            unsigned n = LLVMGetIntTypeWidth(ty) / 64;
            uint64_t words[4];

            for (unsigned k = 0; k < n; k++) {
                words[k] = t->val;
            }
            return LLVMConstIntOfArbitraryPrecision(ty, n, words);
        }
        return LLVMConstInt(ty, (uint64_t)t->val, false);
    case HT_ENV:
        return LLVMBuildPtrToInt(tr->b, tr->env, tr->i64, "");
    case HT_GLOBAL:
        return LLVMBuildLoad2(tr->b, ty, tr_global_at(tr, t->val)->slot, "");
    default:
        return LLVMBuildLoad2(tr->b, ty,
                              tr->temp_slot[tr->blk->first_temp + idx], "");
    }
}

/*
 * TCG reinterprets temps across widths (on 64-bit hosts, extrl_i64_i32 is
 * a mov_i32 of an i64 temp, ext32u_i64 may read an i32 temp): the op's
 * width decides.  Narrowing keeps the low half, widening leaves the high
 * half to the op, which in TCG is unspecified, so zero is as good as any.
 */
LLVMValueRef tr_fit(Tr *tr, LLVMValueRef v, LLVMTypeRef ty)
{
    unsigned from = LLVMGetIntTypeWidth(LLVMTypeOf(v));
    unsigned to = LLVMGetIntTypeWidth(ty);

    if (from == to) {
        return v;
    }
    return from > to ? LLVMBuildTrunc(tr->b, v, ty, "") :
                       LLVMBuildZExt(tr->b, v, ty, "");
}

/* Operand @idx read at width @ty. */
LLVMValueRef tr_get_as(Tr *tr, uint32_t idx, LLVMTypeRef ty)
{
    return tr_fit(tr, tr_get(tr, idx), ty);
}

bool tr_set(Tr *tr, uint32_t idx, LLVMValueRef v)
{
    const HybridTemp *t = tr_temp_of(tr, idx);

    v = tr_fit(tr, v, tr_tcg_type(tr, t->type));

    switch (t->kind) {
    case HT_GLOBAL:
        LLVMBuildStore(tr->b, v, tr_global_at(tr, t->val)->slot);
        tr_gset_add(&tr->dirty, tr_global_index(tr, t->val));
        return true;
    case HT_TEMP:
        LLVMBuildStore(tr->b, v, tr->temp_slot[tr->blk->first_temp + idx]);
        tr->untagged[tr->blk->first_temp + idx] = NULL;
        return true;
    default:
        REJECT(tr, HYBRID_REJECT_WRITE_CONST);
    }
}

/*
 * Store the TCG globals (@globals) and vreg slots (@vregs) that may
 * differ from env; those are exact in env afterwards.
 */
void tr_write_back_some(Tr *tr, bool globals, bool vregs)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        Global *g = &tr->globals[i];

        if (gset_has(&tr->dirty, i) && (g->vreg ? vregs : globals)) {
            LLVMBuildStore(tr->b, LLVMBuildLoad2(tr->b, g->type, g->slot, ""),
                           tr_env_addr(tr, g->offset));
            tr->dirty.w[i / 64] &= ~(1ull << (i % 64));
        }
    }
}

/* Everything: env is exact afterwards. */
void tr_write_back(Tr *tr)
{
    tr_write_back_some(tr, true, true);
}

/* Reload the promoted copies after a call that may have written env. */
/*
 * The write-back rule, stated once: what must be exact in env before @op
 * (in @blk) runs, because a fault there or a helper may read it.
 *  - A guest memory access (qemu_ld/st) may fault, and a guest handler
 *    sees every register: everything, unless tgt->faults_fatal.
 *  - A helper call reads the globals unless TCG_CALL_NO_READ_GLOBALS,
 *    and the vreg slots a pointer argument may reach.  Not the lookup
 *    helper, which the trace does not call, nor an FP helper whose fast
 *    path is inlined: neither path reads or writes a global
 *    (fp_helper_call()), so the globals stay dirty across it.
 *  - An ld/st through a pointer other than env may reach the vregs.
 * The emitters write back what this says (tr_write_back_for_op()), and
 * the dirty dataflow (translate-dirty.c) counts what this says as clean.
 */
EnvNeed tr_env_need(Tr *tr, const HybridBlock *blk, const HybridOp *op)
{
    EnvNeed need = { false, false };
    bool store;

    if (tr_is_qemu_ldst(op->opc)) {
        need.globals = need.vregs = !tr->tgt->faults_fatal;
    } else if (op->opc == INDEX_op_call) {
        if (!tr_is_lookup_call(tr, op) && !tr_is_fp_fast_call(tr, op)) {
            need.globals = !(tr_call_flags(tr, op) &
                             TCG_CALL_NO_READ_GLOBALS);
            need.vregs = tr_call_touches_vregs(tr, blk, op);
        }
    } else if (tr_is_pointer_access(tr, blk, op, &store)) {
        need.vregs = true;
    }
    return need;
}

/* Write back what the op being translated needs in env (tr_env_need()). */
void tr_write_back_for_op(Tr *tr)
{
    EnvNeed need = tr_env_need(tr, tr->blk, tr->op);

    tr_write_back_some(tr, need.globals, need.vregs);
}

void tr_reload_some(Tr *tr, bool globals, bool vregs)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        Global *g = &tr->globals[i];

        if (g->vreg ? vregs : globals) {
            LLVMBuildStore(tr->b,
                           LLVMBuildLoad2(tr->b, g->type,
                                          tr_env_addr(tr, g->offset), ""),
                           g->slot);
        }
    }
}

void tr_reload_globals(Tr *tr)
{
    tr_reload_some(tr, true, true);
}

/* An empty asm that may read and write any memory. */
void tr_memory_barrier(Tr *tr)
{
    static char text[] = "", clobber[] = "~{memory}";
    LLVMTypeRef fty = LLVMFunctionType(tr->voidt, NULL, 0, false);
    LLVMValueRef asm_ = LLVMGetInlineAsm(fty, text, 0, clobber,
                                         strlen(clobber), true, false,
                                         LLVMInlineAsmDialectATT, false);

    LLVMBuildCall2(tr->b, fty, asm_, NULL, 0, "");
}

void tr_set_restore_point(Tr *tr)
{
    LLVMValueRef st = LLVMBuildStore(tr->b,
                                     LLVMConstInt(tr->i32, tr->insn_id, 0),
                                     tr->frame);
    LLVMSetVolatile(st, true);
    tr->restore_set = true;
}

/* Start a fresh LLVM block for code after a terminator. */
void tr_new_dead_block(Tr *tr)
{
    LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "dead");

    LLVMPositionBuilderAtEnd(tr->b, bb);
    tr->dead = true;
}

void tr_ret(Tr *tr, uint32_t code)
{
    LLVMValueRef off = LLVMConstInt(tr->i64, HYBRID_FRAME_STEPS_OFFSET, 0);

    tr_write_back(tr);
    LLVMBuildStore(tr->b, LLVMBuildLoad2(tr->b, tr->i32, tr->steps, ""),
                   LLVMBuildGEP2(tr->b, tr->i8, tr->frame, &off, 1, ""));
    LLVMBuildRet(tr->b, LLVMConstInt(tr->i32, code, 0));
    tr_new_dead_block(tr);
}

LLVMBasicBlockRef tr_label_bb(Tr *tr, uint64_t id)
{
    if (!tr->labels[id]) {
        tr->labels[id] = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "L");
    }
    return tr->labels[id];
}

LLVMValueRef tr_call_intrinsic(Tr *tr, const char *name, LLVMTypeRef ty,
                               LLVMValueRef *args, int n)
{
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    LLVMValueRef f = LLVMGetIntrinsicDeclaration(tr->mod, id, &ty, 1);
    LLVMTypeRef fty = LLVMIntrinsicGetType(tr->ctx, id, &ty, 1);

    return LLVMBuildCall2(tr->b, fty, f, args, n, "");
}

static LLVMIntPredicate pred(TCGCond c, bool *ok)
{
    *ok = true;
    switch (c) {
    case TCG_COND_EQ:  return LLVMIntEQ;
    case TCG_COND_NE:  return LLVMIntNE;
    case TCG_COND_LT:  return LLVMIntSLT;
    case TCG_COND_GE:  return LLVMIntSGE;
    case TCG_COND_LE:  return LLVMIntSLE;
    case TCG_COND_GT:  return LLVMIntSGT;
    case TCG_COND_LTU: return LLVMIntULT;
    case TCG_COND_GEU: return LLVMIntUGE;
    case TCG_COND_LEU: return LLVMIntULE;
    case TCG_COND_GTU: return LLVMIntUGT;
    default:
        *ok = false;
        return LLVMIntEQ;
    }
}

/* icmp for a TCG condition, including the constant ALWAYS and NEVER. */
LLVMValueRef tr_cmp(Tr *tr, TCGCond c, LLVMValueRef a, LLVMValueRef b)
{
    bool ok;
    LLVMIntPredicate p;

    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        return LLVMConstInt(tr->i1, c == TCG_COND_ALWAYS, 0);
    }
    p = pred(c, &ok);
    if (!ok) {
        tr->why = HYBRID_REJECT_UNKNOWN_COND;
        return NULL;
    }
    return LLVMBuildICmp(tr->b, p, a, b, "");
}

LLVMValueRef tr_mask_of(LLVMTypeRef ty, unsigned len)
{
    return LLVMConstInt(ty, len >= 64 ? ~0ull : (1ull << len) - 1, 0);
}

bool tr_is_global_at(Tr *tr, uint64_t idx, int64_t offset)
{
    const HybridTemp *t = tr_temp_of(tr, idx);

    return t->kind == HT_GLOBAL && t->val == offset;
}

bool tr_is_const(Tr *tr, uint64_t idx, int64_t v)
{
    const HybridTemp *t = tr_temp_of(tr, idx);

    return t->kind == HT_CONST && t->val == v;
}
