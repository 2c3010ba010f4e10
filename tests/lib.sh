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

# Print the first lines of a file as TAP comments (for failure details).
tap_show() {
    head -n "${2:-20}" "$1" 2>/dev/null | sed 's/^/#   /'
}
