/*
 * Hybrid translator (stage 4, trace IR -> LLVM IR): private header.
 *
 * Each op gets its meaning from tcg/README.  The choices that make the
 * result exact:
 *  - Globals live in SSA-promoted copies (an alloca per env slot) and are
 *    written back to env exactly where TCG needs them in memory: before a
 *    guest memory access (it may fault) unless tgt->faults_fatal (the
 *    guest cannot catch the fault, so no one sees the registers; see
 *    hybrid_faults_observed()), before a helper call that may read
 *    globals, and at every exit; tr_env_need() (translate-value.c) is
 *    the one statement of that rule.  Only globals that may have been
 *    written since the last write-back are stored: a forward "may be
 *    dirty" dataflow over the trace's op graph (translate-dirty.c)
 *    decides, asking tr_env_need() what each op writes back.  A loop
 *    with no memory access keeps its registers in host registers until
 *    it exits.  After a call that may write globals, the copies are
 *    reloaded.
 *  - Guest memory accesses and the exit-request load are volatile; mb is
 *    a fence, seq_cst when it asks for store-to-load order, else acq_rel
 *    (no instruction on x86; docs/memory-order.md).  Shift counts are
 *    masked (TCG leaves out-of-range shifts unspecified, LLVM would make
 *    them poison).
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
#ifndef HYBRID_LLVM_BACKEND_TRANSLATE_INTERNAL_H
#define HYBRID_LLVM_BACKEND_TRANSLATE_INTERNAL_H

#include "hybrid/llvm-backend/translate.h"

/*
 * The rooms (one concern a file, like QEMU's tcg-op*.c):
 *   translate.c         the driver: promotion, entry, block order, polls
 *   translate-value.c   the value model: temps, promoted globals, the
 *                       write-back and reload, restore points, IR helpers
 *   translate-dirty.c   the "may be dirty" dataflow the write-backs use
 *   translate-memory.c  guest loads and stores, vector-register slots
 *   translate-call.c    helper calls
 *   translate-fp.c      the inlined floating-point fast path
 *   translate-op.c      scalar integer and control-flow ops
 *   translate-vec.c     vector ops
 *   translate-a64.c     aarch64 peepholes (top-byte-ignore, the Z flag)
 */

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

    /* Per trace block being translated, and the op in it. */
    const HybridBlock *blk;
    const HybridOp *op;
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

    HybridReject why;

    /*
     * The FP environment guards (translate-fp.c): for each float_status
     * the trace's inlined FP ops use, its offset in env and an i1 alloca,
     * true while that status lets the host compute (fp_env_ok()).
     */
    struct {
        int64_t off;
        LLVMValueRef slot;
    } fp_env[4];
    int nb_fp_env;
    LLVMValueRef fp_thunk[HYBRID_FP_NB];   /* fp_soft_thunk() */
    LLVMValueRef fp_out;                    /* alloca: a thunk's result */

    /* The 64-bit Z flag idiom, being recognised (see zf_idiom()). */
    LLVMValueRef zf_x;             /* the i64 result its ZF comes from */
    uint64_t zf_src, zf_dst, nf_src, nf_dst;
    unsigned zf_age;               /* ops since the first one */
    unsigned zf_or_age;            /* the age the or must come at, or 0 */
} Tr;

/*
 * What must be exact in env before an op runs (tr_env_need()): the TCG
 * globals, the vreg slots.
 */
typedef struct EnvNeed {
    bool globals;
    bool vregs;
} EnvNeed;

#define REJECT(tr, reason) do { (tr)->why = (reason); return false; } while (0)

/*
 * The scalar host ld/st ops (env fields, or pointers computed from env;
 * base args[1], offset args[2]) as X(op, bytes, sign, store): sign says
 * a load sign-extends.  translate-memory.c looks ops up in it and
 * translates them, translate-op.c takes its case labels from it.
 */
#define TR_HOST_LDST(X)                                                      \
    X(ld8u_i32, 1, false, false)    X(ld8u_i64, 1, false, false)             \
    X(ld8s_i32, 1, true, false)     X(ld8s_i64, 1, true, false)              \
    X(ld16u_i32, 2, false, false)   X(ld16u_i64, 2, false, false)            \
    X(ld16s_i32, 2, true, false)    X(ld16s_i64, 2, true, false)             \
    X(ld_i32, 4, false, false)      X(ld32u_i64, 4, false, false)            \
    X(ld32s_i64, 4, true, false)    X(ld_i64, 8, false, false)               \
    X(st8_i32, 1, false, true)      X(st8_i64, 1, false, true)               \
    X(st16_i32, 2, false, true)     X(st16_i64, 2, false, true)              \
    X(st_i32, 4, false, true)       X(st32_i64, 4, false, true)              \
    X(st_i64, 8, false, true)

/* translate-value.c */
const HybridTemp *tr_temp_of(Tr *tr, uint32_t idx);
LLVMTypeRef tr_tcg_type(Tr *tr, int type);
int tr_global_index(Tr *tr, int64_t offset);
Global *tr_global_at(Tr *tr, int64_t offset);
void tr_gset_add(GSet *s, int i);
bool tr_gset_union(GSet *d, const GSet *s);
LLVMValueRef tr_env_addr(Tr *tr, int64_t offset);
LLVMValueRef tr_get(Tr *tr, uint32_t idx);
LLVMValueRef tr_fit(Tr *tr, LLVMValueRef v, LLVMTypeRef ty);
LLVMValueRef tr_get_as(Tr *tr, uint32_t idx, LLVMTypeRef ty);
bool tr_set(Tr *tr, uint32_t idx, LLVMValueRef v);
void tr_write_back_some(Tr *tr, bool globals, bool vregs);
void tr_write_back(Tr *tr);
EnvNeed tr_env_need(Tr *tr, const HybridBlock *blk, const HybridOp *op);
void tr_write_back_for_op(Tr *tr);
void tr_reload_some(Tr *tr, bool globals, bool vregs);
void tr_reload_globals(Tr *tr);
void tr_memory_barrier(Tr *tr);
void tr_set_restore_point(Tr *tr);
void tr_new_dead_block(Tr *tr);
void tr_ret(Tr *tr, uint32_t code);
LLVMBasicBlockRef tr_label_bb(Tr *tr, uint64_t id);
LLVMValueRef tr_call_intrinsic(Tr *tr, const char *name, LLVMTypeRef ty,
                               LLVMValueRef *args, int n);
LLVMValueRef tr_cmp(Tr *tr, TCGCond c, LLVMValueRef a, LLVMValueRef b);
LLVMValueRef tr_mask_of(LLVMTypeRef ty, unsigned len);
bool tr_is_global_at(Tr *tr, uint64_t idx, int64_t offset);
bool tr_is_const(Tr *tr, uint64_t idx, int64_t v);

/* translate-dirty.c */
uint64_t tr_call_flags(Tr *tr, const HybridOp *op);
bool tr_is_lookup_call(Tr *tr, const HybridOp *op);
bool tr_is_qemu_ldst(unsigned opc);
bool tr_is_fp_fast_call(Tr *tr, const HybridOp *op);
void tr_compute_dirty(Tr *tr);

/* translate-memory.c */
bool tr_host_access(const HybridOp *op, unsigned *size, bool *store);
const HybridTemp *tr_block_temp(Tr *tr, const HybridBlock *blk,
                                uint64_t idx);
int tr_vreg_index(Tr *tr, int64_t offset, unsigned size);
bool tr_in_zero_span(Tr *tr, int64_t offset, unsigned size);
int tr_op_vreg(Tr *tr, const HybridBlock *blk, const HybridOp *op);
bool tr_is_pointer_access(Tr *tr, const HybridBlock *blk,
                          const HybridOp *op, bool *store);
LLVMValueRef tr_vreg_read(Tr *tr, int i, int64_t offset, unsigned size);
void tr_vreg_write(Tr *tr, int i, int64_t offset, LLVMValueRef v);
LLVMValueRef tr_host_addr(Tr *tr, uint32_t base, int64_t offset,
                          unsigned size, bool *is_exit_check);
bool tr_do_host_ldst(Tr *tr, const HybridOp *op, const uint64_t *a,
                     LLVMTypeRef ty);
bool tr_do_qemu_ldst(Tr *tr, const uint64_t *a, bool is_ld, bool is64);

/* translate-call.c */
bool tr_env_offset_of(Tr *tr, const HybridBlock *blk, uint32_t at,
                      uint64_t idx, int64_t *off);
bool tr_call_touches_vregs(Tr *tr, const HybridBlock *blk,
                           const HybridOp *op);
bool tr_do_call(Tr *tr, const HybridOp *op, const uint64_t *a);

/* translate-fp.c */
void tr_fp_env_init(Tr *tr);
void tr_fp_env_refresh(Tr *tr);
void tr_fp_env_stored(Tr *tr, bool env_base, int64_t off, unsigned size);
int tr_fp_helper_index(Tr *tr, void *func);
int tr_fp_fast_index(Tr *tr, const HybridOp *op);
bool tr_do_fp_fast(Tr *tr, const HybridOp *op, const uint64_t *a, int k);

/* translate-op.c */
bool tr_translate_op(Tr *tr, const HybridOp *op);

/* translate-vec.c */
bool tr_translate_vec_op(Tr *tr, const HybridOp *op);

/* translate-a64.c */
void tr_note_untagged(Tr *tr, uint32_t idx, LLVMValueRef v);
LLVMValueRef tr_untagged_of(Tr *tr, uint32_t idx);
void tr_track_untagged(Tr *tr, const HybridOp *op, const uint64_t *a);
LLVMValueRef tr_zf_idiom(Tr *tr, const HybridOp *op, const uint64_t *a,
                         LLVMValueRef x);

#endif /* HYBRID_LLVM_BACKEND_TRANSLATE_INTERNAL_H */
