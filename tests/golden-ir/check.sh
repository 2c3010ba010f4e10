#!/bin/sh
# Golden LLVM IR: the IR the translator builds for a few small traces
# (loops.c, one case each), normalized by extract.py, must equal
# tests/golden-ir/<case>.ll.  It pins what end-to-end tests see only
# through results: where registers are written back, which fence each
# barrier gets, the FP fast path.  A change of the translator that changes
# one of these shows here as an IR diff, to be read and then accepted with
#   GOLDEN_UPDATE=1 CHECK_SUITES=golden-ir make check
# The IR is the one logged before LLVM's passes, so it does not depend on
# the host CPU, but for the fma case: the muladd fast path needs FMA.  Skips (no LLVM tier, no cross compiler) say why.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

src=$QEMU_HYBRID_SRC/tests/golden-ir
out=$QEMU_HYBRID_BUILD/tests/golden-ir
cases="sum sum-handler acqrel fp fma fma-nohostfma"
mkdir -p "$out" || exit 1

if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
    tap_skip "golden-ir" "cross compiler $CROSS_CC not found"
    exit 0
fi
nm=${CROSS_CC%gcc}nm
if ! "$CROSS_CC" -O2 -static -pthread -Wall -Wextra -o "$out/loops" \
        "$src/loops.c" >"$out/build.log" 2>&1; then
    tap_fail "golden-ir/build" "see $out/build.log"
    tap_show "$out/build.log"
    exit 0
fi

for c in $cases; do
    case $c in
    sum*) sym=sum_loop_head ;;
    fma*) sym=fma_loop_head ;;
    *) sym=$(echo "$c" | tr - _)_loop_head ;;
    esac
    label="golden-ir/$c"
    head=$("$nm" "$out/loops" | sed -n "s/^0*\([0-9a-f]*\) T $sym\$/0x\1/p")
    log=$out/$c.log
    rm -f "$log"
    hostfma=
    case $c in
    fma-nohostfma) hostfma=0 ;;
    fma)
        # The IR depends on the host here: llvm.fma only with FMA.
        if ! grep -qw fma /proc/cpuinfo 2>/dev/null; then
            tap_skip "$label" "the host CPU has no FMA (fma-nohostfma covers it)"
            continue
        fi ;;
    esac
    QEMU_HYBRID_HOST_FMA=$hostfma "$QEMU" -hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0 -hybrid-stats \
        -d hybrid -D "$log" "$out/loops" "$c" >"$out/$c.out" 2>"$out/$c.err"
    rc=$?
    if [ $rc -ne 0 ] || [ "$(cat "$out/$c.out")" != "$c done" ]; then
        tap_fail "$label" "the program failed (exit $rc); see $out/$c.out"
        continue
    fi
    if ! tier_built "$out/$c.err"; then
        tap_skip "$label" "$NO_TIER"
        continue
    fi
    if grep -q "LLVM JIT unavailable" "$out/$c.err" "$log" 2>/dev/null; then
        tap_skip "$label" "libLLVM 16 could not be loaded (LLVM JIT unavailable)"
        continue
    fi
    if ! python3 "$src/extract.py" "$log" "$head" >"$out/$c.ll" 2>"$out/$c.why"; then
        tap_fail "$label" "no trace at $sym ($head): $(cat "$out/$c.why")"
        continue
    fi
    if [ -n "${GOLDEN_UPDATE:-}" ]; then
        cp "$out/$c.ll" "$src/$c.ll"
        tap_ok "$label (golden written: tests/golden-ir/$c.ll)"
    elif cmp -s "$src/$c.ll" "$out/$c.ll"; then
        tap_ok "$label"
    else
        tap_fail "$label" "IR differs from tests/golden-ir/$c.ll (new: $out/$c.ll):"
        diff -u "$src/$c.ll" "$out/$c.ll" | sed -n '3,30p' | sed 's/^/#   /'
    fi
done
exit 0
