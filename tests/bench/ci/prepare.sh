#!/bin/sh
# Prepare make bench SUITE=ci: fetch each project's Debian source package
# (cached), unpack it, build it natively and for aarch64 (cached in OUT),
# write the emulator wrapper and, per project, the two commands that
# bench.sh times.
#
# usage: prepare.sh OUT [name ...]
#   OUT/src/NAME, OUT/native/NAME, OUT/cross/NAME (build trees),
#   OUT/wrap/qemu-aarch64 (runs $QEMU_HYBRID_CI_EMU "$@", with
#   QEMU_LD_PREFIX defaulting to the cross toolchain's root),
#   OUT/run/NAME.native, OUT/run/NAME.emulated: one line each, the
#   command (program and arguments, split at blanks; the program is "env
#   -C DIR ..." where the tests must run in a directory).  The emulated
#   command runs test programs through OUT/wrap: the build system's hook
#   for cmake, the wrapper in front of the test binary for go.
# Sources: $QEMU_HYBRID_CACHE/ci-src (default ~/.cache/qemu-hybrid), with
# a private deb-src apt state derived from /etc/apt (scripts/apt-private.sh).
# Go: the installed toolchain's GOROOT/src (Debian's golang-go), build
# cache in OUT/go-cache.
# Exit status: 0 ready; 3 the mirror, a download or a tool is missing;
# 1 a build failed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
. "$src/scripts/apt-private.sh"
out=$1; shift
cache=${QEMU_HYBRID_CACHE:-$HOME/.cache/qemu-hybrid}/ci-src
say() { echo "ci-prepare: $*" >&2; }
CROSS_CC=${CROSS_CC:-aarch64-linux-gnu-gcc}
SYSROOT=${SYSROOT:-/usr/aarch64-linux-gnu}

mkdir -p "$out/wrap" "$out/run" "$cache"
# The wrapper: dynamic test programs find the aarch64 libc through
# QEMU_LD_PREFIX (brotli's CMake sets it itself; libjpeg-turbo's does not).
cat >"$out/wrap/qemu-aarch64.tmp" <<EOF
#!/bin/sh
# the emulator of the configuration being timed (bench.sh)
: "\${QEMU_LD_PREFIX:=$SYSROOT}"
export QEMU_LD_PREFIX
exec \$QEMU_HYBRID_CI_EMU "\$@"
EOF
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

# gobuild ARCH PKG OUTFILE: the package's test binary for ARCH.
gobuild() {
    (cd "$GOROOT/src/$2" &&
        GOARCH=$1 CGO_ENABLED=0 GOCACHE="$out/go-cache" GOPATH="$out/gopath" \
        GOFLAGS='' GO111MODULE=off go test -c -o "$3" .)
}

# go_run_args NAME SKIP: the test binary's arguments: -test.short, and
# when tests are left out, -test.run with every other test, example and
# fuzz seed of the package by name (Go 1.19 has no -test.skip).  The list
# comes from the native binary: these packages have no per-architecture
# tests.
go_run_args() {
    if [ "$2" = - ]; then echo "-test.short"; return; fi
    "$out/native/$1/test" -test.list . | awk -v skip=" $2 " '
        /^Benchmark/ { next }
        index(skip, " " $1 " ") { next }
        { re = re (re == "" ? "" : "|") $1 }
        END { printf "-test.short -test.run ^(%s)$\n", re }'
}

awk -F'|' '!/^#/ && NF > 4' "$here/projects.txt" | while IFS='|' read -r name pkg system opts skip _what; do
    name=$(echo $name); pkg=$(echo $pkg); system=$(echo $system); skip=$(echo $skip)
    opts=$(echo $opts)
    if [ $# -gt 0 ]; then case " $* " in *" $name "*) ;; *) continue ;; esac; fi
    case $system in
    cmake)
        dsc=$(fetch_source "$pkg") || exit 3
        stamp="$(basename "$dsc") $system $opts $CROSS_CC" ;;
    go)
        command -v go >/dev/null 2>&1 || { say "$name: no go command (Debian's golang-go: make deps)"; exit 3; }
        GOROOT=$(go env GOROOT)
        stamp="$(go version) $system $opts" ;;
    *) say "$name: unknown build system $system"; exit 1 ;;
    esac
    if [ "$(cat "$out/$name.stamp" 2>/dev/null)" != "$stamp" ]; then
        rm -rf "$out/src/$name" "$out/native/$name" "$out/cross/$name" "$out/$name.stamp"
        case $system in
        cmake)
            mkdir -p "$out/src"
            dpkg-source -q -x "$dsc" "$out/src/$name" >&2 || { say "dpkg-source -x $dsc failed"; exit 1; }
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
        go)
            say "$name: go test -c $opts, amd64 and arm64"
            mkdir -p "$out/native/$name" "$out/cross/$name"
            { gobuild amd64 "$opts" "$out/native/$name/test" &&
              gobuild arm64 "$opts" "$out/cross/$name/test"; } >"$out/$name.build.log" 2>&1 ||
                { tail -n 20 "$out/$name.build.log" >&2; exit 1; }
            ;;
        esac
        echo "$stamp" >"$out/$name.stamp"
    fi
    # the commands (rewritten every time: cheap, and OUT may have moved)
    case $system in
    cmake)
        e=; [ "$skip" = - ] || e=" -E $skip"
        echo "ctest --test-dir $out/native/$name -j2$e" >"$out/run/$name.native"
        echo "ctest --test-dir $out/cross/$name -j2$e" >"$out/run/$name.emulated"
        ;;
    go)
        a=$(go_run_args "$name" "$skip") || { say "$name: -test.list failed"; exit 1; }
        echo "env -C $GOROOT/src/$opts $out/native/$name/test $a" >"$out/run/$name.native"
        echo "env -C $GOROOT/src/$opts $out/wrap/qemu-aarch64 $out/cross/$name/test $a" >"$out/run/$name.emulated"
        ;;
    esac
done
