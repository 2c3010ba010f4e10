#!/bin/sh
# make deb (issue 21): the package of the static build that tests/static
# made (build/static), built by packaging/deb/build.sh, then read back
# with dpkg-deb: its fields, its files, the emulator in it (static, not
# position-independent, the tier active: a trace installed), its
# binfmt_misc registration files (systemd-binfmt's line must be the one
# scripts/qemu-aarch64-binfmt writes to the kernel, binfmt-support's
# entry the same magic, mask and flag), its maintainer scripts (sh -n),
# and lintian where it is installed.  Nothing is installed on this
# machine: the binfmt suite registers for real.
. "$QEMU_HYBRID_SRC/tests/lib.sh"

out=$QEMU_HYBRID_BUILD/tests/deb
dir=$QEMU_HYBRID_BUILD/static
pkg=qemu-hybrid-user-static
bin=/usr/bin/qemu-aarch64-hybrid-static
entry=qemu-hybrid-aarch64
rm -rf "$out"
mkdir -p "$out"

label="deb/build"
q=$dir/qemu-build/qemu-aarch64
if [ "${STATIC_BUILD:-yes}" = no ]; then
    tap_skip "$label" "STATIC_BUILD=no: no static build to package"
    exit 0
elif [ ! -x "$q" ]; then
    # tests/static builds it, or says why it could not (missing libraries).
    tap_skip "$label" "no static build in $dir (see the static suite)"
    exit 0
fi
if ! deb=$("$QEMU_HYBRID_SRC/packaging/deb/build.sh" "$q" "$out" 2>"$out/build.err"); then
    tap_fail "$label" "packaging/deb/build.sh failed"
    tap_show "$out/build.err" 8
    exit 0
fi
case $deb in
*/${pkg}_0.*_amd64.deb) tap_ok "$label" ;;
*) tap_fail "$label" "unexpected package name: $deb"; exit 0 ;;
esac

# ---- fields ------------------------------------------------------------------
label="deb/control"
field() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
bad=
[ "$(field Package)" = "$pkg" ] || bad="$bad Package=$(field Package)"
[ "$(field Architecture)" = amd64 ] || bad="$bad Architecture=$(field Architecture)"
[ -z "$(field Depends)" ] || bad="$bad Depends=$(field Depends) (a static emulator needs none)"
case $(field Version) in 0.*) ;; *) bad="$bad Version=$(field Version)" ;; esac
[ -n "$(field Maintainer)" ] || bad="$bad no Maintainer"
if [ -z "$bad" ]; then tap_ok "$label"; else tap_fail "$label" "bad fields:$bad"; fi

# ---- files ---------------------------------------------------------------------
label="deb/files"
dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|' >"$out/files"
missing=
for f in "$bin" /usr/bin/qemu-aarch64-hybrid-binfmt \
         "/usr/lib/binfmt.d/$entry.conf" "/usr/share/binfmts/$entry" \
         "/usr/share/doc/$pkg/copyright" "/usr/share/doc/$pkg/changelog.gz" \
         /usr/share/man/man1/qemu-aarch64-hybrid-static.1.gz \
         /usr/share/man/man1/qemu-aarch64-hybrid-binfmt.1.gz; do
    grep -qx "$f" "$out/files" || missing="$missing $f"
done
# Nothing that Debian's qemu-user or qemu-user-static ships.
clash=$(grep -E '^/usr/bin/qemu-aarch64(-static)?$|^/usr/lib/binfmt.d/qemu-aarch64.conf$|^/usr/share/binfmts/qemu-aarch64$' "$out/files" || true)
if [ -n "$missing" ]; then
    tap_fail "$label" "missing:$missing"
elif [ -n "$clash" ]; then
    tap_fail "$label" "clashes with Debian's qemu packages: $clash"
else
    tap_ok "$label"
fi

root=$out/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$root/DEBIAN"

# ---- the emulator in it ---------------------------------------------------------
label="deb/emulator"
e=$root$bin
prog=$QEMU_HYBRID_BUILD/tests/hybrid/spin-static
if [ ! -x "$prog" ]; then
    make -s -C "$QEMU_HYBRID_SRC/tests/hybrid" OUT="$QEMU_HYBRID_BUILD/tests/hybrid" \
        "$prog" >"$out/prog.log" 2>&1
fi
timeout -k 5 120 "$e" -hybrid-threshold 5 -hybrid-warmup 0 -hybrid-stats \
    "$prog" >"$out/spin.out" 2>"$out/spin.err"
rc=$?
if LC_ALL=C readelf -l "$e" 2>/dev/null | grep -q INTERP; then
    tap_fail "$label" "$bin is dynamically linked"
elif ! LC_ALL=C readelf -h "$e" 2>/dev/null | grep -q "Type: *EXEC"; then
    tap_fail "$label" "$bin is position-independent"
else
    tap_traced "$label" $rc "$out/spin.out" "$out/spin.err" \
        "$QEMU_HYBRID_SRC/tests/hybrid/spin.expected"
fi

# ---- binfmt_misc registration ---------------------------------------------------
label="deb/binfmt.d"
conf=$root/usr/lib/binfmt.d/$entry.conf
want=$("$QEMU_HYBRID_SRC/scripts/qemu-aarch64-binfmt" line --qemu "$e" \
       --name "$entry" --flags F | sed "s|:$e:|:$bin:|")
if [ "$(cat "$conf")" = "$want" ]; then
    tap_ok "$label"
else
    tap_fail "$label" "$conf is not what qemu-aarch64-binfmt registers"
    tap_note "  got:  $(cat "$conf")"
    tap_note "  want: $want"
fi

label="deb/binfmts"
fmt=$root/usr/share/binfmts/$entry
val() { sed -n "s/^$1 //p" "$fmt"; }
bad=
[ "$(val package)" = "$pkg" ] || bad="$bad package"
[ "$(val interpreter)" = "$bin" ] || bad="$bad interpreter"
[ "$(val magic)" = "$(echo "$want" | cut -d: -f5)" ] || bad="$bad magic"
[ "$(val mask)" = "$(echo "$want" | cut -d: -f6)" ] || bad="$bad mask"
[ "$(val fix_binary)" = yes ] || bad="$bad fix_binary(F)"
if [ -z "$bad" ]; then tap_ok "$label"; else tap_fail "$label" "wrong:$bad"; fi

label="deb/maintainer-scripts"
bad=
for s in postinst prerm; do
    [ -x "$root/DEBIAN/$s" ] || { bad="$bad $s(missing)"; continue; }
    sh -n "$root/DEBIAN/$s" 2>/dev/null || bad="$bad $s(syntax)"
    grep -q "$entry" "$root/DEBIAN/$s" || bad="$bad $s(no $entry)"
done
if [ -z "$bad" ]; then tap_ok "$label"; else tap_fail "$label" "bad:$bad"; fi

# ---- lintian ------------------------------------------------------------------------
label="deb/lintian"
if ! command -v lintian >/dev/null 2>&1; then
    tap_skip "$label" "lintian is not installed (make deps)"
else
    lintian --tag-display-limit 0 "$deb" >"$out/lintian.txt" 2>&1
    if grep -q "^E: " "$out/lintian.txt"; then
        tap_fail "$label" "lintian errors"
        grep "^E: " "$out/lintian.txt" | head -n 8 | sed 's/^/#   /'
    else
        tap_ok "$label"
        n=$(grep -c "^W: " "$out/lintian.txt" || true)
        [ "$n" = 0 ] || tap_note "$label: $n lintian warnings (see $out/lintian.txt)"
    fi
fi
exit 0
