/*
 * Hybrid translator: the contract between accel/tcg and an optimizer.
 *
 * An optimizer (llvm-backend/optimizer.c: trace IR -> LLVM -> host code)
 * takes recorded traces from the queue and hands their code to the
 * patcher.  It registers its operations here from a constructor, before
 * main(); accel/tcg reaches it only through them, and includes none of
 * its headers.  A build without one (./configure --disable-llvm)
 * registers nothing, and the tier stays off.
 *
 * Defines what crosses the boundary besides the trace IR
 * (hybrid-trace-ir.h): the facts about the guest and QEMU an optimizer
 * is started with, and the code it gives back.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_OPTIMIZER_H
#define HYBRID_ACCEL_TCG_OPTIMIZER_H

#include "hybrid/accel/tcg/hybrid-trace-ir.h"

/*
 * The FP helpers of HybridTarget.fp_helpers: single precision (s) then
 * double (d) of each.
 */
typedef enum HybridFpHelper {
    HYBRID_FP_ADDS, HYBRID_FP_SUBS, HYBRID_FP_MULS, HYBRID_FP_DIVS,
    HYBRID_FP_ADDD, HYBRID_FP_SUBD, HYBRID_FP_MULD, HYBRID_FP_DIVD,
    HYBRID_FP_MULADDS, HYBRID_FP_MULADDD,  /* (a, b, c, fpst): a * b + c */
    HYBRID_FP_SQRTS, HYBRID_FP_SQRTD,      /* (a, env) */
    HYBRID_FP_NEGS, HYBRID_FP_NEGD,        /* (a) */
    HYBRID_FP_ABSS, HYBRID_FP_ABSD,        /* (a) */
    /* (a, b, fpst) -> NZCV in bits 31:28: fcmp, fcmpe (signalling) */
    HYBRID_FP_CMPS, HYBRID_FP_CMPES, HYBRID_FP_CMPD, HYBRID_FP_CMPED,
    /* (x, shift, fpst): 64-bit integer to float, scvtf and ucvtf */
    HYBRID_FP_SQTOS, HYBRID_FP_UQTOS, HYBRID_FP_SQTOD, HYBRID_FP_UQTOD,
    /* (x, fpst): 32-bit integer to float (vector scvtf, ucvtf) */
    HYBRID_FP_SITOS, HYBRID_FP_UITOS, HYBRID_FP_SITOD, HYBRID_FP_UITOD,
    /* (a, env): fcvt to double from single, to single from double */
    HYBRID_FP_CVTDS, HYBRID_FP_CVTSD,
    /* (a, b, fpst): fmax, fmin, fmaxnm, fminnm */
    HYBRID_FP_MAXS, HYBRID_FP_MINS, HYBRID_FP_MAXNUMS, HYBRID_FP_MINNUMS,
    HYBRID_FP_MAXD, HYBRID_FP_MIND, HYBRID_FP_MAXNUMD, HYBRID_FP_MINNUMD,
    HYBRID_FP_NB
} HybridFpHelper;

/* What the translator must know about the guest and QEMU. */
typedef struct HybridTarget {
    int64_t pc_offset;             /* env offset of the guest PC (a global) */
    int64_t exit_check_offset;     /* env offset of icount_decr.u32 */
    int64_t zf_offset;             /* env offset of the Z flag (only ZF == 0
                                      matters; see translate-a64.c) */
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
     * Floating-point helpers the translator inlines (llvm-backend/
     * translate-fp.c, the contract in docs/fp.md): the fast path QEMU's
     * softfloat takes itself ("hardfloat") on the host's FPU, under the
     * same conditions, and the helper for every other case; the sign-bit
     * helpers (neg, abs) as the integer operations they are.  Indexed by
     * HybridFpHelper.
     */
    void *fp_helpers[HYBRID_FP_NB];
    int64_t fpst_flags_offset;     /* float_status.float_exception_flags */
    int64_t fpst_rmode_offset;     /* float_status.float_rounding_mode */
    unsigned fpst_rmode_size;
    int64_t fpst_ftz_offset;       /* float_status.flush_to_zero (bool) */
    int64_t fpst_fiz_offset;       /* float_status.flush_inputs_to_zero */
    unsigned fpst_size;
    unsigned flag_inexact, rmode_nearest_even;
    int64_t env_fpst_offset;       /* env offset of the float_status the
                                      helpers taking env use (sqrt) */
    /* What the compare helpers return for <, ==, > (unordered: helper). */
    uint32_t nzcv_less, nzcv_equal, nzcv_greater;
    /*
     * The code runs on a host with FMA (set by the optimizer from the
     * CPU features it compiles for): only then is muladd inlined, as
     * llvm.fma would otherwise be a call into libm.
     */
    bool host_fma;
} HybridTarget;

/* Host code of a compiled trace: [start, end). */
typedef struct HybridCodeRange {
    uintptr_t start, end;
} HybridCodeRange;

/*
 * A compiled trace, handed to the patcher (hybrid_install()), which
 * gives it back to be freed (hybrid_free_dead()) once no vCPU can be
 * inside.  Code ranges never overlap.
 */
typedef struct HybridCode {
    HybridTraceFn fn;
    void *handle;                /* the optimizer's: what frees the code */
    HybridCodeRange *ranges;     /* executable sections */
    int nb_ranges;
    size_t size;                 /* bytes of code */
} HybridCode;

typedef struct HybridJob HybridJob;

/*
 * An optimizer's operations.  Only start() is called while the tier is
 * not active; the others once it returned true.
 */
typedef struct HybridOptimizerOps {
    /*
     * Once, from hybrid_init(): get ready to run @n optimizer threads
     * for @target.  False if it cannot: the tier stays off.
     */
    bool (*start)(int n, const HybridTarget *target);
    /* Take @job, recorded by an emulation thread, into the queue. */
    void (*submit)(HybridJob *job);
    /* A queued job's head ran again: look at the queue. */
    void (*wake)(void);
    /*
     * True once the optimizers run (they may start now, after the
     * warm-up): until then heads do not record.
     */
    bool (*ready)(void);
    /* The same, but only looks: never starts them, never reads a clock. */
    bool (*running)(void);
    /* Is an optimizer waiting for its CPU budget (-hybrid-budget)? */
    bool (*throttled)(void);
    /* Around fork(): park every optimizer, then resume (or restart). */
    void (*fork_start)(void);
    void (*fork_end)(bool child);
} HybridOptimizerOps;

/* From a constructor of the optimizer: there is one, @ops. */
void hybrid_optimizer_register(const HybridOptimizerOps *ops);

/* Was an optimizer registered (is the LLVM tier built in)? */
bool hybrid_optimizer_registered(void);

/* hybrid_init(): start the registered optimizer; false if none or not. */
bool hybrid_optimizer_start(int n, const HybridTarget *target);

#endif /* HYBRID_ACCEL_TCG_OPTIMIZER_H */
