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
#include "hybrid/accel/tcg/hybrid-sample.h"

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

/*
 * The handlers, one an option of linux-user/hybrid-options.def; each
 * kind parses as that file says.  A flag has no argument on the command
 * line; from its environment twin any value but an explicit "off" turns
 * it on, the way QEMU_STRACE works.
 */
#define HYBRID_ARG_PARSE_BOOL(name, field, min, max) \
    hybrid_config.field = hybrid_parse_bool(name, arg)
#define HYBRID_ARG_PARSE_FLAG(name, field, min, max) \
    hybrid_config.field = arg == NULL || !hybrid_word_in(arg, hybrid_no)
#define HYBRID_ARG_PARSE_INT(name, field, min, max) \
    hybrid_config.field = hybrid_parse_int(name, arg, min, max)
#define HYBRID_ARG_PARSE_FUNC(name, field, min, max) field(arg)

#define HYBRID_ARG_HANDLER(kind, name, env, field, dflt, min, max, arg_,     \
                           help, note)                                       \
    void hybrid_arg_##field(const char *arg)                                 \
    {                                                                        \
        HYBRID_ARG_PARSE_##kind(name, field, min, max);                      \
    }
HYBRID_OPTIONS(HYBRID_ARG_HANDLER)
#undef HYBRID_ARG_HANDLER

/* A default outside its own range would be refused if given back. */
#define HYBRID_ARG_CHECK_INT(dflt, min, max) \
    QEMU_BUILD_BUG_ON((dflt) < (min) || (dflt) > (max));
#define HYBRID_ARG_CHECK_BOOL(dflt, min, max)
#define HYBRID_ARG_CHECK_FLAG(dflt, min, max)
#define HYBRID_ARG_CHECK_FUNC(dflt, min, max)
#define HYBRID_ARG_CHECK(kind, name, env, field, dflt, min, max, arg,        \
                         help, note)                                         \
    HYBRID_ARG_CHECK_##kind(dflt, min, max)
HYBRID_OPTIONS(HYBRID_ARG_CHECK)
#undef HYBRID_ARG_CHECK
