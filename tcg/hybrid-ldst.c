/*
 * Hybrid translator: TCG's guest loads and stores keep the host's
 * caller-saved registers.
 *
 * QEMU marks qemu_ld and qemu_st TCG_OPF_CALL_CLOBBER because under
 * softmmu a TLB miss calls a helper that returns.  The register
 * allocator then frees every caller-saved register at each guest
 * access (tcg_reg_alloc_op()): on x86-64, 9 of the 14 it allocates.  A
 * block that loads in a loop reloads its guest registers from env after
 * each access, and spills the temps that live across one.
 *
 * In user mode on an x86-64 host the access is one instruction at
 * guest_base, and the only call is the misaligned-access slow path,
 * which is a tail call to helper_unaligned_ld/st (tcg-target.c.inc,
 * tcg_out_fail_alignment()): those raise the guest's SIGBUS and leave
 * through cpu_loop_exit(), never back into the block.  A host fault at
 * the access leaves the same way, or returns to retry it with every
 * register restored by the kernel (a write to a page of translated
 * code).  So no register is clobbered on any path that comes back, and
 * the flag can go.  TCG_OPF_SIDE_EFFECTS stays: the globals are still
 * written to env before each access, for the fault's state.
 *
 * -hybrid off keeps QEMU's flags: it is QEMU 7.2 exactly.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "tcg/tcg.h"
#include "hybrid/tcg/hybrid-ldst.h"

void hybrid_ldst_keep_regs(void)
{
#if defined(__x86_64__) && !defined(CONFIG_SOFTMMU)
    static const TCGOpcode ldst[] = {
        INDEX_op_qemu_ld_i32, INDEX_op_qemu_st_i32,
        INDEX_op_qemu_ld_i64, INDEX_op_qemu_st_i64,
    };

    for (size_t i = 0; i < ARRAY_SIZE(ldst); i++) {
        tcg_op_defs[ldst[i]].flags &= ~TCG_OPF_CALL_CLOBBER;
    }
#endif
}
