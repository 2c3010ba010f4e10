/*
 * Hybrid translator: loading libLLVM when the first trace is compiled.
 *
 * qemu-aarch64 is not linked with libLLVM: the dynamic loader would map
 * it and process its relocations at every start (about 30 ms and 50 MiB,
 * with -hybrid off too, and for programs that never get hot).  The first
 * optimizer job dlopen()s it and fills the function pointers of
 * llvm-api.h.  If that fails, the tier stays inactive and every block
 * stays in TCG.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include <dlfcn.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/OrcEE.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include "hybrid/hybrid-config.h"

bool hybrid_llvm_load(const char **why);

#define LLVM_API(name) __typeof__(name) *hybrid_llvm_##name;
#include "hybrid/llvm-backend/llvm-api.def"
#undef LLVM_API

static const struct {
    const char *name;
    void **slot;
} functions[] = {
#define LLVM_API(name) { #name, (void **)&hybrid_llvm_##name },
#include "hybrid/llvm-backend/llvm-api.def"
#undef LLVM_API
};

/* The library: by soname (Debian's libllvm16), else where llvm-config said. */
static void *open_library(void)
{
    void *h = dlopen("libLLVM-16.so.1", RTLD_NOW | RTLD_LOCAL);

    if (!h) {
        h = dlopen(HYBRID_LLVM_LIBDIR "/libLLVM-16.so", RTLD_NOW | RTLD_LOCAL);
    }
    return h;
}

bool hybrid_llvm_load(const char **why)
{
    static char msg[256];
    void *h = open_library();

    if (!h) {
        snprintf(msg, sizeof(msg), "cannot load LLVM 16: %s", dlerror());
        *why = msg;
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(functions); i++) {
        *functions[i].slot = dlsym(h, functions[i].name);
        if (!*functions[i].slot) {
            snprintf(msg, sizeof(msg), "LLVM library without %s",
                     functions[i].name);
            *why = msg;
            return false;
        }
    }
    return true;
}
