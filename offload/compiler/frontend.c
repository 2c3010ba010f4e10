/*
 * qemu-offload-cc: C sources -> one aarch64 LLVM module.
 *
 * Each source is compiled by clang-16 for the guest target with the
 * guest's flags, at -O2 but with LLVM's passes disabled: the IR keeps
 * clang's type-based alias information, and no guest-target optimization
 * turns a call into another library call the guest may not have.  The
 * optimization happens later, for the host, after the rewrite.
 *
 * Internal (static) symbols of different files may share a name; they are
 * renamed apart before linking and remembered with their file, which is
 * how their local guest symbols are found.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/Linker.h>

#include "offload-cc.h"

static void add_origin(Job *job, LLVMValueRef v, const char *file, int k)
{
    const char *name = LLVMGetValueName(v);
    Origin *o;

    job->origins = realloc(job->origins,
                           (job->norigins + 1) * sizeof(Origin));
    o = &job->origins[job->norigins++];
    o->cname = strdup(name);
    o->file = file;
    o->irname = xasprintf("ofl.s%d.%s", k, name);
    LLVMSetValueName2(v, o->irname, strlen(o->irname));
}

/* Give every internal symbol of module k a unique name. */
static void rename_statics(Job *job, LLVMModuleRef m, const char *file, int k)
{
    LLVMValueRef v;

    for (v = LLVMGetFirstGlobal(m); v; v = LLVMGetNextGlobal(v)) {
        if (LLVMGetLinkage(v) == LLVMInternalLinkage) {
            add_origin(job, v, file, k);
        }
    }
    for (v = LLVMGetFirstFunction(m); v; v = LLVMGetNextFunction(v)) {
        if (LLVMGetLinkage(v) == LLVMInternalLinkage) {
            add_origin(job, v, file, k);
        }
    }
}

const Origin *job_origin(const Job *job, const char *irname)
{
    int i;

    for (i = 0; i < job->norigins; i++) {
        if (!strcmp(job->origins[i].irname, irname)) {
            return &job->origins[i];
        }
    }
    return NULL;
}

/* clang-16 source -> bitcode, for the guest target. */
static char *compile_source(Job *job, const char *source, int k)
{
    const char **argv = calloc(job->ncflags + 16, sizeof(char *));
    char *out = xasprintf("%s/src%d.bc", job->tmpdir, k);
    int n = 0, i;

    argv[n++] = "clang-16";
    argv[n++] = "--target=" GUEST_TRIPLE;
    for (i = 0; i < job->ncflags; i++) {
        argv[n++] = job->cflags[i];
    }
    /* After the user's flags, so that they win. */
    argv[n++] = "-O2";
    argv[n++] = "-Xclang";
    argv[n++] = "-disable-llvm-passes";
    argv[n++] = "-ffp-contract=off";
    argv[n++] = "-w";
    argv[n++] = "-emit-llvm";
    argv[n++] = "-c";
    argv[n++] = "-o";
    argv[n++] = out;
    argv[n++] = source;
    argv[n] = NULL;
    if (run_command(job, argv) != 0) {
        fprintf(stderr, "qemu-offload-cc: %s: clang-16 failed\n", source);
        free(out);
        out = NULL;
    }
    free(argv);
    return out;
}

static LLVMModuleRef load_bitcode(Job *job, const char *path)
{
    LLVMMemoryBufferRef buf;
    LLVMModuleRef m;
    char *msg = NULL;

    if (LLVMCreateMemoryBufferWithContentsOfFile(path, &buf, &msg)) {
        fprintf(stderr, "qemu-offload-cc: %s: %s\n", path, msg);
        LLVMDisposeMessage(msg);
        return NULL;
    }
    if (LLVMParseBitcodeInContext2(job->ctx, buf, &m)) {
        fprintf(stderr, "qemu-offload-cc: %s: unreadable bitcode\n", path);
        m = NULL;
    }
    LLVMDisposeMemoryBuffer(buf);
    return m;
}

int frontend_build_module(Job *job)
{
    int k;

    job->ctx = LLVMContextCreate();
    for (k = 0; k < job->nsources; k++) {
        char *bc = compile_source(job, job->sources[k], k);
        LLVMModuleRef m;

        if (!bc) {
            return -1;
        }
        m = load_bitcode(job, bc);
        free(bc);
        if (!m) {
            return -1;
        }
        rename_statics(job, m, job->sources[k], k);
        if (!job->mod) {
            job->mod = m;
        } else if (LLVMLinkModules2(job->mod, m)) {
            fprintf(stderr, "qemu-offload-cc: %s: cannot link its IR with "
                    "the other sources' (conflicting definitions?)\n",
                    job->sources[k]);
            return -1;
        }
    }
    return 0;
}
