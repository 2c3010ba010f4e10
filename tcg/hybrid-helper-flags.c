/*
 * Hybrid translator: helpers that touch no TCG global, told to TCG.
 *
 * QEMU 7.2 declares most of target/arm's scalar FP helpers with no call
 * flags (DEF_HELPER_3(vfp_adds, ...)), so TCG assumes each call reads
 * and writes every global: before it, every guest register a block
 * holds in a host register is stored to env; after it, each is loaded
 * again where the block uses it.  A block of FP code that walks arrays
 * pays a store and a load per live X register per FP operation.
 *
 * The helpers named here (accel/tcg/hybrid.c: the FP helpers the LLVM
 * tier inlines, and the FP-to-fixed-point conversions of FCVTZS/FCVTZU)
 * read their value arguments and a float_status, write only that
 * float_status's exception flags, and raise no guest exception (QEMU
 * does not trap FP exceptions), so they read and write no TCG global:
 * TCG_CALL_NO_RWG is exact for them, as QEMU 7.2 already declares it for
 * their neighbours rints, rintd and frint32_s.  The LLVM tier relies on
 * the same facts (llvm-backend/translate-fp.c, fp_helper_call()).
 *
 * TCG keeps the information of a helper in a constant table of its own
 * (tcg/tcg.c, all_helpers[]): a call of a named helper records a copy
 * with the flag added instead (hook 0026 in tcg_gen_callN()).  -hybrid
 * off never calls hybrid_helper_flags_init(): it is QEMU 7.2 exactly.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "exec/exec-all.h"              /* have_mmap_lock() */
#include "tcg/tcg.h"
#include "tcg/tcg-internal.h"           /* TCGHelperInfo */
#include "hybrid/tcg/hybrid-helper-flags.h"

/*
 * func -> its TCGHelperInfo copy, or NULL until its first call.  Written
 * at init, then only under mmap_lock: user mode generates all code
 * under it (tb_gen_code(), and the recorder's captures).
 */
static GHashTable *named;

void hybrid_helper_flags_init(void *const *funcs, int n)
{
    if (!named) {
        named = g_hash_table_new(NULL, NULL);
    }
    for (int i = 0; i < n; i++) {
        if (funcs[i]) {
            g_hash_table_insert(named, funcs[i], NULL);
        }
    }
}

const void *hybrid_helper_info(void *func, const void *info)
{
    gpointer copy = NULL;

    if (!named || !g_hash_table_lookup_extended(named, func, NULL, &copy)) {
        return info;
    }
    if (!copy) {
        TCGHelperInfo *c = g_memdup2(info, sizeof(TCGHelperInfo));

        tcg_debug_assert(have_mmap_lock());
        c->flags |= TCG_CALL_NO_RWG;
        g_hash_table_insert(named, func, c);
        copy = c;
    }
    return copy;
}
