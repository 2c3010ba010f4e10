#!/bin/sh
# The differential suite: random aarch64 loops must give the same final
# registers, flags, vector registers and memory under -hybrid off and
# -hybrid on (see tests/difftest/README.md).
#
#  1. selftest: a wrapper that corrupts one output line of the -hybrid on
#     run must be reported (the comparison can fail).
#  2. every regressions/*.s under off, hot (-hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0)
#     and hot+sig (the same with a SIGALRM every 100 us), against its
#     .expected output.
#  3. fresh random programs with fixed seeds (deterministic): by default
#     2000 sequences under hot, then 500 more under t5 (threshold 5) and
#     hot+sig.
#
# Knobs: DIFFTEST_SEQUENCES (default 2000) and DIFFTEST_SEED (default 1) for
# step 3, DIFFTEST_MODES (default "hot"), DIFFTEST_EXTRA (sequences of the
# t5/hot+sig part, default 500; 0 skips it), DIFFTEST_JOBS (default: CPUs).
# Prints TAP lines and # comments only.
. "$QEMU_HYBRID_SRC/tests/lib.sh"
ulimit -c 0

src=$QEMU_HYBRID_SRC/tests/difftest
out=$QEMU_HYBRID_BUILD/tests/difftest
seqs=${DIFFTEST_SEQUENCES:-2000}
seed=${DIFFTEST_SEED:-1}
modes=${DIFFTEST_MODES:-hot}
extra=${DIFFTEST_EXTRA:-500}
jobs=${DIFFTEST_JOBS:-$(nproc 2>/dev/null || echo 2)}

if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
    tap_skip "difftest" "no cross compiler $CROSS_CC (make deps)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    tap_skip "difftest" "no python3"
    exit 0
fi
if [ ! -x "$QEMU" ]; then
    tap_fail "difftest: emulator $QEMU not found"
    exit 1
fi
rm -rf "$out"
mkdir -p "$out" || exit 1

run() {
    python3 "$src/run.py" --tap --qemu "$QEMU" --cross-cc "$CROSS_CC" \
        -j "$jobs" "$@"
}

# ---- 1. the tester can fail -------------------------------------------------
mkdir -p "$out/selftest"
DIFFTEST_REAL_QEMU=$QEMU DIFFTEST_CORRUPT_CASE=3 \
    python3 "$src/run.py" --tap --qemu "$src/corrupt-qemu.sh" \
    --ref-qemu "$QEMU" --cross-cc "$CROSS_CC" --work "$out/selftest" \
    --seed 7 --sequences 10 --cases 10 >"$out/selftest.log" 2>&1
if grep -q '^not ok - difftest/random seed=7 ' "$out/selftest.log" &&
   grep -q '^# DIVERGENCE seed=7 mode=hot case=3 ' "$out/selftest.log"; then
    tap_ok "difftest/selftest: a corrupted hot run is reported"
else
    tap_fail "difftest/selftest: a corrupted hot run is reported" \
        "the corruption of case 3 went unnoticed; $out/selftest.log:"
    tap_show "$out/selftest.log"
fi

# ---- 2. regressions -----------------------------------------------------------
if ls "$src"/regressions/*.s >/dev/null 2>&1; then
    run --regressions --modes hot,hot+sig --work "$out/regressions"
else
    tap_note "difftest: no regression files yet"
fi

# ---- 3. random programs with fixed seeds ----------------------------------------
run --seed "$seed" --sequences "$seqs" --modes "$modes" --work "$out/random"
if [ "$extra" -gt 0 ]; then
    run --seed $((seed + 100000)) --sequences "$extra" --modes t5,hot+sig,base \
        --work "$out/random-extra"
fi
exit 0
