/*
 * Hybrid translator, stage 5: the JIT (ORC LLJIT through LLVM's C API).
 *
 * Owns LLVM's execution session and the memory of compiled traces.  Each
 * trace gets its own resource tracker, so its code can be freed alone.
 * Code memory comes from our allocator, so we know where every trace's
 * code lies (fault restore needs it).  Used by the optimizer thread only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LLVM_BACKEND_JIT_H
#define HYBRID_LLVM_BACKEND_JIT_H

#include <stddef.h>
#include <stdint.h>
#include "hybrid/accel/tcg/hybrid-trace-ir.h"

typedef struct HybridCodeRange {
    uintptr_t start, end;
} HybridCodeRange;

typedef struct HybridCode {
    HybridTraceFn fn;
    void *handle;                /* the trace's resource tracker */
    HybridCodeRange *ranges;     /* executable sections */
    int nb_ranges;
    size_t size;                 /* bytes of code */
} HybridCode;

#endif /* HYBRID_LLVM_BACKEND_JIT_H */
