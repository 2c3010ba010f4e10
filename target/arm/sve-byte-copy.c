/*
 * SVE contiguous byte loads and stores (LD1B, ST1B of bytes) as one
 * host copy, with -hybrid on.
 *
 * Why: bookworm's glibc copies with SVE when the CPU has it, as QEMU's
 * default "max" CPU does: memcpy and memmove move up to two vector
 * lengths with WHILELO, LD1B and ST1B.  QEMU 7.2's helpers walk the
 * predicate, probe both pages the access may touch (a page-table walk
 * each, page_find_alloc()) and then move one byte per indirect call.
 * Those helpers took 9.5% of sqlite3's samples and 8.5% of perl's
 * (perf, SUITE=real, -hybrid on, before this file).
 *
 * Owns: the case that covers those copies, and why it is exact.  The
 * active bytes must be one run (what WHILELO and PTRUE make) on one
 * guest page.  Guest pages are host pages in user mode with the same
 * protection, so the page either takes the whole run or faults on its
 * first byte.  That byte is touched first, alone, with the helper's
 * return address set, as TCG's own accesses and cpu_ldub_data_ra() do:
 * a fault is raised by the host signal handler at that byte, the first
 * active one, where QEMU's probe would raise it, with nothing loaded
 * into the register or stored to memory.  A store to a page holding
 * translated code faults there too and is retried or restarted by the
 * handler (page_unprotect()).  Loads go through a buffer, so the
 * register changes only once the whole run was read.
 *
 * The one difference left: a guest page mapped PROT_EXEC alone is
 * readable on an x86 host, and QEMU's probe refuses it; TCG's own loads
 * (LDR, LDP, ...) read it too, so the copy now matches them.
 *
 * Everything else (a predicate with holes, a run across a page, a
 * big-endian host, -hybrid off) is QEMU's path.  The MTE variants come
 * here only once QEMU has found that no tag check applies.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "exec/cpu_ldst.h"
#include "tcg/tcg-gvec-desc.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/target/arm/sve-byte-copy.h"
#include "hybrid/target/arm/host-simd.h"

/*
 * The active bytes of predicate @vg over @reg_max bytes, as [*first,
 * *last] (*first = -1 if none): false if they are not one run.
 */
static bool active_run(const uint64_t *vg, intptr_t reg_max,
                       intptr_t *first, intptr_t *last)
{
    intptr_t lo = -1, hi = -1;

    for (intptr_t w = 0; w * 64 < reg_max; w++) {
        uint64_t bits = vg[w];
        uint64_t run;
        intptr_t start;

        if (reg_max - w * 64 < 64) {
            bits &= MAKE_64BIT_MASK(0, reg_max - w * 64);
        }
        if (!bits) {
            continue;
        }
        start = w * 64 + ctz64(bits);
        run = bits >> ctz64(bits);
        if ((run & (run + 1)) != 0 || (lo >= 0 && start != hi + 1)) {
            return false;       /* a hole */
        }
        if (lo < 0) {
            lo = start;
        }
        hi = start + ctz64(~run) - 1;       /* run is 2^n - 1 */
    }
    *first = lo;
    *last = hi;
    return true;
}

/*
 * The guest address of the run, if the copy may be done here: the run
 * on one page, -hybrid on.
 */
static bool copyable(const uint64_t *vg, target_ulong addr, uint32_t desc,
                     intptr_t *first, intptr_t *len)
{
    intptr_t last;
    target_ulong start;

    if (HOST_BIG_ENDIAN || !hybrid_config.enabled ||
        !active_run(vg, simd_oprsz(desc), first, &last)) {
        return false;
    }
    *len = last - *first + 1;
    start = addr + *first;
    return *first < 0 ||
           ((start ^ (start + *len - 1)) & TARGET_PAGE_MASK) == 0;
}

/*
 * g2h() without its QOM cast (a third of this file's time in
 * object_dynamic_cast_assert()): arm's cpu_untagged_addr(), then the
 * guest base.
 */
static void *host_addr(CPUARMState *env, target_ulong addr)
{
    if (env->tagged_addr_enable) {
        addr &= sextract64(addr, 0, 56);
    }
    return g2h_untagged(addr);
}

/*
 * Move the run's @len bytes between the guest's memory at @host and
 * @buf, as TCG's own accesses do (the fault restores from @ra), touching
 * the guest's first byte alone first: a fault is raised there or nowhere.
 */
static void copy_run(volatile uint8_t *host, uint8_t *buf, intptr_t len,
                     bool store, uintptr_t ra)
{
    set_helper_retaddr(ra);
    if (store) {
        host[0] = buf[0];
        memcpy((uint8_t *)host + 1, buf + 1, len - 1);
    } else {
        buf[0] = host[0];
        memcpy(buf + 1, (uint8_t *)host + 1, len - 1);
    }
    clear_helper_retaddr();
}

bool sve_byte_copy_load(CPUARMState *env, uint64_t *vg, target_ulong addr,
                        uint32_t desc, uintptr_t ra)
{
    uint8_t *zd = (uint8_t *)&env->vfp.zregs[simd_data(desc)];
    uint8_t buf[sizeof(ARMVectorReg)];
    intptr_t first, len;

    if (!copyable(vg, addr, desc, &first, &len)) {
        return false;
    }
    if (first >= 0) {
        copy_run(host_addr(env, addr + first), buf, len, false, ra);
    }
    host_zero(zd, simd_oprsz(desc));    /* not memset(): see host_zero() */
    if (first >= 0) {
        memcpy(zd + first, buf, len);
    }
    return true;
}

bool sve_byte_copy_store(CPUARMState *env, uint64_t *vg, target_ulong addr,
                         uint32_t desc, uintptr_t ra)
{
    uint8_t *zd = (uint8_t *)&env->vfp.zregs[simd_data(desc)];
    intptr_t first, len;

    if (!copyable(vg, addr, desc, &first, &len)) {
        return false;
    }
    if (first >= 0) {
        copy_run(host_addr(env, addr + first), zd + first, len, true, ra);
    }
    return true;
}
