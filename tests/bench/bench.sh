#!/bin/bash
# make bench: time every benchmark natively and under each configuration.
#
# usage: [SUITE=micro|real|all] [BENCH="name ..."] [REPS=n] tests/bench/bench.sh
#
# SUITE: micro, the C kernels of src/ (benchmarks.txt); real, Debian's
# arm64 builds of real programs on generated input against the amd64
# builds of the same versions (real/programs.txt; tests/bench/README.md);
# all (the default), both, one after the other, each on the names of
# BENCH that it knows; ci, projects' own test suites cross-built and run
# by their test drivers under the emulator (ctest, Go test binaries;
# ci/projects.txt; not in all).
#
# Builds the programs (tests/bench/Makefile), takes each benchmark's
# expected output from one native run (or from the generator for guest-only
# programs), then runs REPS rounds; in each round every benchmark runs once
# natively and once under every configuration, one after the other (the
# configuration order rotates from round to round), so that a noisy period
# of the machine hits all configurations alike.  The median of the rounds
# is reported.  Every run's output is checked against the expected output.
# Finally each benchmark runs once more with the hybrid statistics on.
#
# Results go to $QEMU_HYBRID_BUILD/bench/: report.txt (also printed),
# results.csv, results.json, chart.png, and raw/ (every run's output).
#
# A run that times out is not repeated in later rounds (nor is that
# benchmark's statistics run given more than 15 s).
#
# Environment: BENCH, REPS (default 3), BENCH_TIMEOUT (seconds per run;
# default: 100 x the native time, at least 30 s; 60 s without a native
# twin), QEMU / REF_QEMU / CROSS_CC (see tests/lib.sh).
set -u

here=$(cd "$(dirname "$0")" && pwd)
: "${QEMU_HYBRID_SRC:=$(cd "$here/../.." && pwd)}"
: "${QEMU_HYBRID_BUILD:=$QEMU_HYBRID_SRC/build}"
export QEMU_HYBRID_SRC QEMU_HYBRID_BUILD
. "$QEMU_HYBRID_SRC/tests/lib.sh"
. "$here/common.sh"
# qemu-user writes a core file into the working directory when the guest
# crashes and core dumps are enabled: keep the source tree clean.
ulimit -c 0

SUITE=${SUITE:-all}
case $SUITE in
all)
    # both suites; BENCH's names go to the suite that knows them
    rc=0 known=
    for s in micro real; do
        names=
        if [ -n "${BENCH:-}" ]; then
            [ $s = micro ] && list=$(bench_list) || list=$(. "$here/real/suite.sh"; real_list)
            for b in $BENCH; do
                echo "$list" | awk -v b="$b" '$1 == b { f = 1 } END { exit !f }' &&
                    { names="$names $b"; known="$known $b"; }
            done
            [ -n "$names" ] || continue
        fi
        SUITE=$s BENCH=$names "$0" || rc=1
    done
    for b in ${BENCH:-}; do
        case " $known " in *" $b "*) ;; *) echo "bench: unknown benchmark: $b" >&2; rc=2 ;; esac
    done
    exit $rc ;;
micro) ;;
real)
    . "$here/real/suite.sh"
    BENCH_OUT=$BENCH_OUT/real
    bench_list() { real_list; } ;;
ci)
    BENCH_OUT=$BENCH_OUT/ci
    CI_OUT=$BENCH_OUT/build
    # "name yes system -": the third field (args in the other suites) is
    # the build system, which decides how a run is judged (check_output)
    bench_list() { awk -F'|' '!/^#/ && NF > 4 { gsub(/[ \t]/, "", $1); gsub(/[ \t]/, "", $3); print $1, "yes", $3, "-" }' "$here/ci/projects.txt"; } ;;
*) echo "bench: SUITE must be micro, real, all or ci" >&2; exit 2 ;;
esac

# Requirement checks for the table below: print why not and fail.
need_exe() { [ -x "$1" ] || { echo "$1 not found"; return 1; }; }
need_file() { [ -e "$1" ] || { echo "$1 not found"; return 1; }; }
need_option() {     # need_option QEMU -option
    need_exe "$1" || return 1
    "$1" -h 2>/dev/null | grep -qE -- "^$2( |\$)" ||
        { echo "$1 has no $2 option"; return 1; }
}
# hybrid+offload: the runtime option and the compiler.
need_offload() {
    need_option "$QEMU" -offload && need_exe "$OFFLOAD_CC"
}
# Per benchmark: an object, or nothing eligible (runs without one); a
# failure of the tool skips the benchmark (its message is the reason).
need_offload_object() {
    [ ! -f "$BENCH_BIN/offload/$1.skip" ] || { cat "$BENCH_BIN/offload/$1.skip"; return 1; }
}
# "-offload OBJECT" when the benchmark has one.
offload_opt() {
    [ -f "$BENCH_BIN/offload/$1.so" ] && printf '%s' "-offload $BENCH_BIN/offload/$1.so"
}

# ============================ CONFIGURATIONS =============================
# One line per configuration:   name | requirement | command prefix [| each]
#
# The guest program and its arguments are appended to the prefix.  The
# prefix is expanded (eval) at each run, so it may use $QEMU, $REF_QEMU,
# $NAME (the benchmark's name) and $BENCH_BIN (the built programs).  When
# the requirement (a shell command, e.g. need_exe / need_file /
# need_option above) fails, the configuration is skipped and its message
# printed as the reason.  The optional "each" is a requirement per
# benchmark (with $NAME set), checked after the build: when it fails,
# that benchmark is not run in that configuration and the report shows
# it as skipped, with the message as the reason.  "native" is implicit:
# always run, the baseline.
# hybrid+offload: a benchmark on which qemu-offload-cc failed has no
# object and is skipped (see README.md); one where it found nothing
# eligible runs with the (empty) object, or without -offload when the
# tool wrote none: that is what offload gives that program.
# Example for later work:
#   merge          | need_option "$QEMU" -merge   | $QEMU -hybrid on -merge on
CONFIGS='
tcg            | need_exe "$QEMU"              | $QEMU -hybrid off
hybrid         | need_exe "$QEMU"              | $QEMU -hybrid on
hybrid+offload | need_offload                  | $QEMU -hybrid on $(offload_opt "$NAME") | need_offload_object "$NAME"
debian         | need_exe "$REF_QEMU"          | $REF_QEMU
'
# Speedup columns, "A:B" = speedup of A over B (time of B / time of A).
# hybrid:debian puts the same ratio against Debian's QEMU 7.2 next to it:
# the medians of -hybrid off have swung between runs of the same binary
# (accum 3.3 / 7.3 / 10.4 s, crc32 0.93 / 1.41 s) where Debian's did not.
SPEEDUPS='hybrid:tcg hybrid+offload:tcg hybrid:debian'
# The statistics run (once per benchmark, untimed): requirement | prefix.
# Its stderr from the "qemu-hybrid statistics" line on goes to the report.
STATS='need_option "$QEMU" -hybrid-stats | $QEMU -hybrid on -hybrid-stats'
# The real-program suite: the same, on the arm64 sysroot, without offload
# (there is no source to compile), and with Debian's QEMU against -hybrid
# off too.
if [ "$SUITE" = real ]; then
    CONFIGS='
tcg            | need_exe "$QEMU"              | $QEMU -hybrid off -L $REAL_SYSROOT
hybrid         | need_exe "$QEMU"              | $QEMU -hybrid on -L $REAL_SYSROOT
debian         | need_exe "$REF_QEMU"          | $REF_QEMU -L $REAL_SYSROOT
'
    SPEEDUPS='hybrid:tcg debian:tcg hybrid:debian'
    STATS='need_option "$QEMU" -hybrid-stats | $QEMU -hybrid on -hybrid-stats -L $REAL_SYSROOT'
fi
# The CI suite: the test driver (ctest, or a Go test binary) is the
# program, natively and under every configuration; the configuration is
# the emulator that the wrapper qemu-aarch64 (ci/prepare.sh), first on
# PATH, runs for each test program.
if [ "$SUITE" = ci ]; then
    CONFIGS='
tcg            | need_exe "$QEMU"              | env PATH="$CI_OUT/wrap:$PATH" QEMU_HYBRID_CI_EMU="$QEMU -hybrid off"
hybrid         | need_exe "$QEMU"              | env PATH="$CI_OUT/wrap:$PATH" QEMU_HYBRID_CI_EMU="$QEMU -hybrid on"
debian         | need_exe "$REF_QEMU"          | env PATH="$CI_OUT/wrap:$PATH" QEMU_HYBRID_CI_EMU="$REF_QEMU"
'
    SPEEDUPS='hybrid:tcg debian:tcg hybrid:debian'
    STATS='echo "not for a test suite (its statistics would be spread over many processes)"; false | :'
fi
# BENCH_EXTRA: more configurations, in the format above (one a line), run
# side by side with the others, to measure a knob: e.g. for the real suite
#   BENCH_EXTRA='nosample | need_exe "$QEMU" | $QEMU -hybrid on -hybrid-sample off -L $REAL_SYSROOT'
# Each gets a speedup column against tcg.
if [ -n "${BENCH_EXTRA:-}" ]; then
    CONFIGS="$CONFIGS
$BENCH_EXTRA"
    for _x in $(printf '%s\n' "$BENCH_EXTRA" | awk -F'|' 'NF > 2 { gsub(/[ \t]/, "", $1); print $1 }'); do
        SPEEDUPS="$SPEEDUPS $_x:tcg"
    done
fi
# =========================================================================

# QUICK=1: a shorter run: one round unless REPS says otherwise, the micro
# benchmarks at their check size, the real programs on inputs a quarter
# of the size.
QUICK=${QUICK:-}
[ -n "$QUICK" ] && [ "$QUICK" != 0 ] || QUICK=
REPS=${REPS:-$([ -n "$QUICK" ] && echo 1 || echo 3)}
BENCH=${BENCH:-}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-}
case $BENCH_TIMEOUT in *[!0-9]*) echo "bench: BENCH_TIMEOUT must be a number of seconds" >&2; exit 2 ;; esac
case $REPS in ''|*[!0-9]*|0) echo "bench: REPS must be a positive number" >&2; exit 2 ;; esac

say() { echo "$*" >&2; }
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf %s "$s"; }

suite_start=$(date +%s)
raw=$BENCH_OUT/raw
rm -rf "$raw"
mkdir -p "$raw/out"
data=$raw/data.tsv      # everything the report is made from
: >"$data"

# ---- which benchmarks ----
if ! selected=$(bench_select "$BENCH"); then
    say "bench: known benchmarks: $(bench_list | awk '{ printf "%s ", $1 }')"
    exit 2
fi
if [ -n "$QUICK" ] && [ "$SUITE" = micro ]; then
    selected=$(echo "$selected" | awk '{ print $1, $2, $4, $4 }')
fi
[ -n "$selected" ] || { say "bench: nothing selected"; exit 2; }

# ---- which configurations ----
cfg_names=(native)
cfg_prefix=("")
cfg_each=("")
while IFS='|' read -r name req prefix each; do
    name=$(trim "$name")
    [ -n "$name" ] || continue
    req=$(trim "$req")
    prefix=$(trim "$prefix")
    each=$(trim "$each")
    if why=$(eval "$req" 2>&1); then
        cfg_names+=("$name")
        cfg_prefix+=("$prefix")
        cfg_each+=("$each")
    else
        say "bench: skipping configuration $name: $why"
        printf 'S\t%s\t%s\n' "$name" "$why" >>"$data"
    fi
done <<EOF
$CONFIGS
EOF
ncfg=${#cfg_names[@]}

# ---- timing tools ----
GNU_TIME=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
    GNU_TIME=/usr/bin/time
else
    say "bench: /usr/bin/time (Debian package 'time') not found: peak RSS will be n/a"
fi

# ---- build ----
if [ "$SUITE" = real ]; then
    say "bench: the arm64 and amd64 roots (cache) and the inputs"
    real_prepare "$([ -n "$QUICK" ] && echo 0.25 || echo 1)" 2>"$raw/build.log" || {
        say "bench: could not prepare the real-program suite, see $raw/build.log:"
        tail -n 30 "$raw/build.log" >&2; exit 1; }
    cat "$raw/build.log" >&2
elif [ "$SUITE" = ci ]; then
    say "bench: the projects' sources (cache) and builds, native and aarch64, in $CI_OUT"
    # shellcheck disable=SC2046
    "$here/ci/prepare.sh" "$CI_OUT" $(echo "$selected" | awk '{ print $1 }') 2>"$raw/build.log" || {
        say "bench: could not prepare the CI suite, see $raw/build.log:"
        tail -n 30 "$raw/build.log" >&2; exit 1; }
else
say "bench: building into $BENCH_BIN"
if ! bench_build "$raw/build.log"; then
    say "bench: build failed, see $raw/build.log:"
    tail -n 30 "$raw/build.log" >&2
    exit 1
fi
fi

# prog_of CFG NAME: the program of NAME that configuration CFG runs;
# args_of CFG NAME ARGS: its arguments (ARGS from the list, micro suite);
# stdin_of NAME: its standard input.
# shellcheck disable=SC2154  # r_native, r_guest: set by real_fields (real/suite.sh)
prog_of() {
    if [ "$SUITE" = ci ]; then
        # ci/prepare.sh wrote the two commands: the program is the first word
        if [ "$1" = native ]; then read -r p _ <"$CI_OUT/run/$2.native"; else read -r p _ <"$CI_OUT/run/$2.emulated"; fi
        echo "$p"
    elif [ "$SUITE" = real ]; then
        real_fields "$2"
        if [ "$1" = native ]; then echo "$REAL_ROOT/amd64$r_native"; else echo "$REAL_SYSROOT$r_guest"; fi
    elif [ "$1" = native ]; then echo "$BENCH_BIN/native/$2"
    else echo "$BENCH_BIN/guest/$2"
    fi
}
args_of() {     # args_of CFG NAME ARGS
    if [ "$SUITE" = ci ]; then
        if [ "$1" = native ]; then read -r _ a <"$CI_OUT/run/$2.native"; else read -r _ a <"$CI_OUT/run/$2.emulated"; fi
        echo "$a"
    elif [ "$SUITE" = real ]; then real_argv "$2" full | tr '\n' ' '
    else echo "$3"
    fi
}
stdin_of() {
    if [ "$SUITE" = real ]; then real_stdin "$1" full; else echo /dev/null; fi
}
# check_output CFG NAME OUT: ok, wrong or no-oracle.  The micro suite
# compares the output with the expected one byte for byte; the real suite
# compares digests (after the program's rule) and keeps only the digest.
# Under rules "fp" and "arch" the emulated runs must match the arm64 build
# under Debian's QEMU, and the native run passes real_native_ok against it
# (see real/suite.sh).
check_output() {
    local exp=$raw/out/$2.expected
    if [ "$SUITE" = ci ]; then
        # the test driver's verdict: ctest, every test passed and there
        # were some; a Go test binary, PASS as the last line and no test
        # failed (its exit status 0 was checked before)
        case ${ci_system[$2]} in
        cmake) grep -Eq '^100% tests passed, 0 tests failed out of [1-9]' "$3" && echo ok || echo wrong ;;
        go) [ "$(tail -n 1 "$3")" = PASS ] && ! grep -q '^--- FAIL' "$3" && echo ok || echo wrong ;;
        *) echo no-oracle ;;
        esac
        return
    fi
    [ -f "$exp" ] || { echo no-oracle; return; }
    if [ "$SUITE" != real ]; then
        cmp -s "$3" "$exp" && echo ok || echo wrong
        return
    fi
    real_digest "$2" "$3" >"$3.sha256"
    if [ "$1" = native ] && real_by_oracle "$2"; then
        real_native_ok "$2" "$3" "$raw/out/$2.oracle.out" && echo ok || echo wrong
    else
        cmp -s "$3.sha256" "$exp" && echo ok || echo wrong
    fi
    rm -f "$3"
}

# ---- expected outputs ----
# native twin: one untimed native run is the oracle (it also warms the
# caches); guest only: the generator wrote $BENCH_BIN/gen/NAME.expected.
declare -A limit timedout ci_system run_prog run_args run_stdin
while read -r name twin args check; do
    exp=$raw/out/$name.expected
    limit[$name]=${BENCH_TIMEOUT:-60}
    if [ "$SUITE" = ci ]; then
        # the test driver judges each run (check_output)
        limit[$name]=${BENCH_TIMEOUT:-600}
        ci_system[$name]=$args
    elif [ "$SUITE" = real ]; then
        # the native run (untimed) gives the expected digest; under rules
        # fp and arch the arm64 build under Debian's QEMU does, and its
        # output is kept to check the native runs against
        TIMEFORMAT=%R
        # shellcheck disable=SC2046
        if ! { time timeout "${BENCH_TIMEOUT:-300}" $REAL_NATIVE "$(prog_of native "$name")" $(args_of native "$name") <"$(stdin_of "$name")" >"$exp.out" 2>"$raw/out/$name.expected.err"; } 2>"$raw/time.tmp"; then
            say "bench: $name: the native run failed, no expected output"
            rm -f "$exp"
        else
            [ -n "$BENCH_TIMEOUT" ] ||
                limit[$name]=$(awk '{ t = int($1 * 100) + 1; print t < 30 ? 30 : t }' "$raw/time.tmp")
            if real_by_oracle "$name"; then
                # shellcheck disable=SC2046
                if [ -x "$REF_QEMU" ] && timeout "${limit[$name]}" $REF_QEMU -L "$REAL_SYSROOT" "$(prog_of debian "$name")" $(args_of debian "$name") <"$(stdin_of "$name")" >"$raw/out/$name.oracle.out" 2>"$raw/out/$name.oracle.err"; then
                    real_digest "$name" "$raw/out/$name.oracle.out" >"$exp"
                    real_native_ok "$name" "$exp.out" "$raw/out/$name.oracle.out" ||
                        say "bench: $name: the native output fails its rule's check against the arm64 build's"
                else
                    say "bench: $name: its rule needs Debian's qemu-aarch64 ($REF_QEMU), which failed or is missing: no expected output"
                fi
            else
                real_digest "$name" "$exp.out" >"$exp"
            fi
        fi
        rm -f "$exp.out"
    elif [ "$twin" = yes ]; then
        TIMEFORMAT=%R
        # shellcheck disable=SC2046
        if ! { time timeout "${BENCH_TIMEOUT:-300}" "$BENCH_BIN/native/$name" $(bench_args "$args") >"$exp" 2>"$raw/out/$name.expected.err"; } 2>"$raw/time.tmp"; then
            say "bench: $name: the native run failed, no expected output"
            rm -f "$exp"
        elif [ -z "$BENCH_TIMEOUT" ]; then
            limit[$name]=$(awk '{ t = int($1 * 100) + 1; print t < 30 ? 30 : t }' "$raw/time.tmp")
        fi
    else
        cp "$BENCH_BIN/gen/$name.expected" "$exp" 2>/dev/null ||
            say "bench: $name: no $BENCH_BIN/gen/$name.expected"
    fi
    printf 'B\t%s\t%s\t%s\n' "$name" "$twin" "$args" >>"$data"
done <<EOF
$selected
EOF
for ((c = 0; c < ncfg; c++)); do
    printf 'C\t%s\t%s\n' "${cfg_names[c]}" "${cfg_prefix[c]}" >>"$data"
done

# ---- per-benchmark requirements ("each") ----
declare -A skipped
while read -r name twin args check; do
    for ((c = 0; c < ncfg; c++)); do
        [ -n "${cfg_each[c]}" ] || continue
        if ! why=$(NAME=$name; eval "${cfg_each[c]}" 2>&1); then
            skipped[$name/${cfg_names[c]}]=1
            say "bench: $name: skipping ${cfg_names[c]}: $why"
            printf 'K\t%s\t%s\t%s\n' "$name" "${cfg_names[c]}" "$why" >>"$data"
        fi
    done
    if [ "$SUITE" = micro ] && [ "$twin" = yes ] && [ -d "$BENCH_BIN/offload" ]; then
        if why=$(offload_unusable "$name"); then
            printf 'O\t%s\t%s\n' "$name" "$why" >>"$data"
        else
            printf 'O\t%s\t%s\n' "$name" "$(offload_summary "$name")" >>"$data"
        fi
    fi
done <<EOF
$selected
EOF

# measure CONFIG NAME PREFIX PROGRAM ARGS [STDIN]: one timed run, limited
# to $LIMIT seconds; appends an R line (rep bench config seconds rss
# status cpu-seconds) to the data and sets LAST (for the progress line)
# and LAST_STATUS.  CPU time is user + system time of the run and all its
# threads and children (bash's time, from the children's rusage).
measure() {
    local cfg=$1 NAME=$2 prefix=$3 prog=$4 args=$5 stdin=${6:-/dev/null}
    local out=$raw/out/$NAME.$cfg.$rep.out err=$raw/out/$NAME.$cfg.$rep.err
    local tf=$raw/time.tmp rf=$raw/rss.tmp
    local -a cmd
    eval "cmd=($prefix)"
    cmd+=("$prog")
    # shellcheck disable=SC2206
    [ "$args" = - ] || cmd+=($args)
    local TIMEFORMAT='%3R %3U %3S' rc secs cpu rss=n/a status
    rm -f "$rf"
    if [ -n "$GNU_TIME" ]; then
        { time "$GNU_TIME" -f %M -o "$rf" timeout -k 10 "$LIMIT" "${cmd[@]}" <"$stdin" >"$out" 2>"$err"; } 2>"$tf"
        rc=$?
        rss=$(tail -n 1 "$rf" 2>/dev/null)
        case $rss in ''|*[!0-9]*) rss=n/a ;; esac
    else
        { time timeout -k 10 "$LIMIT" "${cmd[@]}" <"$stdin" >"$out" 2>"$err"; } 2>"$tf"
        rc=$?
    fi
    read -r secs cpu <<<"$(tail -n 1 "$tf" | awk '{ printf "%s %.3f", $1, $2 + $3 }')"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        status=timeout
    elif [ "$rc" != 0 ]; then
        status="exit-$rc"
    else
        status=$(check_output "$cfg" "$NAME" "$out")
    fi
    printf 'R\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$NAME" "$cfg" "$secs" "$rss" "$status" "$cpu" >>"$data"
    LAST="$secs"
    LAST_STATUS=$status
    [ "$status" = ok ] || LAST="$secs($status)"
}

# ---- the timed rounds ----
nbench=$(echo "$selected" | wc -l)
say "bench: $nbench benchmark(s) x configurations: ${cfg_names[*]}; $REPS round(s)"
for ((rep = 1; rep <= REPS; rep++)); do
    while read -r name twin args check; do
        line=$(printf '[%d/%d] %-10s' "$rep" "$REPS" "$name")
        LIMIT=${limit[$name]}
        for ((k = 0; k < ncfg; k++)); do
            c=$(((k + rep - 1) % ncfg))     # rotate the order each round
            cfg=${cfg_names[c]}
            if [ -n "${timedout[$name/$cfg]:-}" ]; then
                line="$line $cfg (timed out before)"
                continue
            fi
            if [ -n "${skipped[$name/$cfg]:-}" ]; then
                line="$line $cfg (skipped)"
                continue
            fi
            [ "$cfg" != native ] || [ "$twin" = yes ] || continue
            # the command, worked out in the first round only (the real
            # suite's lookups cost a few dozen processes a run)
            if [ -z "${run_prog[$name/$cfg]+set}" ]; then
                run_prog[$name/$cfg]=$(prog_of "$cfg" "$name")
                run_args[$name/$cfg]=$(args_of "$cfg" "$name" "$args")
                run_stdin[$name/$cfg]=$(stdin_of "$name")
            fi
            if [ "$cfg" = native ]; then pfx=${REAL_NATIVE:-}; else pfx=${cfg_prefix[c]}; fi
            measure "$cfg" "$name" "$pfx" "${run_prog[$name/$cfg]}" "${run_args[$name/$cfg]}" "${run_stdin[$name/$cfg]}"
            line="$line $cfg $LAST"
            [ "$LAST_STATUS" = timeout ] && timedout[$name/$cfg]=1
        done
        say "$line"
    done <<EOF
$selected
EOF
done

# ---- the statistics run ----
stats_req=$(trim "${STATS%%|*}")
stats_prefix=$(trim "${STATS#*|}")
if why=$(eval "$stats_req" 2>&1); then
    say "bench: statistics run: $stats_prefix"
    rep=stats
    while read -r name twin args check; do
        LIMIT=${limit[$name]}
        for cfg in "${cfg_names[@]}"; do
            [ -n "${timedout[$name/$cfg]:-}" ] && LIMIT=15
        done
        measure stats "$name" "$stats_prefix" "$(prog_of stats "$name")" "$(args_of stats "$name" "$args")" "$(stdin_of "$name")"
        printf 'X\t%s\t%s\n' "$name" "$LAST_STATUS" >>"$data"
        # keep the last summary block: its header line, then the indented lines
        awk -v n="$name" '
            /^qemu-hybrid statistics/ { nk = 0; inblock = 1; base = -1; next }
            # the top regions of the samples ("  12.1% 0x408810  tcg  sym") and
            # the sampler notes are not counters
            inblock && /^[ \t]+([0-9.]+%|stopped:|[0-9]+ lost)/ { next }
            inblock && /^[ \t]/ {
                line = $0; match(line, /^[ \t]+/); indent = RLENGTH
                line = substr(line, RLENGTH + 1)
                if (match(line, /[ \t][ \t]+/)) {
                    key = substr(line, 1, RSTART - 1); val = substr(line, RSTART + RLENGTH)
                } else if (match(line, /[ \t][-+0-9.]+$/)) {   # long key, one space
                    key = substr(line, 1, RSTART - 1); val = substr(line, RSTART + 1)
                } else { key = line; val = "" }
                # a line indented deeper than the first belongs to the one above
                if (base < 0) base = indent
                if (indent > base) key = top " / " key; else top = key
                nk++; k[nk] = key; v[nk] = val; next
            }
            { inblock = 0 }
            END { for (i = 1; i <= nk; i++) printf "T\t%s\t%s\t%s\n", n, k[i], v[i] }
        ' "$raw/out/$name.stats.stats.err" >>"$data"
    done <<EOF
$selected
EOF
    # the R lines of the stats run are not timings of a configuration
    awk -F'\t' '!($1 == "R" && $2 == "stats")' "$data" >"$data.tmp" && mv "$data.tmp" "$data"
else
    say "bench: no statistics run: $why"
    stats_prefix="not run: $why"
fi

# ---- the report ----
suite_secs=$(($(date +%s) - suite_start))
git_rev=$(git -C "$QEMU_HYBRID_SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$QEMU_HYBRID_SRC" diff --quiet HEAD 2>/dev/null || git_rev="$git_rev+dirty"
intbench=
[ "$SUITE" != micro ] ||
    intbench=$(awk '!/^#/ && NF && $5 == "int" { printf "%s%s", n++ ? " " : "", $1 }' "$here/benchmarks.txt")
awk -f "$here/report.awk" \
    -v outdir="$BENCH_OUT" -v reps="$REPS" -v speedups="$SPEEDUPS" -v intbench="$intbench" \
    -v suite_secs="$suite_secs" -v date="$(date -u '+%Y-%m-%dT%H:%M:%SZ')" \
    -v host="$(uname -n) ($(uname -m), $(nproc) cpus, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))" \
    -v git_rev="$git_rev" -v qemu="$QEMU" -v ref_qemu="$REF_QEMU" \
    -v stats_prefix="$stats_prefix" -v rss_tool="${GNU_TIME:-none}" \
    -v title="$(case $SUITE in
        real) echo "qemu-hybrid real programs (Debian's arm64 builds; native: the amd64 builds of the same versions)" ;;
        ci) echo "qemu-hybrid CI test suites (cross-built, run by their own drivers under the emulator; native: the same suite built natively)" ;;
        *) echo "qemu-hybrid benchmarks" ;; esac)" \
    "$data" || { say "bench: report failed"; exit 1; }

if command -v gnuplot >/dev/null 2>&1; then
    if ! gnuplot -e "datafile='$BENCH_OUT/chart.dat'; outfile='$BENCH_OUT/chart.png'" \
            "$here/chart.gp" 2>"$raw/gnuplot.log"; then
        say "bench: gnuplot failed (see $raw/gnuplot.log); no chart"
        rm -f "$BENCH_OUT/chart.png"
    fi
else
    say "bench: gnuplot not installed: no chart.png"
    rm -f "$BENCH_OUT/chart.png"
fi

cat "$BENCH_OUT/report.txt"
echo
echo "files: $BENCH_OUT/{report.txt,results.csv,results.json,chart.png}"
exit 0
