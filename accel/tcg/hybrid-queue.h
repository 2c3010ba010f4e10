/*
 * Hybrid translator, stage 3: the queue between emulation threads and the
 * optimizer thread.
 *
 * A job is one recorded trace.  Emulation threads push without locks and
 * never wait; the optimizer pops, sleeping when there is nothing to do.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_QUEUE_H
#define HYBRID_ACCEL_TCG_QUEUE_H

#include "qemu/thread.h"
#include "hybrid/llvm-backend/trace-ir.h"
#include "hybrid/accel/tcg/hybrid-hot.h"

typedef struct HybridJob {
    struct HybridJob *next;
    HybridSlot *head;             /* where the trace will be installed */
    TranslationBlock **tbs;       /* the blocks, in ir.blocks order */
    HybridSlot **members;         /* their slots, but the head's (or NULL) */
    uint32_t nb_tbs;
    uint64_t generation;          /* hybrid_generation when recorded */
    int64_t queued_ns;            /* for the queue-wait statistic */
    uint32_t hits_at_take;        /* head's waiting_hits when the
                                     optimizer first saw the job */
    bool acyclic;                 /* region ends at returns, no cycle */
    bool faults_fatal;            /* translated while a guest fault was
                                     fatal (hybrid_faults_observed()) */
    HybridTraceIR ir;
} HybridJob;

HybridJob *hybrid_job_new(HybridSlot *head, uint32_t nb_blocks);
void hybrid_job_free(HybridJob *job);

/* One queue per optimizer thread. */
typedef struct HybridQueue {
    HybridJob *inbox;             /* pushed by any thread, newest first */
    HybridJob *pending;           /* the consumer's: newest first, taken
                                     hottest first (hybrid_queue_pop) */
    QemuEvent work;
    QemuMutex busy;               /* held by the consumer but while asleep */
} HybridQueue;

void hybrid_queue_init(HybridQueue *q);
void hybrid_queue_push(HybridQueue *q, HybridJob *job);
/*
 * Consumer: wait for a job; with @ran_again, only for one whose head ran
 * again (slot->waiting_hits) since the consumer first saw it.  Returns with q->busy
 * held; the caller unlocks it when done with the job.  fork() takes
 * every queue's busy lock, so it never splits a consumer in the middle
 * of its work.
 */
HybridJob *hybrid_queue_pop(HybridQueue *q, bool ran_again);
void hybrid_queue_kick(HybridQueue *q);

/* The optimizer side (llvm-backend/optimizer.c). */
void hybrid_optimizer_submit(HybridJob *job);
void hybrid_optimizer_wake(void);
/*
 * True once the optimizers run: the process has used -hybrid-warmup ms
 * of CPU time.  Heads that get hot sooner are not recorded yet.
 */
bool hybrid_optimizer_ready(void);
/* The same, but only looks: never reads the clock, never starts them. */
bool hybrid_optimizer_running(void);

#endif /* HYBRID_ACCEL_TCG_QUEUE_H */
