# Helpers shared by bench.sh and check.sh (sourced after tests/lib.sh).

BENCH_DIR=$QEMU_HYBRID_SRC/tests/bench
BENCH_OUT=${BENCH_OUT:-$QEMU_HYBRID_BUILD/bench}
BENCH_BIN=$BENCH_OUT/bin

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

# bench_build LOG: build guest and native programs into $BENCH_BIN.
bench_build() {
    mkdir -p "$BENCH_BIN"
    make -C "$BENCH_DIR" OUT="$BENCH_BIN" CROSS_CC="$CROSS_CC" \
        -j"${BENCH_JOBS:-2}" >"$1" 2>&1
}

# bench_args ARGS: "-" stands for no argument.
bench_args() {
    [ "$1" = - ] || echo "$1"
}
