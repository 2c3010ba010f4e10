/*
 * Hybrid translator: TCG's guest loads and stores take a displacement.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_TCG_LDST_DISP_H
#define HYBRID_TCG_LDST_DISP_H

#include "tcg/tcg.h"

/* With -hybrid on, before the first block is translated: fold from now. */
void hybrid_ldst_disp_init(void);

/*
 * tcg_gen_code(), after tcg_optimize(): a qemu_ld/st whose address is
 * "x + constant", made earlier in the same basic block with x unchanged
 * since, takes x as its address and the constant as a displacement
 * (hybrid-ldst-disp.c says where it is kept and why that is exact).
 */
void hybrid_ldst_fold(TCGContext *s);

/* The backend's displacement for a qemu_ld/st's MemOpIdx argument. */
static inline int32_t hybrid_ldst_disp(TCGArg oi)
{
    return (int32_t)(oi >> 32);
}

#endif /* HYBRID_TCG_LDST_DISP_H */
