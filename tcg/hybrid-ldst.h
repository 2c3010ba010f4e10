/*
 * Hybrid translator: TCG's guest loads and stores keep the host's
 * caller-saved registers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TCG_LDST_H
#define HYBRID_TCG_LDST_H

/*
 * With -hybrid on, before the first block is translated: TCG's register
 * allocator stops treating qemu_ld/qemu_st as calls (see hybrid-ldst.c
 * for why that is exact in user mode on an x86-64 host).
 */
void hybrid_ldst_keep_regs(void);

#endif /* HYBRID_TCG_LDST_H */
