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

/*
 * Guest address -> native function: an open-addressing hash table the
 * compiler laid out (keys are guest addresses before the load bias; 0 is
 * an empty slot).  Indirect calls look here on every call, so one probe
 * is the common case.
 */
extern const uint32_t qemu_offload_hash_bits HIDDEN;
extern const uint64_t qemu_offload_hash_keys[] HIDDEN;
extern void *const qemu_offload_hash_vals[] HIDDEN;

HIDDEN void *__offload_native_of(void *fp)
{
    uint64_t addr = (uint64_t)fp - qemu_offload_manifest.load_bias;
    uint32_t bits = qemu_offload_hash_bits;
    uint64_t mask = ((uint64_t)1 << bits) - 1;
    uint64_t i = OFFLOAD_HASH(addr, bits);

    for (;;) {
        uint64_t k = qemu_offload_hash_keys[i];

        if (k == addr) {
            return qemu_offload_hash_vals[i];
        }
        if (k == 0) {
            return 0;
        }
        i = (i + 1) & mask;
    }
}
