/*
 * Hybrid translator: guest memory and the vector-register slots.
 *
 * Owns the translation of guest loads and stores (qemu_ld/qemu_st: the
 * host address, the volatile access, the unaligned and fault paths) and
 * of env accesses that fall into the vector registers (vreg slots: wide
 * integers read by shifts and written by masks).  Before an access that
 * may fault it writes back what the value model says is dirty, unless
 * tgt->faults_fatal.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

/* TR_HOST_LDST by opcode; bytes is 0 for any other op. */
static const struct {
    uint8_t bytes;
    bool sign, store;
} host_ldst[NB_OPS] = {
#define HOST_LDST_ROW(op, bytes_, sign_, store_) \
    [INDEX_op_##op] = { .bytes = bytes_, .sign = sign_, .store = store_ },
    TR_HOST_LDST(HOST_LDST_ROW)
#undef HOST_LDST_ROW
};

/*
 * Host ld/st ops, the scalar ones of TR_HOST_LDST and the vector ones:
 * the bytes accessed and whether it is a store.  Base is args[1],
 * offset args[2].
 */
bool tr_host_access(const HybridOp *op, unsigned *size, bool *store)
{
    *store = false;
    if (host_ldst[op->opc].bytes) {
        *size = host_ldst[op->opc].bytes;
        *store = host_ldst[op->opc].store;
        return true;
    }
    switch (op->opc) {
    case INDEX_op_st_vec:
        *store = true;
        /* fall through */
    case INDEX_op_ld_vec:
        *size = 8 << op->param1;
        return true;
    case INDEX_op_dupm_vec:
        *size = 1 << op->param2;
        return true;
    default:
        return false;
    }
}

const HybridTemp *tr_block_temp(Tr *tr, const HybridBlock *blk,
                                uint64_t idx)
{
    return &tr->ir->temps[blk->first_temp + idx];
}

/* The vreg slot holding all of [offset, offset + size), or -1. */
int tr_vreg_index(Tr *tr, int64_t offset, unsigned size)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        Global *g = &tr->globals[i];

        if (g->vreg && offset >= g->offset &&
            offset + size <= g->offset + g->bytes) {
            return i;
        }
    }
    return -1;
}

/* Is [offset, offset + size) inside a zero-only span (no slot)? */
bool tr_in_zero_span(Tr *tr, int64_t offset, unsigned size)
{
    for (guint i = 0; tr->zero_spans && i + 1 < tr->zero_spans->len; i += 2) {
        int64_t lo = g_array_index(tr->zero_spans, int64_t, i);
        int64_t hi = g_array_index(tr->zero_spans, int64_t, i + 1);

        if (offset >= lo && offset + size <= hi) {
            return true;
        }
    }
    return false;
}

/* @op's vreg slot if it is an env ld/st of promoted bytes, else -1. */
int tr_op_vreg(Tr *tr, const HybridBlock *blk, const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    unsigned size;
    bool store;

    if (!tr_host_access(op, &size, &store) ||
        tr_block_temp(tr, blk, a[1])->kind != HT_ENV) {
        return -1;
    }
    return tr_vreg_index(tr, a[2], size);
}

/* A host ld/st through a pointer (not env): it may reach the vregs. */
bool tr_is_pointer_access(Tr *tr, const HybridBlock *blk,
                          const HybridOp *op, bool *store)
{
    const uint64_t *a = &tr->ir->args[op->args];
    unsigned size;

    return tr_host_access(op, &size, store) &&
           tr_block_temp(tr, blk, a[1])->kind != HT_ENV;
}

/* @size bytes at @offset of vreg slot @i. */
LLVMValueRef tr_vreg_read(Tr *tr, int i, int64_t offset, unsigned size)
{
    Global *g = &tr->globals[i];
    LLVMValueRef v = LLVMBuildLoad2(tr->b, g->type, g->slot, "");
    unsigned sh = (offset - g->offset) * 8;

    if (sh) {
        v = LLVMBuildLShr(tr->b, v, LLVMConstInt(g->type, sh, 0), "");
    }
    if (size != g->bytes) {
        v = LLVMBuildTrunc(tr->b, v, LLVMIntTypeInContext(tr->ctx, size * 8),
                           "");
    }
    return v;
}

/* Write @v (its width: the bytes stored) at @offset of vreg slot @i. */
void tr_vreg_write(Tr *tr, int i, int64_t offset, LLVMValueRef v)
{
    Global *g = &tr->globals[i];
    unsigned bits = LLVMGetIntTypeWidth(LLVMTypeOf(v));
    unsigned sh = (offset - g->offset) * 8;

    if (bits != g->bytes * 8) {
        LLVMValueRef old = LLVMBuildLoad2(tr->b, g->type, g->slot, "");
        LLVMValueRef ones = LLVMBuildZExt(tr->b,
                                          LLVMConstAllOnes(LLVMTypeOf(v)),
                                          g->type, "");
        LLVMValueRef shc = LLVMConstInt(g->type, sh, 0);
        LLVMValueRef keep = LLVMBuildNot(tr->b,
                                         LLVMBuildShl(tr->b, ones, shc, ""), "");

        v = LLVMBuildShl(tr->b, LLVMBuildZExt(tr->b, v, g->type, ""), shc, "");
        v = LLVMBuildOr(tr->b, LLVMBuildAnd(tr->b, old, keep, ""), v, "");
    }
    LLVMBuildStore(tr->b, v, g->slot);
    tr_gset_add(&tr->dirty, i);
}

/* An ld/st op on a host pointer: env (most) or a pointer computed from it. */
LLVMValueRef tr_host_addr(Tr *tr, uint32_t base, int64_t offset,
                          unsigned size, bool *is_exit_check)
{
    const HybridTemp *t = tr_temp_of(tr, base);
    LLVMValueRef p;

    *is_exit_check = false;
    if (t->kind == HT_ENV) {
        for (int i = 0; i < tr->nb_globals; i++) {
            Global *g = &tr->globals[i];
            int64_t gsize = g->vreg ? g->bytes : g->type == tr->i32 ? 4 : 8;

            if (offset < g->offset + gsize && g->offset < offset + size) {
                tr->why = HYBRID_REJECT_ENV_OVERLAP;
                return NULL;
            }
        }
        *is_exit_check = offset == tr->tgt->exit_check_offset;
        return tr_env_addr(tr, offset);
    }
    /* Through a pointer: it may reach the vector registers. */
    tr_write_back_for_op(tr);
    p = LLVMBuildIntToPtr(tr->b, tr_get_as(tr, base, tr->i64), tr->ptr, "");
    if (offset) {
        LLVMValueRef off = LLVMConstInt(tr->i64, offset, true);
        p = LLVMBuildGEP2(tr->b, tr->i8, p, &off, 1, "");
    }
    return p;
}

static bool do_ld(Tr *tr, const uint64_t *a, LLVMTypeRef rty, unsigned bits,
                  bool sign)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);
    bool exit_check = false;
    LLVMValueRef p = NULL, v;
    int vr = tr_temp_of(tr, a[1])->kind == HT_ENV ?
             tr_vreg_index(tr, a[2], bits / 8) : -1;

    if (vr >= 0) {
        v = tr_vreg_read(tr, vr, a[2], bits / 8);
    } else if (!(p = tr_host_addr(tr, a[1], a[2], bits / 8, &exit_check))) {
        return false;
    } else {
        v = LLVMBuildLoad2(tr->b, ty, p, "");
    }
    if (exit_check && tr->skip_poll) {
        v = LLVMConstInt(ty, 0, 0);         /* no request: fall through */
    } else if (exit_check) {
        /* cpu_exit() writes it from other threads: never hoist it. */
        LLVMSetVolatile(v, true);
    }
    if (bits < LLVMGetIntTypeWidth(rty)) {
        v = sign ? LLVMBuildSExt(tr->b, v, rty, "") :
                   LLVMBuildZExt(tr->b, v, rty, "");
    }
    return tr_set(tr, a[0], v);
}

static bool do_st(Tr *tr, const uint64_t *a, unsigned bits)
{
    bool exit_check;
    LLVMValueRef p, v;
    int vr = tr_temp_of(tr, a[1])->kind == HT_ENV ?
             tr_vreg_index(tr, a[2], bits / 8) : -1;

    if (tr_temp_of(tr, a[1])->kind == HT_ENV && tr_in_zero_span(tr, a[2], bits / 8)) {
        return true;                    /* zero over zero (collect_vregs) */
    }
    v = tr_get_as(tr, a[0], LLVMIntTypeInContext(tr->ctx, bits));
    if (vr >= 0) {
        tr_vreg_write(tr, vr, a[2], v);
        return true;
    }
    p = tr_host_addr(tr, a[1], a[2], bits / 8, &exit_check);
    if (!p) {
        return false;
    }
    LLVMBuildStore(tr->b, v, p);
    if (tr_temp_of(tr, a[1])->kind != HT_ENV) {
        tr_reload_some(tr, false, true);       /* it may have hit a vreg */
    }
    tr_fp_env_stored(tr, tr_temp_of(tr, a[1])->kind == HT_ENV, a[2],
                     bits / 8);
    return true;
}

/* A scalar host ld/st of TR_HOST_LDST; @ty is the op's integer type. */
bool tr_do_host_ldst(Tr *tr, const HybridOp *op, const uint64_t *a,
                     LLVMTypeRef ty)
{
    unsigned bits = host_ldst[op->opc].bytes * 8;

    return host_ldst[op->opc].store ? do_st(tr, a, bits) :
           do_ld(tr, a, ty, bits, host_ldst[op->opc].sign);
}

static void call_noreturn(Tr *tr, void *fn, LLVMValueRef addr)
{
    LLVMTypeRef params[2] = { tr->ptr, tr->i64 };
    LLVMTypeRef fty = LLVMFunctionType(tr->voidt, params, 2, false);
    LLVMValueRef f = LLVMConstIntToPtr(LLVMConstInt(tr->i64, (uintptr_t)fn, 0),
                                       tr->ptr);
    LLVMValueRef args[2] = { tr->env, addr };

    LLVMBuildCall2(tr->b, fty, f, args, 2, "");
    LLVMBuildUnreachable(tr->b);
}

/* qemu_ld/st: a guest memory access (user mode: host address + base). */
bool tr_do_qemu_ldst(Tr *tr, const uint64_t *a, bool is_ld, bool is64)
{
    MemOpIdx oi = a[2];
    MemOp mop = get_memop(oi);
    unsigned bits = 8 << (mop & MO_SIZE);
    unsigned abits = get_alignment_bits(mop);
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef rty = is64 ? tr->i64 : tr->i32;
    LLVMValueRef addr, access, p, v;

    if (mop & MO_BSWAP) {
        REJECT(tr, HYBRID_REJECT_BSWAP_ACCESS);
    }
    if (bits > LLVMGetIntTypeWidth(rty)) {
        REJECT(tr, HYBRID_REJECT_WIDE_ACCESS);
    }
    if (!tr->tgt->faults_fatal) {
        tr_set_restore_point(tr);
        tr_write_back_for_op(tr);      /* the access may fault */
        tr_memory_barrier(tr);
    } else if (!tr->restore_set) {
        /*
         * A fault here ends the process (no guest handler can see it),
         * and registers are not written back before the access anyway:
         * the restore point only names a guest PC for the report and the
         * core file.  One per run of straight-line ops, at its first
         * access, instead of one per access: a volatile store each cost
         * interp, sha256 and bintree 7%.  A fault later in the run is
         * reported at that first access's instruction.
         */
        tr_set_restore_point(tr);
    }
    addr = tr_get_as(tr, a[1], tr->i64);
    access = tr_untagged_of(tr, a[1]);
    if (!access) {
        access = addr;
    }
    if (abits) {
        /* The same check and helper TCG's slow path uses (SIGBUS). */
        LLVMBasicBlockRef bad = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "unaligned");
        LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "aligned");
        LLVMValueRef low = LLVMBuildAnd(tr->b, addr,
                                        tr_mask_of(tr->i64, abits), "");
        GSet dirty = tr->dirty;

        LLVMBuildCondBr(tr->b,
                        LLVMBuildICmp(tr->b, LLVMIntNE, low,
                                      LLVMConstInt(tr->i64, 0, 0), ""),
                        bad, ok);
        LLVMPositionBuilderAtEnd(tr->b, bad);
        tr_write_back(tr);             /* a no-op unless faults_fatal */
        call_noreturn(tr, is_ld ? tr->tgt->unaligned_ld : tr->tgt->unaligned_st,
                      addr);
        LLVMPositionBuilderAtEnd(tr->b, ok);
        tr->dirty = dirty;
    }
    if (tr->tgt->guest_base) {
        access = LLVMBuildAdd(tr->b, access,
                              LLVMConstInt(tr->i64, tr->tgt->guest_base, 0),
                              "");
    }
    p = LLVMBuildIntToPtr(tr->b, access, tr->ptr, "");
    if (is_ld) {
        v = LLVMBuildLoad2(tr->b, ty, p, "");
        LLVMSetVolatile(v, true);
        LLVMSetAlignment(v, 1);
        if (bits < LLVMGetIntTypeWidth(rty)) {
            v = (mop & MO_SIGN) ? LLVMBuildSExt(tr->b, v, rty, "") :
                                  LLVMBuildZExt(tr->b, v, rty, "");
        }
        return tr_set(tr, a[0], v);
    }
    v = LLVMBuildStore(tr->b, tr_get_as(tr, a[0], ty), p);
    LLVMSetVolatile(v, true);
    LLVMSetAlignment(v, 1);
    return true;
}
