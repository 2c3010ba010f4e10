/*
 * Hybrid translator: inline caches for indirect branches.
 *
 * Owns the per-site caches of guest indirect branches (BR, BLR, RET,
 * cross-page direct jumps) and of the jump that follows a trace run.
 * See hybrid-ic.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_IC_H
#define HYBRID_ACCEL_TCG_IC_H

/* Entries of one site's cache: sets of two, picked by target pc. */
#define HYBRID_IC_WAYS 32

typedef struct HybridICSite {
    TranslationBlock *tb[HYBRID_IC_WAYS];   /* never NULL: see ic_empty */
    /*
     * The lookup inputs other than the pc that every branch through this
     * site computes (see hybrid-ic.c), copied from the first TB a full
     * lookup found for it; the shared second-level table is checked
     * against them.  key_flags is flags | cflags << 32, all ones (no TB
     * has those cflags) until set.
     */
    uint64_t key_cs_base;
    uint64_t key_flags;
    uint32_t key_dstate;
    struct HybridICSite *next_in_tb;        /* the TB's other sites */
} HybridICSite;

/*
 * Hook (the aarch64 frontend, where it would call
 * tcg_gen_lookup_and_goto_ptr() for a branch): jump to the TB for the
 * PC in env through this site's cache, the full lookup on a miss.
 * Plain tcg_gen_lookup_and_goto_ptr() when the tier is off or the cache
 * could not be exact (see hybrid-ic.c).
 */
void hybrid_gen_lookup_and_goto_ptr(void);

/*
 * Hook (translator_loop, with the entry stub): the TB whose code is being
 * generated, the owner of the sites created until the next call.
 */
void hybrid_ic_start_tb(TranslationBlock *tb);

/*
 * The targets @tb's indirect branches have taken and still cache: valid
 * TBs, each PC once (a PC seen with two different TBs is left out).
 * Up to @max into @out; returns the count.  Call with mmap_lock held.
 */
int hybrid_ic_targets(TranslationBlock *tb, TranslationBlock **out, int max);

/*
 * The TB an indirect branch of @tb would go to for @pc without a full
 * lookup: in its site's ways, or in the shared second level with the
 * site's lookup inputs; NULL if none.  Call with mmap_lock held.
 */
TranslationBlock *hybrid_ic_target_for(TranslationBlock *tb, target_ulong pc);

/* Before the first translation, with the tier active. */
void hybrid_ic_init(void);

/* tb_flush, all vCPUs stopped: no TB refers to any site any more. */
void hybrid_ic_flush(void);

#endif /* HYBRID_ACCEL_TCG_IC_H */
