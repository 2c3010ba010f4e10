#!/bin/sh
# The ABI bridges against many signatures: part of the offload suite.
#
# gen-abi.py writes a program with COUNT random signatures (see its
# header); for each seed in OFFLOAD_ABI_SEEDS (default "1 2") this builds
# it for the guest, compiles its offload object, and checks:
#   abi/SEED report     every nat_K and via_K is offloaded
#   abi/SEED offload    the output with -offload equals the emulated one
#   abi/SEED calls      every nat_K and via_K ran natively (calls > 0)
# A wrong register, stack slot or extension in a bridge or a host-to-guest
# stub changes a printed hash.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

here=$QEMU_HYBRID_SRC/tests/offload/abi
out=$QEMU_HYBRID_BUILD/tests/offload/abi
seeds=${OFFLOAD_ABI_SEEDS:-1 2}
count=${OFFLOAD_ABI_COUNT:-60}
OFFLOAD_CC=${OFFLOAD_CC:-$QEMU_HYBRID_BUILD/qemu-offload-cc}

if [ ! -x "$OFFLOAD_CC" ]; then
    tap_skip "offload/abi" "no $OFFLOAD_CC"
    exit 0
fi
if ! "$QEMU" -h 2>/dev/null | grep -qE -- '^-offload( |$)'; then
    tap_skip "offload/abi" "$QEMU has no -offload option"
    exit 0
fi
mkdir -p "$out" || exit 1
flags=$("$OFFLOAD_CC" --print-guest-cflags)

for seed in $seeds; do
    d=$out/$seed
    mkdir -p "$d"
    if ! python3 "$here/gen-abi.py" "$seed" "$count" >"$d/abi.c" ||
       ! "$CROSS_CC" -O2 -static $flags -o "$d/abi" "$d/abi.c" \
            >"$d/build.log" 2>&1; then
        tap_fail "offload/abi/$seed build" "see $d/build.log"
        continue
    fi
    if ! "$OFFLOAD_CC" --guest "$d/abi" -o "$d/abi.so" --report "$d/report" \
            -O2 "$d/abi.c" >"$d/compile.log" 2>&1; then
        tap_fail "offload/abi/$seed compile" "see $d/compile.log"
        tap_show "$d/compile.log" 5
        continue
    fi
    missing=$(grep -E ': (nat|via)_[0-9]+: ' "$d/report" | grep -v ': offloaded$' |
              head -3)
    if [ -z "$missing" ] && [ "$(grep -cE ': (nat|via)_[0-9]+: offloaded$' "$d/report")" -eq $((2 * count)) ]; then
        tap_ok "offload/abi/$seed report"
    else
        tap_fail "offload/abi/$seed report" "not all nat_K/via_K offloaded:" "$missing"
    fi
    "$QEMU" -hybrid off "$d/abi" >"$d/emulated.out" 2>"$d/emulated.err"
    "$QEMU" -hybrid off -offload "$d/abi.so" -hybrid-stats "$d/abi" \
        >"$d/offload.out" 2>"$d/offload.err"
    rc=$?
    if [ $rc -eq 0 ] && [ -s "$d/emulated.out" ] &&
       cmp -s "$d/emulated.out" "$d/offload.out"; then
        tap_ok "offload/abi/$seed offload"
    else
        tap_fail "offload/abi/$seed offload" "exit $rc; outputs differ (first lines):"
        diff "$d/emulated.out" "$d/offload.out" | head -6 | sed 's/^/#   /'
    fi
    zero=$(grep -E '^ +(nat|via)_[0-9]+ ' "$d/offload.err" | awk '$2 == 0 { print $1 }' | head -5)
    ncalled=$(grep -cE '^ +(nat|via)_[0-9]+ +[1-9]' "$d/offload.err")
    if [ -z "$zero" ] && [ "$ncalled" -eq $((2 * count)) ]; then
        tap_ok "offload/abi/$seed calls"
    else
        tap_fail "offload/abi/$seed calls" "$ncalled of $((2 * count)) ran natively; never:" $zero
    fi
done
exit 0
