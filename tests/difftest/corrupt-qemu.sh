#!/bin/sh
# A deliberately broken emulator for testing the tester: runs the real one
# ($DIFFTEST_REAL_QEMU) and, when -hybrid on is among its options, corrupts
# its output: flips the last hex digit of x5 on the line of case
# $DIFFTEST_CORRUPT_CASE (default 3); or, when DIFFTEST_CORRUPT_MATCH is set,
# on every case line, but only if the program's source (PROG.S beside the
# program) matches that extended regex (to watch the minimizer keep the
# matching instruction).  run.py must report the divergence.
real=${DIFFTEST_REAL_QEMU:?set DIFFTEST_REAL_QEMU}
k=${DIFFTEST_CORRUPT_CASE:-3}
case " $* " in
*" -hybrid on "*) ;;
*) exec "$real" "$@" ;;
esac
lines="/^case $k: /"
if [ -n "${DIFFTEST_CORRUPT_MATCH:-}" ]; then
    lines="/^case /"
    for a in "$@"; do
        if [ -f "$a.S" ]; then
            grep -Eq "$DIFFTEST_CORRUPT_MATCH" "$a.S" || exec "$real" "$@"
        fi
    done
fi
tmp=$(mktemp) || exit 1
"$real" "$@" >"$tmp"
rc=$?
# 0<->1, anything else -> 0: always a different digit.
sed "$lines{s/\( x5=[0-9a-f]\{15\}\)0/\1X/; s/\( x5=[0-9a-f]\{15\}\)[1-9a-f]/\10/; s/\( x5=[0-9a-f]\{15\}\)X/\11/;}" "$tmp"
rm -f "$tmp"
exit $rc
