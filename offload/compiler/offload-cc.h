/*
 * qemu-offload-cc: the state shared by the compiler's stages.
 *
 * The stages, in order (main.c runs them):
 *   frontend.c   C sources -> aarch64 LLVM IR (clang-16), one module
 *   analyze.c    which functions may run natively, and what each one needs
 *                from the guest (globals, callees) -> imports
 *   semantics.c  where x86 would answer differently (NaNs: nan.c,
 *                conversions, division by zero), compute what aarch64 does
 *   rewrite.c    guest globals and calls to emulated code go through the
 *                import table and host-to-guest stubs; bridges are added
 *   aapcs64.c    where AAPCS64 puts each argument and result
 *   emit.c       retarget to x86-64, optimize, object file, manifest,
 *                shared object
 *
 * Why aarch64 IR: clang lowers struct layouts, char signedness and the
 * calling convention for the guest; compiling that IR for the host keeps
 * the guest's data model, and the IR-level signature tells the bridges
 * exactly which registers and stack slots each argument uses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_CC_H
#define OFFLOAD_CC_H

#include <stdbool.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include "guest-elf.h"
#include "source-check.h"

#define GUEST_TRIPLE "aarch64-unknown-linux-gnu"
#define HOST_TRIPLE "x86_64-pc-linux-gnu"

/* The flags every guest build needs (printed by --print-guest-cflags). */
#define OFFLOAD_GUEST_CFLAGS \
    "-ffp-contract=off -fno-ipa-cp -fno-ipa-sra -fno-ipa-icf -fno-ipa-ra"

/* A function defined in the sources. */
typedef struct Fn {
    LLVMValueRef fn;          /* in the linked module */
    char *cname;              /* its C name */
    const char *file;         /* defining source file, NULL if unknown */
    const char *def_file;     /* file of the definition, for the report */
    unsigned line;
    bool is_static;
    char *reason;             /* why not native; NULL while eligible */
    char reason_buf[256];
    const GuestSym *gsym;     /* its guest symbol: guest calls can bind */
    bool bound;               /* eligible, with a bridge in the manifest */
    int manifest_index;
} Fn;

/* A guest address native code needs, filled at load time. */
typedef struct Import {
    char *name;
    uint64_t guest_value;
} Import;

/* A named thing of the module whose guest symbol is looked up. */
typedef struct Origin {
    char *irname;             /* name in the linked module */
    char *cname;              /* name in the C source */
    const char *file;         /* source file, for static (local) symbols */
} Origin;

typedef struct Job {
    /* Command line. */
    const char *guest_path;
    const char *output;
    const char *report_path;
    const char **cflags;
    int ncflags;
    const char **sources;
    int nsources;
    bool verbose;
    bool keep_temps;
    bool all_eligible;        /* --all-eligible: no cost model */
    bool x86_nans;            /* --x86-nans: no default-NaN checks */
    char *tmpdir;

    GuestElf *guest;
    SrcFunc *src;
    int nsrc;

    LLVMContextRef ctx;
    LLVMModuleRef mod;
    Origin *origins;          /* internal symbols renamed per source */
    int norigins;
    Fn *fns;
    int nfns;
    Import *imports;
    int nimports;
    LLVMValueRef import_table; /* [nimports x i64] */
    LLVMTargetMachineRef tm;  /* x86-64 */
    LLVMTargetDataRef host_td, guest_td;
} Job;

/* frontend.c */
int frontend_build_module(Job *job);
const Origin *job_origin(const Job *job, const char *irname);

/* analyze.c */
int analyze(Job *job);
Fn *job_fn(Job *job, LLVMValueRef f);
/* A function of the module the compiler added (eligible, unbound). */
Fn *job_add_fn(Job *job, LLVMValueRef v, const char *cname);
/* Guest address of a global or function value of the module, or -1. */
int job_import_for(Job *job, LLVMValueRef gv, const char **why);
bool host_bound_function(const char *name);
/* Index of the sret parameter of a call or function, or -1. */
int call_sret_index(LLVMValueRef call);
int fn_sret_index(LLVMValueRef fn);

/* semantics.c */
int aarch64_semantics(Job *job);
/* nan.c: aarch64's default NaNs in fn. */
void nan_checks(Job *job, LLVMValueRef fn);
/* Library calls semantics.c replaces (so they need no guest symbol). */
bool semantics_handles(const char *name);

/* rewrite.c */
int rewrite(Job *job);

/* emit.c */
int emit(Job *job);

/* util */
void fn_reject(Fn *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int run_command(Job *job, const char *const *argv);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
