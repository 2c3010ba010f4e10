#!/bin/sh
# Print the table of our options, linux-user/hybrid-options.def, one
# option a line: KIND NAME ENV DEFAULT MIN MAX (DEFAULT on/off for BOOL,
# "-" where the kind has none).  The C preprocessor expands the table, so
# the tests read the very rows the build does.
#
# Usage: options-table.sh [SRC]   (SRC: the source tree, default
# $QEMU_HYBRID_SRC); the host compiler is ${HOST_CC:-cc}.
set -eu
src=${1:-${QEMU_HYBRID_SRC:?}}
printf '%s\n' \
    '#define ROW(kind, name, env, field, dflt, min, max, arg, help, note) \' \
    '    @ kind name env dflt min max' \
    'HYBRID_OPTIONS(ROW)' |
${HOST_CC:-cc} -E -P -x c -include "$src/linux-user/hybrid-options.def" - |
tr '@' '\n' | tr -d '"' |
awk 'NF == 6 {
    d = $4
    if ($1 == "BOOL") d = (d == "true" || d == "1") ? "on" : "off"
    if ($1 == "FLAG" || $1 == "FUNC") d = "-"
    print $1, $2, $3, d, $5, $6
}'
