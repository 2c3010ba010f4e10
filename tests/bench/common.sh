# Helpers shared by bench.sh and check.sh (sourced after tests/lib.sh).

BENCH_DIR=$QEMU_HYBRID_SRC/tests/bench
BENCH_OUT=${BENCH_OUT:-$QEMU_HYBRID_BUILD/bench}
BENCH_BIN=$BENCH_OUT/bin
# qemu-offload-cc: the offload objects of the hybrid+offload configuration.
OFFLOAD_CC=${OFFLOAD_CC:-$QEMU_HYBRID_BUILD/qemu-offload-cc}

# The benchmark list: one "name native args check" line per benchmark.
bench_list() {
    awk '!/^#/ && NF { print $1, $2, $3, $4 }' "$BENCH_DIR/benchmarks.txt"
}

# bench_select "name ...": the list lines of the named benchmarks (all when
# empty), in the list's order.  Unknown names go to stderr, status 1.
bench_select() {
    bench_list | awk -v want="$1" '
        BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) asked[w[i]] = 1 }
        { known[$1] = 1; if (n == 0 || ($1 in asked)) print }
        END {
            bad = 0
            for (k in asked) if (!(k in known)) { print "unknown benchmark: " k > "/dev/stderr"; bad = 1 }
            exit bad
        }'
}

# bench_build LOG: build guest and native programs into $BENCH_BIN, and
# the offload objects when qemu-offload-cc is built (a benchmark the tool
# fails on gets $BENCH_BIN/offload/NAME.skip, not a build failure).
bench_build() {
    mkdir -p "$BENCH_BIN"
    make -C "$BENCH_DIR" OUT="$BENCH_BIN" CROSS_CC="$CROSS_CC" \
        OFFLOAD_CC="$OFFLOAD_CC" -j"${BENCH_JOBS:-2}" >"$1" 2>&1
}

# offload_unusable NAME: why benchmark NAME has no offload object (status
# 1 and nothing printed when it has one).
offload_unusable() {
    if [ -f "$BENCH_BIN/offload/$1.so" ]; then
        return 1
    elif [ -f "$BENCH_BIN/offload/$1.skip" ]; then
        cat "$BENCH_BIN/offload/$1.skip"
    elif [ -f "$BENCH_BIN/offload/$1.none" ]; then
        cat "$BENCH_BIN/offload/$1.none"
    else
        echo "no offload object $BENCH_BIN/offload/$1.so"
    fi
}

# offload_summary NAME: "N of M functions offloaded: names" from the report.
offload_summary() {
    rep=$BENCH_BIN/offload/$1.report
    [ -f "$rep" ] || { echo "no report"; return; }
    awk '/: offloaded$/ { n++; split($0, f, ": "); names = names (names ? " " : "") f[2] }
         / not offloaded: / { m++ }
         END { printf "%d of %d functions offloaded%s\n", n, n + m, n ? ": " names : "" }' "$rep"
}

# bench_args ARGS: "-" stands for no argument.
bench_args() {
    [ "$1" = - ] || echo "$1"
}
