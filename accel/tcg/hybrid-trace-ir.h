/*
 * Hybrid translator: the trace IR, the message from the trace recorder
 * (emulation thread) to the optimizer (the LLVM translator, on the
 * optimizer thread).
 *
 * A trace is a few guest blocks, each one the TCG ops that QEMU's
 * frontend and tcg_optimize() produced for that TB, made self-contained:
 * temps are indexes into the block's own temp table, labels are small
 * numbers, helper calls carry their function and flags.  Nothing in here
 * points into the TCGContext, which the emulation thread reuses at once.
 *
 * Opcodes, conditions and MemOps are TCG's own (tcg/tcg-opc.h, TCGCond,
 * MemOpIdx): the translator gives each its TCG meaning (tcg/README).
 *
 * Owned by accel/tcg, which produces it (tcg/hybrid-capture.c fills it)
 * and queues it: an optimizer (llvm-backend/) builds on this header,
 * never the other way round.  The functions declared at the end are in
 * tcg/hybrid-capture.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_TRACE_IR_H
#define HYBRID_ACCEL_TCG_TRACE_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HYBRID_INSN_WORDS 3   /* TARGET_INSN_START_WORDS of aarch64 */

typedef enum HybridTempKind {
    HT_GLOBAL,   /* a TCG global: lives at env + val */
    HT_ENV,      /* the env pointer itself (TCG's fixed AREG0) */
    HT_CONST,    /* a constant: val */
    HT_TEMP,     /* a block-local temporary (normal, ebb or local) */
} HybridTempKind;

typedef struct HybridTemp {
    uint8_t kind;            /* HybridTempKind */
    uint8_t type;            /* TCGType: I32, I64, V64, V128 or V256 */
    int64_t val;             /* constant value, or env offset of a global */
} HybridTemp;

/*
 * One op.  args[] holds, in TCG's order, nb_oargs output temps and
 * nb_iargs input temps (as indexes into the block's temps), then
 * nb_cargs constant arguments, rewritten where they were pointers:
 *   labels (brcond, br, set_label, ...)  -> label number within the block
 *   exit_tb                              -> the exit index, plus
 *                                           HYBRID_EXIT_HAS_TB when the
 *                                           exit named its TB
 *   call                                 -> func, flags, typemask
 *                                           (and the helper's name in
 *                                           HybridOp.name, for messages)
 */
#define HYBRID_EXIT_HAS_TB 0x100

typedef struct HybridOp {
    uint16_t opc;            /* TCGOpcode */
    uint8_t nb_oargs;
    uint8_t nb_iargs;
    uint8_t nb_cargs;
    uint8_t param1, param2;  /* TCGOp.param1/2 (call: calli/callo) */
    uint32_t args;           /* index of the first argument in args[] */
    const char *name;        /* call: helper name, for statistics */
} HybridOp;

/* A restore point: the insn_start words of one guest instruction. */
typedef struct HybridInsn {
    uint32_t block;          /* index into HybridTrace.blocks */
    uint64_t words[HYBRID_INSN_WORDS];
} HybridInsn;

/* Targets of a block's indirect branch that a trace follows, at most. */
#define HYBRID_MAX_ISUCC 16
/* Edges out of a block, at most: its two goto_tb and those targets. */
#define HYBRID_MAX_SUCC (2 + HYBRID_MAX_ISUCC)

typedef struct HybridBlock {
    uint64_t pc;
    void *tb;                /* the TranslationBlock, for restore_state */
    int32_t succ[2];         /* goto_tb n continues in block succ[n], or -1 */
    /*
     * goto_ptr (an indirect branch, after its lookup_tb_ptr call)
     * continues in block isucc[k] when the guest PC is that block's pc,
     * and leaves the trace otherwise.  The targets are the ones the
     * branch's inline cache held (accel/tcg/hybrid-ic.c): with the
     * block's flags fixed, the PC picks the TB the lookup would.
     */
    uint32_t nb_isucc;
    int32_t isucc[HYBRID_MAX_ISUCC];
    uint32_t first_op, nb_ops;
    uint32_t first_temp, nb_temps;
    uint32_t nb_labels;
    uint32_t icount;
} HybridBlock;

/* What the recorder hands to the optimizer.  Block 0 is the head. */
typedef struct HybridTraceIR {
    uint32_t nb_blocks;
    uint32_t nb_ops, nb_args, nb_temps, nb_insns;
    HybridBlock *blocks;
    HybridOp *ops;
    uint64_t *args;
    HybridTemp *temps;
    HybridInsn *insns;       /* restore ids index this table */
    uint32_t cap_ops, cap_args, cap_temps, cap_insns;
} HybridTraceIR;

/*
 * The compiled trace: uint32_t fn(CPUArchState *env, HybridFrame *frame).
 * It returns one of these, with every global already in env (globals are
 * written through) and the guest PC in env:
 */
#define HYBRID_EXIT_LOOKUP   1   /* continue at env's PC (lookup_and_goto_ptr) */
#define HYBRID_EXIT_DISPATCH 2   /* return to the cpu_exec loop first */
#define HYBRID_EXIT_NOT_ENTERED 3 /* its entry check failed: run the head
                                    TB as if there were no trace */

/*
 * Per-entry state shared with the trace.  Before each guest memory access
 * and helper call the trace stores (volatile) the index in insns[] of the
 * guest instruction it is executing, so a fault or exception taken there
 * restores exactly that instruction's state.
 */
typedef struct HybridFrame {
    uint32_t restore_id;
    uint32_t steps;          /* set at exit: block-to-block moves inside */
} HybridFrame;

#define HYBRID_FRAME_STEPS_OFFSET 4

typedef uint32_t (*HybridTraceFn)(void *env, HybridFrame *frame);

void hybrid_trace_ir_init(HybridTraceIR *ir);
void hybrid_trace_ir_free(HybridTraceIR *ir);
/*
 * Shrink the arrays to what they hold: they grow by doubling while a
 * trace is captured, and a queued job keeps them (about half of its
 * memory was slack).
 */
void hybrid_trace_ir_trim(HybridTraceIR *ir);
/* The bytes the arrays take. */
size_t hybrid_trace_ir_bytes(const HybridTraceIR *ir);

#endif /* HYBRID_ACCEL_TCG_TRACE_IR_H */
