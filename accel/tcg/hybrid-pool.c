/*
 * Hybrid translator: pools of small records whose addresses TB code holds
 * (see hybrid-pool.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/accel/tcg/hybrid-pool.h"

struct HybridPoolChunk {
    HybridPoolChunk *next;
    QEMU_ALIGNED(64) char data[];
};

void *hybrid_pool_alloc(HybridPool *pool)
{
    void *p;

    if (!pool->cur || pool->used == pool->per_chunk) {
        HybridPoolChunk *next = pool->cur ? pool->cur->next : pool->chunks;

        if (!next) {
            next = g_malloc0(sizeof(*next) + pool->size * pool->per_chunk);
            if (pool->cur) {
                pool->cur->next = next;
            } else {
                pool->chunks = next;
            }
        }
        pool->cur = next;
        pool->used = 0;
    }
    p = pool->cur->data + pool->size * pool->used++;
    memset(p, 0, pool->size);
    return p;
}

void hybrid_pool_reset(HybridPool *pool)
{
    pool->cur = NULL;
    pool->used = 0;
}
