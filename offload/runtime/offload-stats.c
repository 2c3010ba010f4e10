/*
 * Offload run time: statistics.
 *
 * Owns the load outcome and the per-function counters, and prints them
 * with -hybrid-stats after the hybrid tier's summary.  Counters are
 * updated atomically by whichever guest thread calls; they are only
 * read for the report.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "hybrid/offload/runtime/offload.h"
#include "hybrid/offload/runtime/offload-internal.h"

OffloadFuncStats *offload_func_stats;

static const char *path;
static char *refused;          /* why the object was not used */

void offload_stats_init(const char *p)
{
    path = p;
}

void offload_stats_refused(const char *why)
{
    refused = g_strdup(why);
}

void offload_stats_loaded(uint32_t nfuncs)
{
    offload_func_stats = g_new0(OffloadFuncStats, MAX(nfuncs, 1));
}

uint64_t offload_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

void offload_stats_report(FILE *f)
{
    OffloadManifest *m = offload_manifest;

    if (!path) {
        return;
    }
    fprintf(f, "qemu-offload statistics (pid %d)\n", (int)getpid());
    fprintf(f, "  %-28s %s\n", "object", path);
    if (!m) {
        fprintf(f, "  %-28s refused: %s\n", "outcome",
                refused ? refused : "not loaded");
        return;
    }
    fprintf(f, "  %-28s loaded, %u functions bound, %u imports\n", "outcome",
            m->nfuncs, m->nimports);
    fprintf(f, "  %-28s %12s %12s %12s\n", "function", "calls", "callbacks",
            "native ms");
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        OffloadFuncStats *s = &offload_func_stats[i];

        fprintf(f, "  %-28s %12" PRIu64 " %12" PRIu64 " %12.1f\n",
                m->funcs[i].name, qatomic_read(&s->calls),
                qatomic_read(&s->callbacks),
                qatomic_read(&s->native_ns) / 1e6);
    }
}
