#!/bin/sh
# The static build with the LLVM tier (./configure --static --enable-llvm,
# issue 21; not position-independent): built in build/static (a second QEMU build; ccache makes the
# rebuilds cheap), then a hot loop under it with the tier on and off, then
# registered with binfmt_misc for an arm64 root under chroot (below).
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
q=$("$QEMU_HYBRID_SRC/scripts/static-build.sh" "$dir" --tier 2>"$out/build.err")
case $? in
0) ;;
3) tap_skip "$label" "$(cat "$out/build.err")"; exit 0 ;;
*) tap_fail "$label" "$(cat "$out/build.err")"
   tap_show "$dir/static-build.log" 8
   exit 0 ;;
esac
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
    elif [ $mode = off ]; then
        if [ $rc = 0 ] && cmp -s "$out/$mode.out" "$want"; then
            tap_ok "$label"
        else
            tap_fail "$label" "exit status $rc (124: hung) or wrong output; see $out/$mode.out"
        fi
    elif ! grep -q "LLVM loaded in .*: linked in (static build)" "$out/$mode.err"; then
        tap_fail "$label" "-d hybrid does not say LLVM was linked in"
        tap_show "$out/$mode.err" 8
    else
        tap_traced "$label" $rc "$out/$mode.out" "$out/$mode.err" "$want"
    fi
done

# ---- binfmt_misc, chroots and namespaces ----------------------------------------
# The static binary registered with binfmt_misc (flag F) runs the programs
# of an arm64 Debian root (tests/static/fetch-root.sh: Debian's arm64 dash,
# coreutils, grep, sed and apt, unpacked) under chroot: a shell pipeline
# (fork and exec of several programs), apt-get --version (a dynamic C++
# program of the root), the hybrid suite's threaded hot loop with the tier
# active (its statistics show a trace: our emulator ran it, and with the
# tier), and the shell again inside a new user and mount namespace.  The
# output must be that of the same commands with QEMU_HYBRID=off.  Needs
# root, a usable binfmt_misc and the mirror (or the cached root): skips
# saying which is missing.
bdir=/proc/sys/fs/binfmt_misc
entry=qemu-hybrid-static-test-$$
chroot_skip() {
    for t in shell tier threads userns; do
        tap_skip "static/chroot-$t" "$1"
    done
    exit 0
}
[ "$(id -u)" = 0 ] || chroot_skip "needs root (chroot, binfmt_misc)"
root=$("$QEMU_HYBRID_SRC/tests/static/fetch-root.sh" 2>"$out/fetch-root.log") ||
    chroot_skip "no arm64 root: $(tail -n 1 "$out/fetch-root.log")"
"$QEMU_HYBRID_SRC/scripts/qemu-aarch64-binfmt" register --qemu "$q" \
    --name "$entry" --flags F >"$out/register.log" 2>&1 ||
    chroot_skip "cannot register with binfmt_misc: $(tail -n 1 "$out/register.log")"
trap '[ -e "$bdir/$entry" ] && echo -1 >"$bdir/$entry"' EXIT INT TERM
tdir=$root/tmp/qemu-hybrid-test
mkdir -p "$tdir"
cp "$prog" "$QEMU_HYBRID_BUILD/tests/hybrid/atomics-static" "$tdir/" 2>/dev/null

script='echo hello world | tr a-z A-Z; ls /bin | grep -c .; apt-get --version | head -n 1; exec uname -m'
# in_root OUT [ENV...]: the shell script in the root, stdout to OUT.
in_root() {
    _o=$1; shift
    env "$@" chroot "$root" /bin/sh -c "$script" >"$_o" 2>"$_o.err"
}
in_root "$out/shell.off" QEMU_HYBRID=off
in_root "$out/shell.on"
label="static/chroot-shell"
if ! grep -q "^apt .*(arm64)" "$out/shell.off" || ! grep -qx aarch64 "$out/shell.off"; then
    tap_fail "$label" "the root's shell under -hybrid off did not run as expected"
    tap_show "$out/shell.off.err" 8
elif ! cmp -s "$out/shell.off" "$out/shell.on"; then
    tap_fail "$label" "output differs from QEMU_HYBRID=off"
    diff "$out/shell.off" "$out/shell.on" | head -n 8 | sed 's/^/#   /'
else
    tap_ok "$label"
fi

# Our statistics from inside the root: our emulator ran it, with the tier.
env QEMU_HYBRID_STATS=1 QEMU_HYBRID_WARMUP=0 QEMU_HYBRID_THRESHOLD=5 \
    HYBRID_TEST_WARM_MS=300 timeout -k 5 120 chroot "$root" \
    /tmp/qemu-hybrid-test/spin-static >"$out/chroot-spin.out" 2>"$out/chroot-spin.err"
tap_traced "static/chroot-tier" $? "$out/chroot-spin.out" "$out/chroot-spin.err" "$want"

label="static/chroot-threads"
HYBRID_TEST_WARM_MS=300 timeout -k 5 120 chroot "$root" \
    /tmp/qemu-hybrid-test/atomics-static >"$out/chroot-atomics.out" 2>&1
if cmp -s "$out/chroot-atomics.out" "$QEMU_HYBRID_SRC/tests/hybrid/atomics.expected"; then
    tap_ok "$label"
else
    tap_fail "$label" "the threaded program's output in the root is wrong"
    tap_show "$out/chroot-atomics.out" 8
fi

label="static/chroot-userns"
if ! unshare --mount --user --map-root-user true 2>/dev/null; then
    tap_skip "$label" "no new user and mount namespace here (unshare refused)"
else
    env unshare --mount --user --map-root-user chroot "$root" /bin/sh -c "$script" \
        >"$out/shell.userns" 2>"$out/shell.userns.err"
    if cmp -s "$out/shell.off" "$out/shell.userns"; then
        tap_ok "$label"
    else
        tap_fail "$label" "output in a user namespace differs from QEMU_HYBRID=off"
        tap_show "$out/shell.userns.err" 8
    fi
fi
rm -rf "$tdir"
exit 0
