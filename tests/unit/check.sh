#!/bin/sh
# Host-side unit tests: parts of the tier that end-to-end runs reach only
# through results, run on hand-made inputs (tests/unit/Makefile builds
# them):
#   region   region formation (accel/tcg/hybrid-region.c) on hand-made
#            CFGs: loops, calls, returns, recursion, the limits.  Host cc
#            and glib only.
#   dirty    the write-back dataflow (llvm-backend/translate-dirty.c) on
#            hand-made op sequences.  Built against the QEMU build's
#            headers and translator objects: skipped, saying so, in a
#            build without the LLVM tier.
# Each program prints its own TAP lines; a program that dies (a crash, a
# bad exit) is a failure of its own.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

src=$QEMU_HYBRID_SRC/tests/unit
out=$QEMU_HYBRID_BUILD/tests/unit
mkdir -p "$out" || exit 1

if ! command -v "${CC:-cc}" >/dev/null 2>&1 ||
        ! pkg-config --exists glib-2.0 2>/dev/null; then
    tap_skip "unit" "no host C compiler or glib-2.0 development files (make deps)"
    exit 0
fi
qb=$QEMU_HYBRID_BUILD/qemu-build
if ! make -s -k -C "$src" OUT="$out" QEMU_BUILD="$qb" >"$out/build.log" 2>&1; then
    tap_fail "unit/build" "make -C $src failed; last lines of $out/build.log:"
    tail -n 15 "$out/build.log" | sed 's/^/#   /'
    exit 0
fi
tap_ok "unit/build"

tests=$(make -s -C "$src" QEMU_BUILD="$qb" list)
case " $tests " in
*" dirty "*) ;;
*) tap_skip "unit/dirty" "$NO_TIER: no translator objects in $qb" ;;
esac
for t in $tests; do
    "$out/$t" >"$out/$t.out" 2>"$out/$t.err"
    rc=$?
    cat "$out/$t.out"
    if [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$out/$t.out"; then
        tap_fail "unit/$t exited with status $rc" "stderr:"
        tap_show "$out/$t.err"
    fi
done
exit 0
