/*
 * The fences of aarch64's acquire and release accesses, for TCG.
 *
 * Owns: which TCG barriers (tcg_gen_mb) an aarch64 load-acquire or
 * store-release needs, in every tier (the LLVM tier translates the same
 * mb ops, llvm-backend/translate.c).  QEMU 7.2 fences the release store
 * before it and the acquire load after it, each with TCG_MO_ALL.  That
 * misses the one order aarch64 adds over plain release/acquire (RCsc): a
 * store-release followed by a load-acquire (STLR then LDAR) is ordered.
 * On an x86 host a store may pass a later load, and nothing sits between
 * the two, so two threads that each STLR their flag then LDAR the other's
 * can both read the old value (Dekker, Go's TestStoreLoadSeqCst).
 *
 * The mapping (the barrier each side needs, no more; docs/memory-order.md):
 *   store-release  before: LD_ST | ST_ST   earlier accesses stay before it
 *                  after:  ST_LD           it stays before later loads,
 *                                          a later LDAR among them (RCsc)
 *   load-acquire   after:  LD_LD | LD_ST   it stays before later accesses
 *   DMB            unchanged (QEMU's)
 * An x86 host (TSO) already keeps every order but ST_LD, and its TCG
 * backend emits only that one ("lock orl"): an STLR costs one locked
 * instruction after the store instead of one before it, and an LDAR none
 * instead of one.  A store-release exclusive (STLXR) or atomic (SWPL,
 * CASL, LDADDL) is a host atomic operation with CF_PARALLEL, sequentially
 * consistent already, so it needs no "after" fence; without CF_PARALLEL
 * there is one vCPU and no barrier is emitted at all (tcg_gen_mb).
 * LDAPR/LDAPUR (RCpc) get the acquire fence: they are not ordered after an
 * STLR, and the fence after the STLR orders them anyway.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_A64_MEMORDER_H
#define HYBRID_A64_MEMORDER_H

#include "tcg/tcg-op.h"

/* Before a store-release: earlier loads and stores are seen first. */
static inline void a64_mb_before_release(void)
{
    tcg_gen_mb(TCG_MO_LD_ST | TCG_MO_ST_ST | TCG_BAR_STRL);
}

/* After a plain (not atomic) store-release: later loads come after it. */
static inline void a64_mb_after_release(void)
{
    tcg_gen_mb(TCG_MO_ST_LD | TCG_BAR_SC);
}

/* After a load-acquire: later loads and stores come after it. */
static inline void a64_mb_after_acquire(void)
{
    tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_LD_ST | TCG_BAR_LDAQ);
}

#endif
