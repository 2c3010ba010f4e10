#!/bin/sh
# Prepare make bench SUITE=ci: fetch each project's Debian source package
# (cached), unpack it, build it natively and for aarch64 (cached in OUT),
# and write the emulator wrapper.
#
# usage: prepare.sh OUT [name ...]
#   OUT/src/NAME, OUT/native/NAME, OUT/cross/NAME (build trees),
#   OUT/wrap/qemu-aarch64 (runs $QEMU_HYBRID_CI_EMU "$@")
# Sources: $QEMU_HYBRID_CACHE/ci-src (default ~/.cache/qemu-hybrid), with
# a private deb-src apt state derived from /etc/apt (scripts/apt-private.sh).
# Exit status: 0 ready; 3 the mirror or a download failed; 1 a build failed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
. "$src/scripts/apt-private.sh"
out=$1; shift
cache=${QEMU_HYBRID_CACHE:-$HOME/.cache/qemu-hybrid}/ci-src
say() { echo "ci-prepare: $*" >&2; }
CROSS_CC=${CROSS_CC:-aarch64-linux-gnu-gcc}

mkdir -p "$out/wrap" "$cache"
printf '#!/bin/sh\n# the emulator of the configuration being timed (bench.sh)\nexec $QEMU_HYBRID_CI_EMU "$@"\n' >"$out/wrap/qemu-aarch64.tmp"
chmod +x "$out/wrap/qemu-aarch64.tmp"
mv -f "$out/wrap/qemu-aarch64.tmp" "$out/wrap/qemu-aarch64"

apt_ready=
fetch_source() {    # fetch_source PKG: prints the .dsc
    dsc=$(ls "$cache/$1"_*.dsc 2>/dev/null | tail -n 1)
    [ -z "$dsc" ] || { echo "$dsc"; return 0; }
    if [ -z "$apt_ready" ]; then
        apt_private_sources deb-src "$cache/apt/sources.list" || { say "no Debian entry in /etc/apt"; return 3; }
        APT_OPTS="$(apt_private_opts "$cache/apt" "$cache/apt/sources.list") -o Dir::State::Status=/var/lib/dpkg/status"
        # shellcheck disable=SC2086
        apt-get -q $APT_OPTS update >&2 || { say "apt-get update failed"; return 3; }
        apt_ready=1
    fi
    # the newest version whose files the mirror delivers (some security
    # updates are listed but not served)
    # shellcheck disable=SC2086
    for v in $(apt-cache $APT_OPTS showsrc "$1" | awk '/^Version:/ { print $2 }' | sort -ru); do
        # shellcheck disable=SC2086
        (cd "$cache" && apt-get -q $APT_OPTS source --download-only "$1=$v" >&2) && {
            ls "$cache/$1"_*.dsc | tail -n 1; return 0; }
        say "$1=$v could not be downloaded, trying an older version"
    done
    say "no version of $1 could be downloaded"
    return 3
}

awk -F'|' '!/^#/ && NF > 3' "$here/projects.txt" | while IFS='|' read -r name pkg system opts _what; do
    name=$(echo $name); pkg=$(echo $pkg); system=$(echo $system)
    if [ $# -gt 0 ]; then case " $* " in *" $name "*) ;; *) continue ;; esac; fi
    dsc=$(fetch_source "$pkg") || exit 3
    stamp="$(basename "$dsc") $system $opts $CROSS_CC"
    if [ "$(cat "$out/$name.stamp" 2>/dev/null)" = "$stamp" ]; then continue; fi
    rm -rf "$out/src/$name" "$out/native/$name" "$out/cross/$name"
    mkdir -p "$out/src"
    dpkg-source -q -x "$dsc" "$out/src/$name" >&2 || { say "dpkg-source -x $dsc failed"; exit 1; }
    case $system in
    cmake)
        say "$name: native build"
        # shellcheck disable=SC2086
        { cmake -S "$out/src/$name" -B "$out/native/$name" -G Ninja $opts &&
          ninja -C "$out/native/$name"; } >"$out/$name.native.log" 2>&1 ||
            { tail -n 20 "$out/$name.native.log" >&2; exit 1; }
        say "$name: aarch64 build ($CROSS_CC)"
        # shellcheck disable=SC2086
        { cmake -S "$out/src/$name" -B "$out/cross/$name" -G Ninja $opts \
              -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64 \
              -DCMAKE_C_COMPILER="$CROSS_CC" \
              -DCMAKE_CROSSCOMPILING_EMULATOR="$out/wrap/qemu-aarch64" &&
          ninja -C "$out/cross/$name"; } >"$out/$name.cross.log" 2>&1 ||
            { tail -n 20 "$out/$name.cross.log" >&2; exit 1; }
        ;;
    *) say "$name: unknown build system $system"; exit 1 ;;
    esac
    echo "$stamp" >"$out/$name.stamp"
done
