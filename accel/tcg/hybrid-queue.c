/*
 * Hybrid translator, stage 3: the queue.
 *
 * Producers push onto a lock-free stack with one compare-and-swap; the
 * consumer takes the whole stack with one exchange.  Newest first: the
 * trace recorded last is the code that is hot now, while the oldest may
 * belong to a loop that has finished (program start-up, typically).
 * QemuEvent lets the consumer sleep without producers ever blocking.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/accel/tcg/hybrid-queue.h"

HybridJob *hybrid_job_new(HybridSlot *head, uint32_t nb_blocks)
{
    HybridJob *job = g_new0(HybridJob, 1);

    job->head = head;
    job->nb_tbs = nb_blocks;
    job->tbs = g_new0(TranslationBlock *, nb_blocks);
    job->members = g_new0(HybridSlot *, nb_blocks);
    job->generation = qatomic_read(&hybrid_generation);
    hybrid_trace_ir_init(&job->ir);
    job->ir.nb_blocks = nb_blocks;
    job->ir.blocks = g_new0(HybridBlock, nb_blocks);
    return job;
}

void hybrid_job_free(HybridJob *job)
{
    hybrid_trace_ir_free(&job->ir);
    g_free(job->tbs);
    g_free(job->members);
    g_free(job);
}

void hybrid_queue_init(HybridQueue *q)
{
    q->inbox = NULL;
    q->pending = NULL;
    qemu_event_init(&q->work, false);
    qemu_mutex_init(&q->busy);
}

void hybrid_queue_push(HybridQueue *q, HybridJob *job)
{
    HybridJob *old;

    job->queued_ns = get_clock();
    do {
        old = qatomic_read(&q->inbox);
        job->next = old;
    } while (qatomic_cmpxchg(&q->inbox, old, job) != old);
    qemu_event_set(&q->work);
}

void hybrid_queue_kick(HybridQueue *q)
{
    qemu_event_set(&q->work);
}

/* Put the jobs pushed since the last look in front of the pending ones. */
static void take_inbox(HybridQueue *q)
{
    HybridJob *list = qatomic_xchg(&q->inbox, NULL), *last;

    if (list) {
        for (last = list; ; last = last->next) {
            last->hits_at_take = qatomic_read(&last->head->waiting_hits);
            if (!last->next) {
                break;
            }
        }
        last->next = q->pending;
        q->pending = list;          /* newest first */
    }
}

/* Times @job's head ran out its counter again while the job waited. */
static uint32_t hits(HybridJob *job, bool since_take)
{
    uint32_t n = qatomic_read(&job->head->waiting_hits);

    return since_take ? n - job->hits_at_take : n;
}

/*
 * The job whose head ran most often while waiting (the loop the program
 * is in now), else the newest: a big trace queued behind colder ones
 * would leave its loop in TCG meanwhile.
 */
static HybridJob **hottest(HybridQueue *q, bool since_take)
{
    HybridJob **best = &q->pending, **p;

    for (p = &q->pending; *p; p = &(*p)->next) {
        if (hits(*p, since_take) > hits(*best, since_take)) {
            best = p;
        }
    }
    return best;
}

HybridJob *hybrid_queue_pop(HybridQueue *q, bool ran_again)
{
    HybridJob *job, **best;

    qemu_mutex_lock(&q->busy);
    for (;;) {
        qemu_event_reset(&q->work);
        take_inbox(q);
        if (q->pending) {
            best = hottest(q, ran_again);
            if (!ran_again || hits(*best, true)) {
                break;
            }
        }
        /*
         * A push, or a waiting hit, after the reset sets the event:
         * nothing is lost.
         */
        qemu_mutex_unlock(&q->busy);
        qemu_event_wait(&q->work);
        qemu_mutex_lock(&q->busy);
    }
    job = *best;
    *best = job->next;
    return job;
}
