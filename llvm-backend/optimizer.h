/*
 * Hybrid translator: the optimizer threads.
 *
 * Each thread owns a queue and a JIT; it takes recorded traces, builds
 * LLVM IR (translate.c), compiles it (jit.c) and hands the code to the
 * patcher (accel/tcg/hybrid-install.c).  It never touches a TCGContext
 * or runs guest code, and it blocks all signals.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LLVM_BACKEND_OPTIMIZER_H
#define HYBRID_LLVM_BACKEND_OPTIMIZER_H

#include "hybrid/llvm-backend/translate.h"

/* Start @n optimizer threads.  False if LLVM cannot be used here. */
bool hybrid_optimizer_start(int n, const HybridTarget *target);

#endif /* HYBRID_LLVM_BACKEND_OPTIMIZER_H */
