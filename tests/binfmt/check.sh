#!/bin/sh
# binfmt_misc for real: register our qemu-aarch64 with the kernel, run a
# static aarch64 program as ./prog (flags F, then P), check that our
# emulator ran it and that exec from inside the guest works, unregister.
# Skips, saying why, where the kernel interface cannot be used.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

out=$QEMU_HYBRID_BUILD/tests/binfmt
script=$QEMU_HYBRID_SRC/scripts/qemu-aarch64-binfmt
name=qemu-hybrid-test-$$
dir=/proc/sys/fs/binfmt_misc
mkdir -p "$out"

if [ "$(id -u)" != 0 ]; then
    tap_skip "binfmt" "needs root to register with binfmt_misc"
    exit 0
fi
if [ ! -e "$dir/register" ] &&
   ! mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null; then
    tap_skip "binfmt" "binfmt_misc not mounted and cannot be mounted here"
    exit 0
fi
if [ ! -w "$dir/register" ]; then
    tap_skip "binfmt" "$dir/register is not writable (container?)"
    exit 0
fi

if ! $CROSS_CC -O2 -static -o "$out/prog" "$QEMU_HYBRID_SRC/tests/binfmt/prog.c" \
        2> "$out/build.log"; then
    tap_fail "binfmt/build prog" "$(head -n 3 "$out/build.log")"
    exit 0
fi

cleanup() { [ -e "$dir/$name" ] && echo -1 > "$dir/$name"; }
trap cleanup EXIT INT TERM

# try FLAGS ARGV0 EXPECTED_ARGV0
try() {
    flags=$1
    label="binfmt/./prog flags=$flags"
    if ! "$script" register --qemu "$QEMU" --name "$name" --flags "$flags" \
            > "$out/register.log" 2>&1; then
        tap_fail "$label" "register failed: $(cat "$out/register.log")"
        return
    fi
    # bash's exec -a sets argv[0]; without P the kernel passes the path.
    (cd "$out" && BINFMT_PROG=$out/prog QEMU_HYBRID_STATS=1 \
        bash -c "exec -a $2 ./prog" > run.out 2> run.err)
    rc=$?
    expected="argv0=$3
argv0=$4
child ok
child exit=7"
    if [ "$rc" != 42 ]; then
        tap_fail "$label" "exit status $rc, expected 42"
        tap_show "$out/run.err" 5
    elif [ "$(cat "$out/run.out")" != "$expected" ]; then
        tap_fail "$label" "unexpected output:"
        tap_show "$out/run.out"
    elif ! grep -q '^qemu-hybrid statistics' "$out/run.err"; then
        tap_fail "$label" "ran, but not under our qemu-aarch64 (no statistics)"
    else
        tap_ok "$label"
    fi
    "$script" unregister --name "$name" > /dev/null 2>&1
}

# Without P the program sees its absolute path (as under Debian's
# qemu-aarch64); with P, the argv[0] the caller chose.  The exec'd child
# likewise gets its path, or "child-argv0" with P.
try F custom "$out/prog" "$out/prog"
try FP custom custom child-argv0

if [ -e "$dir/$name" ]; then
    tap_fail "binfmt/unregister" "entry $name still present"
else
    tap_ok "binfmt/unregister"
fi
# With no other aarch64 handler the kernel must now refuse the binary.
if grep -lq 'magic 7f454c460201010000000000000000000200b700' "$dir"/* 2>/dev/null; then
    tap_note "another aarch64 handler is registered; not checking ENOEXEC"
elif (cd "$out" && ./prog) > /dev/null 2>&1; then
    tap_fail "binfmt/gone after unregister" "./prog still runs"
else
    tap_ok "binfmt/gone after unregister"
fi
exit 0
