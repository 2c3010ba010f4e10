#!/bin/sh
# The offload suite: guest programs whose functions qemu-offload-cc
# compiles natively, run with and without -offload.
#
# Builds tests/offload/*.c (static, with the guest flags of
# `qemu-offload-cc --print-guest-cflags`) into $QEMU_HYBRID_BUILD/tests/offload,
# then for every program:
#   NAME emulated              -hybrid off, no offload: stdout must equal
#                              NAME.expected, the exit status the "//! status"
#                              line of the source (default 0)
#   NAME compile               qemu-offload-cc --guest NAME -o NAME.so
#                              --report NAME.report [the "//! ccflags:" words]
#                              (exit 0, object written)
#   NAME report                the report's format, and the "//!" lines of
#                              the source: "offloaded:" functions reported
#                              offloaded, "not-offloaded: F:REASON" ones
#                              refused with a reason matching REASON
#                              (REASON may be A/B: either)
#   NAME offload hybrid=MODE   -hybrid MODE -offload NAME.so -hybrid-stats:
#                              the same stdout and exit status
#   NAME calls hybrid=MODE     in that run's statistics, every "called:"
#                              function has a call count above 0, so the
#                              test fails when nothing ran natively
# and the special cases: stale (stale-v2 run with the object built for
# stale = version 1: a warning mentioning offload, version 2's output, no
# native calls), badfile (nonexistent, non-ELF, empty, truncated,
# unrelated and mismatching objects, a directory, also through
# QEMU_OFFLOAD: a warning, the same output and exit status), the
# compiler's own contract (--print-guest-cflags, bad input, report on
# stdout, a file where nothing is eligible), and the fuzz test
# (fuzz-object.py: a few hundred malformed copies of globals.so, each
# refused or harmless, never a crash; one TAP line per fixed case of
# issue 16, one for the rest).  Then abi/check-abi.sh (the
# bridges against generated signatures) and runtime/run.sh (the run time
# against a hand-written object, no compiler involved).
#
# Without qemu-offload-cc ($OFFLOAD_CC, default $QEMU_HYBRID_BUILD/qemu-offload-cc)
# only the emulated runs happen (guests built with the fallback flags of
# the Makefile) and the rest is one skip with the reason; without the
# -offload option in $QEMU, the offload runs are skipped with the reason.
#
# Knobs: OFFLOAD_MODES (default "off on"), OFFLOAD_TESTS="pointers errno"
# (subset), OFFLOAD_JOBS (default 2), OFFLOAD_TIMEOUT (seconds per run,
# default 30), OFFLOAD_CC, OFFLOAD_FUZZ_SEED (default 16),
# OFFLOAD_FUZZ_COUNT (field and truncation cases, default 300),
# OFFLOAD_FUZZ_TIMEOUT (seconds per fuzz run, default 10).
. "$QEMU_HYBRID_SRC/tests/lib.sh"

src=$QEMU_HYBRID_SRC/tests/offload
out=$QEMU_HYBRID_BUILD/tests/offload
modes=${OFFLOAD_MODES:-off on}
jobs=${OFFLOAD_JOBS:-2}
limit=${OFFLOAD_TIMEOUT:-30}
OFFLOAD_CC=${OFFLOAD_CC:-$QEMU_HYBRID_BUILD/qemu-offload-cc}

if [ ! -x "$QEMU" ]; then
    tap_fail "offload: emulator $QEMU not found"
    exit 1
fi
if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
    tap_fail "offload: cross compiler $CROSS_CC not found"
    exit 1
fi
mkdir -p "$out" || exit 1

have_cc=
[ -x "$OFFLOAD_CC" ] && have_cc=1
have_rt=
"$QEMU" -h 2>/dev/null | grep -qE -- '^-offload( |$)' && have_rt=1

# ---- the compiler's guest flags, then the build ------------------------------------
if [ -n "$have_cc" ]; then
    if flags=$("$OFFLOAD_CC" --print-guest-cflags 2>"$out/print-cflags.err") &&
            [ -n "$flags" ]; then
        case " $flags " in
        *" -ffp-contract=off "*) tap_ok "offload/cc --print-guest-cflags" ;;
        *) tap_fail "offload/cc --print-guest-cflags" \
               "no -ffp-contract=off in: $flags" ;;
        esac
        GUEST_ABI_CFLAGS=$flags
        export GUEST_ABI_CFLAGS
    else
        tap_fail "offload/cc --print-guest-cflags" \
            "failed or printed nothing; building with the Makefile's fallback flags"
        tap_show "$out/print-cflags.err" 5
    fi
fi
export OFFLOAD_CC
make -s -C "$src" OUT="$out" guest-cflags >"$out/guest-cflags.txt" 2>/dev/null
tap_build offload "$src" "$out" "$jobs"
tap_note "guest flags: $(cat "$out/guest-cflags.txt")"

names=${OFFLOAD_TESTS:-$(cd "$src" && for f in *.c; do
    case $f in *_part.c) ;; *) echo "${f%.c}" ;; esac; done)}
# shellcheck disable=SC2086,SC2116  # one line, single spaces
names=$(echo $names)
# stale-v2: stale.c built with -DSTALE_VERSION=2, a program of its own.
case " $names " in *" stale "*) names="$names stale-v2" ;; esac

# Program helpers: the source name, the sources, the //! fields.
srcname() { case $1 in stale-v2) echo stale ;; *) echo "$1" ;; esac; }
sources() {
    s=$(srcname "$1")
    echo "$src/$s.c"
    [ -f "$src/${s}_part.c" ] && echo "$src/${s}_part.c"
    :
}
field() {       # field PROGRAM KEY: the words of the "//! KEY:" lines
    # shellcheck disable=SC2046
    sed -n "s|^//! $2: *||p" $(sources "$1") | tr '\n' ' '
}
status_of() { s=$(field "$1" status); echo "${s:-0}" | tr -d ' '; }

# ---- runs: one line each, "ID CHECK PROGRAM OBJECT MODE STATS VIA" --------------
#   CHECK  emu (emulated reference) | offload (output + call counts)
#          | warn (output + a warning) | emulated (output + no native calls)
#   OBJECT an offload object, or - for none;  STATS yes|no;
#   VIA opt (-offload OBJECT), env (QEMU_OFFLOAD=OBJECT) or cwd (-offload
#   NAME.so, a bare file name in the working directory)
runs=$out/runs.list
: >"$runs"
run() { echo "$*" >>"$runs"; }

# Run one line of the list; results in $out/run/ID/{stdout,stderr,rc}.
run_one() {
    id=$1 obj=$4 mode=$5 stats=$6 via=$7
    bin=$out/$3
    dir=$out/run/$id
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ ! -x "$bin" ]; then
        echo "not built" >"$dir/rc"
        return
    fi
    set -- -hybrid "$mode"
    [ "$stats" = yes ] && set -- "$@" -hybrid-stats
    envobj=
    if [ "$obj" != - ]; then
        case $via in
        env) envobj=$obj ;;
        cwd) cp "$obj" "$dir/" 2>/dev/null; set -- "$@" -offload "$(basename "$obj")" ;;
        *) set -- "$@" -offload "$obj" ;;
        esac
    fi
    (
        cd "$dir" || exit 1
        # shellcheck disable=SC3045  # dash and bash both have ulimit -c
        ulimit -c 0 2>/dev/null || :
        if [ -n "$envobj" ]; then
            QEMU_OFFLOAD=$envobj timeout -k 5 "$limit" "$QEMU" "$@" "$bin" \
                </dev/null >"$dir/stdout" 2>"$dir/stderr"
        else
            timeout -k 5 "$limit" "$QEMU" "$@" "$bin" \
                </dev/null >"$dir/stdout" 2>"$dir/stderr"
        fi
        echo $? >"$dir/rc"
    )
}

# The largest call count of function $1 in the statistics on stderr $2
# (empty: none).  Either a line with the function's name as a word and
# "calls N", or a table: a header line with a column "calls" and rows
# starting with the function's name.
calls_of() {
    awk -v f="$1" '
        function num(s) { gsub(/[^0-9]/, "", s); return s + 0 }
        { hit = 0
          for (i = 1; i <= NF; i++) { w = $i; gsub(/[^A-Za-z0-9_]/, "", w); if (w == f) hit = 1 }
          if (!hit) {
              # a table header: "calls" as a column title, no number after it
              for (i = 1; i <= NF; i++) if ($i == "calls" && $(i + 1) !~ /^[0-9]/) col = i
              next
          }
          if (match($0, /calls[ \t:=]*[0-9]+/)) n = num(substr($0, RSTART, RLENGTH))
          else if (col && $col ~ /^[0-9]+$/) { w = $1; gsub(/[^A-Za-z0-9_]/, "", w); if (w != f) next; n = $col + 0 }
          else next
          found = 1; if (n > m) m = n }
        END { if (found) print m + 0 }' "$2" 2>/dev/null
}

# Compare a run's stdout and status with the expectation; on failure print
# the TAP failure and details and return 1.
check_output() {    # check_output LABEL DIR PROGRAM
    expected=$src/$3.expected
    want=$(status_of "$3")
    rc=$(cat "$2/rc" 2>/dev/null || echo missing)
    if [ "$rc" = "not built" ]; then
        tap_fail "$1" "$out/$3 was not built"
        return 1
    fi
    if [ ! -f "$expected" ]; then
        tap_fail "$1" "no expected output tests/offload/$3.expected"
        return 1
    fi
    [ "$rc" = "$want" ] && cmp -s "$expected" "$2/stdout" && return 0
    case $rc in
    "$want") why="stdout differs" ;;
    124|137) why="timed out after $limit s" ;;
    *) why="exit status $rc (expected $want)" ;;
    esac
    tap_fail "$1" "$why; output in $2"
    if ! cmp -s "$expected" "$2/stdout"; then
        tap_note "stdout differs from tests/offload/$3.expected:"
        diff -u "$expected" "$2/stdout" | sed -n '3,22p' | sed 's/^/#   /'
    fi
    if [ -s "$2/stderr" ]; then
        tap_note "stderr:"
        tap_show "$2/stderr" 10
    fi
    return 1
}

for name in $names; do
    run "$name-emu" emu "$name" - off no opt
done

# ---- the emulated runs only, when there is no compiler yet ------------------------
if [ -z "$have_cc" ]; then
    run_lanes "$jobs" "$runs" run_one
    while read -r id check prog obj mode stats via; do
        check_output "offload/$prog emulated" "$out/run/$id" "$prog" &&
            tap_ok "offload/$prog emulated"
    done <"$runs"
    tap_skip "offload/compile, report and -offload runs" \
        "qemu-offload-cc is not built yet ($OFFLOAD_CC missing)"
    exit 0
fi

# ---- the compiler's contract ----------------------------------------------------
cc_dir=$out/cc
rm -rf "$cc_dir"
mkdir -p "$cc_dir"
# bad input: a nonexistent guest, a source that does not compile, no source
printf 'int f(int x) { return x +; }\nint main(void) { return f(1); }\n' >"$cc_dir/broken.c"
bad=
"$OFFLOAD_CC" --guest "$cc_dir/no-such-guest" -o "$cc_dir/a.so" -O2 "$src/badfile.c" \
    >"$cc_dir/bad1.log" 2>&1 && bad="$bad nonexistent-guest"
if [ -x "$out/badfile" ]; then
    "$OFFLOAD_CC" --guest "$out/badfile" -o "$cc_dir/b.so" -O2 "$cc_dir/broken.c" \
        >"$cc_dir/bad2.log" 2>&1 && bad="$bad source-with-syntax-error"
    "$OFFLOAD_CC" --guest "$out/badfile" -o "$cc_dir/c.so" -O2 \
        >"$cc_dir/bad3.log" 2>&1 && bad="$bad no-source-file"
fi
if [ -z "$bad" ]; then
    tap_ok "offload/cc bad input exits non-zero"
else
    tap_fail "offload/cc bad input exits non-zero" "exit status 0 for:$bad (logs in $cc_dir)"
fi
# the report on stdout without --report
if [ -x "$out/badfile" ] &&
        "$OFFLOAD_CC" --guest "$out/badfile" -o "$cc_dir/stdout.so" -O2 "$src/badfile.c" \
            >"$cc_dir/stdout.txt" 2>"$cc_dir/stdout.err" &&
        grep -qE '^[^:]+:[0-9]+: triangle: offloaded$' "$cc_dir/stdout.txt"; then
    tap_ok "offload/cc report on stdout"
else
    tap_fail "offload/cc report on stdout" \
        "no 'FILE:LINE: triangle: offloaded' line on stdout without --report"
    tap_show "$cc_dir/stdout.txt" 5
    tap_show "$cc_dir/stdout.err" 5
fi
# nothing eligible: exit 0, and a report saying so
printf '#include <stdio.h>\nint main(void)\n{\n    __asm__ volatile("" ::: "memory");\n    puts("none");\n    return 0;\n}\n' \
    >"$cc_dir/none.c"
# shellcheck disable=SC2046  # words on purpose
if ! $CROSS_CC $(cat "$out/guest-cflags.txt") -static -o "$cc_dir/none" "$cc_dir/none.c" \
        >"$cc_dir/none-build.log" 2>&1; then
    tap_fail "offload/cc nothing eligible" "could not build $cc_dir/none"
elif "$OFFLOAD_CC" --guest "$cc_dir/none" -o "$cc_dir/none.so" --report "$cc_dir/none.report" \
        -O2 "$cc_dir/none.c" >"$cc_dir/none.log" 2>&1; then
    if grep -qE '^[^:]+:[0-9]+: main: not offloaded: .*asm' "$cc_dir/none.report"; then
        tap_ok "offload/cc nothing eligible"
    else
        tap_fail "offload/cc nothing eligible" "exit 0, but the report has no 'main: not offloaded: ...asm...' line:"
        tap_show "$cc_dir/none.report" 5
    fi
else
    tap_fail "offload/cc nothing eligible" "exit status non-zero (must be 0):"
    tap_show "$cc_dir/none.log" 8
fi

# ---- compile every program's offload object -----------------------------------------
compiles=$out/compile.list
: >"$compiles"
for name in $names; do echo "$name" >>"$compiles"; done
compile_one() {
    rm -f "$out/$1.so" "$out/$1.report"
    if [ ! -x "$out/$1" ]; then
        echo "not built" >"$out/$1.compile.rc"
        return
    fi
    # shellcheck disable=SC2046  # words on purpose
    "$OFFLOAD_CC" --guest "$out/$1" -o "$out/$1.so" --report "$out/$1.report" \
        $(field "$1" ccflags) \
        $(make -s -C "$src" "cflags-$1") $(sources "$1") >"$out/$1.compile.log" 2>&1
    echo $? >"$out/$1.compile.rc"
}
run_lanes "$jobs" "$compiles" compile_one

# The regular expression of a reason keyword of the "//! not-offloaded:" lines.
reason_re() {
    case $1 in
    variadic) echo 'variadic|vararg|\.\.\.' ;;
    va_list) echo 'va_list|va_arg|va_start|stdarg|vararg' ;;
    asm) echo 'asm' ;;
    intrinsic) echo 'intrinsic|builtin|neon|simd|vector' ;;
    setjmp) echo 'setjmp|longjmp' ;;
    tls) echo 'thread.local|tls|__thread|_Thread_local' ;;
    long-double) echo 'long.double' ;;
    union) echo 'union' ;;
    bitfield) echo 'bit.?field' ;;
    escape) echo 'address|escape' ;;
    *) echo "$1" ;;
    esac
}

# check_report PROGRAM: the problems of NAME.report, one per line (none: ok).
check_report() {
    rep=$out/$1.report
    # format: FILE:LINE: NAME: offloaded | FILE:LINE: NAME: not offloaded: REASON
    grep -vnE '^[^:]+:[0-9]+: [A-Za-z_][A-Za-z0-9_.]*: (offloaded|not offloaded: .+)$' "$rep" |
        head -n 3 | sed 's/^/malformed line /'
    # FILE:LINE of a function of the program's sources points at its
    # definition (the name within the 5 lines above); functions the
    # sources get from headers are not checked
    srcs=" $(sources "$1" | tr '\n' ' ') "
    while IFS=: read -r file line fn rest; do
        [ -n "$file" ] || continue
        fn=${fn# }
        f=$file
        case $srcs in
        *" $f "*) ;;
        *" $src/$(basename "$f") "*) f=$src/$(basename "$f") ;;
        *) continue ;;
        esac
        lo=$((line > 5 ? line - 5 : 1))
        sed -n "${lo},$((line + 1))p" "$f" | grep -qw -- "$fn" ||
            echo "$file:$line: $fn: the name is not near that line"
    done <<EOF
$(grep -E '^[^:]+:[0-9]+: [A-Za-z_][A-Za-z0-9_.]*: ' "$rep")
EOF
    for fn in $(field "$1" offloaded); do
        if ! grep -qE "^[^:]+:[0-9]+: $fn: " "$rep"; then
            echo "$fn: missing (expected offloaded)"
        elif grep -E "^[^:]+:[0-9]+: $fn: not offloaded" "$rep" >"$out/$1.report.tmp"; then
            echo "$fn: expected offloaded, got: $(sed 's/^[^:]*:[0-9]*: //' "$out/$1.report.tmp" | head -n 1)"
        fi
    done
    for spec in $(field "$1" not-offloaded); do
        fn=${spec%%:*}
        re=
        for k in $(echo "${spec#*:}" | tr '/' ' '); do
            re="${re:+$re|}$(reason_re "$k")"
        done
        line=$(grep -E "^[^:]+:[0-9]+: $fn: " "$rep" | head -n 1)
        case $line in
        "") echo "$fn: missing (expected not offloaded: ${spec#*:})" ;;
        *": $fn: not offloaded: "*)
            echo "${line#*": $fn: not offloaded: "}" | grep -qiE -- "$re" ||
                echo "$fn: reason '${line#*": $fn: not offloaded: "}' does not match '${spec#*:}'" ;;
        *) echo "$fn: offloaded, expected not offloaded (${spec#*:})" ;;
        esac
    done
    rm -f "$out/$1.report.tmp"
}

if [ -n "$have_rt" ]; then
    for name in $names; do
        for mode in $modes; do
            run "$name-offload-$mode" offload "$name" "$out/$name.so" "$mode" yes opt
        done
    done
    case " $names " in *" stale "*)
        run stale-v2-with-v1 warn stale-v2 "$out/stale.so" off no opt
        run stale-v2-with-v1-stats emulated stale-v2 "$out/stale.so" off yes opt
    esac
    case " $names " in *" badfile "*)
        printf 'this is not an ELF file\n' >"$out/not-elf.so"
        : >"$out/empty.so"
        [ -f "$out/badfile.so" ] && head -c 3000 "$out/badfile.so" >"$out/truncated.so"
        libm=/lib/x86_64-linux-gnu/libm.so.6
        [ -f "$libm" ] || libm=$(gcc -print-file-name=libm.so.6 2>/dev/null)
        run badfile-missing warn badfile "$out/no-such-file.so" off no opt
        run badfile-not-elf warn badfile "$out/not-elf.so" off no opt
        run badfile-empty warn badfile "$out/empty.so" off no opt
        run badfile-truncated warn badfile "$out/truncated.so" off no opt
        run badfile-libm warn badfile "$libm" off no opt
        run badfile-guest-elf warn badfile "$out/badfile" off no opt
        run badfile-directory warn badfile "$out" off no opt
        case " $names " in *" pointers "*)
            run badfile-other-program warn badfile "$out/pointers.so" off no opt ;;
        esac
        run badfile-env-missing warn badfile "$out/no-such-file.so" off no env
        run badfile-env offload badfile "$out/badfile.so" off yes env
        run badfile-cwd offload badfile "$out/badfile.so" off yes cwd
    esac
fi

run_lanes "$jobs" "$runs" run_one

# ---- report, in list order -------------------------------------------------------
for name in $names; do
    check_output "offload/$name emulated" "$out/run/$name-emu" "$name" &&
        tap_ok "offload/$name emulated"
    crc=$(cat "$out/$name.compile.rc" 2>/dev/null || echo missing)
    if [ "$crc" = "not built" ]; then
        tap_fail "offload/$name compile" "$out/$name was not built"
    elif [ "$crc" != 0 ]; then
        tap_fail "offload/$name compile" "qemu-offload-cc exit status $crc; $out/$name.compile.log:"
        tap_show "$out/$name.compile.log" 12
    elif [ ! -f "$out/$name.so" ] || [ ! -f "$out/$name.report" ]; then
        tap_fail "offload/$name compile" "exit 0 but no $name.so or $name.report"
    else
        tap_ok "offload/$name compile"
    fi
    if [ ! -f "$out/$name.report" ]; then
        tap_fail "offload/$name report" "no report $out/$name.report"
    else
        problems=$(check_report "$name")
        if [ -z "$problems" ]; then
            tap_ok "offload/$name report"
        else
            tap_fail "offload/$name report" "$out/$name.report:"
            echo "$problems" | head -n 12 | sed 's/^/#   /'
        fi
    fi
done
if [ -z "$have_rt" ]; then
    tap_skip "offload/-offload runs" "$QEMU has no -offload option"
    exit 0
fi

while read -r id check prog obj mode stats via; do
    dir=$out/run/$id
    case $check in
    emu) continue ;;
    offload)
        label="offload/$prog offload hybrid=$mode"
        [ "$via" = env ] && label="offload/$prog QEMU_OFFLOAD=$(basename "$obj")"
        [ "$via" = cwd ] && label="offload/$prog -offload $(basename "$obj") (in the working directory)"
        [ -f "$obj" ] || { tap_fail "$label" "no offload object $obj (compile failed)"; continue; }
        check_output "$label" "$dir" "$prog" && tap_ok "$label"
        missing=
        for fn in $(field "$prog" called); do
            n=$(calls_of "$fn" "$dir/stderr")
            [ -n "$n" ] && [ "$n" -gt 0 ] || missing="$missing $fn(${n:-no line})"
        done
        if [ -z "$(field "$prog" called)" ]; then
            tap_fail "$label calls" "no '//! called:' line in the source"
        elif [ -z "$missing" ]; then
            tap_ok "$label calls"
        else
            tap_fail "$label calls" "no native calls counted for:$missing"
            tap_note "-hybrid-stats lines mentioning offload or calls:"
            grep -iE 'offload|calls' "$dir/stderr" | head -n 10 | sed 's/^/#   /'
        fi
        ;;
    warn|emulated)
        case $id in
        stale-v2-with-v1*) label="offload/stale v2 with the v1 object" ;;
        badfile-env-missing) label="offload/badfile QEMU_OFFLOAD=no-such-file.so" ;;
        *) label="offload/badfile -offload ${id#badfile-}" ;;
        esac
        [ "$check" = emulated ] && label="$label runs emulated"
        if [ "$id" = badfile-truncated ] && [ ! -f "$obj" ]; then
            tap_fail "$label" "no badfile.so to truncate (compile failed)"
            continue
        fi
        check_output "$label" "$dir" "$prog" || continue
        if [ "$check" = warn ]; then
            if grep -qi offload "$dir/stderr"; then
                tap_ok "$label"
                tap_note "  $(grep -i -m1 offload "$dir/stderr")"
            else
                tap_fail "$label" "right output, but no warning mentioning offload on stderr"
                tap_show "$dir/stderr" 5
            fi
        else
            native=
            for fn in $(field "$prog" called); do
                n=$(calls_of "$fn" "$dir/stderr")
                [ -n "$n" ] && [ "$n" -gt 0 ] && native="$native $fn($n)"
            done
            if [ -z "$native" ]; then
                tap_ok "$label"
            else
                tap_fail "$label" "native calls counted with a stale object:$native"
            fi
        fi
        ;;
    esac
done <"$runs"

# ---- malformed objects: refused or harmless, never a crash ---------------------------
# fuzz-object.py makes deterministic mutations of one valid object (globals.so:
# header, program header and dynamic fields, the manifest's counts,
# truncations) and the fixed cases of issue 16 (a wrapping e_phoff, import
# counts past the table, /dev/zero, a FIFO, a directory).  Each runs with
# -hybrid off -offload: the emulated run's stdout and exit status, never a
# signal or a timeout; the fixed cases must also print the "running fully
# emulated" warning, and within half the time (a refusal is immediate; an
# emulator that reads /dev/zero into memory is also stopped by the 4 GiB
# address-space limit every run has).
fuzz_prog=globals
fuzz=$out/fuzz
fuzz_limit=${OFFLOAD_FUZZ_TIMEOUT:-10}

fuzz_one() {
    dir=$fuzz/run/$1
    t=$fuzz_limit
    [ "$2" = warn ] && t=$(((fuzz_limit + 1) / 2))
    mkdir -p "$dir"
    (
        cd "$dir" || exit 1
        # shellcheck disable=SC3045  # dash and bash both have ulimit -c/-v
        { ulimit -c 0; ulimit -v 4194304; } 2>/dev/null || :
        timeout -k 2 "$t" "$QEMU" -hybrid off -offload "$3" \
            "$out/$fuzz_prog" </dev/null >"$dir/stdout" 2>"$dir/stderr"
        echo $? >"$dir/rc"
    )
}

# fuzz_verdict ID KIND: empty if the run behaved, else what went wrong.
fuzz_verdict() {
    dir=$fuzz/run/$1
    rc=$(cat "$dir/rc" 2>/dev/null || echo missing)
    if [ "$rc" != "$fuzz_rc" ]; then
        case $rc in
        124|137) echo "timed out" ;;
        12[89]|1[3-9][0-9]|2[0-5][0-9])
            echo "exit status $rc (signal $((rc - 128))?), emulated: $fuzz_rc" ;;
        *) echo "exit status $rc, emulated: $fuzz_rc" ;;
        esac
    elif ! cmp -s "$out/run/$fuzz_prog-emu/stdout" "$dir/stdout"; then
        echo "stdout differs from the emulated run"
    elif [ "$2" = warn ] && ! grep -q 'running fully emulated' "$dir/stderr"; then
        echo "no 'running fully emulated' warning"
    fi
}

case " $names " in *" $fuzz_prog "*) fuzz_ok=1 ;; *) fuzz_ok= ;; esac
if ! command -v python3 >/dev/null 2>&1; then
    tap_skip "offload/fuzz" "python3 not found (it makes the mutated objects)"
elif [ -z "$fuzz_ok" ]; then
    tap_skip "offload/fuzz" "$fuzz_prog is not among the programs run (OFFLOAD_TESTS)"
elif [ ! -f "$out/$fuzz_prog.so" ]; then
    tap_fail "offload/fuzz" "no $fuzz_prog.so to mutate (its compile failed)"
else
    rm -rf "$fuzz"
    mkdir -p "$fuzz"
    fuzz_rc=$(cat "$out/run/$fuzz_prog-emu/rc" 2>/dev/null)
    fuzz_start=$(date +%s)
    if ! python3 "$src/fuzz-object.py" --seed "${OFFLOAD_FUZZ_SEED:-16}" \
            --count "${OFFLOAD_FUZZ_COUNT:-300}" "$out/$fuzz_prog.so" \
            "$fuzz/obj" >"$fuzz/cases" 2>"$fuzz/gen.log"; then
        tap_fail "offload/fuzz" "fuzz-object.py failed:"
        tap_show "$fuzz/gen.log" 5
    else
        run_lanes "$jobs" "$fuzz/cases" fuzz_one
        total=0 refused=0 nbad=0
        : >"$fuzz/failures"
        while read -r id kind _; do
            total=$((total + 1))
            grep -q 'running fully emulated' "$fuzz/run/$id/stderr" 2>/dev/null &&
                refused=$((refused + 1))
            why=$(fuzz_verdict "$id" "$kind")
            if [ "$kind" = warn ]; then
                if [ -z "$why" ]; then
                    tap_ok "offload/fuzz $id refused"
                    tap_note "  $(grep -m1 'running fully emulated' "$fuzz/run/$id/stderr")"
                else
                    tap_fail "offload/fuzz $id refused" "$why; output in $fuzz/run/$id"
                    tap_show "$fuzz/run/$id/stderr" 3
                fi
            elif [ -n "$why" ]; then
                nbad=$((nbad + 1))
                echo "$id: $why" >>"$fuzz/failures"
            fi
        done <"$fuzz/cases"
        label="offload/fuzz $total mutated objects of $fuzz_prog.so run as emulated"
        if [ "$nbad" = 0 ]; then
            tap_ok "$label"
        else
            tap_fail "$label" "$nbad misbehaved (outputs in $fuzz/run/ID):"
            head -n 12 "$fuzz/failures" | sed 's/^/#   /'
        fi
        tap_note "fuzz: $total cases, $refused refused, $((total - refused)) loaded," \
            "$(($(date +%s) - fuzz_start)) s"
    fi
fi

# ---- the bridges against many generated signatures ---------------------------------
sh "$src/abi/check-abi.sh"

# ---- the run time against a hand-written object (no compiler involved) -------------
# Its own TAP numbering becomes ours; a bail-out is a failure.
if [ -n "$have_rt" ]; then
    sh "$src/runtime/run.sh" "$QEMU" "$out/runtime" 2>&1 |
        sed -n -E 's@^(not )?ok [0-9]+ - @\1ok - offload/runtime: @p
                   s@^Bail out! (.*)@not ok - offload/runtime: \1@p'
fi
exit 0
