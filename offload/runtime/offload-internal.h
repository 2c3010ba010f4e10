/*
 * Offload run time: state shared by its files.
 *
 * offload-load.c fills it once at start-up, before any guest code runs;
 * afterwards it is read-only, except for the statistics counters
 * (offload-stats.c) and the per-thread call state.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef OFFLOAD_RUNTIME_INTERNAL_H
#define OFFLOAD_RUNTIME_INTERNAL_H

#include "hybrid/offload/include/offload-abi.h"

/* The loaded object's manifest, or NULL when nothing is offloaded. */
extern OffloadManifest *offload_manifest;

/* offload-bind.c: the entry points the translator binds. */
void offload_bind_init(OffloadManifest *m);

/* offload-callback.c: the guest return stub; false if it cannot be made. */
bool offload_callback_init(void);

/* offload-callback.c: the services given to native code. */
extern const OffloadRuntime offload_runtime;

/* offload-call.c: write the low 128 bits of v<i> (an argument or result). */
void offload_set_vreg(CPUArchState *env, int i, const uint64_t v[2]);

/* offload-call.c: the function this thread is running natively, or -1. */
extern __thread int offload_current_func;

/*
 * offload-stats.c.  Per function: calls, host-to-guest calls made while
 * it ran, and time in native code (inclusive, only with -hybrid-stats).
 */
typedef struct OffloadFuncStats {
    uint64_t calls;
    uint64_t callbacks;
    uint64_t native_ns;
} OffloadFuncStats;

extern OffloadFuncStats *offload_func_stats;

/* The load outcome, for the report. */
void offload_stats_init(const char *path);
void offload_stats_refused(const char *why);
void offload_stats_loaded(uint32_t nfuncs);

/* Monotonic nanoseconds, for the timing statistics. */
uint64_t offload_now_ns(void);

#endif /* OFFLOAD_RUNTIME_INTERNAL_H */
