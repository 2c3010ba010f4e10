/*
 * Hybrid translator: qemu-user command-line options.
 *
 * Handlers run while linux-user/main.c parses the environment and then
 * the command line, so a command-line option overrides its environment
 * twin.  Bad values are fatal with a message, as for QEMU's own options.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/osdep.h"
#include "hybrid/accel/tcg/hybrid.h"
#include "hybrid/linux-user/hybrid-options.h"
#include "hybrid/offload/runtime/offload.h"

static bool hybrid_word_in(const char *arg, const char *const *words)
{
    for (; *words; words++) {
        if (!strcasecmp(arg, *words)) {
            return true;
        }
    }
    return false;
}

static const char *const hybrid_yes[] = { "on", "yes", "true", "1", NULL };
static const char *const hybrid_no[] = { "off", "no", "false", "0", NULL };

/* Parse on|off and the usual spellings; exit with a message otherwise. */
static bool hybrid_parse_bool(const char *opt, const char *arg)
{
    if (hybrid_word_in(arg, hybrid_yes)) {
        return true;
    }
    if (hybrid_word_in(arg, hybrid_no)) {
        return false;
    }
    fprintf(stderr, "qemu: -%s: expected 'on' or 'off', got '%s'\n",
            opt, arg);
    exit(EXIT_FAILURE);
}

void hybrid_arg_mode(const char *arg)
{
    hybrid_config.enabled = hybrid_parse_bool("hybrid", arg);
}

/*
 * A flag option: on the command line it has no argument.  From
 * QEMU_HYBRID_STATS any value but an explicit "off" turns it on, the way
 * QEMU_STRACE works.
 */
void hybrid_arg_stats(const char *arg)
{
    hybrid_config.stats = arg == NULL || !hybrid_word_in(arg, hybrid_no);
}

void hybrid_arg_perfmap(const char *arg)
{
    hybrid_config.perfmap = arg == NULL || !hybrid_word_in(arg, hybrid_no);
}

/*
 * A whole number in [min, max] written in plain decimal digits; exit
 * with a message otherwise.  One rule for the command line and the
 * environment: strtol() took " 5" and "+5" (leading blanks and a sign)
 * but refused "5 ", which no reader of the value could have guessed.
 */
static long hybrid_parse_int(const char *opt, const char *arg, long min,
                             long max)
{
    long v = 0;
    const char *p;

    for (p = arg; *p >= '0' && *p <= '9'; p++) {
        int d = *p - '0';

        if (v > (max - d) / 10) {
            break;                      /* past max: refused below */
        }
        v = v * 10 + d;
    }
    if (p == arg || *p != '\0' || v < min) {
        fprintf(stderr, "qemu: -%s: expected a number from %ld to %ld "
                "in decimal digits, got '%s'\n", opt, min, max, arg);
        exit(EXIT_FAILURE);
    }
    return v;
}

void hybrid_arg_threshold(const char *arg)
{
    hybrid_config.threshold = hybrid_parse_int("hybrid-threshold", arg, 1,
                                               1000000000);
}

void hybrid_arg_trace_len(const char *arg)
{
    hybrid_config.trace_len = hybrid_parse_int("hybrid-trace-len", arg, 1,
                                               1024);
}

void hybrid_arg_threads(const char *arg)
{
    hybrid_config.threads = hybrid_parse_int("hybrid-threads", arg, 1, 64);
}

void hybrid_arg_warmup(const char *arg)
{
    hybrid_config.warmup_ms = hybrid_parse_int("hybrid-warmup", arg, 0,
                                               1000000000);
}

void hybrid_arg_budget(const char *arg)
{
    hybrid_config.budget_pct = hybrid_parse_int("hybrid-budget", arg, 0,
                                                100000);
}

/* Checked when the guest is loaded (offload/runtime/offload-load.c). */
void hybrid_arg_offload(const char *arg)
{
    offload_set_path(arg);
}
