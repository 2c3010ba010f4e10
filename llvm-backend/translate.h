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
#include "hybrid/accel/tcg/hybrid-optimizer.h"  /* HybridTarget, trace IR */

/*
 * Build function @name for @ir into a new module in @ctx.  Returns the
 * module, or NULL with *@why set (hybrid-reject.h) when the trace holds
 * something we do not translate.
 */
LLVMModuleRef hybrid_translate(LLVMContextRef ctx, const HybridTraceIR *ir,
                               const HybridTarget *tgt, const char *name,
                               HybridReject *why);

#endif /* HYBRID_LLVM_BACKEND_TRANSLATE_H */
