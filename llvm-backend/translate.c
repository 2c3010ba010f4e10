/*
 * Hybrid translator, stage 4: trace IR -> LLVM IR.
 *
 * Each op gets its meaning from tcg/README.  The choices that make the
 * result exact:
 *  - Globals live in SSA-promoted copies (an alloca per env slot) and are
 *    written back to env exactly where TCG needs them in memory: before a
 *    guest memory access (it may fault) unless tgt->faults_fatal (the
 *    guest cannot catch the fault, so no one sees the registers; see
 *    hybrid_faults_observed()), before a helper call that may read
 *    globals, and at every exit.  Only globals that may have been
 *    written since the last write-back are stored: a forward "may be
 *    dirty" dataflow over the trace's op graph (dirty.c-style, below)
 *    decides.  A loop with no memory access keeps its registers in host
 *    registers until it exits.  After a call that may write globals, the
 *    copies are reloaded.
 *  - Guest memory accesses and the exit-request load are volatile; mb is
 *    a fence, seq_cst when it asks for store-to-load order, else acq_rel
 *    (no instruction on x86).  Shift counts are masked (TCG leaves out-of-range shifts
 *    unspecified, LLVM would make them poison).
 *  - The restore id of the current guest instruction is stored (volatile)
 *    into the frame before every guest memory access and helper call, so
 *    a fault reports the exact PC in either mode.
 *  - Before every guest memory access that writes back, a compiler
 *    barrier that may read all memory: a fault there observes env, so no
 *    earlier env store may be deleted or sunk past it (a volatile store
 *    alone does not keep dead-store elimination from dropping
 *    write-backs).
 *  - The vector registers (env->vfp.zregs: FP and SIMD values) are
 *    promoted too, in "vreg" slots: each group of overlapping env ld/st
 *    in that range becomes one wide integer (at most 32 bytes), read by
 *    shifts and written by masks, dirty-tracked like a global.  They go
 *    to env before a guest memory access, at exits, and before a helper
 *    call or a pointer access that may reach them (a pointer argument
 *    that is not env plus an offset outside the vector registers); after
 *    such a call with side effects, or such a store, they are reloaded.
 *    A group the trace only ever overwrites with zeros (the high parts
 *    a scalar FP write clears) is no slot at all: the trace checks at
 *    entry that env holds zero there (else it runs as plain TCG), and
 *    its stores are then no-ops, as long as nothing else in the trace
 *    may write vector registers.
 *  - Anything unknown rejects the trace.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate.h"

typedef struct Global {
    int64_t offset;
    LLVMTypeRef type;
    LLVMValueRef slot;          /* the alloca */
    bool vreg;                  /* vector-register bytes, not a TCG global */
    unsigned bytes;             /* vreg: its size */
} Global;

/* A set of globals, by index into Tr.globals. */
#define MAX_GLOBALS 128
typedef struct GSet {
    uint64_t w[MAX_GLOBALS / 64];
} GSet;

typedef struct Tr {
    LLVMContextRef ctx;
    LLVMModuleRef mod;
    LLVMBuilderRef b;
    LLVMValueRef fn, env, frame;
    LLVMValueRef steps;            /* alloca: block-to-block moves */
    LLVMTypeRef i1, i8, i16, i32, i64, i128, ptr, voidt;
    const HybridTraceIR *ir;
    const HybridTarget *tgt;

    Global *globals;
    int nb_globals;
    GArray *zero_spans;            /* int64_t lo, hi pairs: vreg bytes the
                                      trace keeps zero (no slot) */
    LLVMBasicBlockRef *block_bb;   /* first LLVM block of each trace block */

    /* Per trace block being translated. */
    const HybridBlock *blk;
    LLVMValueRef *temp_slot;       /* allocas of all blocks' temps */
    /* Guest addresses with the tag byte masked off (see note_untagged()). */
    LLVMValueRef *untagged;        /* per temp, like temp_slot */
    LLVMBasicBlockRef untagged_bb; /* the LLVM block they are valid in */
    LLVMBasicBlockRef *labels;
    uint32_t insn_id;              /* restore id of the current insn */
    uint32_t next_insn;
    bool restore_set;              /* this run stored a restore id already
                                      (faults_fatal: see do_qemu_ldst()) */
    bool dead;                     /* current LLVM block is unreachable */
    /* Unrolled self-loops (unroll_self_loop()): this copy's successor. */
    LLVMBasicBlockRef self_next;
    bool skip_poll;                /* the first copy polls for all */
    bool *poll;                    /* per trace block: see find_polls() */

    /* Write-back: globals that may differ from env right now. */
    GSet dirty;
    GSet *dirty_in;                /* per op (trace index): set at a leader */
    bool *leader;

    const char *why;

    /* The 64-bit Z flag idiom, being recognised (see zf_idiom()). */
    LLVMValueRef zf_x;             /* the i64 result its ZF comes from */
    uint64_t zf_src, zf_dst, nf_src, nf_dst;
    unsigned zf_age;               /* ops since the first one */
    unsigned zf_or_age;            /* the age the or must come at, or 0 */
} Tr;

#define REJECT(tr, reason) do { (tr)->why = (reason); return false; } while (0)

/* ------------------------------------------------------------------ */
/* Values                                                              */

static const HybridTemp *temp_of(Tr *tr, uint32_t idx)
{
    return &tr->ir->temps[tr->blk->first_temp + idx];
}

/* Scalars as themselves; vectors stored as wide integers (V64 = i64). */
static LLVMTypeRef tcg_type(Tr *tr, int type)
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

static int global_index(Tr *tr, int64_t offset)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        if (!tr->globals[i].vreg && tr->globals[i].offset == offset) {
            return i;
        }
    }
    return -1;
}

static Global *global_at(Tr *tr, int64_t offset)
{
    int i = global_index(tr, offset);

    return i < 0 ? NULL : &tr->globals[i];
}

static void gset_add(GSet *s, int i)
{
    s->w[i / 64] |= 1ull << (i % 64);
}

static bool gset_has(const GSet *s, int i)
{
    return s->w[i / 64] & (1ull << (i % 64));
}

/* *d |= s; returns whether *d grew. */
static bool gset_union(GSet *d, const GSet *s)
{
    bool grew = false;

    for (int k = 0; k < MAX_GLOBALS / 64; k++) {
        grew |= (s->w[k] & ~d->w[k]) != 0;
        d->w[k] |= s->w[k];
    }
    return grew;
}

static LLVMValueRef env_addr(Tr *tr, int64_t offset)
{
    LLVMValueRef off = LLVMConstInt(tr->i64, offset, true);

    return LLVMBuildGEP2(tr->b, tr->i8, tr->env, &off, 1, "");
}

static LLVMValueRef get(Tr *tr, uint32_t idx)
{
    const HybridTemp *t = temp_of(tr, idx);
    LLVMTypeRef ty = tcg_type(tr, t->type);

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
        return LLVMBuildLoad2(tr->b, ty, global_at(tr, t->val)->slot, "");
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
static LLVMValueRef fit(Tr *tr, LLVMValueRef v, LLVMTypeRef ty)
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
static LLVMValueRef get_as(Tr *tr, uint32_t idx, LLVMTypeRef ty)
{
    return fit(tr, get(tr, idx), ty);
}

static bool set(Tr *tr, uint32_t idx, LLVMValueRef v)
{
    const HybridTemp *t = temp_of(tr, idx);

    v = fit(tr, v, tcg_type(tr, t->type));

    switch (t->kind) {
    case HT_GLOBAL:
        LLVMBuildStore(tr->b, v, global_at(tr, t->val)->slot);
        gset_add(&tr->dirty, global_index(tr, t->val));
        return true;
    case HT_TEMP:
        LLVMBuildStore(tr->b, v, tr->temp_slot[tr->blk->first_temp + idx]);
        tr->untagged[tr->blk->first_temp + idx] = NULL;
        return true;
    default:
        REJECT(tr, "write to a constant or env");
    }
}

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
static void note_untagged(Tr *tr, uint32_t idx, LLVMValueRef v)
{
    LLVMBasicBlockRef bb = LLVMGetInsertBlock(tr->b);

    if (temp_of(tr, idx)->kind != HT_TEMP) {
        return;
    }
    if (tr->untagged_bb != bb) {
        memset(tr->untagged, 0, sizeof(*tr->untagged) * (tr->ir->nb_temps + 1));
        tr->untagged_bb = bb;
    }
    tr->untagged[tr->blk->first_temp + idx] = v;
}

static LLVMValueRef untagged_of(Tr *tr, uint32_t idx)
{
    if (temp_of(tr, idx)->kind != HT_TEMP ||
        tr->untagged_bb != LLVMGetInsertBlock(tr->b)) {
        return NULL;
    }
    return tr->untagged[tr->blk->first_temp + idx];
}

static bool is_const(Tr *tr, uint64_t idx, int64_t v);

static bool is_op(Tr *tr, const HybridOp *op, unsigned opc, uint64_t a0,
                  uint64_t a1, int64_t a2)
{
    const uint64_t *p = &tr->ir->args[op->args];

    return op->opc == opc && p[0] == a0 && p[1] == a1 && is_const(tr, p[2], a2);
}

/*
 * After and_i64 d, t, x: was t sextract(x, 0, 56), t != x?  On an x86
 * host TCG expands that sextract into shl_i64 t, x, 8; sar_i64 t, t, 8.
 */
static void track_untagged(Tr *tr, const HybridOp *op, const uint64_t *a)
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
    v = LLVMBuildAnd(tr->b, get(tr, a[2]),
                     LLVMConstInt(tr->i64, (1ull << 56) - 1, 0), "untagged");
    note_untagged(tr, a[0], v);
}

/*
 * Store the TCG globals (@globals) and vreg slots (@vregs) that may
 * differ from env; those are exact in env afterwards.
 */
static void write_back_some(Tr *tr, bool globals, bool vregs)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        Global *g = &tr->globals[i];

        if (gset_has(&tr->dirty, i) && (g->vreg ? vregs : globals)) {
            LLVMBuildStore(tr->b, LLVMBuildLoad2(tr->b, g->type, g->slot, ""),
                           env_addr(tr, g->offset));
            tr->dirty.w[i / 64] &= ~(1ull << (i % 64));
        }
    }
}

/* Everything: env is exact afterwards. */
static void write_back(Tr *tr)
{
    write_back_some(tr, true, true);
}

/* Reload the promoted copies after a call that may have written env. */
static void reload_some(Tr *tr, bool globals, bool vregs)
{
    for (int i = 0; i < tr->nb_globals; i++) {
        Global *g = &tr->globals[i];

        if (g->vreg ? vregs : globals) {
            LLVMBuildStore(tr->b,
                           LLVMBuildLoad2(tr->b, g->type,
                                          env_addr(tr, g->offset), ""),
                           g->slot);
        }
    }
}

static void reload_globals(Tr *tr)
{
    reload_some(tr, true, true);
}

/* An empty asm that may read and write any memory. */
static void memory_barrier(Tr *tr)
{
    static char text[] = "", clobber[] = "~{memory}";
    LLVMTypeRef fty = LLVMFunctionType(tr->voidt, NULL, 0, false);
    LLVMValueRef asm_ = LLVMGetInlineAsm(fty, text, 0, clobber,
                                         strlen(clobber), true, false,
                                         LLVMInlineAsmDialectATT, false);

    LLVMBuildCall2(tr->b, fty, asm_, NULL, 0, "");
}

static void set_restore_point(Tr *tr)
{
    LLVMValueRef st = LLVMBuildStore(tr->b,
                                     LLVMConstInt(tr->i32, tr->insn_id, 0),
                                     tr->frame);
    LLVMSetVolatile(st, true);
    tr->restore_set = true;
}

/* Start a fresh LLVM block for code after a terminator. */
static void new_dead_block(Tr *tr)
{
    LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "dead");

    LLVMPositionBuilderAtEnd(tr->b, bb);
    tr->dead = true;
}

static void ret(Tr *tr, uint32_t code)
{
    LLVMValueRef off = LLVMConstInt(tr->i64, HYBRID_FRAME_STEPS_OFFSET, 0);

    write_back(tr);
    LLVMBuildStore(tr->b, LLVMBuildLoad2(tr->b, tr->i32, tr->steps, ""),
                   LLVMBuildGEP2(tr->b, tr->i8, tr->frame, &off, 1, ""));
    LLVMBuildRet(tr->b, LLVMConstInt(tr->i32, code, 0));
    new_dead_block(tr);
}

static LLVMBasicBlockRef label_bb(Tr *tr, uint64_t id)
{
    if (!tr->labels[id]) {
        tr->labels[id] = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "L");
    }
    return tr->labels[id];
}

static LLVMValueRef call_intrinsic(Tr *tr, const char *name, LLVMTypeRef ty,
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
static LLVMValueRef cmp(Tr *tr, TCGCond c, LLVMValueRef a, LLVMValueRef b)
{
    bool ok;
    LLVMIntPredicate p;

    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        return LLVMConstInt(tr->i1, c == TCG_COND_ALWAYS, 0);
    }
    p = pred(c, &ok);
    if (!ok) {
        tr->why = "unknown condition";
        return NULL;
    }
    return LLVMBuildICmp(tr->b, p, a, b, "");
}

static LLVMValueRef mask_of(LLVMTypeRef ty, unsigned len)
{
    return LLVMConstInt(ty, len >= 64 ? ~0ull : (1ull << len) - 1, 0);
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */

/*
 * Host ld/st ops (env fields, or pointers computed from env): the bytes
 * accessed and whether it is a store.  Base is args[1], offset args[2].
 */
static bool host_access(const HybridOp *op, unsigned *size, bool *store)
{
    *store = false;
    switch (op->opc) {
    case INDEX_op_st8_i32: case INDEX_op_st8_i64:
        *store = true;
        /* fall through */
    case INDEX_op_ld8u_i32: case INDEX_op_ld8s_i32:
    case INDEX_op_ld8u_i64: case INDEX_op_ld8s_i64:
        *size = 1;
        return true;
    case INDEX_op_st16_i32: case INDEX_op_st16_i64:
        *store = true;
        /* fall through */
    case INDEX_op_ld16u_i32: case INDEX_op_ld16s_i32:
    case INDEX_op_ld16u_i64: case INDEX_op_ld16s_i64:
        *size = 2;
        return true;
    case INDEX_op_st_i32: case INDEX_op_st32_i64:
        *store = true;
        /* fall through */
    case INDEX_op_ld_i32: case INDEX_op_ld32u_i64: case INDEX_op_ld32s_i64:
        *size = 4;
        return true;
    case INDEX_op_st_i64:
        *store = true;
        /* fall through */
    case INDEX_op_ld_i64:
        *size = 8;
        return true;
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

static const HybridTemp *block_temp(Tr *tr, const HybridBlock *blk,
                                    uint64_t idx)
{
    return &tr->ir->temps[blk->first_temp + idx];
}

/* The vreg slot holding all of [offset, offset + size), or -1. */
static int vreg_index(Tr *tr, int64_t offset, unsigned size)
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
static bool in_zero_span(Tr *tr, int64_t offset, unsigned size)
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
static int op_vreg(Tr *tr, const HybridBlock *blk, const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    unsigned size;
    bool store;

    if (!host_access(op, &size, &store) ||
        block_temp(tr, blk, a[1])->kind != HT_ENV) {
        return -1;
    }
    return vreg_index(tr, a[2], size);
}

/* A host ld/st through a pointer (not env): it may reach the vregs. */
static bool is_pointer_access(Tr *tr, const HybridBlock *blk,
                              const HybridOp *op, bool *store)
{
    const uint64_t *a = &tr->ir->args[op->args];
    unsigned size;

    return host_access(op, &size, store) &&
           block_temp(tr, blk, a[1])->kind != HT_ENV;
}

/* @size bytes at @offset of vreg slot @i. */
static LLVMValueRef vreg_read(Tr *tr, int i, int64_t offset, unsigned size)
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
static void vreg_write(Tr *tr, int i, int64_t offset, LLVMValueRef v)
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
    gset_add(&tr->dirty, i);
}

/* An ld/st op on a host pointer: env (most) or a pointer computed from it. */
static LLVMValueRef host_addr(Tr *tr, uint32_t base, int64_t offset,
                              unsigned size, bool *is_exit_check)
{
    const HybridTemp *t = temp_of(tr, base);
    LLVMValueRef p;

    *is_exit_check = false;
    if (t->kind == HT_ENV) {
        for (int i = 0; i < tr->nb_globals; i++) {
            Global *g = &tr->globals[i];
            int64_t gsize = g->vreg ? g->bytes : g->type == tr->i32 ? 4 : 8;

            if (offset < g->offset + gsize && g->offset < offset + size) {
                tr->why = "env access overlaps a global";
                return NULL;
            }
        }
        *is_exit_check = offset == tr->tgt->exit_check_offset;
        return env_addr(tr, offset);
    }
    /* Through a pointer: it may reach the vector registers. */
    write_back_some(tr, false, true);
    p = LLVMBuildIntToPtr(tr->b, get_as(tr, base, tr->i64), tr->ptr, "");
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
    int vr = temp_of(tr, a[1])->kind == HT_ENV ?
             vreg_index(tr, a[2], bits / 8) : -1;

    if (vr >= 0) {
        v = vreg_read(tr, vr, a[2], bits / 8);
    } else if (!(p = host_addr(tr, a[1], a[2], bits / 8, &exit_check))) {
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
    return set(tr, a[0], v);
}

static bool do_st(Tr *tr, const uint64_t *a, unsigned bits)
{
    bool exit_check;
    LLVMValueRef p, v;
    int vr = temp_of(tr, a[1])->kind == HT_ENV ?
             vreg_index(tr, a[2], bits / 8) : -1;

    if (temp_of(tr, a[1])->kind == HT_ENV && in_zero_span(tr, a[2], bits / 8)) {
        return true;                    /* zero over zero (collect_vregs) */
    }
    v = get_as(tr, a[0], LLVMIntTypeInContext(tr->ctx, bits));
    if (vr >= 0) {
        vreg_write(tr, vr, a[2], v);
        return true;
    }
    p = host_addr(tr, a[1], a[2], bits / 8, &exit_check);
    if (!p) {
        return false;
    }
    LLVMBuildStore(tr->b, v, p);
    if (temp_of(tr, a[1])->kind != HT_ENV) {
        reload_some(tr, false, true);       /* it may have hit a vreg */
    }
    return true;
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
static bool do_qemu_ldst(Tr *tr, const uint64_t *a, bool is_ld, bool is64)
{
    MemOpIdx oi = a[2];
    MemOp mop = get_memop(oi);
    unsigned bits = 8 << (mop & MO_SIZE);
    unsigned abits = get_alignment_bits(mop);
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef rty = is64 ? tr->i64 : tr->i32;
    LLVMValueRef addr, access, p, v;

    if (mop & MO_BSWAP) {
        REJECT(tr, "byte-swapped guest access");
    }
    if (bits > LLVMGetIntTypeWidth(rty)) {
        REJECT(tr, "guest access wider than its value");
    }
    if (!tr->tgt->faults_fatal) {
        set_restore_point(tr);
        write_back(tr);             /* the access may fault */
        memory_barrier(tr);
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
        set_restore_point(tr);
    }
    addr = get_as(tr, a[1], tr->i64);
    access = untagged_of(tr, a[1]);
    if (!access) {
        access = addr;
    }
    if (abits) {
        /* The same check and helper TCG's slow path uses (SIGBUS). */
        LLVMBasicBlockRef bad = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "unaligned");
        LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "aligned");
        LLVMValueRef low = LLVMBuildAnd(tr->b, addr,
                                        mask_of(tr->i64, abits), "");
        GSet dirty = tr->dirty;

        LLVMBuildCondBr(tr->b,
                        LLVMBuildICmp(tr->b, LLVMIntNE, low,
                                      LLVMConstInt(tr->i64, 0, 0), ""),
                        bad, ok);
        LLVMPositionBuilderAtEnd(tr->b, bad);
        write_back(tr);             /* a no-op unless faults_fatal */
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
        return set(tr, a[0], v);
    }
    v = LLVMBuildStore(tr->b, get_as(tr, a[0], ty), p);
    LLVMSetVolatile(v, true);
    LLVMSetAlignment(v, 1);
    return true;
}

/* ------------------------------------------------------------------ */
/* Calls                                                               */

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


/* ------------------------------------------------------------------ */
/* Inlined floating-point fast path                                    */

enum { FP_ADD, FP_SUB, FP_MUL, FP_DIV };

static int fp_helper_index(Tr *tr, void *func)
{
    for (int i = 0; i < 8; i++) {
        if (tr->tgt->fp_helpers[i] && tr->tgt->fp_helpers[i] == func) {
            return i;
        }
    }
    return -1;
}

/* Fields of an IEEE value held in an integer of @bits (32 or 64). */
static LLVMValueRef fp_abs_bits(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);

    return LLVMBuildAnd(tr->b, v, LLVMConstInt(ty, bits == 64 ?
                        0x7fffffffffffffffull : 0x7fffffffull, 0), "");
}

static LLVMValueRef fp_exp(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);
    unsigned mant = bits == 64 ? 52 : 23;
    uint64_t emax = bits == 64 ? 0x7ff : 0xff;

    return LLVMBuildAnd(tr->b,
                        LLVMBuildLShr(tr->b, v, LLVMConstInt(ty, mant, 0), ""),
                        LLVMConstInt(ty, emax, 0), "");
}

static LLVMValueRef fp_is_zero(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return LLVMBuildICmp(tr->b, LLVMIntEQ, fp_abs_bits(tr, v, bits),
                         LLVMConstInt(LLVMTypeOf(v), 0, 0), "");
}

static LLVMValueRef fp_is_normal(Tr *tr, LLVMValueRef v, unsigned bits)
{
    LLVMTypeRef ty = LLVMTypeOf(v);
    LLVMValueRef e = fp_exp(tr, v, bits);

    return LLVMBuildAnd(tr->b,
        LLVMBuildICmp(tr->b, LLVMIntNE, e, LLVMConstInt(ty, 0, 0), ""),
        LLVMBuildICmp(tr->b, LLVMIntNE, e,
                      LLVMConstInt(ty, bits == 64 ? 0x7ff : 0xff, 0), ""), "");
}

static LLVMValueRef fp_is_zon(Tr *tr, LLVMValueRef v, unsigned bits)
{
    return LLVMBuildOr(tr->b, fp_is_normal(tr, v, bits),
                       fp_is_zero(tr, v, bits), "");
}

/*
 * r = helper(a, b, fpst) for the vfp add/sub/mul/div helpers, with the
 * fast path of softfloat's float{32,64}_gen2 inline:
 *   inexact already raised, round to nearest even, both inputs zero or
 *   normal (divisor normal): the host result is the correctly rounded
 *   one; an infinite result raises overflow; a result at or below the
 *   smallest normal (but exact zeros from zero inputs) takes the helper,
 *   which sorts out underflow and flushing.  Everything else: the helper.
 * The helper's path writes env back before the call (as TCG would for
 * the helper) and reloads afterwards; the fast path touches no global.
 */
static bool do_fp_fast(Tr *tr, const HybridOp *op, const uint64_t *a, int k)
{
    const HybridTarget *t = tr->tgt;
    unsigned bits = k < 4 ? 32 : 64;
    int kind = k & 3;
    LLVMTypeRef ity = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMTypeRef fty = bits == 64 ? LLVMDoubleTypeInContext(tr->ctx) :
                                   LLVMFloatTypeInContext(tr->ctx);
    LLVMTypeRef rmty = LLVMIntTypeInContext(tr->ctx, 8 * t->fpst_rmode_size);
    LLVMBuilderRef b = tr->b;
    LLVMBasicBlockRef fast, ovf, chk, slow, merge, from_ovf, from_chk, from_slow;
    LLVMValueRef x, y, fpst, pflags, flags, rm, ok, r, ri, tiny, post, phi;
    LLVMValueRef off, callee, args[3], helper_r, in_v[3];
    LLVMBasicBlockRef in_b[3];
    LLVMTypeRef ptys[3];
    GSet dirty;
    bool restore_set;

    x = get_as(tr, a[1], ity);
    y = get_as(tr, a[2], ity);
    fpst = LLVMBuildIntToPtr(b, get_as(tr, a[3], tr->i64), tr->ptr, "");

    off = LLVMConstInt(tr->i64, t->fpst_flags_offset, 0);
    pflags = LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, "");
    flags = LLVMBuildLoad2(b, tr->i16, pflags, "");
    off = LLVMConstInt(tr->i64, t->fpst_rmode_offset, 0);
    rm = LLVMBuildLoad2(b, rmty, LLVMBuildGEP2(b, tr->i8, fpst, &off, 1, ""), "");

    ok = LLVMBuildAnd(b,
        LLVMBuildICmp(b, LLVMIntNE,
                      LLVMBuildAnd(b, flags, LLVMConstInt(tr->i16, t->flag_inexact, 0), ""),
                      LLVMConstInt(tr->i16, 0, 0), ""),
        LLVMBuildICmp(b, LLVMIntEQ, rm, LLVMConstInt(rmty, t->rmode_nearest_even, 0), ""), "");
    ok = LLVMBuildAnd(b, ok, fp_is_zon(tr, x, bits), "");
    ok = LLVMBuildAnd(b, ok, kind == FP_DIV ? fp_is_normal(tr, y, bits) :
                                              fp_is_zon(tr, y, bits), "");

    fast = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_fast");
    ovf = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_overflow");
    chk = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_tiny");
    slow = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_soft");
    merge = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "fp_done");
    LLVMBuildCondBr(b, ok, fast, slow);

    LLVMPositionBuilderAtEnd(b, fast);
    {
        LLVMValueRef fx = LLVMBuildBitCast(b, x, fty, "");
        LLVMValueRef fy = LLVMBuildBitCast(b, y, fty, "");

        r = kind == FP_ADD ? LLVMBuildFAdd(b, fx, fy, "") :
            kind == FP_SUB ? LLVMBuildFSub(b, fx, fy, "") :
            kind == FP_MUL ? LLVMBuildFMul(b, fx, fy, "") :
                             LLVMBuildFDiv(b, fx, fy, "");
    }
    ri = LLVMBuildBitCast(b, r, ity, "");
    LLVMBuildCondBr(b, LLVMBuildICmp(b, LLVMIntEQ, fp_abs_bits(tr, ri, bits),
                                     LLVMConstInt(ity, bits == 64 ?
                                         0x7ff0000000000000ull : 0x7f800000ull, 0), ""),
                    ovf, chk);

    LLVMPositionBuilderAtEnd(b, ovf);
    LLVMBuildStore(b, LLVMBuildOr(b, flags,
                                  LLVMConstInt(tr->i16, t->flag_overflow, 0), ""),
                   pflags);
    from_ovf = LLVMGetInsertBlock(b);
    LLVMBuildBr(b, merge);

    LLVMPositionBuilderAtEnd(b, chk);
    /* |r| <= smallest normal, as bits: at most 0x0010... / 0x0080.... */
    tiny = LLVMBuildICmp(b, LLVMIntULE, fp_abs_bits(tr, ri, bits),
                         LLVMConstInt(ity, bits == 64 ? 0x0010000000000000ull :
                                                        0x00800000ull, 0), "");
    post = kind == FP_DIV ? LLVMBuildNot(b, fp_is_zero(tr, x, bits), "") :
           LLVMBuildNot(b, LLVMBuildAnd(b, fp_is_zero(tr, x, bits),
                                        fp_is_zero(tr, y, bits), ""), "");
    from_chk = LLVMGetInsertBlock(b);
    LLVMBuildCondBr(b, LLVMBuildAnd(b, tiny, post, ""), slow, merge);

    /*
     * Only the helper's path syncs env as TCG would before the call: the
     * fast path reads no global, and a write-back on it cost a store per
     * dirty global per FP op (dirty_step() keeps them dirty after it).
     * matmul 4.11 -> 4.01 s, stencil 4.66 -> 4.54 s.
     */
    LLVMPositionBuilderAtEnd(b, slow);
    dirty = tr->dirty;
    restore_set = tr->restore_set;
    set_restore_point(tr);
    write_back_some(tr, true, false);   /* the helper reads no vregs */
    ptys[0] = ity;
    ptys[1] = ity;
    ptys[2] = tr->ptr;
    args[0] = x;
    args[1] = y;
    args[2] = fpst;
    callee = LLVMConstIntToPtr(LLVMConstInt(tr->i64,
                               (uintptr_t)t->fp_helpers[k], 0), tr->ptr);
    helper_r = LLVMBuildCall2(b, LLVMFunctionType(ity, ptys, 3, false),
                              callee, args, 3, "");
    reload_some(tr, true, false);
    tr->dirty = dirty;
    from_slow = LLVMGetInsertBlock(b);
    LLVMBuildBr(b, merge);

    LLVMPositionBuilderAtEnd(b, merge);
    tr->restore_set = restore_set;      /* the fast path stored none */
    phi = LLVMBuildPhi(b, ity, "");
    in_v[0] = ri;
    in_b[0] = from_ovf;
    in_v[1] = ri;
    in_b[1] = from_chk;
    in_v[2] = helper_r;
    in_b[2] = from_slow;
    LLVMAddIncoming(phi, in_v, in_b, 3);
    return set(tr, a[0], phi);
}

/*
 * Is pointer argument @idx of the call at op @at env plus an offset
 * outside the vector registers (a float_status, say)?  Found from the op
 * that computed it in the block; anything else may point into them.
 */
static bool ptr_outside_vregs(Tr *tr, const HybridBlock *blk, uint32_t at,
                              uint64_t idx)
{
    const HybridTemp *t = block_temp(tr, blk, idx);
    int64_t lo = tr->tgt->vregs_offset, hi = lo + tr->tgt->vregs_size;

    if (t->kind == HT_CONST) {
        return true;                    /* not a pointer into env */
    }
    if (t->kind != HT_TEMP) {
        return false;                   /* env itself, or a global */
    }
    for (uint32_t j = at; j-- > blk->first_op;) {
        const HybridOp *d = &tr->ir->ops[j];
        const uint64_t *da = &tr->ir->args[d->args];

        if (d->nb_oargs < 1 || da[0] != idx) {
            continue;
        }
        if (d->opc == INDEX_op_add_i64 &&
            block_temp(tr, blk, da[1])->kind == HT_ENV &&
            block_temp(tr, blk, da[2])->kind == HT_CONST) {
            int64_t off = block_temp(tr, blk, da[2])->val;

            return off < lo || off >= hi;
        }
        return false;
    }
    return false;
}

/* May the helper called by @op read or write the vector registers? */
static bool call_touches_vregs(Tr *tr, const HybridBlock *blk,
                               const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    int no = op->nb_oargs, ni = op->nb_iargs;
    unsigned typemask = a[no + ni + 2];

    if (fp_helper_index(tr, (void *)(uintptr_t)a[no + ni]) >= 0) {
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

static bool do_call(Tr *tr, const HybridOp *op, const uint64_t *a)
{
    int no = op->nb_oargs, ni = op->nb_iargs;
    void *func = (void *)(uintptr_t)a[no + ni];
    unsigned flags = a[no + ni + 1];
    unsigned typemask = a[no + ni + 2];
    LLVMTypeRef params[16], rty;
    LLVMValueRef args[16], f, r;
    bool vregs;

    if (ni > 15 || no > 1) {
        REJECT(tr, "call with too many arguments or results");
    }
    if (no == 1 && ni == 3 && fp_helper_index(tr, func) >= 0) {
        return do_fp_fast(tr, op, a, fp_helper_index(tr, func));
    }
    rty = call_type(tr, typemask & 7);
    if (!rty || (rty == tr->voidt) != (no == 0)) {
        REJECT(tr, "call return type");
    }
    for (int i = 0; i < ni; i++) {
        LLVMTypeRef pty = call_type(tr, (typemask >> (3 * (i + 1))) & 7);
        LLVMValueRef v;

        if (!pty || pty == tr->voidt) {
            REJECT(tr, "call argument type");
        }
        if (temp_of(tr, a[no + i])->kind == HT_ENV && pty == tr->ptr) {
            v = tr->env;
        } else if (pty == tr->ptr) {
            v = LLVMBuildIntToPtr(tr->b, get_as(tr, a[no + i], tr->i64),
                                  tr->ptr, "");
        } else {
            v = get_as(tr, a[no + i], pty);
        }
        params[i] = pty;
        args[i] = v;
    }
    vregs = call_touches_vregs(tr, tr->blk, op);
    set_restore_point(tr);
    /* As TCG: sync the globals before the call, and the vregs it sees. */
    write_back_some(tr, !(flags & TCG_CALL_NO_READ_GLOBALS), vregs);
    f = LLVMConstIntToPtr(LLVMConstInt(tr->i64, (uintptr_t)func, 0), tr->ptr);
    r = LLVMBuildCall2(tr->b, LLVMFunctionType(rty, params, ni, false), f,
                       args, ni, "");
    if (flags & TCG_CALL_NO_RETURN) {
        LLVMBuildUnreachable(tr->b);
        new_dead_block(tr);
        return true;
    }
    /* As TCG: NO_READ_GLOBALS (NO_RWG) means it touches none at all. */
    reload_some(tr, !(flags & (TCG_CALL_NO_WRITE_GLOBALS |
                               TCG_CALL_NO_READ_GLOBALS)),
                vregs && !(flags & TCG_CALL_NO_SIDE_EFFECTS));
    if (no) {
        if (rty == tr->ptr) {
            r = LLVMBuildPtrToInt(tr->b, r, tr->i64, "");
        }
        return set(tr, a[0], r);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Ops                                                                 */

static LLVMValueRef bswap_n(Tr *tr, LLVMValueRef v, unsigned bits,
                            LLVMTypeRef rty, unsigned flags)
{
    LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, bits);
    LLVMValueRef x = fit(tr, v, ty);

    x = call_intrinsic(tr, "llvm.bswap", ty, &x, 1);
    if (bits == LLVMGetIntTypeWidth(rty)) {
        return x;
    }
    return (flags & TCG_BSWAP_OS) ? LLVMBuildSExt(tr->b, x, rty, "") :
                                    LLVMBuildZExt(tr->b, x, rty, "");
}

static LLVMValueRef ext_n(Tr *tr, LLVMValueRef v, unsigned bits, bool sign,
                          LLVMTypeRef rty)
{
    LLVMValueRef x = LLVMBuildTrunc(tr->b, v,
                                    LLVMIntTypeInContext(tr->ctx, bits), "");

    return sign ? LLVMBuildSExt(tr->b, x, rty, "") :
                  LLVMBuildZExt(tr->b, x, rty, "");
}

/* Shift count masked to the width: defined where TCG leaves it open. */
static LLVMValueRef shamt(Tr *tr, LLVMValueRef c, LLVMTypeRef ty)
{
    return LLVMBuildAnd(tr->b, c,
                        LLVMConstInt(ty, LLVMGetIntTypeWidth(ty) - 1, 0), "");
}

/* Double-width results split into low and high outputs. */
static bool set_pair(Tr *tr, const uint64_t *a, LLVMValueRef wide,
                     LLVMTypeRef ty)
{
    unsigned w = LLVMGetIntTypeWidth(ty);
    LLVMValueRef lo = LLVMBuildTrunc(tr->b, wide, ty, "");
    LLVMValueRef hi = LLVMBuildTrunc(tr->b,
        LLVMBuildLShr(tr->b, wide, LLVMConstInt(LLVMTypeOf(wide), w, 0), ""),
        ty, "");

    return set(tr, a[0], lo) && set(tr, a[1], hi);
}

/* ------------------------------------------------------------------ */
/* Vector ops (tcg/README, "Host vector operations")                   */

/* The wide integer of a vector seen as lanes of 8 << vece bits. */
static LLVMTypeRef lanes_type(Tr *tr, LLVMTypeRef wide, unsigned vece)
{
    unsigned bits = 8 << vece;

    return LLVMVectorType(LLVMIntTypeInContext(tr->ctx, bits),
                          LLVMGetIntTypeWidth(wide) / bits);
}

static LLVMValueRef as_lanes(Tr *tr, LLVMValueRef v, LLVMTypeRef vt)
{
    return LLVMBuildBitCast(tr->b, v, vt, "");
}

static LLVMValueRef splat(Tr *tr, LLVMValueRef scalar, LLVMTypeRef vt)
{
    unsigned n = LLVMGetVectorSize(vt);
    LLVMTypeRef et = LLVMGetElementType(vt);
    LLVMValueRef v = LLVMGetUndef(vt);

    scalar = fit(tr, scalar, et);
    for (unsigned k = 0; k < n; k++) {
        v = LLVMBuildInsertElement(tr->b, v, scalar,
                                   LLVMConstInt(tr->i32, k, 0), "");
    }
    return v;
}

/* A shift count for lanes of @vt: masked to the lane width. */
static LLVMValueRef lane_count(Tr *tr, LLVMValueRef c, LLVMTypeRef vt)
{
    LLVMTypeRef et = LLVMGetElementType(vt);
    LLVMValueRef m = LLVMConstInt(et, LLVMGetIntTypeWidth(et) - 1, 0);

    if (LLVMGetTypeKind(LLVMTypeOf(c)) == LLVMVectorTypeKind) {
        return LLVMBuildAnd(tr->b, c, splat(tr, m, vt), "");
    }
    return splat(tr, LLVMBuildAnd(tr->b, fit(tr, c, et), m, ""), vt);
}

static bool translate_vec_op(Tr *tr, const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    LLVMTypeRef wide = tcg_type(tr, TCG_TYPE_V64 + op->param1);
    unsigned vece = op->param2;
    LLVMTypeRef vt = lanes_type(tr, wide, vece);
    LLVMBuilderRef b = tr->b;
    LLVMValueRef x, y, z, r = NULL;
    const char *sat = NULL;

#define VIN(n) as_lanes(tr, get_as(tr, a[n], wide), vt)

    switch ((TCGOpcode)op->opc) {
    case INDEX_op_mov_vec:
        return set(tr, a[0], get_as(tr, a[1], wide));
    case INDEX_op_dup_vec:
        r = splat(tr, get(tr, a[1]), vt);
        break;
    case INDEX_op_ld_vec:
    case INDEX_op_st_vec:
    case INDEX_op_dupm_vec: {
        unsigned bytes = op->opc == INDEX_op_dupm_vec ? 1u << vece :
                         LLVMGetIntTypeWidth(wide) / 8;
        bool exit_check;
        int vr = temp_of(tr, a[1])->kind == HT_ENV ?
                 vreg_index(tr, a[2], bytes) : -1;
        LLVMValueRef p;

        if (op->opc == INDEX_op_st_vec && temp_of(tr, a[1])->kind == HT_ENV &&
            in_zero_span(tr, a[2], bytes)) {
            return true;                /* zero over zero (collect_vregs) */
        }
        if (vr >= 0) {
            if (op->opc == INDEX_op_st_vec) {
                vreg_write(tr, vr, a[2], get_as(tr, a[0], wide));
                return true;
            }
            x = vreg_read(tr, vr, a[2], bytes);
            if (op->opc == INDEX_op_ld_vec) {
                return set(tr, a[0], x);
            }
            r = splat(tr, x, vt);
            break;
        }
        p = host_addr(tr, a[1], a[2], bytes, &exit_check);
        if (!p) {
            return false;
        }
        if (op->opc == INDEX_op_st_vec) {
            LLVMSetAlignment(LLVMBuildStore(b, get_as(tr, a[0], wide), p), 1);
            if (temp_of(tr, a[1])->kind != HT_ENV) {
                reload_some(tr, false, true);
            }
            return true;
        }
        if (op->opc == INDEX_op_ld_vec) {
            x = LLVMBuildLoad2(b, wide, p, "");
            LLVMSetAlignment(x, 1);
            return set(tr, a[0], x);
        }
        x = LLVMBuildLoad2(b, LLVMGetElementType(vt), p, "");
        LLVMSetAlignment(x, 1);
        r = splat(tr, x, vt);
        break;
    }

    case INDEX_op_and_vec:
        r = LLVMBuildAnd(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_or_vec:
        r = LLVMBuildOr(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_xor_vec:
        r = LLVMBuildXor(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_andc_vec:
        r = LLVMBuildAnd(b, VIN(1), LLVMBuildNot(b, VIN(2), ""), "");
        break;
    case INDEX_op_orc_vec:
        r = LLVMBuildOr(b, VIN(1), LLVMBuildNot(b, VIN(2), ""), "");
        break;
    case INDEX_op_nand_vec:
        r = LLVMBuildNot(b, LLVMBuildAnd(b, VIN(1), VIN(2), ""), "");
        break;
    case INDEX_op_nor_vec:
        r = LLVMBuildNot(b, LLVMBuildOr(b, VIN(1), VIN(2), ""), "");
        break;
    case INDEX_op_eqv_vec:
        r = LLVMBuildNot(b, LLVMBuildXor(b, VIN(1), VIN(2), ""), "");
        break;
    case INDEX_op_not_vec:
        r = LLVMBuildNot(b, VIN(1), "");
        break;
    case INDEX_op_neg_vec:
        r = LLVMBuildNeg(b, VIN(1), "");
        break;
    case INDEX_op_abs_vec: {
        LLVMValueRef v[2] = { VIN(1), LLVMConstInt(tr->i1, 0, 0) };

        r = call_intrinsic(tr, "llvm.abs", vt, v, 2);
        break;
    }
    case INDEX_op_add_vec:
        r = LLVMBuildAdd(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_sub_vec:
        r = LLVMBuildSub(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_mul_vec:
        r = LLVMBuildMul(b, VIN(1), VIN(2), "");
        break;
    case INDEX_op_ssadd_vec: sat = "llvm.sadd.sat"; break;
    case INDEX_op_usadd_vec: sat = "llvm.uadd.sat"; break;
    case INDEX_op_sssub_vec: sat = "llvm.ssub.sat"; break;
    case INDEX_op_ussub_vec: sat = "llvm.usub.sat"; break;
    case INDEX_op_smin_vec:  sat = "llvm.smin"; break;
    case INDEX_op_umin_vec:  sat = "llvm.umin"; break;
    case INDEX_op_smax_vec:  sat = "llvm.smax"; break;
    case INDEX_op_umax_vec:  sat = "llvm.umax"; break;

    case INDEX_op_shli_vec:
    case INDEX_op_shls_vec:
    case INDEX_op_shlv_vec:
    case INDEX_op_shri_vec:
    case INDEX_op_shrs_vec:
    case INDEX_op_shrv_vec:
    case INDEX_op_sari_vec:
    case INDEX_op_sars_vec:
    case INDEX_op_sarv_vec:
    case INDEX_op_rotli_vec:
    case INDEX_op_rotls_vec:
    case INDEX_op_rotlv_vec:
    case INDEX_op_rotrv_vec: {
        TCGOpcode o = op->opc;
        bool imm = o == INDEX_op_shli_vec || o == INDEX_op_shri_vec ||
                   o == INDEX_op_sari_vec || o == INDEX_op_rotli_vec;
        bool vecc = o == INDEX_op_shlv_vec || o == INDEX_op_shrv_vec ||
                    o == INDEX_op_sarv_vec || o == INDEX_op_rotlv_vec ||
                    o == INDEX_op_rotrv_vec;
        LLVMValueRef c = imm ? LLVMConstInt(tr->i64, a[2], 0) :
                         vecc ? VIN(2) : get(tr, a[2]);

        x = VIN(1);
        y = lane_count(tr, c, vt);
        if (o == INDEX_op_shli_vec || o == INDEX_op_shls_vec ||
            o == INDEX_op_shlv_vec) {
            r = LLVMBuildShl(b, x, y, "");
        } else if (o == INDEX_op_shri_vec || o == INDEX_op_shrs_vec ||
                   o == INDEX_op_shrv_vec) {
            r = LLVMBuildLShr(b, x, y, "");
        } else if (o == INDEX_op_sari_vec || o == INDEX_op_sars_vec ||
                   o == INDEX_op_sarv_vec) {
            r = LLVMBuildAShr(b, x, y, "");
        } else {
            LLVMValueRef v[3] = { x, x, y };

            r = call_intrinsic(tr, o == INDEX_op_rotrv_vec ? "llvm.fshr" :
                               "llvm.fshl", vt, v, 3);
        }
        break;
    }

    case INDEX_op_cmp_vec:
        x = cmp(tr, a[3], VIN(1), VIN(2));
        if (!x) {
            return false;
        }
        r = LLVMBuildSExt(b, x, vt, "");
        break;
    case INDEX_op_bitsel_vec:
        x = VIN(1);
        r = LLVMBuildOr(b, LLVMBuildAnd(b, VIN(2), x, ""),
                        LLVMBuildAnd(b, VIN(3), LLVMBuildNot(b, x, ""), ""), "");
        break;
    case INDEX_op_cmpsel_vec:
        x = cmp(tr, a[5], VIN(1), VIN(2));
        if (!x) {
            return false;
        }
        r = LLVMBuildSelect(b, x, VIN(3), VIN(4), "");
        break;
    default:
        REJECT(tr, "unhandled vector op");
    }
#undef VIN
    if (sat) {
        LLVMValueRef v[2];

        v[0] = as_lanes(tr, get_as(tr, a[1], wide), vt);
        v[1] = as_lanes(tr, get_as(tr, a[2], wide), vt);
        r = call_intrinsic(tr, sat, vt, v, 2);
    }
    z = LLVMBuildBitCast(b, r, wide, "");
    return set(tr, a[0], z);
}

#define CASE32_64(x) case INDEX_op_##x##_i32: case INDEX_op_##x##_i64:

/*
 * An indirect branch whose targets include blocks of the trace: switch on
 * the guest PC (the pc global's current value) to them, counting the
 * move.  Leaves the builder in the fall-through (no match) block.
 */
static void goto_ptr_dispatch(Tr *tr)
{
    const HybridBlock *blk = tr->blk;
    Global *pcg = global_at(tr, tr->tgt->pc_offset);
    LLVMBasicBlockRef out;
    LLVMValueRef sw, pc;

    if (!blk->nb_isucc || !pcg || pcg->type != tr->i64) {
        return;
    }
    pc = LLVMBuildLoad2(tr->b, tr->i64, pcg->slot, "");
    out = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "ind_exit");
    sw = LLVMBuildSwitch(tr->b, pc, out, blk->nb_isucc);
    for (uint32_t k = 0; k < blk->nb_isucc; k++) {
        const HybridBlock *t = &tr->ir->blocks[blk->isucc[k]];
        LLVMBasicBlockRef via = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn,
                                                              "ind");

        LLVMAddCase(sw, LLVMConstInt(tr->i64, t->pc, 0), via);
        LLVMPositionBuilderAtEnd(tr->b, via);
        LLVMBuildStore(tr->b, LLVMBuildAdd(tr->b,
                                           LLVMBuildLoad2(tr->b, tr->i32,
                                                          tr->steps, ""),
                                           LLVMConstInt(tr->i32, 1, 0), ""),
                       tr->steps);
        LLVMBuildBr(tr->b, tr->block_bb[blk->isucc[k]]);
    }
    LLVMPositionBuilderAtEnd(tr->b, out);
}

static bool is_global_at(Tr *tr, uint64_t idx, int64_t offset)
{
    const HybridTemp *t = temp_of(tr, idx);

    return t->kind == HT_GLOBAL && t->val == offset;
}

static bool is_const(Tr *tr, uint64_t idx, int64_t v)
{
    const HybridTemp *t = temp_of(tr, idx);

    return t->kind == HT_CONST && t->val == v;
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
static LLVMValueRef zf_idiom(Tr *tr, const HybridOp *op, const uint64_t *a,
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
        if (x && is_global_at(tr, a[0], tr->tgt->zf_offset)) {
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
            is_const(tr, a[2], 32)) {
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

static bool translate_op(Tr *tr, const HybridOp *op)
{
    const uint64_t *a = &tr->ir->args[op->args];
    bool is64 = tcg_op_defs[op->opc].flags & TCG_OPF_64BIT;
    LLVMTypeRef ty = is64 ? tr->i64 : tr->i32;
    LLVMTypeRef wty = is64 ? tr->i128 : tr->i64;
    unsigned w = is64 ? 64 : 32;
    LLVMBuilderRef b = tr->b;
    LLVMValueRef x, y, z;

    if (tr->zf_x && ++tr->zf_age > 3) {
        tr->zf_x = NULL;
    }
    /* Restore ids follow the capture order, dead code included. */
    if (op->opc == INDEX_op_insn_start) {
        tr->insn_id = tr->next_insn++;
        return true;
    }
    /* Code after a terminator is only reachable through a label. */
    if (tr->dead && op->opc != INDEX_op_set_label) {
        return true;
    }
    if (tcg_op_defs[op->opc].flags & TCG_OPF_VECTOR) {
        return translate_vec_op(tr, op);
    }

    switch ((TCGOpcode)op->opc) {
    case INDEX_op_discard:
        return true;
    case INDEX_op_mb:
        /*
         * Only store-to-load order needs a fence instruction on x86; the
         * other orders hold already for the volatile guest accesses, kept
         * in program order, and an acq_rel fence emits nothing but keeps
         * LLVM from moving memory operations across it (memory-order.md).
         */
        LLVMBuildFence(b, (a[0] & TCG_MO_ST_LD)
                       ? LLVMAtomicOrderingSequentiallyConsistent
                       : LLVMAtomicOrderingAcquireRelease, false, "");
        return true;

    case INDEX_op_set_label:
        if (tr->dead) {
            LLVMBuildUnreachable(b);        /* close the empty dead block */
        } else {
            LLVMBuildBr(b, label_bb(tr, a[0]));
        }
        LLVMPositionBuilderAtEnd(b, label_bb(tr, a[0]));
        tr->dead = false;
        return true;
    case INDEX_op_br:
        LLVMBuildBr(b, label_bb(tr, a[0]));
        new_dead_block(tr);
        return true;
    CASE32_64(brcond) {
        LLVMBasicBlockRef next = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "");

        x = cmp(tr, a[2], get_as(tr, a[0], ty), get_as(tr, a[1], ty));
        if (!x) {
            return false;
        }
        LLVMBuildCondBr(b, x, label_bb(tr, a[3]), next);
        LLVMPositionBuilderAtEnd(b, next);
        return true;
    }

    case INDEX_op_goto_tb: {
        int32_t succ = tr->blk->succ[a[0] & 1];

        if (a[0] > 1) {
            REJECT(tr, "goto_tb index");
        }
        if (succ >= 0) {
            bool self = &tr->ir->blocks[succ] == tr->blk && tr->self_next;

            /* A chained edge inside the trace: count it, branch. */
            LLVMBuildStore(b, LLVMBuildAdd(b, LLVMBuildLoad2(b, tr->i32,
                                                             tr->steps, ""),
                                           LLVMConstInt(tr->i32, 1, 0), ""),
                           tr->steps);
            LLVMBuildBr(b, self ? tr->self_next : tr->block_bb[succ]);
            new_dead_block(tr);
        }
        /* Otherwise fall into the unchained path: set PC, exit_tb. */
        return true;
    }
    case INDEX_op_exit_tb:
        if ((a[0] & HYBRID_EXIT_HAS_TB) &&
            (a[0] & TB_EXIT_MASK) == TB_EXIT_REQUESTED) {
            /* The block-start exit check fired: TCG restores tb->pc. */
            write_back(tr);
            LLVMBuildStore(b, LLVMConstInt(tr->i64, tr->blk->pc, 0),
                           env_addr(tr, tr->tgt->pc_offset));
            ret(tr, HYBRID_EXIT_DISPATCH);
        } else if (a[0] & HYBRID_EXIT_HAS_TB) {
            ret(tr, HYBRID_EXIT_LOOKUP);     /* unchained goto_tb exit */
        } else {
            ret(tr, HYBRID_EXIT_DISPATCH);   /* exit_tb 0 */
        }
        return true;
    case INDEX_op_goto_ptr:
        /* Indirect branch: stay in the trace if the PC is one we hold. */
        goto_ptr_dispatch(tr);
        /* Otherwise env holds the PC; the stub does the lookup. */
        ret(tr, HYBRID_EXIT_LOOKUP);
        return true;

    case INDEX_op_call:
        if ((void *)(uintptr_t)a[op->nb_oargs + op->nb_iargs] ==
            tr->tgt->lookup_tb_ptr) {
            /* Its result only feeds goto_ptr, which exits the trace. */
            return true;
        }
        return do_call(tr, op, a);

    CASE32_64(mov)
        if (!is64) {
            const HybridTemp *src = temp_of(tr, a[1]);

            zf_idiom(tr, op, a, src->type == TCG_TYPE_I64 &&
                     src->kind != HT_CONST ? get(tr, a[1]) : NULL);
        }
        return set(tr, a[0], get_as(tr, a[1], ty));
    CASE32_64(setcond)
        x = cmp(tr, a[3], get_as(tr, a[1], ty), get_as(tr, a[2], ty));
        return x && set(tr, a[0], LLVMBuildZExt(b, x, ty, ""));
    CASE32_64(movcond)
        x = cmp(tr, a[5], get_as(tr, a[1], ty), get_as(tr, a[2], ty));
        return x && set(tr, a[0], LLVMBuildSelect(b, x, get_as(tr, a[3], ty),
                                                  get_as(tr, a[4], ty), ""));

    case INDEX_op_ld8u_i32: case INDEX_op_ld8u_i64:
        return do_ld(tr, a, ty, 8, false);
    case INDEX_op_ld8s_i32: case INDEX_op_ld8s_i64:
        return do_ld(tr, a, ty, 8, true);
    case INDEX_op_ld16u_i32: case INDEX_op_ld16u_i64:
        return do_ld(tr, a, ty, 16, false);
    case INDEX_op_ld16s_i32: case INDEX_op_ld16s_i64:
        return do_ld(tr, a, ty, 16, true);
    case INDEX_op_ld32u_i64:
        return do_ld(tr, a, ty, 32, false);
    case INDEX_op_ld32s_i64:
        return do_ld(tr, a, ty, 32, true);
    case INDEX_op_ld_i32:
        return do_ld(tr, a, ty, 32, false);
    case INDEX_op_ld_i64:
        return do_ld(tr, a, ty, 64, false);
    case INDEX_op_st8_i32: case INDEX_op_st8_i64:
        return do_st(tr, a, 8);
    case INDEX_op_st16_i32: case INDEX_op_st16_i64:
        return do_st(tr, a, 16);
    case INDEX_op_st_i32: case INDEX_op_st32_i64:
        return do_st(tr, a, 32);
    case INDEX_op_st_i64:
        return do_st(tr, a, 64);

    case INDEX_op_qemu_ld_i32:
        return do_qemu_ldst(tr, a, true, false);
    case INDEX_op_qemu_ld_i64:
        return do_qemu_ldst(tr, a, true, true);
    case INDEX_op_qemu_st_i32:
        return do_qemu_ldst(tr, a, false, false);
    case INDEX_op_qemu_st_i64:
        return do_qemu_ldst(tr, a, false, true);

    CASE32_64(add)
        x = LLVMBuildAdd(b, get_as(tr, a[1], ty), get_as(tr, a[2], ty), "");
        /* The second access of a pair: an untagged address plus 8. */
        y = is64 && temp_of(tr, a[2])->kind == HT_CONST ?
            untagged_of(tr, a[1]) : NULL;
        if (!set(tr, a[0], x)) {
            return false;
        }
        if (y) {
            note_untagged(tr, a[0], LLVMBuildAdd(b, y, get(tr, a[2]), ""));
        }
        return true;
    CASE32_64(sub)
        return set(tr, a[0], LLVMBuildSub(b, get_as(tr, a[1], ty), get_as(tr, a[2], ty), ""));
    CASE32_64(mul)
        return set(tr, a[0], LLVMBuildMul(b, get_as(tr, a[1], ty), get_as(tr, a[2], ty), ""));
    CASE32_64(and)
        if (!set(tr, a[0], LLVMBuildAnd(b, get_as(tr, a[1], ty),
                                        get_as(tr, a[2], ty), ""))) {
            return false;
        }
        if (is64) {
            track_untagged(tr, op, a);
        }
        return true;
    CASE32_64(or)
        if (!is64 && (x = zf_idiom(tr, op, a, NULL))) {
            return set(tr, a[0], x);
        }
        return set(tr, a[0], LLVMBuildOr(b, get_as(tr, a[1], ty), get_as(tr, a[2], ty), ""));
    CASE32_64(xor)
        return set(tr, a[0], LLVMBuildXor(b, get_as(tr, a[1], ty), get_as(tr, a[2], ty), ""));
    CASE32_64(andc)
        return set(tr, a[0], LLVMBuildAnd(b, get_as(tr, a[1], ty),
                                          LLVMBuildNot(b, get_as(tr, a[2], ty), ""), ""));
    CASE32_64(orc)
        return set(tr, a[0], LLVMBuildOr(b, get_as(tr, a[1], ty),
                                         LLVMBuildNot(b, get_as(tr, a[2], ty), ""), ""));
    CASE32_64(eqv)
        return set(tr, a[0], LLVMBuildNot(b, LLVMBuildXor(b, get_as(tr, a[1], ty),
                                                          get_as(tr, a[2], ty), ""), ""));
    CASE32_64(nand)
        return set(tr, a[0], LLVMBuildNot(b, LLVMBuildAnd(b, get_as(tr, a[1], ty),
                                                          get_as(tr, a[2], ty), ""), ""));
    CASE32_64(nor)
        return set(tr, a[0], LLVMBuildNot(b, LLVMBuildOr(b, get_as(tr, a[1], ty),
                                                         get_as(tr, a[2], ty), ""), ""));
    CASE32_64(not)
        return set(tr, a[0], LLVMBuildNot(b, get_as(tr, a[1], ty), ""));
    CASE32_64(neg)
        return set(tr, a[0], LLVMBuildNeg(b, get_as(tr, a[1], ty), ""));

    CASE32_64(shl)
        return set(tr, a[0], LLVMBuildShl(b, get_as(tr, a[1], ty),
                                          shamt(tr, get_as(tr, a[2], ty), ty), ""));
    CASE32_64(shr)
        if (is64) {
            zf_idiom(tr, op, a, NULL);
        }
        return set(tr, a[0], LLVMBuildLShr(b, get_as(tr, a[1], ty),
                                           shamt(tr, get_as(tr, a[2], ty), ty), ""));
    CASE32_64(sar)
        return set(tr, a[0], LLVMBuildAShr(b, get_as(tr, a[1], ty),
                                           shamt(tr, get_as(tr, a[2], ty), ty), ""));
    CASE32_64(rotl) {
        LLVMValueRef v[3] = { get_as(tr, a[1], ty), NULL, get_as(tr, a[2], ty) };

        v[1] = v[0];
        return set(tr, a[0], call_intrinsic(tr, "llvm.fshl", ty, v, 3));
    }
    CASE32_64(rotr) {
        LLVMValueRef v[3] = { get_as(tr, a[1], ty), NULL, get_as(tr, a[2], ty) };

        v[1] = v[0];
        return set(tr, a[0], call_intrinsic(tr, "llvm.fshr", ty, v, 3));
    }

    CASE32_64(deposit) {
        unsigned ofs = a[3], len = a[4];
        LLVMValueRef m = mask_of(ty, len);

        if (ofs + len > w || len == 0) {
            REJECT(tr, "deposit field");
        }
        x = LLVMBuildAnd(b, get_as(tr, a[1], ty),
                         LLVMConstNot(LLVMConstShl(m, LLVMConstInt(ty, ofs, 0))), "");
        y = LLVMBuildShl(b, LLVMBuildAnd(b, get_as(tr, a[2], ty), m, ""),
                         LLVMConstInt(ty, ofs, 0), "");
        return set(tr, a[0], LLVMBuildOr(b, x, y, ""));
    }
    CASE32_64(extract) {
        unsigned ofs = a[2], len = a[3];

        if (ofs + len > w || len == 0) {
            REJECT(tr, "extract field");
        }
        x = LLVMBuildLShr(b, get_as(tr, a[1], ty), LLVMConstInt(ty, ofs, 0), "");
        return set(tr, a[0], LLVMBuildAnd(b, x, mask_of(ty, len), ""));
    }
    CASE32_64(sextract) {
        unsigned ofs = a[2], len = a[3];

        if (ofs + len > w || len == 0) {
            REJECT(tr, "sextract field");
        }
        x = LLVMBuildShl(b, get_as(tr, a[1], ty), LLVMConstInt(ty, w - ofs - len, 0), "");
        return set(tr, a[0], LLVMBuildAShr(b, x, LLVMConstInt(ty, w - len, 0), ""));
    }
    CASE32_64(extract2) {
        unsigned ofs = a[3];
        LLVMValueRef v[3] = { get_as(tr, a[2], ty), get_as(tr, a[1], ty),
                              LLVMConstInt(ty, ofs, 0) };

        if (ofs > w) {
            REJECT(tr, "extract2 offset");
        }
        if (ofs == 0 || ofs == w) {
            return set(tr, a[0], ofs ? v[0] : v[1]);
        }
        /* (ah:al) >> ofs, low half: a funnel shift right. */
        return set(tr, a[0], call_intrinsic(tr, "llvm.fshr", ty, v, 3));
    }

    case INDEX_op_ext8s_i32: case INDEX_op_ext8s_i64:
        return set(tr, a[0], ext_n(tr, get_as(tr, a[1], ty), 8, true, ty));
    case INDEX_op_ext8u_i32: case INDEX_op_ext8u_i64:
        return set(tr, a[0], ext_n(tr, get_as(tr, a[1], ty), 8, false, ty));
    case INDEX_op_ext16s_i32: case INDEX_op_ext16s_i64:
        return set(tr, a[0], ext_n(tr, get_as(tr, a[1], ty), 16, true, ty));
    case INDEX_op_ext16u_i32: case INDEX_op_ext16u_i64:
        return set(tr, a[0], ext_n(tr, get_as(tr, a[1], ty), 16, false, ty));
    case INDEX_op_ext32s_i64:
        return set(tr, a[0], ext_n(tr, get_as(tr, a[1], ty), 32, true, ty));
    case INDEX_op_ext32u_i64:
        return set(tr, a[0], ext_n(tr, get_as(tr, a[1], ty), 32, false, ty));
    case INDEX_op_ext_i32_i64:
        return set(tr, a[0], LLVMBuildSExt(b, get_as(tr, a[1], tr->i32),
                                           tr->i64, ""));
    case INDEX_op_extu_i32_i64:
        return set(tr, a[0], LLVMBuildZExt(b, get_as(tr, a[1], tr->i32),
                                           tr->i64, ""));
    case INDEX_op_extrl_i64_i32:
        x = get_as(tr, a[1], tr->i64);
        zf_idiom(tr, op, a, x);
        return set(tr, a[0], LLVMBuildTrunc(b, x, tr->i32, ""));
    case INDEX_op_extrh_i64_i32:
        zf_idiom(tr, op, a, NULL);
        x = LLVMBuildLShr(b, get_as(tr, a[1], tr->i64),
                          LLVMConstInt(tr->i64, 32, 0), "");
        return set(tr, a[0], LLVMBuildTrunc(b, x, tr->i32, ""));

    case INDEX_op_bswap16_i32: case INDEX_op_bswap16_i64:
        return set(tr, a[0], bswap_n(tr, get_as(tr, a[1], ty), 16, ty, a[2]));
    case INDEX_op_bswap32_i32: case INDEX_op_bswap32_i64:
        return set(tr, a[0], bswap_n(tr, get_as(tr, a[1], ty), 32, ty, a[2]));
    case INDEX_op_bswap64_i64:
        return set(tr, a[0], bswap_n(tr, get_as(tr, a[1], ty), 64, ty, 0));

    CASE32_64(clz)
    CASE32_64(ctz) {
        bool is_clz = op->opc == INDEX_op_clz_i32 || op->opc == INDEX_op_clz_i64;
        LLVMValueRef v[2] = { get_as(tr, a[1], ty), LLVMConstInt(tr->i1, 1, 0) };

        x = call_intrinsic(tr, is_clz ? "llvm.ctlz" : "llvm.cttz", ty, v, 2);
        y = LLVMBuildICmp(b, LLVMIntEQ, v[0], LLVMConstInt(ty, 0, 0), "");
        return set(tr, a[0], LLVMBuildSelect(b, y, get_as(tr, a[2], ty), x, ""));
    }
    CASE32_64(ctpop) {
        LLVMValueRef v = get_as(tr, a[1], ty);

        return set(tr, a[0], call_intrinsic(tr, "llvm.ctpop", ty, &v, 1));
    }

    CASE32_64(add2)
    CASE32_64(sub2) {
        /*
         * Double-word add/subtract with an explicit carry, in the op's
         * width.  Not through i128: LLVM 16's CodeGenPrepare miscompiles
         * an i128 add of 2^64-1 whose sum is compared with zero (it
         * becomes a uadd.with.overflow that never overflows), which
         * made sbcs with xzr lose its carry
         * (tests/difftest/regressions/sbcs-xzr-ccmn-i128-cgp.s).
         */
        bool add = op->opc == INDEX_op_add2_i32 || op->opc == INDEX_op_add2_i64;
        LLVMValueRef al = get_as(tr, a[2], ty), ah = get_as(tr, a[3], ty);
        LLVMValueRef bl = get_as(tr, a[4], ty), bh = get_as(tr, a[5], ty);
        LLVMValueRef lo, carry, hi;

        if (add) {
            lo = LLVMBuildAdd(b, al, bl, "");
            carry = LLVMBuildZExt(b, LLVMBuildICmp(b, LLVMIntULT, lo, al, ""),
                                  ty, "");
            hi = LLVMBuildAdd(b, LLVMBuildAdd(b, ah, bh, ""), carry, "");
        } else {
            lo = LLVMBuildSub(b, al, bl, "");
            carry = LLVMBuildZExt(b, LLVMBuildICmp(b, LLVMIntULT, al, bl, ""),
                                  ty, "");
            hi = LLVMBuildSub(b, LLVMBuildSub(b, ah, bh, ""), carry, "");
        }
        return set(tr, a[0], lo) && set(tr, a[1], hi);
    }
    CASE32_64(mulu2)
    CASE32_64(muls2) {
        bool s = op->opc == INDEX_op_muls2_i32 || op->opc == INDEX_op_muls2_i64;

        x = s ? LLVMBuildSExt(b, get_as(tr, a[2], ty), wty, "") :
                LLVMBuildZExt(b, get_as(tr, a[2], ty), wty, "");
        y = s ? LLVMBuildSExt(b, get_as(tr, a[3], ty), wty, "") :
                LLVMBuildZExt(b, get_as(tr, a[3], ty), wty, "");
        return set_pair(tr, a, LLVMBuildMul(b, x, y, ""), ty);
    }
    CASE32_64(muluh)
    CASE32_64(mulsh) {
        bool s = op->opc == INDEX_op_mulsh_i32 || op->opc == INDEX_op_mulsh_i64;

        x = s ? LLVMBuildSExt(b, get_as(tr, a[1], ty), wty, "") :
                LLVMBuildZExt(b, get_as(tr, a[1], ty), wty, "");
        y = s ? LLVMBuildSExt(b, get_as(tr, a[2], ty), wty, "") :
                LLVMBuildZExt(b, get_as(tr, a[2], ty), wty, "");
        z = LLVMBuildLShr(b, LLVMBuildMul(b, x, y, ""),
                          LLVMConstInt(wty, w, 0), "");
        return set(tr, a[0], LLVMBuildTrunc(b, z, ty, ""));
    }

    default:
        /*
         * div/rem (x86 hosts use div2, and aarch64 divides in helpers),
         * brcond2/setcond2 (32-bit hosts), vector and plugin ops.
         */
        tr->why = "unhandled TCG op";
        return false;
    }
}


/* ------------------------------------------------------------------ */
/* Write-back dataflow                                                 */

static bool is_qemu_ldst(unsigned opc)
{
    return opc == INDEX_op_qemu_ld_i32 || opc == INDEX_op_qemu_ld_i64 ||
           opc == INDEX_op_qemu_st_i32 || opc == INDEX_op_qemu_st_i64;
}

static uint64_t call_flags(Tr *tr, const HybridOp *op)
{
    return tr->ir->args[op->args + op->nb_oargs + op->nb_iargs + 1];
}

static bool is_lookup_call(Tr *tr, const HybridOp *op)
{
    return op->opc == INDEX_op_call &&
           (void *)(uintptr_t)tr->ir->args[op->args + op->nb_oargs +
                                           op->nb_iargs] ==
           tr->tgt->lookup_tb_ptr;
}

/* A call do_fp_fast() inlines: it writes back on its helper path only. */
static bool is_fp_fast_call(Tr *tr, const HybridOp *op)
{
    return op->opc == INDEX_op_call && op->nb_oargs == 1 &&
           op->nb_iargs == 3 &&
           fp_helper_index(tr, (void *)(uintptr_t)
                           tr->ir->args[op->args + 1 + 3]) >= 0;
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
        return call_flags(tr, op) & TCG_CALL_NO_RETURN;
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

/* The effect of one op on the may-be-dirty set. */
static void dirty_step(Tr *tr, const HybridBlock *blk, const HybridOp *op,
                       GSet *d)
{
    bool call = op->opc == INDEX_op_call && !is_lookup_call(tr, op);
    bool store;
    unsigned size;
    int vr;

    /*
     * The write-backs do_qemu_ldst(), do_call() and host_addr() emit.  A
     * guest access writes back only while faults are observed.
     */
    bool ldst = is_qemu_ldst(op->opc) && !tr->tgt->faults_fatal;

    if (ldst || (call && !(call_flags(tr, op) & TCG_CALL_NO_READ_GLOBALS) &&
                 !is_fp_fast_call(tr, op))) {
        gset_clear_kind(tr, d, false);
    }
    if (ldst || (call && call_touches_vregs(tr, blk, op)) ||
        is_pointer_access(tr, blk, op, &store)) {
        gset_clear_kind(tr, d, true);
    }
    vr = op_vreg(tr, blk, op);
    if (vr >= 0 && host_access(op, &size, &store) && store) {
        gset_add(d, vr);
    }
    for (int k = 0; k < op->nb_oargs; k++) {
        const HybridTemp *t = &tr->ir->temps[blk->first_temp +
                                             tr->ir->args[op->args + k]];

        if (t->kind == HT_GLOBAL) {
            gset_add(d, global_index(tr, t->val));
        }
    }
}

#define RUN_MAX_SUCC (2 + HYBRID_MAX_ISUCC)

typedef struct Run {
    uint32_t first, last;          /* op indexes in the trace */
    uint32_t block;
    int succ[RUN_MAX_SUCC];        /* run indexes, -1 for none */
    GSet in;
} Run;

/*
 * Split the trace into runs of straight-line ops, link them as the code
 * will branch, and find for each run the globals that may be dirty on
 * entry.  Results: tr->leader[] and tr->dirty_in[] per op.
 */
static void compute_dirty(Tr *tr)
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

                for (int k = 0; k < RUN_MAX_SUCC; k++) {
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
            for (int k = 0; k < RUN_MAX_SUCC; k++) {
                if (run->succ[k] >= 0) {
                    changed |= gset_union(&g_array_index(runs, Run,
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

/* ------------------------------------------------------------------ */
/* The function                                                        */

static void collect_globals(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;

    tr->globals = g_new0(Global, ir->nb_temps + 1);
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        const HybridTemp *t = &ir->temps[i];

        if (t->kind == HT_GLOBAL && !global_at(tr, t->val)) {
            Global *g = &tr->globals[tr->nb_globals++];

            g->offset = t->val;
            g->type = tcg_type(tr, t->type);
        }
    }
}

typedef struct Span {
    int64_t lo, hi;
    bool zero_store;            /* a store of the constant 0 */
} Span;

static gint span_cmp(gconstpointer a, gconstpointer b)
{
    const Span *x = a, *y = b;

    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* May @op write vector registers other than by an env store we see? */
static bool writes_vregs_unseen(Tr *tr, const HybridBlock *blk,
                                const HybridOp *op)
{
    bool store;

    if (op->opc == INDEX_op_call) {
        return !is_lookup_call(tr, op) && call_touches_vregs(tr, blk, op) &&
               !(call_flags(tr, op) & TCG_CALL_NO_SIDE_EFFECTS);
    }
    return is_pointer_access(tr, blk, op, &store) && store;
}

/*
 * The vreg slots: env ld/st of the vector registers, grouped where they
 * overlap; a group of at most 32 bytes becomes one slot.  Wider groups
 * (and any beyond MAX_GLOBALS) stay in memory, every access to them too.
 * A group whose every access stores the constant 0 over all of it
 * becomes a zero span instead (see the comment at the top), unless the
 * vector registers may be written in ways we do not see.
 */
static void collect_vregs(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;
    int64_t vlo = tr->tgt->vregs_offset, vhi = vlo + tr->tgt->vregs_size;
    g_autoptr(GArray) spans = g_array_new(false, false, sizeof(Span));
    bool unseen = false;

    for (uint32_t bi = 0; bi < ir->nb_blocks; bi++) {
        const HybridBlock *blk = &ir->blocks[bi];

        for (uint32_t i = blk->first_op; i < blk->first_op + blk->nb_ops; i++) {
            const HybridOp *op = &ir->ops[i];
            const uint64_t *a = &ir->args[op->args];
            unsigned size;
            bool store;
            Span sp;

            unseen |= writes_vregs_unseen(tr, blk, op);
            if (!host_access(op, &size, &store) ||
                block_temp(tr, blk, a[1])->kind != HT_ENV) {
                continue;
            }
            sp.lo = (int64_t)a[2];
            sp.hi = sp.lo + size;
            sp.zero_store = false;
            if (store && op->opc != INDEX_op_dupm_vec) {
                const HybridTemp *v = block_temp(tr, blk, a[0]);

                sp.zero_store = v->kind == HT_CONST && v->val == 0;
            }
            if (sp.hi > vlo && sp.lo < vhi) {
                g_array_append_val(spans, sp);
            }
        }
    }
    g_array_sort(spans, span_cmp);
    tr->globals = g_renew(Global, tr->globals, tr->nb_globals + spans->len + 1);
    tr->zero_spans = g_array_new(false, false, sizeof(int64_t));
    for (guint i = 0; i < spans->len;) {
        Span c = g_array_index(spans, Span, i++);
        bool zero = c.zero_store;

        while (i < spans->len && g_array_index(spans, Span, i).lo < c.hi) {
            const Span *n = &g_array_index(spans, Span, i++);

            /* Every access the whole group, and a zero store. */
            zero &= n->zero_store && n->lo == c.lo && n->hi == c.hi;
            c.hi = MAX(c.hi, n->hi);
        }
        if (c.lo < vlo || c.hi > vhi || c.hi - c.lo > 32) {
            continue;
        }
        if (zero && !unseen) {
            g_array_append_val(tr->zero_spans, c.lo);
            g_array_append_val(tr->zero_spans, c.hi);
        } else if (tr->nb_globals < MAX_GLOBALS) {
            Global *g = &tr->globals[tr->nb_globals++];

            memset(g, 0, sizeof(*g));
            g->offset = c.lo;
            g->bytes = c.hi - c.lo;
            g->type = LLVMIntTypeInContext(tr->ctx, g->bytes * 8);
            g->vreg = true;
        }
    }
}

/*
 * The entry check of the zero spans: if env is not zero there, return
 * HYBRID_EXIT_NOT_ENTERED before anything ran.
 */
static void check_zero_spans(Tr *tr)
{
    LLVMValueRef any = NULL;
    LLVMBasicBlockRef out, go;
    LLVMValueRef off;

    for (guint i = 0; i + 1 < tr->zero_spans->len; i += 2) {
        int64_t lo = g_array_index(tr->zero_spans, int64_t, i);
        int64_t hi = g_array_index(tr->zero_spans, int64_t, i + 1);
        LLVMTypeRef ty = LLVMIntTypeInContext(tr->ctx, (hi - lo) * 8);
        LLVMValueRef v = LLVMBuildLoad2(tr->b, ty, env_addr(tr, lo), "");
        LLVMValueRef nz = LLVMBuildICmp(tr->b, LLVMIntNE, v,
                                        LLVMConstInt(ty, 0, 0), "");

        any = any ? LLVMBuildOr(tr->b, any, nz, "") : nz;
    }
    if (!any) {
        return;
    }
    out = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "not_entered");
    go = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "entered");
    LLVMBuildCondBr(tr->b, any, out, go);
    LLVMPositionBuilderAtEnd(tr->b, out);
    off = LLVMConstInt(tr->i64, HYBRID_FRAME_STEPS_OFFSET, 0);
    LLVMBuildStore(tr->b, LLVMConstInt(tr->i32, 0, 0),
                   LLVMBuildGEP2(tr->b, tr->i8, tr->frame, &off, 1, ""));
    LLVMBuildRet(tr->b, LLVMConstInt(tr->i32, HYBRID_EXIT_NOT_ENTERED, 0));
    LLVMPositionBuilderAtEnd(tr->b, go);
}

/*
 * The step counter goes up by one per block move, like a guest induction
 * variable often does per iteration.  LLVM's loop strength reduction then
 * rewrites that guest variable as its start plus the counter, and a guest
 * sum "a += i" pays two adds an iteration on its dependency chain (the
 * accumulation loop: 9 cycles for 8 iterations instead of 8).  An empty
 * asm statement at each block start (no code; a freeze would be folded
 * away) hides the counter's recurrence from that analysis.
 */
static void opaque_steps(Tr *tr)
{
    static char text[] = "", same_reg[] = "=r,0";
    LLVMTypeRef fty = LLVMFunctionType(tr->i32, &tr->i32, 1, false);
    LLVMValueRef nop = LLVMGetInlineAsm(fty, text, 0, same_reg,
                                        strlen(same_reg), false, false,
                                        LLVMInlineAsmDialectATT, false);
    LLVMValueRef v = LLVMBuildLoad2(tr->b, tr->i32, tr->steps, "");

    v = LLVMBuildCall2(tr->b, fty, nop, &v, 1, "");
    LLVMBuildStore(tr->b, v, tr->steps);
}

static bool translate_block(Tr *tr, uint32_t bi)
{
    const HybridBlock *blk = &tr->ir->blocks[bi];

    tr->blk = blk;
    tr->labels = g_new0(LLVMBasicBlockRef, blk->nb_labels + 1);
    tr->dead = false;
    LLVMPositionBuilderAtEnd(tr->b, tr->block_bb[bi]);
    if (!tr->skip_poll) {
        opaque_steps(tr);
    }

    for (uint32_t i = 0; i < blk->nb_ops; i++) {
        if (tr->leader[blk->first_op + i]) {
            /* Entered by a branch or fall-through: what may be dirty. */
            tr->dirty = tr->dirty_in[blk->first_op + i];
            tr->restore_set = false;
        }
        if (!translate_op(tr, &tr->ir->ops[blk->first_op + i])) {
            g_free(tr->labels);
            return false;
        }
    }
    g_free(tr->labels);
    if (!tr->dead) {
        REJECT(tr, "block falls off its end");
    }
    /* Close the trailing unreachable block. */
    LLVMBuildUnreachable(tr->b);
    return true;
}

/* Does trace block @bi store guest memory or call a helper? */
static bool stores_or_calls(Tr *tr, uint32_t bi)
{
    const HybridBlock *blk = &tr->ir->blocks[bi];

    for (uint32_t i = 0; i < blk->nb_ops; i++) {
        unsigned opc = tr->ir->ops[blk->first_op + i].opc;

        if (opc == INDEX_op_call || opc == INDEX_op_qemu_st_i32 ||
            opc == INDEX_op_qemu_st_i64) {
            return true;
        }
    }
    return false;
}

/*
 * Which blocks poll the exit request at their start, as every TB does.
 * In a trace it is enough that every cycle polls once, and any cycle has
 * an edge from a block to one of lower or equal index: the targets of
 * those edges poll, and the head.  A request (a signal, cpu_exit) is then
 * seen within one turn of the loop, as with the copies of a self-loop
 * below.  The successors of a block that stores guest memory or calls a
 * helper poll too: a store of this thread to translated code requests
 * the exit, and TCG leaves right after that block.  The others skip the
 * load and branch.
 */
static bool *find_polls(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;
    bool *poll = g_new0(bool, ir->nb_blocks);

    poll[0] = true;
    for (uint32_t u = 0; u < ir->nb_blocks; u++) {
        const HybridBlock *blk = &ir->blocks[u];
        int32_t next[2 + HYBRID_MAX_ISUCC];
        uint32_t n = 0;
        bool effects = stores_or_calls(tr, u);
        next[n++] = blk->succ[0];
        next[n++] = blk->succ[1];
        for (uint32_t k = 0; k < blk->nb_isucc; k++) {
            next[n++] = blk->isucc[k];
        }
        for (uint32_t k = 0; k < n; k++) {
            if (next[k] >= 0 && (effects || (uint32_t)next[k] <= u)) {
                poll[next[k]] = true;
            }
        }
    }
    return poll;
}

/*
 * A block that loops to itself, polls the exit request at its start on
 * every iteration: in a tight loop that load and branch cost as much as
 * the loop's own work.  Such a block is translated UNROLL_SELF times,
 * each copy going on into the next, and only the first polls.  A request
 * (a signal, cpu_exit) is then seen at most UNROLL_SELF - 1 iterations
 * later, as from any other block of a longer loop.  Only blocks that
 * store no guest memory and call no helper qualify: a store of this
 * thread to translated code requests the exit too, and TCG would leave
 * right after that block (the jit and codepage tests).
 */
#define UNROLL_SELF 8
#define UNROLL_MAX_OPS 96

static bool unrollable(Tr *tr, uint32_t bi)
{
    const HybridBlock *blk = &tr->ir->blocks[bi];

    /* An indirect branch back into the block would skip the poll. */
    if ((blk->succ[0] != (int32_t)bi && blk->succ[1] != (int32_t)bi) ||
        blk->nb_isucc || blk->nb_ops > UNROLL_MAX_OPS) {
        return false;
    }
    return !stores_or_calls(tr, bi);
}

static bool unroll_self_loop(Tr *tr, uint32_t bi)
{
    LLVMBasicBlockRef copy[UNROLL_SELF];
    uint32_t first_insn = tr->next_insn;
    bool ok = true;

    copy[0] = tr->block_bb[bi];
    for (int j = 1; j < UNROLL_SELF; j++) {
        copy[j] = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "unrolled");
    }
    for (int j = 0; j < UNROLL_SELF && ok; j++) {
        tr->next_insn = first_insn;     /* same instructions, same ids */
        tr->block_bb[bi] = copy[j];
        tr->self_next = copy[(j + 1) % UNROLL_SELF];
        tr->skip_poll = j > 0;
        ok = translate_block(tr, bi);
    }
    tr->block_bb[bi] = copy[0];
    tr->self_next = NULL;
    return ok;
}

static void init_types(Tr *tr)
{
    tr->i1 = LLVMInt1TypeInContext(tr->ctx);
    tr->i8 = LLVMInt8TypeInContext(tr->ctx);
    tr->i16 = LLVMInt16TypeInContext(tr->ctx);
    tr->i32 = LLVMInt32TypeInContext(tr->ctx);
    tr->i64 = LLVMInt64TypeInContext(tr->ctx);
    tr->i128 = LLVMIntTypeInContext(tr->ctx, 128);
    tr->ptr = LLVMPointerTypeInContext(tr->ctx, 0);
    tr->voidt = LLVMVoidTypeInContext(tr->ctx);
}

/* Entry: allocas, globals loaded once, then the head block. */
static void build_entry(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;
    LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, "entry");

    LLVMPositionBuilderAtEnd(tr->b, entry);
    tr->temp_slot = g_new0(LLVMValueRef, ir->nb_temps + 1);
    tr->untagged = g_new0(LLVMValueRef, ir->nb_temps + 1);
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        if (ir->temps[i].kind == HT_TEMP) {
            tr->temp_slot[i] = LLVMBuildAlloca(tr->b,
                                               tcg_type(tr, ir->temps[i].type), "t");
        }
    }
    for (int i = 0; i < tr->nb_globals; i++) {
        tr->globals[i].slot = LLVMBuildAlloca(tr->b, tr->globals[i].type, "g");
    }
    tr->steps = LLVMBuildAlloca(tr->b, tr->i32, "steps");
    LLVMBuildStore(tr->b, LLVMConstInt(tr->i32, 0, 0), tr->steps);
    check_zero_spans(tr);
    reload_globals(tr);

    tr->block_bb = g_new0(LLVMBasicBlockRef, ir->nb_blocks);
    for (uint32_t i = 0; i < ir->nb_blocks; i++) {
        char name[32];

        snprintf(name, sizeof(name), "pc_%" PRIx64, ir->blocks[i].pc);
        tr->block_bb[i] = LLVMAppendBasicBlockInContext(tr->ctx, tr->fn, name);
    }
    LLVMBuildBr(tr->b, tr->block_bb[0]);
}

LLVMModuleRef hybrid_translate(LLVMContextRef ctx, const HybridTraceIR *ir,
                               const HybridTarget *tgt, const char *name,
                               const char **why)
{
    Tr tr = { .ctx = ctx, .ir = ir, .tgt = tgt };
    LLVMTypeRef params[2], fty;
    bool ok = true;

    init_types(&tr);
    tr.mod = LLVMModuleCreateWithNameInContext(name, ctx);
    params[0] = tr.ptr;
    params[1] = tr.ptr;
    fty = LLVMFunctionType(tr.i32, params, 2, false);
    tr.fn = LLVMAddFunction(tr.mod, name, fty);
    tr.env = LLVMGetParam(tr.fn, 0);
    tr.frame = LLVMGetParam(tr.fn, 1);
    tr.b = LLVMCreateBuilderInContext(ctx);

    collect_globals(&tr);
    if (tr.nb_globals > MAX_GLOBALS) {
        tr.why = "too many globals";
        ok = false;
    } else {
        collect_vregs(&tr);
        compute_dirty(&tr);
        build_entry(&tr);
    }
    if (ok) {
        tr.poll = find_polls(&tr);
    }
    for (uint32_t i = 0; i < ir->nb_blocks && ok; i++) {
        tr.skip_poll = !tr.poll[i];
        ok = unrollable(&tr, i) ? unroll_self_loop(&tr, i)
                                : translate_block(&tr, i);
    }
    if (ok && tr.next_insn != ir->nb_insns) {
        tr.why = "restore table mismatch";
        ok = false;
    }
    if (ok && LLVMVerifyModule(tr.mod, LLVMReturnStatusAction, NULL)) {
        tr.why = "LLVM verifier rejected the function";
        ok = false;
    }

    LLVMDisposeBuilder(tr.b);
    g_free(tr.globals);
    if (tr.zero_spans) {
        g_array_free(tr.zero_spans, true);
    }
    g_free(tr.leader);
    g_free(tr.dirty_in);
    g_free(tr.temp_slot);
    g_free(tr.untagged);
    g_free(tr.poll);
    g_free(tr.block_bb);
    if (!ok) {
        LLVMDisposeModule(tr.mod);
        *why = tr.why;
        return NULL;
    }
    return tr.mod;
}
