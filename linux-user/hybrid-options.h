/*
 * Hybrid translator: qemu-user command-line options.
 *
 * HYBRID_ARG_TABLE_ENTRIES is spliced into the option table of
 * linux-user/main.c by the linux-user hook patch, so our options get
 * QEMU's own parsing, environment-variable twins and -h listing.  Both
 * the entries and the handlers (hybrid-options.c) are made from the one
 * table of options, linux-user/hybrid-options.def.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HYBRID_LINUX_USER_OPTIONS_H
#define HYBRID_LINUX_USER_OPTIONS_H

#include "hybrid/linux-user/hybrid-options.def"

/* One handler an option: QEMU's table passes nothing but the argument. */
#define HYBRID_ARG_DECLARE(kind, name, env, field, dflt, min, max, arg,      \
                           help, note)                                       \
    void hybrid_arg_##field(const char *);
HYBRID_OPTIONS(HYBRID_ARG_DECLARE)
#undef HYBRID_ARG_DECLARE

/* Does the option take an argument on the command line? */
#define HYBRID_ARG_HAS_ARG_BOOL true
#define HYBRID_ARG_HAS_ARG_FLAG false
#define HYBRID_ARG_HAS_ARG_INT true
#define HYBRID_ARG_HAS_ARG_FUNC true

/*
 * The -h text: BOOL and INT options say their default.  A BOOL default
 * reaches here as true/false or, once stdbool.h has expanded it, 1/0.
 */
#define HYBRID_ARG_ONOFF(d) HYBRID_ARG_ONOFF_##d
#define HYBRID_ARG_ONOFF_true "on"
#define HYBRID_ARG_ONOFF_false "off"
#define HYBRID_ARG_ONOFF_1 "on"
#define HYBRID_ARG_ONOFF_0 "off"
#define HYBRID_ARG_HELP_BOOL(help, dflt, note) \
    help " (default " HYBRID_ARG_ONOFF(dflt) note ")"
#define HYBRID_ARG_HELP_INT(help, dflt, note) help " (default " #dflt note ")"
#define HYBRID_ARG_HELP_FLAG(help, dflt, note) help
#define HYBRID_ARG_HELP_FUNC(help, dflt, note) help

/* Same field order as struct qemu_argument in linux-user/main.c. */
#define HYBRID_ARG_ENTRY(kind, name, env, field, dflt, min, max, arg,        \
                         help, note)                                         \
    {name, env, HYBRID_ARG_HAS_ARG_##kind, hybrid_arg_##field, arg,          \
     HYBRID_ARG_HELP_##kind(help, dflt, note)},
#define HYBRID_ARG_TABLE_ENTRIES HYBRID_OPTIONS(HYBRID_ARG_ENTRY)

#endif /* HYBRID_LINUX_USER_OPTIONS_H */
