/*
 * Hybrid translator, stage 4: trace IR -> LLVM IR (the driver).
 *
 * Owns hybrid_translate(): which globals and vreg slots a trace promotes,
 * the entry block, the order blocks are translated in (self-loops
 * unrolled, exit-request polls placed) and the function's frame.  The
 * rules that keep results exact, and which file owns each part, are in
 * translate-internal.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/llvm-backend/translate-internal.h"

static void collect_globals(Tr *tr)
{
    const HybridTraceIR *ir = tr->ir;

    tr->globals = g_new0(Global, ir->nb_temps + 1);
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        const HybridTemp *t = &ir->temps[i];

        if (t->kind == HT_GLOBAL && !tr_global_at(tr, t->val)) {
            Global *g = &tr->globals[tr->nb_globals++];

            g->offset = t->val;
            g->type = tr_tcg_type(tr, t->type);
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
        return !tr_is_lookup_call(tr, op) && tr_call_touches_vregs(tr, blk, op) &&
               !(tr_call_flags(tr, op) & TCG_CALL_NO_SIDE_EFFECTS);
    }
    return tr_is_pointer_access(tr, blk, op, &store) && store;
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
            if (!tr_host_access(op, &size, &store) ||
                tr_block_temp(tr, blk, a[1])->kind != HT_ENV) {
                continue;
            }
            sp.lo = (int64_t)a[2];
            sp.hi = sp.lo + size;
            sp.zero_store = false;
            if (store && op->opc != INDEX_op_dupm_vec) {
                const HybridTemp *v = tr_block_temp(tr, blk, a[0]);

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

/* OR the bytes [@lo, @hi) of env into *@vacc (16 at a time) or *@sacc. */
static void or_env_bytes(Tr *tr, int64_t lo, int64_t hi,
                         LLVMValueRef *vacc, LLVMValueRef *sacc)
{
    LLVMTypeRef v2 = LLVMVectorType(tr->i64, 2);

    while (lo < hi) {
        int64_t n = MIN(hi - lo, 16);
        bool wide = n == 16;
        LLVMTypeRef ty = wide ? v2 : LLVMIntTypeInContext(tr->ctx,
                                                          MIN(n, 8) * 8);
        LLVMValueRef v = LLVMBuildLoad2(tr->b, ty, tr_env_addr(tr, lo), "");
        LLVMValueRef *acc = wide ? vacc : sacc;

        /* A span starts where it starts: never an aligned vector load. */
        LLVMSetAlignment(v, 1);
        if (!wide) {
            n = MIN(n, 8);
            v = n < 8 ? LLVMBuildZExt(tr->b, v, tr->i64, "") : v;
        }
        *acc = *acc ? LLVMBuildOr(tr->b, *acc, v, "") : v;
        lo += n;
    }
}

/*
 * The entry check of the zero spans: if env is not zero there, return
 * HYBRID_EXIT_NOT_ENTERED before anything ran.  Adjacent spans (a
 * register's 8-16, 16-48 and 48-64 bytes) are read as one run, 16 bytes
 * at a time, and all OR-ed into one test: a compare per span, on i256
 * and i128 values, cost lame's first trace (19 registers) 14 of its 70 ms
 * of code generation (llc-16 -O2 -time-passes on its IR), the runs 1-2 ms.
 */
static void check_zero_spans(Tr *tr)
{
    LLVMValueRef vacc = NULL, sacc = NULL, any = NULL;
    LLVMBasicBlockRef out, go;
    LLVMValueRef off;
    GArray *z = tr->zero_spans;

    for (guint i = 0; i + 1 < z->len;) {
        int64_t lo = g_array_index(z, int64_t, i);
        int64_t hi = g_array_index(z, int64_t, i + 1);

        for (i += 2; i + 1 < z->len && g_array_index(z, int64_t, i) == hi;
             i += 2) {
            hi = g_array_index(z, int64_t, i + 1);
        }
        or_env_bytes(tr, lo, hi, &vacc, &sacc);
    }
    if (vacc) {
        LLVMTypeRef i128 = LLVMIntTypeInContext(tr->ctx, 128);

        vacc = LLVMBuildBitCast(tr->b, vacc, i128, "");
        any = LLVMBuildICmp(tr->b, LLVMIntNE, vacc,
                            LLVMConstInt(i128, 0, 0), "");
    }
    if (sacc) {
        LLVMValueRef nz = LLVMBuildICmp(tr->b, LLVMIntNE, sacc,
                                        LLVMConstInt(tr->i64, 0, 0), "");

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
        tr->op = &tr->ir->ops[blk->first_op + i];
        if (!tr_translate_op(tr, tr->op)) {
            g_free(tr->labels);
            return false;
        }
    }
    g_free(tr->labels);
    if (!tr->dead) {
        REJECT(tr, HYBRID_REJECT_FALLS_OFF_END);
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
        int32_t next[HYBRID_MAX_SUCC];
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
                                               tr_tcg_type(tr, ir->temps[i].type), "t");
        }
    }
    for (int i = 0; i < tr->nb_globals; i++) {
        tr->globals[i].slot = LLVMBuildAlloca(tr->b, tr->globals[i].type, "g");
    }
    tr->steps = LLVMBuildAlloca(tr->b, tr->i32, "steps");
    LLVMBuildStore(tr->b, LLVMConstInt(tr->i32, 0, 0), tr->steps);
    tr_fp_env_init(tr);
    check_zero_spans(tr);
    tr_reload_globals(tr);

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
                               HybridReject *why)
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
        tr.why = HYBRID_REJECT_TOO_MANY_GLOBALS;
        ok = false;
    } else {
        collect_vregs(&tr);
        tr_compute_dirty(&tr);
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
        tr.why = HYBRID_REJECT_RESTORE_MISMATCH;
        ok = false;
    }
    if (ok && LLVMVerifyModule(tr.mod, LLVMReturnStatusAction, NULL)) {
        tr.why = HYBRID_REJECT_VERIFIER;
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
