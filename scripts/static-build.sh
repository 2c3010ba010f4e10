#!/bin/sh
# Configure (once) and build the static qemu-aarch64 in DIR: the build that
# tests/static checks and make deb packages, beside the dynamic one in
# build/.  Configured again when there is no static configuration in DIR,
# when configure is newer than it, or when the tier is required (--tier)
# and the configuration has none; otherwise the patched tree is refreshed,
# as make does, and ninja rebuilds what changed (ccache makes a first build
# of a second tree cheap).
#
# usage: static-build.sh DIR [--tier]
#   prints the binary's path on success
# Exit status: 0 built; 3 configure found static libraries missing (its
# message on stderr); 1 anything else failed (the log named on stderr).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
tier=${2:-}
mkdir -p "$dir"
log=$dir/static-build.log

mak() { sed -n "s/^$1 := //p" "$dir/config.mak" 2>/dev/null; }
if [ "$(mak STATIC)" = yes ] && [ -f "$dir/qemu-build/build.ninja" ] &&
        ! [ "$src/configure" -nt "$dir/config.mak" ] &&
        { [ -z "$tier" ] || [ "$(mak LLVM)" = yes ]; }; then
    "$src/scripts/prepare-tree.sh" "$src" "$(mak CACHE_DIR)" \
        "$(mak QEMU_VERSION)" "$(mak QEMU_SRC)" >"$log" 2>&1 || {
        echo "static-build: preparing the QEMU tree failed; see $log" >&2
        exit 1
    }
else
    set -- --static --builddir="$dir"
    [ -z "$tier" ] || set -- "$@" --enable-llvm
    if ! "$src/configure" "$@" >"$log" 2>&1; then
        if grep -q "missing" "$log"; then
            grep -m1 "missing" "$log" >&2
            exit 3
        fi
        echo "static-build: ./configure $* failed; see $log" >&2
        exit 1
    fi
fi
if ! ninja -C "$dir/qemu-build" qemu-aarch64 >>"$log" 2>&1; then
    echo "static-build: the static build failed; see $log" >&2
    exit 1
fi
echo "$dir/qemu-build/qemu-aarch64"
