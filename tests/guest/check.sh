#!/bin/sh
# The guest suite: our aarch64 test programs under the emulator.
#
# Builds tests/guest/*.c (static and dynamic) into $QEMU_HYBRID_BUILD/tests/guest,
# runs each binary under every mode in ${GUEST_MODES:-off on hot} and
# compares stdout with <name>.expected and the exit status with 0.  One TAP
# line per run, in a fixed order.  Modes: off, on (-hybrid MODE); hot
# (-hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0: as much code as possible through LLVM);
# plain (no -hybrid option, e.g. for QEMU=$REF_QEMU).
#
# Knobs: GUEST_MODES, GUEST_TESTS="arith smc" (subset), GUEST_JOBS (default 2),
# GUEST_TIMEOUT (seconds per run, default 60).
. "$QEMU_HYBRID_SRC/tests/lib.sh"

src=$QEMU_HYBRID_SRC/tests/guest
out=$QEMU_HYBRID_BUILD/tests/guest
modes=${GUEST_MODES:-off on hot}
jobs=${GUEST_JOBS:-2}
limit=${GUEST_TIMEOUT:-60}

if [ ! -x "$QEMU" ]; then
    tap_fail "guest: emulator $QEMU not found"
    exit 1
fi
mkdir -p "$out" || exit 1

# ---- build --------------------------------------------------------------------
tap_build guest "$src" "$out" "$jobs"

names=${GUEST_TESTS:-$(cd "$src" && for f in *.c; do echo "${f%.c}"; done)}

# ---- the list of runs, one per line: name link mode -------------------------------
runs=$out/runs.list
: >"$runs"
for name in $names; do
    for link in static dynamic; do
        for mode in $modes; do
            echo "$name $link $mode" >>"$runs"
        done
    done
done

# Run one test; leave the exit status in $dir/rc (stdout/stderr beside it).
run_one() {
    name=$1 link=$2 mode=$3
    dir=$out/run/$name-$link-$mode
    rm -rf "$dir"
    mkdir -p "$dir"
    bin=$out/$name-$link
    if [ ! -x "$bin" ]; then
        echo "not built" >"$dir/rc"
        return
    fi
    case $mode in
    plain) set -- ;;
    hot) set -- -hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0 ;;
    *) set -- -hybrid "$mode" ;;
    esac
    [ "$link" = dynamic ] && set -- "$@" -L "$SYSROOT"
    # Run inside the scratch directory: anything a program leaves in its
    # working directory stays there.  No core files.
    (
        cd "$dir" || exit 1
        # shellcheck disable=SC3045  # dash and bash both have ulimit -c
        ulimit -c 0 2>/dev/null || :
        GUEST_ENV_PROBE=hello-guest timeout -k 5 "$limit" \
            "$QEMU" "$@" "$bin" </dev/null >"$dir/stdout" 2>"$dir/stderr"
        echo $? >"$dir/rc"
    )
}

# ---- run in $jobs lanes (round robin), report afterwards in list order ------------
run_lanes "$jobs" "$runs" run_one

while read -r name link mode; do
    dir=$out/run/$name-$link-$mode
    label="guest/$name $link hybrid=$mode"
    [ "$mode" = plain ] && label="guest/$name $link"
    expected=$src/$name.expected
    rc=$(cat "$dir/rc" 2>/dev/null || echo missing)
    if [ "$rc" = "not built" ]; then
        tap_fail "$label" "$out/$name-$link was not built"
        continue
    fi
    if [ ! -f "$expected" ]; then
        tap_fail "$label" "no expected output tests/guest/$name.expected"
        continue
    fi
    if [ "$rc" = 0 ] && cmp -s "$expected" "$dir/stdout"; then
        tap_ok "$label"
        continue
    fi
    case $rc in
    0) why="stdout differs" ;;
    124) why="timed out after $limit s" ;;
    *) why="exit status $rc (expected 0)" ;;
    esac
    tap_fail "$label" "$why; output in $dir"
    if ! cmp -s "$expected" "$dir/stdout"; then
        tap_note "stdout differs from tests/guest/$name.expected:"
        diff -u "$expected" "$dir/stdout" | sed -n '3,22p' | sed 's/^/#   /'
    fi
    if [ -s "$dir/stderr" ]; then
        tap_note "stderr:"
        tap_show "$dir/stderr" 8
    fi
done <"$runs"
exit 0
