#!/bin/sh
# make demo: build the bundled aarch64 program and run it under our
# qemu-aarch64, with the statistics on, then once under Debian's unpatched
# qemu-aarch64 (when installed) and natively for a time comparison.
set -eu
: "${QEMU_HYBRID_SRC:?run through make demo}"
: "${QEMU_HYBRID_BUILD:?run through make demo}"
QEMU=$QEMU_HYBRID_BUILD/qemu-aarch64
REF_QEMU=/usr/bin/qemu-aarch64
out=$QEMU_HYBRID_BUILD/demo
mkdir -p "$out"

aarch64-linux-gnu-gcc -O2 -static -ffp-contract=off -o "$out/demo" \
    "$QEMU_HYBRID_SRC/tests/demo/demo.c"
cc -O2 -ffp-contract=off -o "$out/demo-native" "$QEMU_HYBRID_SRC/tests/demo/demo.c"

seconds() {     # seconds CMD...: run, print elapsed seconds on stderr
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    echo "$start $end" | awk '{ printf "%.2f s", $2 - $1 }'
}

echo "\$ qemu-aarch64 -hybrid-stats build/demo/demo"
"$QEMU" -hybrid-stats "$out/demo"
"$out/demo-native" | sed 1d > "$out/native.out"
"$QEMU" "$out/demo" | sed 1d > "$out/qemu.out"
if cmp -s "$out/native.out" "$out/qemu.out"; then
    echo "output matches the native x86-64 build"
else
    echo "OUTPUT DIFFERS from the native x86-64 build:" >&2
    diff "$out/native.out" "$out/qemu.out" >&2 || true
    exit 1
fi
echo
echo "time: ours -hybrid on  $(seconds "$QEMU" -hybrid on "$out/demo")"
echo "time: ours -hybrid off $(seconds "$QEMU" -hybrid off "$out/demo")"
if [ -x "$REF_QEMU" ]; then
    echo "time: Debian qemu 7.2  $(seconds "$REF_QEMU" "$out/demo")"
fi
echo "time: native x86-64    $(seconds "$out/demo-native")"
