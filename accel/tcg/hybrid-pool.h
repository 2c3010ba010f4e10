/*
 * Hybrid translator: pools of small records whose addresses TB code holds.
 *
 * The hot-counter slots and the indirect-branch caches are baked into
 * generated code by address, so they must never move.  A pool hands them
 * out from chunks it keeps, under mmap_lock (translation), and takes them
 * all back at tb_flush, when no TB refers to any of them any more; the
 * chunks are reused, never freed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_POOL_H
#define HYBRID_ACCEL_TCG_POOL_H

typedef struct HybridPoolChunk HybridPoolChunk;

typedef struct HybridPool {
    size_t size;                /* of one record */
    unsigned per_chunk;
    HybridPoolChunk *chunks, *cur;
    unsigned used;              /* records taken from cur */
} HybridPool;

#define HYBRID_POOL_INIT(type, n) { .size = sizeof(type), .per_chunk = (n) }

/* A zeroed record. */
void *hybrid_pool_alloc(HybridPool *pool);

/* Every record is free again (tb_flush). */
void hybrid_pool_reset(HybridPool *pool);

#endif /* HYBRID_ACCEL_TCG_POOL_H */
