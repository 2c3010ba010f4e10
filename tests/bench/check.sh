#!/bin/sh
# Correctness of the benchmark programs (part of make check, no timing).
#
# usage: tests/bench/check.sh [name ...]      (default: every benchmark)
#
# Builds the benchmarks (guest and native), then runs each guest program
# once under our qemu-aarch64 with -hybrid off and once with -hybrid on,
# and compares its output with the native run of the same source at the
# same size (guest-only programs: with the generator's expected output).
# When qemu-offload-cc is built and qemu-aarch64 has -offload, each
# benchmark with a native twin also runs once as "offload" (-hybrid on
# -offload NAME.so); a benchmark the tool failed on is a failure, one
# where it found nothing eligible a skip.
# Runs the small "check" size of benchmarks.txt; BENCH_SIZE=full runs the
# timed size instead.  A guest run gets 100 times the native time (at least
# 10 s; 30 s without a native twin), or BENCH_TIMEOUT seconds when set.
# Prints TAP lines and # comments only.
. "$QEMU_HYBRID_SRC/tests/lib.sh"
. "$QEMU_HYBRID_SRC/tests/bench/common.sh"
# qemu-user writes a core file into the working directory when the guest
# crashes and core dumps are enabled: keep the source tree clean.
ulimit -c 0

size=${BENCH_SIZE:-check}
work=$BENCH_OUT/check
rm -rf "$work"
mkdir -p "$work" || exit 1

if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
    tap_skip "bench" "no cross compiler $CROSS_CC"
    exit 0
fi
if [ ! -x "$QEMU" ]; then
    tap_note "bench: $QEMU is not built"
    exit 1
fi
if ! selected=$(bench_select "$*" 2>"$work/select.err"); then
    tap_note "bench: $(cat "$work/select.err")"
    exit 1
fi

# A failed build is reported, and whatever did build is still checked.
if bench_build "$work/build.log"; then
    tap_ok "bench/build"
else
    tap_fail "bench/build" "make -C tests/bench failed; the end of $work/build.log:"
    tail -n 20 "$work/build.log" | sed 's/^/#   /'
fi

# show_failure OUT ERR EXPECTED: the # detail lines of a failed run.
show_failure() {
    if [ -s "$3" ] && [ -f "$1" ]; then
        tap_note "  diff expected actual:"
        diff "$3" "$1" | head -n 12 | sed 's/^/#   /'
    fi
    if [ -s "$2" ]; then
        tap_note "  stderr:"
        tap_show "$2" 8
    fi
}

# The offload configuration: once, at the same size, when available.
offload_mode=
if [ ! -x "$OFFLOAD_CC" ]; then
    tap_skip "bench offload" "qemu-offload-cc not built ($OFFLOAD_CC)"
elif ! "$QEMU" -h 2>/dev/null | grep -qE -- '^-offload( |$)'; then
    tap_skip "bench offload" "$QEMU has no -offload option"
else
    offload_mode=offload
fi

echo "$selected" | while read -r name twin args check; do
    if [ "$size" = full ]; then a=$args; else a=$check; fi
    # shellcheck disable=SC2046
    set -- $(bench_args "$a")
    exp=$work/$name.expected
    oracle_error=
    timeout=${BENCH_TIMEOUT:-30}
    if [ "$twin" = yes ]; then
        if [ ! -x "$BENCH_BIN/native/$name" ]; then
            oracle_error="native program not built"
        else
            t0=$(date +%s%N)
            timeout "${BENCH_TIMEOUT:-300}" "$BENCH_BIN/native/$name" "$@" >"$exp" 2>"$work/$name.native.err"
            rc=$?
            t1=$(date +%s%N)
            [ "$rc" = 0 ] || oracle_error="the native run (the oracle) failed with status $rc"
            # 100 x native in seconds, at least 10: (ns * 100 / 1e9) rounded up
            [ -n "${BENCH_TIMEOUT:-}" ] ||
                timeout=$(( (t1 - t0) / 10000000 + 1 < 10 ? 10 : (t1 - t0) / 10000000 + 1 ))
        fi
    elif ! cp "$BENCH_BIN/gen/$name.expected" "$exp" 2>/dev/null; then
        oracle_error="no generated $BENCH_BIN/gen/$name.expected"
    fi
    qargs=$*
    modes="off on"
    [ "$twin" = yes ] && modes="$modes $offload_mode"
    for mode in $modes; do
        t="bench/$name hybrid=$mode"
        set -- -hybrid "$mode"
        if [ "$mode" = offload ]; then
            t="bench/$name hybrid=on offload"
            if why=$(offload_unusable "$name"); then
                if [ -f "$BENCH_BIN/offload/$name.none" ]; then
                    tap_skip "$t" "$why"
                else
                    tap_fail "$t" "$why"
                    [ -f "$BENCH_BIN/offload/$name.log" ] && tap_show "$BENCH_BIN/offload/$name.log" 8
                fi
                continue
            fi
            set -- -hybrid on -offload "$BENCH_BIN/offload/$name.so"
        fi
        if [ -n "$oracle_error" ]; then
            tap_fail "$t" "$oracle_error"
            continue
        fi
        if [ ! -x "$BENCH_BIN/guest/$name" ]; then
            tap_fail "$t" "guest program not built"
            continue
        fi
        out=$work/$name.$mode.out
        err=$work/$name.$mode.err
        # shellcheck disable=SC2046
        timeout "$timeout" "$QEMU" "$@" "$BENCH_BIN/guest/$name" $(bench_args "$a") >"$out" 2>"$err"
        rc=$?
        if [ "$rc" != 0 ]; then
            [ "$rc" = 124 ] && why="timed out after $timeout s" || why="exit status $rc"
            tap_fail "$t" "$why (args: ${qargs:-none})"
            show_failure "$out" "$err" "$exp"
        elif ! cmp -s "$out" "$exp"; then
            tap_fail "$t" "output differs from the $([ "$twin" = yes ] && echo native run || echo generator) (args: ${qargs:-none})"
            show_failure "$out" "$err" "$exp"
        else
            tap_ok "$t"
        fi
    done
done
exit 0
