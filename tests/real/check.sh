#!/bin/sh
# Correctness of the real programs of make bench SUITE=real (part of make
# check, no timing).
#
# usage: tests/real/check.sh [name ...]      (default: every program)
#
# Fetches (first time only; cached) the arm64 sysroot and the amd64 root of
# the same package versions (tests/bench/real/fetch-sysroot.sh), makes the
# inputs at a tenth of the timed size, and runs each program of
# tests/bench/real/programs.txt once natively (the oracle) and once under
# our qemu-aarch64 -L SYSROOT with -hybrid off and with -hybrid on (two at
# a time), each output checked by the program's rule (programs.txt): its
# SHA-256 digest against the native run's, or for rules "fp" and "arch"
# against the arm64 build under Debian's qemu-aarch64, the native output
# being checked against that by real_native_ok.  A mirror that cannot be reached or a failed
# download is a skip that says why.  A run may take 100 x the native time
# (at least 30 s; BENCH_TIMEOUT overrides).  Prints TAP lines and #
# comments only.
. "$QEMU_HYBRID_SRC/tests/lib.sh"
. "$QEMU_HYBRID_SRC/tests/bench/common.sh"
. "$QEMU_HYBRID_SRC/tests/bench/real/suite.sh"
ulimit -c 0

work=$BENCH_OUT/real-check
rm -rf "$work"
mkdir -p "$work" || exit 1

if [ ! -x "$QEMU" ]; then
    tap_note "real: $QEMU is not built"
    exit 1
fi
real_prepare 0.1 2>"$work/prepare.log"
rc=$?
if [ "$rc" = 2 ]; then
    tap_skip "real" "the arm64/amd64 package roots could not be fetched (mirror unreachable or download failed): $(grep -v '^ ' "$work/prepare.log" | tail -n 1)"
    tap_show "$work/prepare.log" 10
    exit 0
elif [ "$rc" != 0 ]; then
    tap_fail "real/inputs" "gen-inputs.py failed:"
    tap_show "$work/prepare.log" 10
    exit 0
fi
tap_ok "real/roots and inputs"

names=${*:-$(real_list | awk '{ print $1 }')}
for n in $names; do
    real_fields "$n" || { tap_fail "real/$n" "not in programs.txt"; continue; }
done

# run_one NAME MODE: one run, the outcome in $work/NAME.MODE.{out,err,rc}.
# MODE native, oracle (Debian's QEMU), off or on.
run_one() {
    real_fields "$1"
    # shellcheck disable=SC2046
    set -- "$1" "$2" $(real_argv "$1" check)
    _n=$1 _m=$2; shift 2
    _t=${BENCH_TIMEOUT:-$(cat "$work/$_n.limit" 2>/dev/null || echo 300)}
    case $_m in
    native) set -- $REAL_NATIVE "$REAL_ROOT/amd64$r_native" "$@" ;;
    oracle) set -- "$REF_QEMU" -L "$REAL_SYSROOT" "$REAL_SYSROOT$r_guest" "$@" ;;
    *) set -- "$QEMU" -hybrid "$_m" -L "$REAL_SYSROOT" "$REAL_SYSROOT$r_guest" "$@" ;;
    esac
    _s=$(date +%s%N)
    timeout -k 5 "$_t" "$@" <"$(real_stdin "$_n" check)" >"$work/$_n.$_m.out" 2>"$work/$_n.$_m.err"
    echo $? >"$work/$_n.$_m.rc"
    _e=$(date +%s%N)
    # the limit of the emulated runs: 100 x native, at least 30 s
    [ "$_m" != native ] || echo $(( (_e - _s) / 10000000 + 1 < 30 ? 30 : (_e - _s) / 10000000 + 1 )) >"$work/$_n.limit"
}

# the oracles (native, and Debian's QEMU for rule fp), then the emulated
# runs two at a time
: >"$work/lanes"
for n in $names; do
    real_fields "$n" || continue
    run_one "$n" native
    if real_by_oracle "$n" && [ -x "$REF_QEMU" ]; then run_one "$n" oracle; fi
    echo "$n off" >>"$work/lanes"
    echo "$n on" >>"$work/lanes"
done
run_lanes 2 "$work/lanes" run_one

# status NAME MODE: why the run failed (nothing when it exited 0)
status() {
    _rc=$(cat "$work/$1.$2.rc" 2>/dev/null || echo missing)
    case $_rc in
    0) return 1 ;;
    124|137) echo "timed out" ;;
    *) echo "exit status $_rc" ;;
    esac
}

for n in $names; do
    real_fields "$n" || continue
    if why=$(status "$n" native); then
        tap_fail "real/$n native" "the native run (the oracle) failed: $why"
        tap_show "$work/$n.native.err" 8
        continue
    fi
    exp=$(real_digest "$n" "$work/$n.native.out")
    ref=native
    if real_by_oracle "$n"; then
        if [ ! -x "$REF_QEMU" ]; then
            tap_skip "real/$n" "rule $r_rule needs Debian's qemu-aarch64 ($REF_QEMU) as the oracle"
            continue
        elif why=$(status "$n" oracle); then
            tap_fail "real/$n oracle" "the arm64 build under Debian's qemu-aarch64 failed: $why"
            tap_show "$work/$n.oracle.err" 8
            continue
        elif real_native_ok "$n" "$work/$n.native.out" "$work/$n.oracle.out"; then
            tap_ok "real/$n native against the arm64 build (rule $r_rule)"
        else
            tap_fail "real/$n native against the arm64 build (rule $r_rule)" "see real_native_ok in tests/bench/real/suite.sh"
        fi
        exp=$(real_digest "$n" "$work/$n.oracle.out")
        ref="arm64 build under Debian's qemu-aarch64"
    fi
    for m in off on; do
        t="real/$n hybrid=$m"
        if why=$(status "$n" "$m"); then
            tap_fail "$t" "$why"
            tap_show "$work/$n.$m.err" 8
        elif [ "$(real_digest "$n" "$work/$n.$m.out")" != "$exp" ]; then
            tap_fail "$t" "output differs from the $ref (rule $r_rule; files in $work)"
            tap_show "$work/$n.$m.err" 4
        else
            tap_ok "$t"
            rm -f "$work/$n.$m.out"
        fi
    done
done
exit 0
