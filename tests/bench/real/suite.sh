# shellcheck shell=sh disable=SC2034  # sets variables for its callers
# The real-program suite: helpers shared by make bench SUITE=real
# (tests/bench/bench.sh) and make check (tests/real/check.sh).  Sourced,
# POSIX sh, after tests/lib.sh.
#
# programs.txt lists the programs; fetch-sysroot.sh makes the arm64 root
# (the guest's -L sysroot) and the amd64 root of the same package versions
# (the native baseline, run through its own dynamic loader, so both sides
# run exactly the downloaded builds); gen-inputs.py makes the inputs.

REAL_DIR=$QEMU_HYBRID_SRC/tests/bench/real
REAL_PROGS=$REAL_DIR/programs.txt

# real_list: "name yes - -" per program (the micro suite's list format,
# so bench.sh's loops read both; the real fields come from real_fields).
real_list() {
    awk -F'|' '!/^#/ && NF > 3 { gsub(/[ \t]/, "", $1); print $1, "yes - -" }' "$REAL_PROGS"
}

# real_fields NAME: set r_pkgs r_guest r_native r_args r_check r_rule r_what.
# One awk and a read: bench.sh asks several times a run, and a process
# per field cost about 0.1 s a call on a loaded machine.  The fields come
# from a "|"-separated file, so "|" cannot occur in them.
real_fields() {
    _f=$(awk -F'|' -v n="$1" '
        function t(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
        !/^#/ && NF > 3 && t($1) == n {
            nat = t($4); if (nat == "=") nat = t($3)
            chk = t($6); if (chk == "=") chk = t($5)
            printf "%s|%s|%s|%s|%s|%s|%s\n", t($2), t($3), nat, t($5), chk, t($7), t($8)
        }' "$REAL_PROGS")
    [ -n "$_f" ] || return 1
    IFS='|' read -r r_pkgs r_guest r_native r_args r_check r_rule r_what <<EOF
$_f
EOF
}

# real_prepare SCALE: fetch (or reuse) the roots and make the inputs at
# SCALE (1 for make bench, 0.1 for make check).  Sets REAL_ROOT (the
# folder with arm64/ and amd64/), REAL_IN (the inputs), REAL_SYSROOT (the
# arm64 root) and REAL_NATIVE (the command prefix of native runs).  On
# failure prints why and returns 2 (the roots: a missing mirror or a
# failed download) or 1 (the inputs).
real_prepare() {
    REAL_ROOT=$("$REAL_DIR/fetch-sysroot.sh") || return 2
    REAL_SYSROOT=$REAL_ROOT/arm64
    _a=$REAL_ROOT/amd64
    REAL_NATIVE="$_a/lib64/ld-linux-x86-64.so.2 --library-path $_a/lib/x86_64-linux-gnu:$_a/usr/lib/x86_64-linux-gnu"
    REAL_IN=$BENCH_OUT/real-input/$1
    _stamp=$(sha256sum <"$REAL_DIR/gen-inputs.py" | cut -c1-16)
    if [ "$(cat "$REAL_IN/.stamp" 2>/dev/null)" != "$_stamp" ]; then
        rm -rf "$REAL_IN"
        python3 "$REAL_DIR/gen-inputs.py" "$REAL_IN" "$1" || return 1
        echo "$_stamp" >"$REAL_IN/.stamp"
    fi
    # The same environment for every run, native or emulated: a fixed
    # locale and time zone, no .pyc written into the roots, and the amd64
    # root's Perl and Tcl libraries for the native runs (the arm64 ones
    # are found through -L).
    export LC_ALL=C TZ=UTC PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1
    export PERL5LIB=$_a/usr/lib/x86_64-linux-gnu/perl-base TCL_LIBRARY=$_a/usr/share/tcltk/tcl8.6
}

# real_argv NAME SIZE: the program's arguments (full or check size) with
# $I and $P expanded, one per line; a last "<FILE" is left out and goes to
# real_stdin.
real_argv() {
    real_fields "$1" || return 1
    if [ "$2" = check ]; then _a=$r_check; else _a=$r_args; fi
    echo "$_a" | tr ' ' '\n' | awk 'NF' | sed -e "s|\$I|$REAL_IN|g" -e "s|\$P|$REAL_DIR/progs|g" | grep -v '^<'
}
real_stdin() {
    real_fields "$1" || return 1
    if [ "$2" = check ]; then _a=$r_check; else _a=$r_args; fi
    _s=$(echo "$_a" | tr ' ' '\n' | sed -n 's/^<//p' | sed -e "s|\$I|$REAL_IN|g")
    echo "${_s:-/dev/null}"
}

# real_digest NAME FILE: the SHA-256 of FILE after the rule's filter
# ("asm": without the .ident line, which names the compiler's package).
real_digest() {
    real_fields "$1" || return 1
    case $r_rule in
    asm) grep -v '^[[:space:]]*\.ident[[:space:]]' "$2" | sha256sum | cut -d' ' -f1 ;;
    *) sha256sum <"$2" | cut -d' ' -f1 ;;
    esac
}

# real_by_oracle NAME: whether the program's rule takes the arm64 build
# under Debian's qemu-aarch64 as the oracle of the emulated runs ("fp",
# "arch"); real_native_ok NAME NATIVE ORACLE: whether the native output
# passes that rule's check against the oracle's ("fp": real_close; "arch":
# any non-empty output, as the two builds' outputs legitimately differ).
real_by_oracle() {
    real_fields "$1" && { [ "$r_rule" = fp ] || [ "$r_rule" = arch ]; }
}
real_native_ok() {
    real_fields "$1"
    if [ "$r_rule" = fp ]; then real_close "$2" "$3"; else [ -s "$2" ]; fi
}

# real_close A B: two 16-bit PCM WAV files with the same header and length
# whose samples differ by at most 1 (rule "fp": the arm64 and amd64 builds
# round differently; Debian's arm64 build fuses multiply-adds into FMA
# instructions, the x86-64 baseline has none).
real_close() {
    python3 - "$1" "$2" <<'PYEOF'
import array, sys
a, b = (open(f, 'rb').read() for f in sys.argv[1:3])
if len(a) != len(b) or a[:44] != b[:44] or len(a) < 44:
    sys.exit(1)
x, y = array.array('h', a[44:len(a) & ~1]), array.array('h', b[44:len(b) & ~1])
sys.exit(0 if all(abs(p - q) <= 1 for p, q in zip(x, y)) else 1)
PYEOF
}
