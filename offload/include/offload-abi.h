/*
 * Offload: the contract between an offload object and qemu-aarch64.
 *
 * qemu-offload-cc (offload/compiler/) writes a host shared object that
 * holds native x86-64 versions of some functions of an aarch64 guest
 * program.  qemu-aarch64 -offload FILE (offload/runtime/) dlopen()s it,
 * checks it against the running guest and binds the guest's calls to the
 * native code.  This header is all the two sides share; it is plain C,
 * included by the runtime, by the shim that goes into every offload
 * object (offload/shim/) and by the manifest source the compiler
 * generates.  Any change to a structure here bumps OFFLOAD_ABI_VERSION.
 *
 * Addresses: the runtime requires guest_base == 0, so a guest address is
 * also the host address of the same byte.  Native code dereferences
 * guest pointers directly.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_ABI_H
#define OFFLOAD_ABI_H

#include <stdint.h>

#define OFFLOAD_ABI_MAGIC   0x314c464f554d4551ull   /* "QEMUOFL1" */
#define OFFLOAD_ABI_VERSION 1

/* The symbol every offload object exports: an OffloadManifest. */
#define OFFLOAD_MANIFEST_SYMBOL "qemu_offload_manifest"

/* Stack argument words a host-to-guest call may pass (compile-time limit). */
#define OFFLOAD_MAX_STACK_WORDS 32

/*
 * AAPCS64 argument and result registers, as seen at a call boundary.
 *
 * Guest to host (a bridge): the runtime fills x[], x8, v[] and sp from
 * the guest CPU at the entry of the guest function, calls the bridge,
 * then copies x[0], x[1] and v[0..3] back to the guest CPU (a bridge
 * writes only the result registers its function returns in; the others
 * keep their input values).  Stack arguments are read from guest memory
 * at sp; nstack and stack[] are unused.
 *
 * Host to guest (OffloadRuntime.call_guest): the caller fills x[], x8,
 * v[] (all of them: unused ones may be zero) and nstack/stack[]; the
 * runtime copies stack[] to the guest stack, runs the guest function
 * and returns its result registers in x[0], x[1], v[0..3].  sp is unused.
 *
 * v[i][0] is the low 64 bits of q<i> (d<i>; s<i> is its low 32 bits),
 * v[i][1] the high 64 bits.
 */
typedef struct OffloadRegs {
    uint64_t x[8];
    uint64_t x8;
    uint64_t sp;
    uint64_t v[8][2];
    uint32_t nstack;
    uint32_t reserved;
    uint64_t stack[OFFLOAD_MAX_STACK_WORDS];
} OffloadRegs;

/* Services of qemu-aarch64 that native code calls. */
typedef struct OffloadRuntime {
    uint32_t version;               /* OFFLOAD_ABI_VERSION */
    uint32_t reserved;
    /*
     * Run the guest function at guest address fn on the calling thread's
     * guest CPU, with arguments and results in *r (see OffloadRegs).  The
     * guest's registers other than the results are as before the call.
     * May nest: guest -> host -> guest -> host ...
     */
    void (*call_guest)(uint64_t fn, OffloadRegs *r);
} OffloadRuntime;

/* A guest function with a native version. */
typedef struct OffloadFunc {
    const char *name;               /* guest symbol name */
    uint64_t guest_value;           /* its st_value in the guest ELF */
    uint64_t guest_size;            /* its st_size: bytes hashed */
    uint64_t guest_hash;            /* offload_hash() of those bytes */
    /* Guest call -> native: reads arguments from *r, writes results. */
    void (*bridge)(OffloadRegs *r);
    /* The native function itself (native-to-native indirect calls). */
    void *native;
} OffloadFunc;

/*
 * A guest symbol that native code uses: a global variable, or a function
 * called from native code or whose address native code takes.  The
 * compiler resolved it in the guest ELF; the runtime adds the load bias.
 */
typedef struct OffloadImport {
    const char *name;
    uint64_t guest_value;           /* st_value (or PLT entry) in the ELF */
} OffloadImport;

typedef struct OffloadManifest {
    uint64_t magic;                 /* OFFLOAD_ABI_MAGIC */
    uint32_t version;               /* OFFLOAD_ABI_VERSION */
    uint32_t build_id_len;          /* 0: the guest ELF had none */
    uint8_t build_id[32];           /* the guest ELF's NT_GNU_BUILD_ID */
    uint32_t guest_is_dyn;          /* guest ELF is ET_DYN (PIE) */
    uint32_t nfuncs;
    OffloadFunc *funcs;             /* sorted by guest_value */
    uint32_t nimports;
    uint32_t reserved;
    const OffloadImport *imports;
    /*
     * Filled by the runtime before any native code runs:
     * import_addr[i] = imports[i].guest_value + load_bias.
     */
    uint64_t *import_addr;
    uint64_t load_bias;
    const OffloadRuntime *runtime;
} OffloadManifest;

/*
 * The slot of guest address a (before the load bias) in the function
 * table of 2^bits slots that qemu-offload-cc lays out for the shim.
 */
#define OFFLOAD_HASH(a, bits) \
    ((((uint64_t)(a) >> 2) * 0x9e3779b97f4a7c15ull) >> (64 - (bits)))

/* FNV-1a, 64 bits: the hash of a function's guest bytes. */
static inline uint64_t offload_hash(const void *p, uint64_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ull;

    while (n--) {
        h ^= *b++;
        h *= 0x100000001b3ull;
    }
    return h;
}

#endif /* OFFLOAD_ABI_H */
