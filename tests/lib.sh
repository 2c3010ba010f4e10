# Shared helpers for the test suites (sourced, POSIX sh).
#
# Every suite prints TAP result lines and nothing else on stdout:
#   ok - NAME
#   not ok - NAME
#   ok - NAME # SKIP why
#   not ok - NAME # TODO why     (a known failure that is not ours)
# Diagnostics go to stdout as '# ...' comment lines.  tests/check.sh
# counts the lines of all suites and prints the final tally.

: "${QEMU_HYBRID_SRC:?run through make check}"
: "${QEMU_HYBRID_BUILD:?run through make check}"
QEMU=${QEMU:-$QEMU_HYBRID_BUILD/qemu-aarch64}
CROSS_CC=${CROSS_CC:-aarch64-linux-gnu-gcc}
# The cross sysroot: dynamic guest programs run with -L pointing here.
SYSROOT=${SYSROOT:-/usr/aarch64-linux-gnu}
# The unpatched QEMU 7.2 of Debian, for comparisons (may be absent).
REF_QEMU=${REF_QEMU:-/usr/bin/qemu-aarch64}

tap_ok()   { echo "ok - $1"; }
tap_fail() { echo "not ok - $1"; shift; for l in "$@"; do echo "# $l"; done; }
tap_skip() { echo "ok - $1 # SKIP $2"; }
tap_todo() { echo "not ok - $1 # TODO $2"; }
tap_note() { echo "# $*"; }

# tap_traced LABEL RC OUT ERR EXPECTED: one TAP line for a run of a hot
# loop under -hybrid-stats: exit status RC, stdout OUT equal to EXPECTED,
# and a trace installed by the statistics in ERR (the tier was active).
tap_traced() {
    if [ "$2" != 0 ] || ! cmp -s "$3" "$5"; then
        tap_fail "$1" "exit status $2 (124: hung) or wrong output; see $3"
        tap_show "$4" 8
    elif ! grep -q "^  traces installed  *[1-9]" "$4"; then
        tap_fail "$1" "no trace installed: the tier was not active"
        tap_show "$4" 8
    else
        tap_ok "$1"
    fi
}

# Print the first lines of a file as TAP comments (for failure details).
tap_show() {
    head -n "${2:-20}" "$1" 2>/dev/null | sed 's/^/#   /'
}

# tap_build SUITE SRCDIR OUTDIR JOBS: build a suite's programs with its
# Makefile (make -C SRCDIR OUT=OUTDIR); one TAP line, the log's tail on
# failure.
tap_build() {
    if make -s -k -j"$4" -C "$2" OUT="$3" CROSS_CC="$CROSS_CC" \
            >"$3/build.log" 2>&1; then
        tap_ok "$1/build"
    else
        tap_fail "$1/build" "make -C $2 failed; last lines of $3/build.log:"
        tail -n 15 "$3/build.log" | sed 's/^/#   /'
    fi
}

# run_lanes JOBS LIST FUNC: call FUNC with the words of each line of the
# file LIST, JOBS calls at a time (round robin over the lines), and wait
# for all.  FUNC leaves its results in files; report afterwards in order.
run_lanes() {
    _lane=0
    while [ "$_lane" -lt "$1" ]; do
        (
            _i=0
            while read -r _line; do
                if [ $((_i % $1)) -eq "$_lane" ]; then
                    # shellcheck disable=SC2086  # words on purpose
                    "$3" $_line
                fi
                _i=$((_i + 1))
            done <"$2"
        ) &
        _lane=$((_lane + 1))
    done
    wait
}

# tier_built FILE: the -hybrid-stats report in FILE comes from a build with
# the LLVM tier (./configure --disable-llvm and --static builds have none;
# checks of the tier itself then skip, saying so).
tier_built() {
    ! grep -q "this build has no LLVM tier" "$1" 2>/dev/null
}
NO_TIER="this qemu-aarch64 has no LLVM tier (./configure --disable-llvm or --static)"
