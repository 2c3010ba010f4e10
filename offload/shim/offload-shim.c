/*
 * Offload shim: the part of every offload object that is not generated.
 *
 * qemu-offload-cc compiles this file into each shared object it makes.
 * Native code calls these two functions: to run a guest function (the
 * host-to-guest stubs) and to find the native version of a function
 * pointer (indirect calls).  Both go through the manifest, which the
 * runtime filled in before any native code ran.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "offload-abi.h"

extern OffloadManifest qemu_offload_manifest;

#define HIDDEN __attribute__((visibility("hidden")))

HIDDEN void __offload_call_guest(uint64_t fn, OffloadRegs *r)
{
    qemu_offload_manifest.runtime->call_guest(fn, r);
}

/* funcs[] is sorted by guest address: binary search. */
HIDDEN void *__offload_native_of(void *fp)
{
    const OffloadManifest *m = &qemu_offload_manifest;
    uint64_t addr = (uint64_t)fp - m->load_bias;
    uint32_t lo = 0, hi = m->nfuncs;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;

        if (m->funcs[mid].guest_value == addr) {
            return m->funcs[mid].native;
        }
        if (m->funcs[mid].guest_value < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return 0;
}
