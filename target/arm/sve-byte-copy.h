/*
 * SVE contiguous byte loads and stores (LD1B, ST1B of bytes) as one
 * host copy, with -hybrid on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TARGET_ARM_SVE_BYTE_COPY_H
#define HYBRID_TARGET_ARM_SVE_BYTE_COPY_H

/*
 * Called first by QEMU's sve_ldN_r()/sve_stN_r() for LD1B/ST1B of bytes
 * without an active MTE check (patch 0019): true if the access is done,
 * false to leave it to QEMU's path.  @ra is the helper's GETPC().
 */
bool sve_byte_copy_load(CPUARMState *env, uint64_t *vg, target_ulong addr,
                        uint32_t desc, uintptr_t ra);
bool sve_byte_copy_store(CPUARMState *env, uint64_t *vg, target_ulong addr,
                         uint32_t desc, uintptr_t ra);

#endif /* HYBRID_TARGET_ARM_SVE_BYTE_COPY_H */
