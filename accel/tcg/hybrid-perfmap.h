/*
 * Hybrid translator: a symbol map of generated code for perf.
 *
 * With -perfmap (QEMU_PERFMAP), every TCG block and every LLVM trace is
 * named in /tmp/perf-<pid>.map, perf's convention for JIT code, so that
 * `perf report` shows "tcg 0x4005ec" or "trace 0x401160" instead of bare
 * addresses: a profile of the guest by its own PCs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_ACCEL_TCG_PERFMAP_H
#define HYBRID_ACCEL_TCG_PERFMAP_H

/* At start-up, with -perfmap: create the map (before any other thread). */
void hybrid_perfmap_open(void);

/* The map's descriptor, or -1: the LLVM loader keeps it (llvm-api.c). */
int hybrid_perfmap_fd(void);

/* Name [@start, @start + @size) "@kind 0x@pc" in the map, if it is on. */
void hybrid_perfmap_add(const void *start, size_t size, const char *kind,
                        uint64_t pc);

#endif /* HYBRID_ACCEL_TCG_PERFMAP_H */
