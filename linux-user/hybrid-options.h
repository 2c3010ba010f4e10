/*
 * Hybrid translator: qemu-user command-line options.
 *
 * The entries below are spliced into the option table of
 * linux-user/main.c by the linux-user hook patch, so our options get
 * QEMU's own parsing, environment-variable twins and -h listing.  The
 * handlers live in hybrid-options.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LINUX_USER_OPTIONS_H
#define HYBRID_LINUX_USER_OPTIONS_H

void hybrid_arg_mode(const char *arg);
void hybrid_arg_stats(const char *arg);
void hybrid_arg_threshold(const char *arg);
void hybrid_arg_trace_len(const char *arg);
void hybrid_arg_threads(const char *arg);
void hybrid_arg_warmup(const char *arg);
void hybrid_arg_offload(const char *arg);
void hybrid_arg_perfmap(const char *arg);
void hybrid_arg_sample(const char *arg);
void hybrid_arg_budget(const char *arg);

/* Same field order as struct qemu_argument in linux-user/main.c. */
#define HYBRID_ARG_TABLE_ENTRIES                                           \
    {"hybrid",       "QEMU_HYBRID",       true,  hybrid_arg_mode,         \
     "on|off",       "LLVM trace tier (default on; off: plain TCG)"},     \
    {"hybrid-stats", "QEMU_HYBRID_STATS", false, hybrid_arg_stats,        \
     "",             "print hybrid translator statistics at exit"},        \
    {"hybrid-threshold", "QEMU_HYBRID_THRESHOLD", true,                   \
     hybrid_arg_threshold, "n",                                           \
     "block entries before a trace head is hot (default 50)"},             \
    {"hybrid-trace-len", "QEMU_HYBRID_TRACE_LEN", true,                   \
     hybrid_arg_trace_len, "n",                                           \
     "blocks in a trace, at most (default 64)"},                           \
    {"hybrid-threads", "QEMU_HYBRID_THREADS", true, hybrid_arg_threads,   \
     "n",            "LLVM optimizer threads (default 1)"},                \
    {"hybrid-warmup", "QEMU_HYBRID_WARMUP", true, hybrid_arg_warmup,      \
     "ms",           "CPU time before traces are recorded (default 20)"}, \
    {"hybrid-budget", "QEMU_HYBRID_BUDGET", true, hybrid_arg_budget,     \
     "percent",      "optimizer CPU time, at most, per emulation CPU time "  \
     "(default 25; 0: no limit)"},                                          \
    {"hybrid-sample", "QEMU_HYBRID_SAMPLE", true, hybrid_arg_sample,     \
     "event",        "perf_event sampling: auto, off or a libpfm4 event"}, \
    {"offload",      "QEMU_OFFLOAD",      true,  hybrid_arg_offload,      \
     "file",         "run guest functions natively from an offload object"}, \
    {"perfmap",      "QEMU_PERFMAP",      false, hybrid_arg_perfmap,      \
     "",             "name generated code in /tmp/perf-<pid>.map for perf"},

#endif /* HYBRID_LINUX_USER_OPTIONS_H */
