#!/bin/sh
# QEMU's own user-mode tests (tests/tcg/aarch64 and tests/tcg/multiarch of
# the 7.2 tree), built with the cross compiler by QEMU's test makefiles and
# run under our qemu-aarch64 once per mode in TCG_MODES (default "off on
# hot"; hot is -hybrid on with threshold 1, through the QEMU_HYBRID* twins).
#
# The same binaries are also run under Debian's unpatched qemu-aarch64 7.2
# (REF_QEMU).  A test that fails under both is reported as a known failure
# (TAP TODO): not ours to fix.  One that fails only under ours is a failure.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

qb=$QEMU_HYBRID_BUILD/qemu-build
tdir=$qb/tests/tcg/aarch64-linux-user
out=$QEMU_HYBRID_BUILD/tests/tcg
mkdir -p "$out"

if ! command -v "$CROSS_CC" >/dev/null 2>&1; then
    tap_skip "tcg" "$CROSS_CC not installed (make deps)"
    exit 0
fi

# The plugin tests need QEMU's test plugins (dynamic builds only).
if grep -q '^CONFIG_PLUGIN=y' "$qb/config-host.mak" 2>/dev/null; then
    ninja -C "$qb" test-plugins > "$out/plugins.log" 2>&1 ||
        { tap_fail "tcg/build plugins"; tap_show "$out/plugins.log"; }
fi
if ! make -C "$qb" build-tcg-tests-aarch64-linux-user > "$out/build.log" 2>&1; then
    tap_fail "tcg/build" "see $out/build.log"
    tap_show "$out/build.log"
    exit 0
fi

targets=$(make -C "$tdir" -qp run 2>/dev/null | sed -n 's/^run: //p' | head -n 1)
if [ -z "$targets" ]; then
    tap_fail "tcg/list" "no run-* targets found in $tdir"
    exit 0
fi

# run LOG [VAR=VALUE...]: run every test with make -k; print failed targets.
run_all() {
    log=$1
    shift
    (cd "$tdir" && env "$@" make -k -j2 run) > "$log" 2>&1
    sed -n -e "s/.*\*\*\* \[[^]]*: \(run-[^]]*\)\] .*/\1/p" \
           -e "s/.*needed by '\(run-[^']*\)'.*/\1/p" "$log" | sort -u
}

ref_failed=
have_ref=no
if [ -x "$REF_QEMU" ]; then
    have_ref=yes
    ref_failed=$(run_all "$out/ref.log" QEMU="$REF_QEMU")
else
    tap_note "no $REF_QEMU (Debian qemu-user): cannot tell known failures apart"
fi

total=$(echo $targets | wc -w)
for mode in ${TCG_MODES:-off on hot}; do
    case $mode in
    hot) failed=$(run_all "$out/hybrid-$mode.log" QEMU_HYBRID=on \
                  QEMU_HYBRID_THRESHOLD=1 QEMU_HYBRID_WARMUP=0 QEMU_HYBRID_BUDGET=0) ;;
    *) failed=$(run_all "$out/hybrid-$mode.log" QEMU_HYBRID="$mode") ;;
    esac
    npass=0
    for t in $targets; do
        name="tcg/${t#run-} hybrid=$mode"
        if ! echo "$failed" | grep -qx -- "$t"; then
            tap_ok "$name"
            npass=$((npass + 1))
        elif echo "$ref_failed" | grep -qx -- "$t"; then
            tap_todo "$name" "fails under unpatched qemu 7.2 too"
        else
            tap_fail "$name" "see $out/hybrid-$mode.log"
            grep -F -e "$t" -e "${t#run-}" "$out/hybrid-$mode.log" | head -n 5 |
                sed 's/^/#   /'
        fi
    done
    tap_note "tcg hybrid=$mode: $npass of $total passed"
done
if [ "$have_ref" = yes ]; then
    nref=$(echo "$ref_failed" | grep -c .)
    tap_note "tcg under unpatched qemu 7.2 ($REF_QEMU): $((total - nref)) of $total passed"
    [ -z "$ref_failed" ] || tap_note "failing there too: $(echo $ref_failed)"
fi
exit 0
