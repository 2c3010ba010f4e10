#!/bin/sh
# Go's own standard-library tests, built for arm64 by Debian's golang-go and
# run under our qemu-aarch64 the way a user runs them:
#   GOARCH=arm64 go test -exec qemu-aarch64 PACKAGE
#
#   seqcst   sync/atomic's TestStoreLoadSeqCst32/64, GO_SEQCST_COUNT times
#            (default 30) in each of GO_MODES (default "off on hot").  They
#            check that a store-release followed by a load-acquire is
#            ordered (docs/memory-order.md): under QEMU 7.2 about a third
#            of the runs fail, so 30 in a row pass by chance with a
#            probability near 1e-6.
#   packages sync/atomic and sync (-short) in modes off and on, and runtime
#            (-short, GO_RUNTIME_MODES, default "on": it takes 3-4 minutes).
#
# Modes go through the QEMU_HYBRID* variables, so that child programs a test
# runs get them too.  Tests that run aarch64 child programs (runtime's
# testprog, sync's TestMutexMisuse) need binfmt_misc: as root the suite
# registers our binary for its duration under a name of its own (flag F)
# and removes it at the end; elsewhere those tests fail under both
# emulators and count as known failures.
#
# A test that fails under ours is run again, alone, under Debian's
# unpatched qemu-aarch64 (REF_QEMU) and under ours: failing under Debian's
# too makes it a known failure (TAP TODO, not ours); passing there and
# failing alone under ours, a failure (judge() below has the rule).  (The
# children of the REF_QEMU run still go through our binfmt_misc entry, in
# the same mode.)
# Knobs: GO_MODES, GO_PKG_MODES, GO_RUNTIME_MODES (empty: none),
# GO_SEQCST_COUNT.  Skips say why.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

out=$QEMU_HYBRID_BUILD/tests/go
modes=${GO_MODES-off on hot}
pkg_modes=${GO_PKG_MODES-off on}
runtime_modes=${GO_RUNTIME_MODES-on}
seqcst_count=${GO_SEQCST_COUNT:-30}
mkdir -p "$out/cache" "$out/gopath" || exit 1

if ! command -v go >/dev/null 2>&1; then
    tap_skip "go" "Debian's golang-go is not installed (make deps)"
    exit 0
fi
if [ ! -x "$QEMU" ]; then
    tap_fail "go: emulator $QEMU not found"
    exit 0
fi
GOROOT=$(go env GOROOT)
export GOARCH=arm64 CGO_ENABLED=0 GOCACHE="$out/cache" GOPATH="$out/gopath" \
    GOFLAGS= GO111MODULE=off
export HOME="${HOME:-$out}"

# ---- binfmt_misc, for tests that run aarch64 children ----------------------
binfmt_name=qemu-hybrid-gotest-$$
binfmt=no
if [ "$(id -u)" = 0 ] &&
        "$QEMU_HYBRID_SRC/scripts/qemu-aarch64-binfmt" register \
        --qemu "$QEMU" --name "$binfmt_name" --flags F \
        >"$out/binfmt.log" 2>&1; then
    binfmt=yes
    trap '"$QEMU_HYBRID_SRC/scripts/qemu-aarch64-binfmt" unregister \
        --name "$binfmt_name" >/dev/null 2>&1' EXIT INT TERM
else
    tap_note "go: binfmt_misc not registered (not root, or not usable):" \
        "tests that run aarch64 child programs fail under both emulators"
fi

# mode_env MODE: the QEMU_HYBRID* settings of a mode, as VAR=VALUE words.
mode_env() {
    case $1 in
    off) echo QEMU_HYBRID=off ;;
    on)  echo QEMU_HYBRID=on ;;
    hot) echo QEMU_HYBRID=on QEMU_HYBRID_THRESHOLD=1 QEMU_HYBRID_WARMUP=0 QEMU_HYBRID_BUDGET=0 ;;
    esac
}

# gotest LOG EMU MODE PKG ARGS...: go test PKG from its source directory
# (tests read testdata/ there) under EMU; exit status of go test.
gotest() {
    _log=$1 _emu=$2 _mode=$3 _pkg=$4
    shift 4
    # shellcheck disable=SC2046  # mode_env gives VAR=VALUE words
    (cd "$GOROOT/src/$_pkg" &&
        env $(mode_env "$_mode") go test -exec "$_emu" -count=1 "$@" . ) \
        >"$_log" 2>&1 </dev/null
}

# Top-level tests that failed in a go test -v log, one per line; after
# a time-out ("panic: test timed out"), also the top-level tests that
# started and never ended: the time-out names no failed test itself, and
# a hang (TestSignalDuringExec once, in a full make check) must be run
# again alone like any failure, not pass unseen.
failed_tests() {
    {
        sed -n 's/^--- FAIL: \([^ ]*\) .*/\1/p' "$1"
        if grep -q '^panic: test timed out' "$1"; then
            awk '/^=== RUN   [^\/ ]+$/ { run[$3] = 1 }
                 /^--- (PASS|FAIL|SKIP): / { done[$3] = 1 }
                 END { for (t in run) if (!(t in done)) print t }' "$1"
        fi
    } | sort -u
}

# What the full run says of test @1 in log @2: its failure, or the time-out.
failure_of() {
    if grep -q "^--- FAIL: $1 " "$2"; then
        grep -A8 "^--- FAIL: $1 " "$2"
    else
        echo "$1 did not end: $(grep -m1 '^panic: test timed out' "$2")"
    fi
}

# judge LABEL LOG RC MODE PKG ARGS...: one TAP line for a package run.
# The tests that failed are run again, alone, under Debian's REF_QEMU and
# under ours (same mode):
#   fail under REF_QEMU                -> known (TODO), not ours;
#   pass under REF_QEMU, fail alone    -> ours: a failure;
#   pass under both when run alone     -> it failed only inside the full
#     run, where the package's tests share two cores with each other (and
#     on CI with the rest of make check): runtime's timing tests do that
#     under any emulator.  Not counted as a failure, but its output from
#     the full run is printed; a wrong result that shows again alone is
#     still a failure.
judge() {
    label=$1 log=$2 rc=$3 mode=$4 pkg=$5
    shift 5
    if [ "$rc" = 0 ]; then
        tap_ok "$label"
        return
    fi
    names=$(failed_tests "$log")
    if [ -z "$names" ]; then
        tap_fail "$label" "go test exited $rc with no failed test named (crash or time-out?); see $log"
        tail -n 12 "$log" | sed 's/^/#   /'
        return
    fi
    if [ ! -x "$REF_QEMU" ]; then
        tap_fail "$label" "failed: $(echo $names)" "no $REF_QEMU to compare with"
        return
    fi
    re=$(echo $names | sed 's/ /|/g')
    # Alone, a test that hung in the full run must end within 5 minutes.
    gotest "$log.ref" "$REF_QEMU" "$mode" "$pkg" "$@" -timeout 300s \
        -run "^($re)\$"
    gotest "$log.alone" "$QEMU" "$mode" "$pkg" "$@" -timeout 300s \
        -run "^($re)\$"
    ours= flaky=
    for n in $names; do
        if grep -q "^--- FAIL: $n " "$log.ref"; then
            tap_todo "$label $n" "fails under Debian's qemu-aarch64 too"
        elif ! grep -q "^--- PASS: $n " "$log.ref"; then
            ours="$ours $n"
            tap_note "$n: no result under $REF_QEMU (see $log.ref)"
        elif grep -q "^--- PASS: $n " "$log.alone"; then
            flaky="$flaky $n"
        else
            ours="$ours $n"
        fi
    done
    for n in $flaky; do
        tap_note "$n failed in the full run only: alone it passes under ours" \
            "and under Debian's qemu-aarch64 (timing under load); from $log:"
        failure_of "$n" "$log" | sed 's/^/#   /'
    done
    if [ -n "$ours" ]; then
        tap_fail "$label" "fails only under ours:$ours; see $log and $log.alone"
        for n in $ours; do
            failure_of "$n" "$log" | sed 's/^/#   /'
        done
    else
        tap_ok "$label (its failures are known or timing, above)"
    fi
}

# ---- build once: the test binaries land in GOCACHE ------------------------
for pkg in sync/atomic sync runtime; do
    if ! (cd "$GOROOT/src/$pkg" && go test -count=1 -run '^$' \
            -exec /bin/true . ) >"$out/build-$(echo $pkg | tr / -).log" 2>&1; then
        tap_fail "go/build $pkg" "see $out/build-$(echo $pkg | tr / -).log"
    fi
done

# ---- store->load order of seq_cst atomics ---------------------------------
for mode in $modes; do
    log=$out/seqcst-$mode.log
    gotest "$log" "$QEMU" "$mode" sync/atomic -v -run '^TestStoreLoadSeqCst' \
        -count="$seqcst_count"
    rc=$?
    passes=$(grep -c '^--- PASS: TestStoreLoadSeqCst' "$log")
    label="go/seqcst mode=$mode (TestStoreLoadSeqCst32/64 x$seqcst_count)"
    if [ $rc = 0 ] && [ "$passes" = $((2 * seqcst_count)) ]; then
        tap_ok "$label"
    else
        tap_fail "$label" "$(grep -c '^--- FAIL: TestStoreLoadSeqCst' "$log") runs failed, $passes passed; see $log"
        grep -m3 'not sequentially consistent' "$log" | sed 's/^/#   /'
    fi
done

# ---- whole packages ----------------------------------------------------------
for mode in $pkg_modes; do
    for pkg in sync/atomic sync; do
        log=$out/$(echo $pkg | tr / -)-$mode.log
        gotest "$log" "$QEMU" "$mode" "$pkg" -short -v -timeout 600s
        judge "go/$pkg mode=$mode" "$log" $? "$mode" "$pkg" -short -v -timeout 600s
    done
done
for mode in $runtime_modes; do
    log=$out/runtime-$mode.log
    gotest "$log" "$QEMU" "$mode" runtime -short -v -timeout 900s
    judge "go/runtime mode=$mode" "$log" $? "$mode" runtime -short -v -timeout 900s
done
exit 0
