#!/bin/sh
# The binfmt script against a fake binfmt_misc directory (no root, no
# kernel): reserved and malformed entry names and unusable emulators are
# refused with nothing written; a valid register/unregister writes what the
# kernel expects.
# Then binfmt_misc for real: register our qemu-aarch64 with the kernel, run a
# static aarch64 program as ./prog (flags F, then P), check that our
# emulator ran it and that exec from inside the guest works, unregister.
# Skips, saying why, where the kernel interface cannot be used.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

out=$QEMU_HYBRID_BUILD/tests/binfmt
script=$QEMU_HYBRID_SRC/scripts/qemu-aarch64-binfmt
name=qemu-hybrid-test-$$
dir=/proc/sys/fs/binfmt_misc
mkdir -p "$out"
# The real-registry tests below must use the kernel's directory.
unset QEMU_BINFMT_DIR

# --- fake binfmt_misc directory ---------------------------------------
fake=$out/fake-binfmt
fakeqemu=$out/fake-qemu
printf '#!/bin/sh\nexit 0\n' > "$fakeqemu"
chmod 755 "$fakeqemu"
noexec=$out/fake-qemu-noexec
cp "$fakeqemu" "$noexec"
chmod 644 "$noexec"
qdir=$out/fake-qemu-dir
mkdir -p "$qdir"
chmod 755 "$qdir"

# A fresh fake directory with the kernel's two files; fake_state prints
# every file with its contents, to see what a run wrote.
fake_reset() {
    rm -rf "$fake"
    mkdir -p "$fake"
    : > "$fake/register"
    echo enabled > "$fake/status"
}
fake_state() {
    for f in "$fake"/* "$fake"/.[!.]*; do
        [ -e "$f" ] || continue
        printf '%s: [%s]\n' "${f##*/}" "$(cat "$f")"
    done
}
fake_reset
fake_state > "$out/fake.clean"

# refused LABEL PATTERN ARGS...: the script with ARGS (and the fake
# directory) must exit non-zero, say PATTERN on stderr, write nothing.
refused() {
    label="binfmt/refuses $1"; pattern=$2; shift 2
    fake_reset
    "$script" "$@" --binfmt-dir "$fake" > "$out/fake.out" 2> "$out/fake.err"
    rc=$?
    fake_state > "$out/fake.state"
    if [ "$rc" = 0 ]; then
        tap_fail "$label" "exit status 0, expected a refusal; output:"
        tap_show "$out/fake.out" 5
    elif ! cmp -s "$out/fake.clean" "$out/fake.state"; then
        tap_fail "$label" "wrote into the binfmt_misc directory:"
        tap_show "$out/fake.state" 5
    elif ! grep -q -- "$pattern" "$out/fake.err"; then
        tap_fail "$label" "no message matching '$pattern'; stderr:"
        tap_show "$out/fake.err" 5
    else
        tap_ok "$label"
    fi
}

# The script must use the fake directory before anything that writes is
# tried (an older script would go to the kernel's): 'status' only reads.
fake_reset
printf 'enabled\nfake-probe\n' > "$fake/qemu-hybrid-probe"
probe1=$("$script" status --name qemu-hybrid-probe --binfmt-dir "$fake" 2>&1)
probe2=$(QEMU_BINFMT_DIR=$fake "$script" status --name qemu-hybrid-probe 2>&1)
if [ "$probe1" != "$(cat "$fake/qemu-hybrid-probe")" ] ||
   [ "$probe2" != "$(cat "$fake/qemu-hybrid-probe")" ]; then
    tap_fail "binfmt/fake directory honoured" \
        "status ignores --binfmt-dir or QEMU_BINFMT_DIR: '$probe1' / '$probe2'" \
        "not running the fake-directory tests (they would reach the kernel)"
else
    tap_ok "binfmt/fake directory honoured"

    # both LABEL PATTERN ARGS...: refused by register and by unregister
    both() {
        both_label=$1; both_pattern=$2; shift 2
        refused "register $both_label" "$both_pattern" \
            register --qemu "$fakeqemu" "$@"
        refused "unregister $both_label" "$both_pattern" unregister "$@"
    }
    both "--name status" reserved --name status
    both "--name register" reserved --name register
    both "--name ." reserved --name .
    both "--name .." reserved --name ..
    both "--name ../status" "bad entry name" --name ../status
    both "--name a/b" "letters, digits" --name a/b
    both "--name ''" empty --name ''
    both "--name -x" "must not start" --name -x
    both "--name .x" "must not start" --name .x
    both "--name a:b" "letters, digits" --name a:b
    both "--name 'a b'" "letters, digits" --name 'a b'
    both "--name with a newline" "letters, digits" --name 'a
b'
    both "--name of 65 characters" "longer than 64" \
        --name "$(printf '%065d' 0 | tr 0 a)"
    refused "register --qemu a directory" directory \
        register --qemu "$qdir" --name qemu-hybrid-fake
    refused "register --qemu a non-executable file" "not executable" \
        register --qemu "$noexec" --name qemu-hybrid-fake
    refused "register --qemu a missing file" "does not exist" \
        register --qemu "$out/no-such-qemu" --name qemu-hybrid-fake
    refused "line --qemu a directory" directory \
        line --qemu "$qdir" --name qemu-hybrid-fake

    # accepted LABEL EXPECTED_STATE ARGS...: exit 0, and the directory
    # holds exactly EXPECTED_STATE afterwards (fake_state's format).
    accepted() {
        label="binfmt/fake $1"; printf '%s\n' "$2" > "$out/fake.expected"; shift 2
        "$@" > "$out/fake.out" 2> "$out/fake.err"
        rc=$?
        fake_state > "$out/fake.state"
        if [ "$rc" != 0 ]; then
            tap_fail "$label" "exit status $rc; stderr:"
            tap_show "$out/fake.err" 5
        elif ! cmp -s "$out/fake.expected" "$out/fake.state"; then
            tap_fail "$label" "unexpected directory contents:"
            tap_show "$out/fake.state" 5
            tap_note "expected:"
            tap_show "$out/fake.expected" 5
        else
            tap_ok "$label"
        fi
    }
    # The kernel's format, :name:type:offset:magic:mask:interpreter:flags,
    # with the magic and mask as \x escapes, the emulator's absolute path.
    magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
    mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
    absqemu=$(readlink -f "$fakeqemu")
    ln -sf fake-qemu "$out/fake-qemu-link"
    fake_reset
    accepted "register (--binfmt-dir)" \
"register: [:qemu-hybrid-fake:M::$magic:$mask:$absqemu:F]
status: [enabled]" \
        "$script" register --qemu "$out/fake-qemu-link" --name qemu-hybrid-fake \
            --flags F --binfmt-dir "$fake"
    # Registering again replaces the entry: -1 to it, then the new line.
    : > "$fake/register"
    printf 'enabled\nfake entry\n' > "$fake/qemu-hybrid-fake"
    accepted "register again (QEMU_BINFMT_DIR)" \
"qemu-hybrid-fake: [-1]
register: [:qemu-hybrid-fake:M::$magic:$mask:$absqemu:P]
status: [enabled]" \
        env QEMU_BINFMT_DIR="$fake" "$script" register --qemu "$fakeqemu" \
            --name qemu-hybrid-fake --flags P
    fake_reset
    printf 'enabled\nfake entry\n' > "$fake/qemu-hybrid-fake"
    accepted "unregister" \
"qemu-hybrid-fake: [-1]
register: []
status: [enabled]" \
        "$script" unregister --name qemu-hybrid-fake --binfmt-dir "$fake"
    fake_reset
    accepted "unregister when not registered" \
"register: []
status: [enabled]" \
        "$script" unregister --name qemu-hybrid-fake --binfmt-dir "$fake"
fi
rm -rf "$fake"

# --- the kernel's binfmt_misc -----------------------------------------
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
