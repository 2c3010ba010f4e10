#!/bin/sh
# Offload run-time fixture: build guest.c and its hand-made offload object,
# then check the run time against them.  TAP output; exit status 1 if
# anything failed.
#
#   tests/offload/runtime/run.sh [QEMU] [WORKDIR]
#
# QEMU defaults to build/qemu-aarch64 of this checkout, WORKDIR to a
# temporary directory.  Needs aarch64-linux-gnu-gcc (with a sysroot in
# /usr/aarch64-linux-gnu for the PIE case), gcc and python3.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
qemu=${1:-$top/build/qemu-aarch64}
case $qemu in /*) ;; *) qemu=$(pwd)/$qemu ;; esac
work=${2:-$(mktemp -d)}
mkdir -p "$work" || exit 1
cross=${CROSS_CC:-aarch64-linux-gnu-gcc}
nm=${CROSS_NM:-aarch64-linux-gnu-nm}
sysroot=${SYSROOT:-/usr/aarch64-linux-gnu}
GFLAGS="-O2 -pthread -fno-inline -fno-ipa-cp -fno-ipa-sra -fno-ipa-icf -fno-ipa-ra"
FUNCS="add3 scale count_less call_sum10 say greet deref spin_until_flag burn via_thread"
IMPORTS="g_flag g_counter sum10 write_buf make_thread"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
die() { echo "Bail out! $*"; exit 1; }

# build NAME EXTRA_GUEST_FLAGS...: guest NAME, NAME.d/fixture.so
build() {
    name=$1; shift
    $cross $GFLAGS "$@" -o "$work/$name" "$here/guest.c" || die "guest $name"
    mkdir -p "$work/$name.d"
    "$here/gen-manifest.py" "$work/$name" "$nm" $FUNCS -- $IMPORTS \
        > "$work/$name.d/guest-manifest.h" || die "manifest $name"
    gcc -shared -fPIC -O2 -Wall -Werror -I"$top/offload/include" \
        -I"$work/$name.d" "$here/fixture.c" -o "$work/$name.d/fixture.so" ||
        die "fixture $name"
}

build guest -static
build guest-pie -fPIE -pie
cd "$work" || die "cd $work"

# run OUT ARGS...: stdout to OUT.out, stderr to OUT.err
run() {
    out=$1; shift
    timeout 120 "$qemu" "$@" > "$out.out" 2> "$out.err"
}

run emu ./guest || not_ok "emulated run (status $?)"
check "emulated run prints every line" "grep -q '^alarm delivered' emu.out"

for mode in off on hot; do
    case $mode in
    off) flags="-hybrid off" ;;
    on) flags="-hybrid on" ;;
    hot) flags="-hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0" ;;
    esac
    run "off-$mode" $flags -hybrid-stats -d hybrid -D "off-$mode.log" \
        -offload guest.d/fixture.so ./guest
    check "offloaded (-hybrid $mode): exit status 0" "[ $? = 0 ]"
    check "offloaded (-hybrid $mode): same output" "cmp -s emu.out off-$mode.out"
    check "offloaded (-hybrid $mode): loaded" \
        "grep -q 'outcome  *loaded, 10 functions' off-$mode.err"
    check "offloaded (-hybrid $mode): add3 calls counted" \
        "grep -Eq '^  add3 +[0-9]{6}' off-$mode.err"
    check "offloaded (-hybrid $mode): callbacks counted" \
        "grep -Eq '^  count_less +[0-9]+ +[1-9]' off-$mode.err"
    check "offloaded (-hybrid $mode): no warning" "! grep -q '^qemu:' off-$mode.err"
    check "offloaded (-hybrid $mode): returned through the main loop after tb_flush" \
        "grep -q 'code flushed during via_thread' off-$mode.log"
done

QEMU_OFFLOAD=guest.d/fixture.so run env ./guest
check "QEMU_OFFLOAD: same output" "cmp -s emu.out env.out"

run pie -L "$sysroot" -hybrid-stats -offload guest-pie.d/fixture.so ./guest-pie
check "PIE, dynamic: same output" "cmp -s emu.out pie.out"
check "PIE, dynamic: loaded" "grep -q 'outcome  *loaded' pie.err"

# add3's first add, x0 = x0 + x1, as x0 = x1 + x0: same result, other bytes.
python3 - <<'PY' || die "patching guest"
import struct
d = bytearray(open('guest', 'rb').read())
i = d.find(struct.pack('<3I', 0x8b010000, 0x8b020000, 0xd65f03c0))
assert i > 0
struct.pack_into('<I', d, i, 0x8b000020)
open('guest-stale', 'wb').write(d)
PY
chmod +x guest-stale
run stale -offload guest.d/fixture.so ./guest-stale
check "changed function: refused" \
    "grep -q '^qemu: -offload guest.d/fixture.so: stale offload object: function add3 differs from the guest.s; running fully emulated' stale.err"
check "changed function: same output, emulated" "cmp -s emu.out stale.out"

$cross $GFLAGS -static -g -o guest-rebuilt "$here/guest.c" || die "guest-rebuilt"
run rebuilt -offload guest.d/fixture.so ./guest-rebuilt
check "other build id: refused" "grep -q 'build id differs; running fully emulated' rebuilt.err"
check "other build id: same output" "cmp -s emu.out rebuilt.out"

run pie-mismatch -L "$sysroot" -offload guest.d/fixture.so ./guest-pie
check "object of another program: refused" "grep -q 'running fully emulated' pie-mismatch.err"

run missing -offload ./no-such.so ./guest
check "missing object: refused with the reason" \
    "grep -q 'no-such.so: No such file or directory; running fully emulated' missing.err"
check "missing object: same output" "cmp -s emu.out missing.out"

run libm -offload "$(gcc -print-file-name=libm.so.6)" ./guest
check "a system library: refused" \
    "grep -q 'libm.so.6: .*running fully emulated' libm.err"

# A shared object that passes the checks of the file but has no manifest.
printf 'int not_an_offload_object(void)\n{\n    return 1;\n}\n' > notours.c
gcc -shared -fPIC -O2 -o notours.so notours.c || die "notours.so"
run notours -offload ./notours.so ./guest
check "not an offload object: refused" \
    "grep -q 'no qemu_offload_manifest symbol.*running fully emulated' notours.err"

head -c 3000 guest.d/fixture.so > truncated.so
run truncated -offload truncated.so ./guest
check "truncated object: refused" "grep -q 'truncated ELF file: .*running fully emulated' truncated.err"
check "truncated object: same output" "cmp -s emu.out truncated.out"

run base -B 0x100000000 -offload guest.d/fixture.so ./guest
check "guest_base != 0: refused" "grep -q 'guest_base is not 0.*running fully emulated' base.err"
check "guest_base != 0: same output" "cmp -s emu.out base.out"

echo "1..$n"
[ $failed = 0 ]
