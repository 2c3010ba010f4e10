#!/bin/sh
# The hybrid suite: guest programs whose critical code runs in hot loops
# that the hybrid tier compiles into LLVM traces (faults raised from a
# trace, code rewritten while hot, atomics, spin-waits, signals, fork,
# traps and syscalls, code pages unmapped or made non-executable).
#
# Builds tests/hybrid/*.c (static) into $QEMU_HYBRID_BUILD/tests/hybrid and
# runs each program under every mode in ${HYBRID_MODES:-off on hot clock base}:
#   off    -hybrid off (plain TCG)
#   on     -hybrid on (default threshold)
#   hot    -hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0
#   clock  -hybrid on -hybrid-sample clock: the sampler's fallback where
#          perf_event is refused (the threads' CPU-time clocks and queued
#          CPU work), which no guest may notice
#   base   hot, with guest memory at a host offset (-B): what a static
#          non-PIE binary gets (./configure --static --enable-llvm: the
#          emulator sits where guest programs load), every access in a
#          trace adds guest_base
#   ref  $REF_QEMU, Debian's unmodified QEMU 7.2 (not run by default)
# A run passes when it exits 0 within the time limit and its stdout equals
# <name>.expected (what hardware prints; made with -hybrid off, compared
# with $REF_QEMU and read by hand).  Where QEMU 7.2 itself deviates from
# hardware, <name>.expected-qemu72 holds what QEMU 7.2 prints: a run that
# prints exactly that is a known failure that is not ours (TODO).
#
# The programs warm up for HYBRID_TEST_WARM_MS (set here per mode) so that
# their loops are traces before the critical part runs.  With -hybrid on,
# the run gets -hybrid-stats; a run that entered no trace at all gets a
# '#' note (the test did not exercise the tier).
#
# Knobs: HYBRID_MODES, HYBRID_TESTS="fault spin" (subset), HYBRID_JOBS
# (default 2), HYBRID_TIMEOUT (seconds per run, default 40).
. "$QEMU_HYBRID_SRC/tests/lib.sh"

src=$QEMU_HYBRID_SRC/tests/hybrid
out=$QEMU_HYBRID_BUILD/tests/hybrid
modes=${HYBRID_MODES:-off on hot clock base}
jobs=${HYBRID_JOBS:-2}
limit=${HYBRID_TIMEOUT:-40}

if [ ! -x "$QEMU" ]; then
    tap_fail "hybrid: emulator $QEMU not found"
    exit 1
fi
if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
    tap_fail "hybrid: cross compiler $CROSS_CC not found"
    exit 1
fi
mkdir -p "$out" || exit 1

# ---- build ----------------------------------------------------------------------
tap_build hybrid "$src" "$out" "$jobs"

names=${HYBRID_TESTS:-$(cd "$src" && for f in *.c; do echo "${f%.c}"; done)}
# One line, blank-separated: the checks below look names up in " $names ".
# shellcheck disable=SC2116,SC2086
names=$(echo $names)

runs=$out/runs.list
: >"$runs"
for name in $names; do
    for mode in $modes; do
        echo "$name $mode" >>"$runs"
    done
done

# Run one program; results in $out/run/<name>-<mode>/{stdout,stderr,rc}.
run_one() {
    name=$1 mode=$2
    dir=$out/run/$name-$mode
    rm -rf "$dir"
    mkdir -p "$dir"
    bin=$out/$name-static
    if [ ! -x "$bin" ]; then
        echo "not built" >"$dir/rc"
        return
    fi
    emu=$QEMU
    case $mode in
    off) set -- -hybrid off; warm=300 ;;
    on)  set -- -hybrid on -hybrid-stats; warm=700 ;;
    hot) set -- -hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0 -hybrid-stats; warm=1000 ;;
    clock) set -- -hybrid on -hybrid-sample clock -hybrid-stats; warm=700 ;;
    # 64 GiB: above where a guest program loads, below a PIE host's own
    # mappings, and too large for an x86 displacement (the other case,
    # a base under 2 GiB, is the static build's: tests/static).
    base) set -- -hybrid on -hybrid-threshold 1 -hybrid-warmup 0 -hybrid-budget 0 -B 0x1000000000 -hybrid-stats; warm=1000 ;;
    ref) set --; emu=$REF_QEMU; warm=300 ;;
    *)   echo "unknown mode" >"$dir/rc"; return ;;
    esac
    if [ ! -x "$emu" ]; then
        echo "no emulator" >"$dir/rc"
        return
    fi
    (
        cd "$dir" || exit 1
        # shellcheck disable=SC3045  # dash and bash both have ulimit -c
        ulimit -c 0 2>/dev/null || :
        HYBRID_TEST_WARM_MS=$warm timeout -k 5 "$limit" \
            "$emu" "$@" "$bin" </dev/null >"$dir/stdout" 2>"$dir/stderr"
        echo $? >"$dir/rc"
    )
}

# The largest "trace entries" of any process of the run (fork: several).
trace_entries() {
    sed -n 's/^  trace entries  *\([0-9][0-9]*\)$/\1/p' "$1" 2>/dev/null |
        sort -n | tail -n 1
}

run_lanes "$jobs" "$runs" run_one

while read -r name mode; do
    dir=$out/run/$name-$mode
    label="hybrid/$name mode=$mode"
    expected=$src/$name.expected
    known=$src/$name.expected-qemu72
    rc=$(cat "$dir/rc" 2>/dev/null || echo missing)
    case $rc in
    "not built") tap_fail "$label" "$out/$name-static was not built"; continue ;;
    "no emulator") tap_skip "$label" "no emulator for mode $mode"; continue ;;
    esac
    if [ ! -f "$expected" ]; then
        tap_fail "$label" "no expected output tests/hybrid/$name.expected"
        continue
    fi
    entries=
    case $mode in
    on|hot|clock|base) entries=$(trace_entries "$dir/stderr") ;;
    esac
    if [ "$rc" = 0 ] && cmp -s "$expected" "$dir/stdout"; then
        tap_ok "$label"
        if [ -n "$entries" ] && [ "$entries" = 0 ]; then
            tap_note "$label: no trace was entered (the run did not exercise the LLVM tier)"
        fi
        continue
    fi
    if [ -f "$known" ] && { [ "$rc" = 0 ] || [ "$rc" = 1 ]; } &&
            cmp -s "$known" "$dir/stdout"; then
        tap_todo "$label" "QEMU 7.2 deviates from hardware here too (tests/hybrid/$name.expected-qemu72)"
        continue
    fi
    case $rc in
    0) why="stdout differs" ;;
    124|137) why="timed out after $limit s (hang?)" ;;
    *) why="exit status $rc (expected 0)" ;;
    esac
    tap_fail "$label" "$why; output in $dir"
    if ! cmp -s "$expected" "$dir/stdout"; then
        tap_note "stdout differs from tests/hybrid/$name.expected:"
        diff -u "$expected" "$dir/stdout" | sed -n '3,22p' | sed 's/^/#   /'
    fi
    grep -v -e '^qemu-hybrid statistics' -e '^  ' "$dir/stderr" \
        >"$dir/stderr.short" 2>/dev/null
    if [ -s "$dir/stderr.short" ]; then
        tap_note "stderr (hybrid statistics left out):"
        tap_show "$dir/stderr.short" 8
    fi
    if [ -n "$entries" ]; then
        tap_note "hybrid statistics:" \
            "$(grep -m1 'traces installed' "$dir/stderr" | tr -s ' ')," \
            "trace entries $entries"
    fi
done <"$runs"

# ---- the warm-up: traces for programs that run, nothing for those that end --
# warmup's run with the defaults (mode on) must have compiled and entered a
# trace: the optimizer threads start only once the process has used
# -hybrid-warmup ms of CPU time.  A run that ends during the warm-up
# (warmup short: libc's start-up and one printf) must record nothing; it
# gets -hybrid-warmup 200 so that a slow machine does not pass 20 ms.
stat_of() {
    sed -n "s/^  $2  *\([0-9][0-9]*\)\$/\1/p" "$1" 2>/dev/null | tail -n 1
}
case " $names " in *" warmup "*)
    label="hybrid/warmup-starts-optimizer"
    dir=$out/run/warmup-on
    case " $modes " in
    *" on "*)
        compiled=$(stat_of "$dir/stderr" "traces compiled")
        entries=$(trace_entries "$dir/stderr")
        if [ "$(cat "$dir/rc" 2>/dev/null)" != 0 ]; then
            tap_fail "$label" "the run failed (see hybrid/warmup mode=on)"
        elif ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        elif [ "${compiled:-0}" -ge 1 ] && [ "${entries:-0}" -ge 1 ]; then
            tap_ok "$label"
        else
            tap_fail "$label" "traces compiled ${compiled:-?}, trace entries ${entries:-?} (want >= 1 each)"
            tap_show "$dir/stderr" 30
        fi
        ;;
    *) tap_skip "$label" "mode on is not in HYBRID_MODES" ;;
    esac
    label="hybrid/warmup-short-records-nothing"
    dir=$out/run/warmup-short
    mkdir -p "$dir"
    "$QEMU" -hybrid on -hybrid-warmup 200 -hybrid-stats "$out/warmup-static" short \
        >"$dir/stdout" 2>"$dir/stderr" </dev/null
    rc=$?
    hot=$(stat_of "$dir/stderr" "hot heads")
    recorded=$(stat_of "$dir/stderr" "traces recorded")
    if [ $rc -ne 0 ] || [ "$(cat "$dir/stdout")" != "warmup: short" ]; then
        tap_fail "$label" "exit status $rc or wrong output; see $dir"
    elif ! tier_built "$dir/stderr"; then
        tap_skip "$label" "$NO_TIER"
    elif [ "$hot" = 0 ] && [ "$recorded" = 0 ]; then
        tap_ok "$label"
    else
        tap_fail "$label" "hot heads ${hot:-?}, traces recorded ${recorded:-?} (want 0 each)"
        tap_show "$dir/stderr" 30
    fi
    ;;
*) tap_skip "hybrid/warmup-*" "warmup is not in HYBRID_TESTS" ;;
esac

# ---- FP helper calls keep the host registers (tcg/hybrid-helper-flags.c) ----
# helpers.c converts and computes doubles: under -hybrid on, TCG records
# its calls of vfp_* helpers with TCG_CALL_NO_RWG ($0x1 in -d op_opt),
# under -hybrid off with QEMU's own flags ($0x0): off stays QEMU 7.2.
case " $names " in *" helpers "*)
    label="hybrid/fp-helper-flags"
    dir=$out/run/fp-helper-flags
    mkdir -p "$dir"
    for m in on off; do
        "$QEMU" -hybrid $m -d op_opt -D "$dir/ops-$m" "$out/helpers-static" \
            >/dev/null 2>&1 </dev/null
        grep -o 'call vfp_[a-z0-9_]*,\$0x[0-9a-f]*' "$dir/ops-$m" 2>/dev/null |
            sort -u >"$dir/calls-$m"
    done
    if ! grep -q 'call vfp_muld,' "$dir/calls-on" ||
            ! grep -q 'call vfp_tosqd,' "$dir/calls-on"; then
        tap_fail "$label" "no vfp_muld or vfp_tosqd call in -d op_opt; see $dir"
    elif grep -v ',\$0x1$' "$dir/calls-on" | grep -q .; then
        tap_fail "$label" "-hybrid on: calls without TCG_CALL_NO_RWG: $(grep -v ',\$0x1$' "$dir/calls-on" | tr '\n' ' ')"
    elif grep -v ',\$0x0$' "$dir/calls-off" | grep -q .; then
        tap_fail "$label" "-hybrid off: flags QEMU does not give: $(grep -v ',\$0x0$' "$dir/calls-off" | tr '\n' ' ')"
    else
        tap_ok "$label"
    fi
    ;;
*) tap_skip "hybrid/fp-helper-flags" "helpers is not in HYBRID_TESTS" ;;
esac

# ---- -perfmap: perf's symbol map names TCG blocks and traces ----------------
# warmup with -perfmap: every line of /tmp/perf-<pid>.map must read
# "START SIZE tcg|trace 0xPC", with at least one trace.  The pid comes from
# the -hybrid-stats report.
case " $names " in *" warmup "*)
    label="hybrid/perfmap"
    dir=$out/run/perfmap
    mkdir -p "$dir"
    "$QEMU" -hybrid on -hybrid-warmup 0 -hybrid-stats -perfmap "$out/warmup-static" \
        >"$dir/stdout" 2>"$dir/stderr" </dev/null
    rc=$?
    pid=$(sed -n 's/^qemu-hybrid statistics (pid \([0-9]*\))$/\1/p' "$dir/stderr" | head -n 1)
    map=/tmp/perf-$pid.map
    if [ $rc -ne 0 ] || [ -z "$pid" ]; then
        tap_fail "$label" "exit status $rc, or no pid in the statistics; see $dir"
    elif [ ! -s "$map" ]; then
        tap_fail "$label" "no map $map"
    elif grep -qvE '^[0-9a-f]+ [0-9a-f]+ (tcg|trace) 0x[0-9a-f]+$' "$map"; then
        tap_fail "$label" "malformed lines in $map:"
        grep -vE '^[0-9a-f]+ [0-9a-f]+ (tcg|trace) 0x[0-9a-f]+$' "$map" | head -n 5 | sed 's/^/#   /'
    elif ! grep -q ' tcg 0x' "$map"; then
        tap_fail "$label" "$map names no TCG block"
    elif ! tier_built "$dir/stderr"; then
        tap_ok "$label (TCG blocks only: $NO_TIER)"
    elif ! grep -q ' trace 0x' "$map"; then
        tap_fail "$label" "$map names no trace"
    else
        tap_ok "$label"
    fi
    [ -n "$pid" ] && rm -f "$map"
    ;;
*) tap_skip "hybrid/perfmap" "warmup is not in HYBRID_TESTS" ;;
esac

# ---- a guest JIT: memory within a fixed budget over -hybrid off ---------------
# churn writes 16,000 generations of hot code (churn.c) and prints its peak
# RSS to stderr.  Under -hybrid on and hot it must stay within
# HYBRID_CHURN_BUDGET_MB (default 128) of the same program's -hybrid off
# run: loading LLVM takes about 70 MiB of it (libLLVM's mapped pages,
# 59 MiB, most of them shared with the page cache), the queue at most 8
# MiB.  Before the queue dropped stale jobs and was bounded, -hybrid on
# took 593 MiB against 59 MiB.
budget_mb=${HYBRID_CHURN_BUDGET_MB:-128}
peak_rss() {
    sed -n 's/^churn: peak RSS \([0-9][0-9]*\) KB$/\1/p' "$1" 2>/dev/null | tail -n 1
}
case " $names " in *" churn "*)
    off_kb=$(peak_rss "$out/run/churn-off/stderr")
    for mode in on hot; do
        label="hybrid/churn-memory mode=$mode"
        case " $modes " in *" $mode "*) ;; *)
            tap_skip "$label" "mode $mode is not in HYBRID_MODES"; continue ;;
        esac
        kb=$(peak_rss "$out/run/churn-$mode/stderr")
        if [ -z "$off_kb" ]; then
            tap_skip "$label" "no peak RSS from the -hybrid off run (mode off not run, or it failed)"
        elif [ -z "$kb" ]; then
            tap_fail "$label" "no peak RSS in $out/run/churn-$mode/stderr (see hybrid/churn mode=$mode)"
        elif [ "$kb" -le $((off_kb + budget_mb * 1024)) ]; then
            tap_ok "$label"
            tap_note "$label: peak RSS $((kb / 1024)) MiB, -hybrid off $((off_kb / 1024)) MiB"
        else
            tap_fail "$label" "peak RSS $((kb / 1024)) MiB, more than -hybrid off's $((off_kb / 1024)) MiB + $budget_mb MiB"
            grep -e 'traces recorded' -e 'traces compiled' -e 'traces dropped' \
                "$out/run/churn-$mode/stderr" | sed 's/^/#   /'
        fi
    done
    ;;
*) tap_skip "hybrid/churn-memory" "churn is not in HYBRID_TESTS" ;;
esac

# ---- the share of emulation time in traces is a share -------------------------
# oversub runs 4 threads per core in one hot loop at once.  -hybrid-stats must
# give a share of at most 100% (it summed the threads' wall time in traces
# against the process's CPU time: 587% here).
share_of() {
    sed -n 's/^    share of emulation time  *\([0-9][0-9]*\)%$/\1/p' "$1" 2>/dev/null |
        tail -n 1
}
case " $names " in *" oversub "*)
    for mode in on hot; do
        label="hybrid/oversub-share mode=$mode"
        dir=$out/run/oversub-$mode
        case " $modes " in *" $mode "*) ;; *)
            tap_skip "$label" "mode $mode is not in HYBRID_MODES"; continue ;;
        esac
        share=$(share_of "$dir/stderr")
        if ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        elif [ -z "$share" ]; then
            tap_fail "$label" "no share of emulation time in $dir/stderr"
        elif [ "$share" -le 100 ]; then
            tap_ok "$label"
            tap_note "$label: ${share}% of the emulation threads' time in traces"
        else
            tap_fail "$label" "share of emulation time ${share}% (over 100%)"
        fi
    done
    ;;
*) tap_skip "hybrid/oversub-share" "oversub is not in HYBRID_TESTS" ;;
esac

# ---- a fault that leaves a trace is counted --------------------------------------
# fault's handlers see faults raised inside traces (mode hot): the statistics
# must count those exits ("left by a fault"); they were left out of every
# trace figure.
case " $names " in *" fault "*)
    label="hybrid/fault-exits-counted"
    dir=$out/run/fault-hot
    case " $modes " in
    *" hot "*)
        faults=$(stat_of "$dir/stderr" "  left by a fault")
        entries=$(trace_entries "$dir/stderr")
        if [ "$(cat "$dir/rc" 2>/dev/null)" != 0 ]; then
            tap_fail "$label" "the run failed (see hybrid/fault mode=hot)"
        elif ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        elif [ "${faults:-0}" -ge 1 ]; then
            tap_ok "$label"
        else
            tap_fail "$label" "left by a fault ${faults:-?}, trace entries ${entries:-?} (want >= 1 fault exit)"
        fi
        ;;
    *) tap_skip "$label" "mode hot is not in HYBRID_MODES" ;;
    esac
    ;;
*) tap_skip "hybrid/fault-exits-counted" "fault is not in HYBRID_TESTS" ;;
esac

# ---- options: one table, linux-user/hybrid-options.def -----------------------
# The option table makes the handlers, the defaults and the -h text; the
# README's option table is written by hand and must agree with it: one
# row an option, with its environment twin and its default.  A row whose
# environment cell holds a '=' (-d hybrid: QEMU_LOG=hybrid) documents a
# value of one of QEMU's own options.  An escaped '\|' in a cell is read
# as '/'.
label="hybrid/options-doc"
dir=$out/run/options
mkdir -p "$dir"
table=$dir/table
if ! "$src/options-table.sh" >"$table" 2>"$dir/table.err" || [ ! -s "$table" ]; then
    tap_fail "$label" "tests/hybrid/options-table.sh could not read the table:"
    tap_show "$dir/table.err" 8
else
    "$QEMU" -h >"$dir/help" 2>&1
    awk '/^\| option \| environment \| meaning \|/ { on = 1; next }
         on && /^\|---/ { next }
         on && /^\|/ { gsub(/\\\|/, "/"); print; next }
         on { exit }' "$QEMU_HYBRID_SRC/README.md" >"$dir/readme-rows"
    bad=
    while read -r kind name env dflt min max; do
        row=$(awk -F'|' -v o="-$name" \
            'index($2, " `" o " ") == 1 || index($2, " `" o "`") == 1' \
            "$dir/readme-rows")
        if [ -z "$row" ]; then
            bad="$bad; README.md has no row for -$name"
        elif [ "$(echo "$row" | awk -F'|' '{ print $3 }')" != " \`$env\` " ]; then
            bad="$bad; README.md: -$name is not \`$env\`"
        elif [ "$dflt" != - ] &&
             ! echo "$row" | grep -Eiq "default \`?$dflt([^0-9A-Za-z]|\$)"; then
            bad="$bad; README.md: -$name does not say 'default $dflt'"
        fi
        if ! grep -Eq "^-$name( [^ ]+)? +$env " "$dir/help"; then
            bad="$bad; -h lists no -$name with $env"
        elif [ "$dflt" != - ] && ! grep -E "^-$name " "$dir/help" |
                grep -Fq "(default $dflt"; then
            bad="$bad; -h: -$name does not say '(default $dflt'"
        fi
    done <"$table"
    for opt in $(awk -F'|' '$3 !~ /=/ { sub(/^ `-/, "", $2); sub(/[ `].*/, "", $2); print $2 }' \
                     "$dir/readme-rows"); do
        awk -v o="$opt" '$2 == o { f = 1 } END { exit !f }' "$table" ||
            bad="$bad; README.md documents -$opt, which the table does not have"
    done
    if [ -z "$bad" ]; then
        tap_ok "$label"
    else
        tap_fail "$label" "README.md or -h disagrees with linux-user/hybrid-options.def:${bad#;}" \
            "edit the README.md row (section Running) to say what the table says"
    fi
fi
int_opts=$(awk '$1 == "INT" { print $2 }' "$table" 2>/dev/null)

# ---- numeric options: plain decimal digits, nothing else ----------------------
# Every numeric option and its environment twin takes decimal digits only:
# strtol() took ' 5' and '+5' but refused '5 '.  A refused value ends
# qemu-aarch64 with status 1 and a message before the program is loaded.
label="hybrid/numeric-options"
bad=
if [ -z "$int_opts" ]; then
    bad=" (no INT option in the table)"
fi
for opt in $int_opts; do
    for val in ' 5' '+5' '5 ' '-5' '0x5' '5a' '' '99999999999999999999' '5.0'; do
        "$QEMU" "-$opt" "$val" /bin/true >"$dir/stdout" 2>"$dir/stderr" </dev/null
        rc=$?
        if [ $rc -ne 1 ] || ! grep -q "^qemu: -$opt: expected a number" "$dir/stderr"; then
            bad="$bad -$opt '$val' (status $rc: $(head -c 100 "$dir/stderr"))"
        fi
    done
done
# Just past either end of its range, from the table: refused, naming it.
while read -r kind opt var dflt min max; do
    [ "$kind" = INT ] || continue
    for val in $((max + 1)) $((min - 1)); do
        [ "$val" -ge 0 ] || continue
        "$QEMU" "-$opt" "$val" /bin/true >"$dir/stdout" 2>"$dir/stderr" </dev/null
        rc=$?
        if [ $rc -ne 1 ] || ! grep -q "^qemu: -$opt: expected a number from $min to $max " "$dir/stderr"; then
            bad="$bad -$opt '$val' out of $min..$max (status $rc: $(head -c 100 "$dir/stderr"))"
        fi
    done
done <"$table"
var=QEMU_HYBRID_TRACE_LEN
env "$var=+5" "$QEMU" /bin/true >"$dir/stdout" 2>"$dir/stderr" </dev/null
rc=$?
if [ $rc -ne 1 ] || ! grep -q "expected a number" "$dir/stderr"; then
    bad="$bad $var='+5' (status $rc)"
fi
if [ -x "$out/warmup-static" ]; then
    for opt in $int_opts; do
        "$QEMU" "-$opt" 05 "$out/warmup-static" short >"$dir/stdout" 2>"$dir/stderr" </dev/null
        rc=$?
        if [ $rc -ne 0 ] || [ "$(cat "$dir/stdout")" != "warmup: short" ]; then
            bad="$bad -$opt '05' refused or failed (status $rc)"
        fi
    done
fi
if [ -z "$bad" ]; then
    tap_ok "$label"
else
    tap_fail "$label" "wrongly parsed:$bad"
fi

# ---- no thread for the optimizer: the run goes on in TCG --------------------
# nproc lowers RLIMIT_NPROC to 1 before its hot loop, so the optimizer
# thread, started after the warm-up, cannot be made.  Only an unprivileged
# user is held to the limit: as root, run it as nobody (setpriv).  The
# output must be right and the statistics must say no trace was compiled.
case " $names " in *" nproc "*)
    label="hybrid/nproc-no-thread"
    dir=$out/run/nproc-nobody
    mkdir -p "$dir"
    if [ "$(id -u)" != 0 ]; then
        runas=
    elif command -v setpriv >/dev/null 2>&1; then
        runas="setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        runas=none
    fi
    if [ "$runas" = none ]; then
        tap_skip "$label" "running as root without setpriv: RLIMIT_NPROC would not hold"
    else
        # shellcheck disable=SC2086  # runas is a command and its options
        # -hybrid-warmup 300: the thread must start after main() lowered
        # the limit; a static program's start-up used more than the
        # default 20 ms of CPU on a loaded machine (load average 5 on 2
        # cores), and the thread was made before the limit.
        timeout -k 5 "$limit" $runas "$QEMU" -hybrid on -hybrid-warmup 300 \
            -hybrid-stats -d hybrid \
            "$out/nproc-static" >"$dir/stdout" 2>"$dir/stderr" </dev/null
        rc=$?
        compiled=$(stat_of "$dir/stderr" "traces compiled")
        if [ $rc -ne 0 ] || ! cmp -s "$dir/stdout" "$src/nproc.expected"; then
            tap_fail "$label" "exit status $rc or wrong output; see $dir"
            tap_show "$dir/stderr" 8
        elif ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        elif ! grep -q "no optimizer thread" "$dir/stderr" || [ "$compiled" != 0 ]; then
            tap_fail "$label" "the thread was made after all (traces compiled ${compiled:-?}): the test did not hold"
        else
            tap_ok "$label"
        fi
    fi
    ;;
*) tap_skip "hybrid/nproc-no-thread" "nproc is not in HYBRID_TESTS" ;;
esac

# ---- the sampler: on, clock, off, refused, a bad event -------------------------
# sampled.c checks from inside that the guest sees no signal, no EINTR and
# no descriptor of ours; it ran above in every mode (the sampler is on by
# default).  Here: mode on took samples (where this host lets a process
# sample itself); -hybrid-sample clock (the threads' CPU-time clocks, no
# perf_event) and a seccomp filter that refuses perf_event_open
# (tests/hybrid/host/deny-perf.c, as a container would), which falls back
# to the clocks, give the same output with samples taken; -hybrid-sample
# off the same output with none; an unknown event is a usage error with a
# message.
sample_line() {
    sed -n 's/^  samples  *//p' "$1" 2>/dev/null | head -n 1
}

# stats_run LABEL NAME WARM-MS DIR WRAPPER QEMU-OPTIONS...: run
# $out/NAME-static under -hybrid on -hybrid-stats and the options, output
# to DIR.  A wrong exit status or output is a failure and a build without
# the tier a skip, both reported here (returns 1); else returns 0, the
# statistics in DIR/stderr for the caller's own check.
stats_run() {
    _sl=$1 _sn=$2 _sw=$3 _sd=$4 _swrap=$5
    shift 5
    mkdir -p "$_sd"
    HYBRID_TEST_WARM_MS=$_sw timeout -k 5 "$limit" $_swrap "$QEMU" \
        -hybrid on -hybrid-stats "$@" "$out/$_sn-static" \
        >"$_sd/stdout" 2>"$_sd/stderr" </dev/null
    _src=$?
    if [ $_src -ne 0 ] || ! cmp -s "$src/$_sn.expected" "$_sd/stdout"; then
        tap_fail "$_sl" "exit status $_src or wrong output; see $_sd"
        tap_show "$_sd/stdout" 10
        return 1
    fi
    if ! tier_built "$_sd/stderr"; then
        tap_skip "$_sl" "$NO_TIER"
        return 1
    fi
    return 0
}
# Samples in helpers find the guest code that called them (the stack
# dump of each perf_event sample; the clock source has no such line).
case " $names " in *" helpers "*)
    label="hybrid/sample-caller"
    dir=$out/run/helpers-on
    case " $modes " in
    *" on "*)
        line=$(sample_line "$dir/stderr")
        pct=$(sed -n 's/^    caller found *\([0-9]*\)\..*/\1/p' \
              "$dir/stderr" 2>/dev/null | head -n 1)
        if ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        elif [ -z "$pct" ]; then
            refused=$(sed -n 's/^    caller found *none: //p' \
                      "$dir/stderr" 2>/dev/null | head -n 1)
            case $line in
            *clock*|"none: perf_event_open"*)
                tap_skip "$label" "no perf_event samples here ($line)" ;;
            *) if [ -n "$refused" ]; then
                   tap_skip "$label" "$refused"
               else
                   tap_fail "$label" "no 'caller found' row (samples: '$line')"
                   tap_show "$dir/stderr" 60
               fi ;;
            esac
        elif [ "$pct" -ge 50 ]; then
            tap_ok "$label"
        else
            tap_fail "$label" "a caller found for $pct% of helper samples, want 50% or more"
            tap_show "$dir/stderr" 60
        fi ;;
    *) tap_skip "$label" "mode on is not in HYBRID_MODES" ;;
    esac
    ;;
esac

# The switch watch (accel/tcg/hybrid-sample.c, watch_switches()):
# memorder's two threads sched_yield() while they wait for each other,
# far more context switches a CPU second than a per-thread software event
# is worth: its run in mode on shows the sampler paused, with the same
# output (checked above).  Hardware events and the clock source are not
# watched: a skip there.
case " $names " in *" memorder "*)
    label="hybrid/sample-paused"
    dir=$out/run/memorder-on
    case " $modes " in
    *" on "*)
        line=$(sample_line "$dir/stderr")
        if ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        elif grep -q '^    paused  *[1-9][0-9]* (context switches)$' "$dir/stderr"; then
            tap_ok "$label"
        else
            case $line in
            *"(cpu-clock,"*)
                tap_fail "$label" "no 'paused' row under the samples of a cpu-clock event"
                tap_show "$dir/stderr" 60 ;;
            *) tap_skip "$label" "not a software perf_event here ($line)" ;;
            esac
        fi ;;
    *) tap_skip "$label" "mode on is not in HYBRID_MODES" ;;
    esac
    ;;
esac

# Merging (accel/tcg/hybrid-queue.c): merge.c's loop traces pass control
# to each other through TCG code at every block; with the samples
# deciding, the region of the loop around them earns from their traces'
# samples and is compiled over them, at about 0.8 s of the run on a quiet
# machine: "merging other traces" under "traces compiled" counts such
# compiles where the traces' samples counted.  With -hybrid-merge off
# they never count: 0, and the same output.  Three seconds of warm-up, of
# the guest thread's CPU time (merge.c): in a loaded make check, 1.5 s of
# wall time once showed no merge (2 traces compiled).
merges_in() {
    sed -n 's/^    merging other traces  *\([0-9]*\)$/\1/p' "$1" | head -n 1
}
case " $names " in *" merge "*)
    for m in on off; do
        label="hybrid/merge-stats merge=$m"
        dir=$out/run/merge-stats-$m
        if stats_run "$label" merge 3000 "$dir" "" -hybrid-merge $m; then
            n=$(merges_in "$dir/stderr")
            # The outer region can also pay with its own samples before its
            # loops' traces are installed, and then has nothing to merge
            # (in a loaded make check, 2 runs of 2 once).  One more run;
            # if that too merged nothing, it is a skip only when the
            # hottest region of the run is a trace of run()'s loop (the
            # outer region won alone), a failure otherwise.
            if [ $m = on ] && [ "${n:-0}" = 0 ] &&
                    stats_run "$label" merge 3000 "$dir" "" -hybrid-merge on; then
                n=$(merges_in "$dir/stderr")
            fi
            line=$(sample_line "$dir/stderr")
            case $m/$line in
            on/"none: "*|on/*"(clock"*)
                tap_skip "$label" "merging waits for perf_event samples, none here ($line)" ;;
            on/*) if [ "${n:-0}" -ge 1 ]; then
                      tap_ok "$label"
                  elif grep -m1 '^ *[0-9.]*% 0x[0-9a-f]*  *[a-z]*  *' \
                          "$dir/stderr" | grep -q ' trace  *run$'; then
                      tap_skip "$label" "run()'s region was compiled before its loops' traces: nothing to merge in this run"
                  else
                      tap_fail "$label" "no region merging traces was compiled"
                      tap_show "$dir/stderr" 60
                  fi ;;
            off/*) if [ "${n:-x}" = 0 ]; then
                       tap_ok "$label"
                   else
                       tap_fail "$label" "'merging other traces' is '${n:-missing}', want 0"
                       tap_show "$dir/stderr" 60
                   fi ;;
            esac
        fi
    done
    ;;
*) tap_skip "hybrid/merge-stats" "merge is not in HYBRID_TESTS" ;;
esac

case " $names " in *" sampled "*)
    label="hybrid/sample-taken"
    dir=$out/run/sampled-on
    line=$(sample_line "$dir/stderr")
    case " $modes " in
    *" on "*)
        if ! tier_built "$dir/stderr"; then
            tap_skip "$label" "$NO_TIER"
        else
            case $line in
            "none: perf_event_open"*)
                tap_skip "$label" "this host refuses perf_event_open to us ($line)" ;;
            [1-9]*) tap_ok "$label" ;;
            *) tap_fail "$label" "no samples in the statistics: '${line:-no samples line}'"
               tap_show "$dir/stderr" 40 ;;
            esac
        fi ;;
    *) tap_skip "$label" "mode on is not in HYBRID_MODES" ;;
    esac

    # run_sampled LABEL WANT-LINE-PATTERN [WRAPPER] QEMU-OPTIONS...
    run_sampled() {
        _label=$1 _want=$2 _wrap=$3
        shift 3
        _dir=$out/run/$(echo "$_label" | tr '/ ' '--')
        if stats_run "$_label" sampled 700 "$_dir" "$_wrap" "$@"; then
            _line=$(sample_line "$_dir/stderr")
            case $_line in
            $_want) tap_ok "$_label" ;;
            *) tap_fail "$_label" "samples line '$_line', want '$_want'" ;;
            esac
        fi
    }
    run_sampled hybrid/sample-off "none: off*" "" -hybrid-sample off
    run_sampled hybrid/sample-clock "[1-9]*(clock (-hybrid-sample clock)*" "" \
        -hybrid-sample clock
    deny=$out/deny-perf
    if ! cc -O2 -o "$deny" "$src/host/deny-perf.c" 2>"$out/deny-perf.log"; then
        tap_fail "hybrid/sample-refused" "cannot build tests/hybrid/host/deny-perf.c; see $out/deny-perf.log"
    elif ! "$deny" true 2>/dev/null; then
        tap_skip "hybrid/sample-refused" "seccomp filters cannot be installed here"
    else
        run_sampled hybrid/sample-refused \
            "[1-9]*(clock, as perf_event_open refused*" "$deny"
    fi

    label="hybrid/sample-bad-event"
    dir=$out/run/sample-bad-event
    mkdir -p "$dir"
    "$QEMU" -hybrid on -hybrid-stats -hybrid-sample no-such-event "$out/sampled-static" \
        >"$dir/stdout" 2>"$dir/stderr" </dev/null
    rc=$?
    if [ $rc -eq 1 ] && grep -q "hybrid-sample: event 'no-such-event'" "$dir/stderr"; then
        tap_ok "$label"
    elif grep -q "this build has no LLVM tier" "$dir/stderr" 2>/dev/null; then
        tap_skip "$label" "$NO_TIER"
    else
        tap_fail "$label" "exit status $rc (want 1) and no message naming the event"
        tap_show "$dir/stderr" 5
    fi
    ;;
*) tap_skip "hybrid/sample-*" "sampled is not in HYBRID_TESTS" ;;
esac

# ---- which LLVM: ours, else Debian's, else none ---------------------------------
# libLLVM is loaded on the first trace (llvm-backend/llvm-api.c): first
# qemu-hybrid-llvm.so beside the binary (hybrid/ in the build tree), else
# Debian's libLLVM-16.so.1.  A hot loop with -d hybrid names the library
# loaded.  Then, in a private mount namespace (root only), each is hidden
# in turn: without ours the tier runs on Debian's; without both it must
# fall back to TCG with the reason in the statistics, and end (a log-lock
# bug once hung it here).
ours=$(dirname "$(readlink -f "$QEMU")")/hybrid/qemu-hybrid-llvm.so
lib=$(ldconfig -p 2>/dev/null | sed -n 's/.*libLLVM-16.so.1 (libc6,x86-64) => //p' | head -1)

# run_hidden NAME FILE...: the hot loop with each FILE hidden by /dev/null;
# then hidden_ran_ok LABEL: true if it ended with the right output, else
# the failure is reported.
run_hidden() {
    dir=$out/run/$1
    shift
    mkdir -p "$dir"
    timeout -k 5 60 unshare -m sh -c '
        q=$1; shift
        while [ "$1" != -- ]; do mount --bind /dev/null "$1" || exit 99; shift; done
        shift; exec "$q" "$@"' \
        sh "$QEMU" "$@" -- -hybrid on -hybrid-threshold 5 -hybrid-warmup 0 \
        -hybrid-stats -d hybrid "$out/spin-static" >"$dir/stdout" 2>"$dir/stderr"
}

hidden_ran_ok() {
    if [ "$rc" -ne 0 ]; then
        tap_fail "$1" "exit status $rc (124: hung)"
        tap_show "$dir/stderr" 8
        return 1
    fi
    if ! cmp -s "$dir/stdout" "$QEMU_HYBRID_SRC/tests/hybrid/spin.expected"; then
        tap_fail "$1" "wrong output; see $dir"
        return 1
    fi
}

label="hybrid/llvm-ours"
dir=$out/run/llvm-ours
mkdir -p "$dir"
"$QEMU" -hybrid on -hybrid-threshold 5 -hybrid-warmup 0 -d hybrid \
    "$out/spin-static" >"$dir/stdout" 2>"$dir/stderr"
if grep -q "this build has no LLVM tier" "$dir/stderr"; then
    tap_skip "$label" "$NO_TIER"
elif grep -q "LLVM loaded in .*: $ours\$" "$dir/stderr"; then
    tap_ok "$label"
elif grep -q "LLVM loaded in .*: linked in (static build)\$" "$dir/stderr"; then
    static_llvm=yes
    tap_ok "$label"
    tap_note "$label: a static build, LLVM linked in"
else
    tap_fail "$label" "-d hybrid names no LLVM loaded from $ours"
    tap_show "$dir/stderr" 5
fi

label="hybrid/llvm-debian"
if [ "${static_llvm:-}" = yes ]; then
    tap_skip "$label" "a static build links LLVM in: no library to hide"
elif [ -z "$lib" ] || [ ! -f "$ours" ]; then
    tap_skip "$label" "needs both libLLVM-16.so.1 (ldconfig) and $ours"
elif ! unshare -m true 2>/dev/null; then
    tap_skip "$label" "no private mount namespace here (unshare -m needs root)"
else
    run_hidden llvm-debian "$ours"
    rc=$?
    if ! hidden_ran_ok "$label"; then
        :
    elif ! grep -q "LLVM loaded in .*: .*libLLVM-16.so" "$dir/stderr" ||
         [ "$(stat_of "$dir/stderr" "traces installed")" -lt 1 ]; then
        tap_fail "$label" "with ours hidden, no trace ran on libLLVM-16.so.1"
        tap_show "$dir/stderr" 8
    else
        tap_ok "$label"
    fi
fi

label="hybrid/no-llvm"
if [ "${static_llvm:-}" = yes ]; then
    tap_skip "$label" "a static build links LLVM in: no library to hide"
elif [ -z "$lib" ]; then
    tap_skip "$label" "libLLVM-16.so.1 not found by ldconfig"
elif ! unshare -m true 2>/dev/null; then
    tap_skip "$label" "no private mount namespace here (unshare -m needs root)"
else
    if [ -f "$ours" ]; then
        run_hidden no-llvm "$lib" "$ours"
    else
        run_hidden no-llvm "$lib"
    fi
    rc=$?
    if ! hidden_ran_ok "$label"; then
        :
    elif ! tier_built "$dir/stderr"; then
        tap_skip "$label" "$NO_TIER"
    elif ! grep -q "LLVM JIT unavailable" "$dir/stderr"; then
        tap_fail "$label" "no 'LLVM JIT unavailable' rejection in the statistics"
        tap_show "$dir/stderr" 8
    else
        tap_ok "$label"
    fi
fi
exit 0
