/*
 * Hybrid translator: loading libLLVM when the first trace is compiled.
 *
 * qemu-aarch64 is not linked with libLLVM: the dynamic loader would map
 * it and process its relocations at every start (about 30 ms and 50 MiB,
 * with -hybrid off too, and for programs that never get hot).  The first
 * optimizer job dlopen()s it, in a descriptor table of its own, and
 * fills the function pointers of llvm-api.h.  If that fails, the tier
 * stays inactive and every block stays in TCG.
 *
 * The library is ours if it is there (qemu-hybrid-llvm.so: only the LLVM
 * the backend uses, link-llvm-lib.sh), found from the binary's own
 * directory: hybrid/ beside it in the build tree, ../lib/qemu-hybrid/ in
 * an install.  Else Debian's libLLVM-16.so.1, which takes four times as
 * long to load.  A static build (--static --enable-llvm) has LLVM linked
 * in and only runs its constructors here (the end of this file).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include <dlfcn.h>
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "hybrid/accel/tcg/hybrid.h"
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
const char *hybrid_llvm_library(void);

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

static char library[PATH_MAX];  /* the one loaded, for -d hybrid */

const char *hybrid_llvm_library(void)
{
    return library;
}

#ifndef CONFIG_HYBRID_STATIC
static void *open_one(const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);

    if (h) {
        pstrcpy(library, sizeof(library), path);
    }
    return h;
}

/* Ours beside the binary, else Debian's by soname or llvm-config's path. */
static void *open_library(void)
{
    static const char *const ours[] = {
        "hybrid/qemu-hybrid-llvm.so",               /* the build tree */
        "../lib/qemu-hybrid/qemu-hybrid-llvm.so",   /* make install */
    };
    char exe[PATH_MAX], path[PATH_MAX * 2];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *slash;
    void *h;

    if (n > 0) {
        exe[n] = 0;
        slash = strrchr(exe, '/');
        for (size_t i = 0; slash && i < ARRAY_SIZE(ours); i++) {
            snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - exe), exe,
                     ours[i]);
            if (access(path, R_OK) == 0 && (h = open_one(path))) {
                return h;
            }
        }
    }
    h = open_one("libLLVM-16.so.1");
    return h ? h : open_one(HYBRID_LLVM_LIBDIR "/libLLVM-16.so");
}

bool hybrid_llvm_load(const char **why)
{
    static char msg[256];
    /* In the thread's own descriptor table (optimizer.c, private_fds()). */
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
#else /* CONFIG_HYBRID_STATIC */

/*
 * A static qemu-aarch64 links qemu-hybrid-llvm.o, whose constructors
 * (.init_array) were moved to this section so that they do not run at
 * every start (llvm-backend/link-llvm-lib.sh): they run here, once,
 * before the first compile.
 */
extern void (*__start_hybrid_llvm_ctors[])(void);
extern void (*__stop_hybrid_llvm_ctors[])(void);

bool hybrid_llvm_load(const char **why)
{
    static void *const linked[] = {
#define LLVM_API(name) (void *)&name,
#include "hybrid/llvm-backend/llvm-api.def"
#undef LLVM_API
    };

    for (void (**c)(void) = __start_hybrid_llvm_ctors;
         c < __stop_hybrid_llvm_ctors; c++) {
        (*c)();
    }
    for (size_t i = 0; i < ARRAY_SIZE(functions); i++) {
        *functions[i].slot = linked[i];
    }
    pstrcpy(library, sizeof(library), "linked in (static build)");
    return true;
}
#endif /* CONFIG_HYBRID_STATIC */
