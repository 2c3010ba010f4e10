#!/bin/sh
# The static build with the LLVM tier (./configure --static --enable-llvm,
# issue 21; not position-independent): built in build/static (a second QEMU build; ccache makes the
# rebuilds cheap), then a hot loop under it with the tier on and off.
# The tier must be active in it: LLVM linked in (no library to load, so
# no "LLVM loaded ... : PATH" but "linked in (static build)"), a trace
# installed, and the output of -hybrid off.  Skips, saying why, where the
# static libraries are missing (configure names them).
#
# Knob: STATIC_BUILD=no skips the suite (it adds a QEMU build).
. "$QEMU_HYBRID_SRC/tests/lib.sh"

dir=$QEMU_HYBRID_BUILD/static
out=$QEMU_HYBRID_BUILD/tests/static
mkdir -p "$out"

if [ "${STATIC_BUILD:-yes}" = no ]; then
    tap_skip "static/build" "STATIC_BUILD=no"
    exit 0
fi

# ---- build --------------------------------------------------------------------
label="static/build"
# Configured once; later runs refresh the patched tree as make does.
mak() { sed -n "s/^$1 := //p" "$dir/config.mak" 2>/dev/null; }
# A configure newer than the configuration configures again (its QEMU
# options may have changed).
if [ "$(mak STATIC)$(mak LLVM)" = yesyes ] && [ -f "$dir/qemu-build/build.ninja" ] &&
        ! [ "$QEMU_HYBRID_SRC/configure" -nt "$dir/config.mak" ]; then
    if ! "$QEMU_HYBRID_SRC/scripts/prepare-tree.sh" "$QEMU_HYBRID_SRC" \
            "$(mak CACHE_DIR)" "$(mak QEMU_VERSION)" "$(mak QEMU_SRC)" \
            >"$out/configure.log" 2>&1; then
        tap_fail "$label" "preparing the static build's QEMU tree failed"
        tap_show "$out/configure.log" 8
        exit 0
    fi
elif ! "$QEMU_HYBRID_SRC/configure" --static --enable-llvm --builddir="$dir" \
        >"$out/configure.log" 2>&1; then
    if grep -q "missing" "$out/configure.log"; then
        tap_skip "$label" "$(grep -m1 "missing" "$out/configure.log")"
    else
        tap_fail "$label" "./configure --static --enable-llvm failed"
        tap_show "$out/configure.log" 8
    fi
    exit 0
fi
if ! ninja -C "$dir/qemu-build" qemu-aarch64 >"$out/build.log" 2>&1; then
    tap_fail "$label" "the static build failed; see $out/build.log"
    tap_show "$out/build.log" 8
    exit 0
fi
q=$dir/qemu-build/qemu-aarch64
if readelf -l "$q" 2>/dev/null | grep -q "INTERP"; then
    tap_fail "$label" "$q is not a static binary: it has an interpreter"
    exit 0
fi
# Not static-pie: that relocates LLVM's data at every start (configure).
if ! readelf -h "$q" 2>/dev/null | grep -q "Type: *EXEC"; then
    tap_fail "$label" "$q is position-independent: every start would relocate LLVM's data"
    exit 0
fi
tap_ok "$label"

# ---- the tier in it -------------------------------------------------------------
# The hybrid suite's hot loop, built there (it builds before this suite
# runs in make check; build it here when run alone).
prog=$QEMU_HYBRID_BUILD/tests/hybrid/spin-static
if [ ! -x "$prog" ]; then
    make -s -C "$QEMU_HYBRID_SRC/tests/hybrid" OUT="$QEMU_HYBRID_BUILD/tests/hybrid" \
        "$prog" >"$out/prog.log" 2>&1
fi
want=$QEMU_HYBRID_SRC/tests/hybrid/spin.expected
for mode in off on; do
    label="static/spin hybrid=$mode"
    timeout -k 5 120 "$q" -hybrid $mode -hybrid-threshold 5 -hybrid-warmup 0 \
        -hybrid-stats -d hybrid "$prog" >"$out/$mode.out" 2>"$out/$mode.err"
    rc=$?
    if [ ! -x "$prog" ]; then
        tap_fail "$label" "$prog could not be built; see $out/prog.log"
    elif [ $rc -ne 0 ]; then
        tap_fail "$label" "exit status $rc (124: hung)"
        tap_show "$out/$mode.err" 8
    elif ! cmp -s "$out/$mode.out" "$want"; then
        tap_fail "$label" "wrong output; see $out/$mode.out"
    elif [ $mode = off ]; then
        tap_ok "$label"
    elif ! grep -q "LLVM loaded in .*: linked in (static build)" "$out/$mode.err"; then
        tap_fail "$label" "-d hybrid does not say LLVM was linked in"
        tap_show "$out/$mode.err" 8
    elif ! grep -q "^  traces installed  *[1-9]" "$out/$mode.err"; then
        tap_fail "$label" "no trace installed: the tier is not active"
        tap_show "$out/$mode.err" 8
    else
        tap_ok "$label"
    fi
done
exit 0
