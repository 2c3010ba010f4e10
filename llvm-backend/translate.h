/*
 * Hybrid translator, stage 4: trace IR -> LLVM IR.
 *
 * Builds one LLVM function per trace (see accel/tcg/hybrid-trace-ir.h for
 * its contract).  Runs on the optimizer thread; reads only the IR and the
 * target facts.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LLVM_BACKEND_TRANSLATE_H
#define HYBRID_LLVM_BACKEND_TRANSLATE_H

#include "hybrid/accel/tcg/hybrid-reject.h"
#include "hybrid/llvm-backend/llvm-api.h"
#include "hybrid/accel/tcg/hybrid-trace-ir.h"

/* What the translator must know about the guest and QEMU. */
typedef struct HybridTarget {
    int64_t pc_offset;             /* env offset of the guest PC (a global) */
    int64_t exit_check_offset;     /* env offset of icount_decr.u32 */
    int64_t zf_offset;             /* env offset of the Z flag (only ZF == 0
                                      matters; see translate.c) */
    int64_t vregs_offset;          /* env offset and size of the vector */
    int64_t vregs_size;            /* registers (FP/SIMD, SVE): promoted */
    uint64_t guest_base;
    /*
     * A guest fault ends the process (hybrid_faults_observed() is false):
     * guest memory accesses need not store registers to env first.
     */
    bool faults_fatal;
    void *lookup_tb_ptr;           /* helper_lookup_tb_ptr */
    void *unaligned_ld;            /* helper_unaligned_ld(env, addr) */
    void *unaligned_st;            /* helper_unaligned_st(env, addr) */

    /*
     * Floating-point helpers whose fast path we inline: the same one
     * QEMU's softfloat takes ("hardfloat"), under the same conditions,
     * with the helper itself for everything else.  Order: add, sub, mul,
     * div; single precision then double.
     */
    void *fp_helpers[8];
    int64_t fpst_flags_offset;     /* float_status.float_exception_flags */
    int64_t fpst_rmode_offset;     /* float_status.float_rounding_mode */
    unsigned fpst_rmode_size;
    unsigned flag_inexact, flag_overflow, rmode_nearest_even;
} HybridTarget;

/*
 * Build function @name for @ir into a new module in @ctx.  Returns the
 * module, or NULL with *@why set (hybrid-reject.h) when the trace holds
 * something we do not translate.
 */
LLVMModuleRef hybrid_translate(LLVMContextRef ctx, const HybridTraceIR *ir,
                               const HybridTarget *tgt, const char *name,
                               HybridReject *why);

#endif /* HYBRID_LLVM_BACKEND_TRANSLATE_H */
