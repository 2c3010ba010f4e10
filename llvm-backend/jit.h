/*
 * Hybrid translator, stage 5: the JIT (ORC LLJIT through LLVM's C API),
 * as the optimizer thread uses it.
 *
 * Owns LLVM's execution session and the memory of compiled traces.  Each
 * trace gets its own resource tracker, so its code can be freed alone.
 * Code memory comes from our allocator, so we know where every trace's
 * code lies (fault restore needs it): the HybridCode a compile fills
 * (accel/tcg/hybrid-optimizer.h) goes to the patcher.  Used by the
 * optimizer thread only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LLVM_BACKEND_JIT_H
#define HYBRID_LLVM_BACKEND_JIT_H

#include "hybrid/llvm-backend/llvm-api.h"
#include "hybrid/accel/tcg/hybrid-optimizer.h"

typedef struct HybridJit HybridJit;

/* Once, before any optimizer thread starts. */
bool hybrid_jit_global_init(void);

HybridJit *hybrid_jit_new(void);
void hybrid_jit_free(HybridJit *j);

/*
 * Does the code compiled for the host use FMA instructions (the CPU has
 * them, from the features the target machine was made with)?
 */
bool hybrid_jit_host_fma(HybridJit *j);

/* The LLVMContext modules for this JIT must be built in. */
LLVMContextRef hybrid_jit_context(HybridJit *j);

/* A fresh symbol name for the next trace. */
char *hybrid_jit_next_name(HybridJit *j);

/*
 * Optimize @mod with the pass pipeline @passes (LLVMRunPasses syntax),
 * compile it and fill @out (function, code ranges, handle).  Takes @mod.
 * False on any LLVM error (logged).
 */
bool hybrid_jit_compile(HybridJit *j, LLVMModuleRef mod, const char *name,
                        const char *passes, HybridCode *out);

/* Free the code of a compiled trace (its resource tracker). */
void hybrid_jit_discard(void *handle);

/* Log an LLVM problem (-d hybrid, or stderr with -hybrid-stats). */
void G_GNUC_PRINTF(1, 2) hybrid_jit_log(const char *fmt, ...);

/* With -d hybrid only. */
void G_GNUC_PRINTF(1, 2) hybrid_jit_log_debug(const char *fmt, ...);

/* With -d hybrid, print @mod to the log under @title. */
void hybrid_jit_dump(const char *title, LLVMModuleRef mod);

#endif /* HYBRID_LLVM_BACKEND_JIT_H */
