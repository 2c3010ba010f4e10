#!/bin/sh
# The two roots of the real-program benchmarks: Debian's arm64 builds of
# the packages named in programs.txt (the guest sysroot, for qemu -L) and
# the amd64 builds of the very same versions (the native baseline), each
# with its dependency closure, unpacked with dpkg -x into a cached folder.
#
# usage: fetch-sysroot.sh
#   prints the folder that holds arm64/ and amd64/ on stdout
#
# Cache: $QEMU_HYBRID_CACHE/real-sysroot (default ~/.cache/qemu-hybrid):
#   apt-arm64/, apt-amd64/   private apt states: sources derived from
#            /etc/apt (scripts/apt-private.sh), APT::Architecture set, an
#            empty dpkg status (so apt downloads the whole closure), the
#            downloaded .deb files
#   arm64/, amd64/           the unpacked roots
#   versions                 package=version of every program package
#   stamp                    the package list the roots were made from
# When the stamp matches programs.txt nothing is fetched (no network).
# Otherwise: apt-get update of the arm64 state, the candidate version of
# each program package there, apt-get install --download-only of
# PACKAGE=VERSION with its dependencies for arm64, then the same pinned
# versions for amd64 (plus the native-only packages, "native:NAME" in
# programs.txt), each unpacked into a fresh folder that replaces the old;
# then Python's byte code is compiled in both, as a Debian install would.
#
# Exit status: 0 ready; 3 the mirror or the download failed (why on stderr).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
. "$src/scripts/apt-private.sh"

cache=${QEMU_HYBRID_CACHE:-$HOME/.cache/qemu-hybrid}/real-sysroot
say() { echo "fetch-sysroot: $*" >&2; }
die() { say "$*"; exit 3; }

# The packages: both arches, and native:NAME for amd64 only.
words=$(awk -F'|' '!/^#/ && NF > 3 { print $2 }' "$here/programs.txt" | tr ' ,' '\n\n' | awk 'NF' | sort -u)
both=$(echo "$words" | grep -v '^native:' || true)
native_only=$(echo "$words" | sed -n 's/^native://p')
stamp=$(printf '%s\n' $words)

if [ -d "$cache/arm64" ] && [ -d "$cache/amd64" ] && [ -f "$cache/stamp" ] &&
        [ "$(cat "$cache/stamp")" = "$stamp" ]; then
    echo "$cache"
    exit 0
fi
mkdir -p "$cache"

# apt_for ARCH: APT_OPTS, the options of ARCH's private state.
apt_for() {
    APT_OPTS=$(apt_closure_opts "$cache/apt-$1" "$1") ||
        die "no Debian '$(apt_codename)' main entry found in /etc/apt"
}

# fetch ARCH PACKAGE...: download the closure and unpack it into $cache/ARCH.
fetch() {
    arch=$1; shift
    apt_for "$arch"
    dir=$cache/apt-$arch
    say "$arch: apt-get update (deb lines from /etc/apt, private state in $dir)"
    # shellcheck disable=SC2086
    apt-get -q $APT_OPTS update >&2 || die "apt-get update failed for: $(cat "$dir/sources.list")"
    if [ "$arch" = arm64 ]; then
        # the candidate versions, the ones both roots get
        : > "$cache/versions.new"
        for p in "$@"; do
            # shellcheck disable=SC2086
            v=$(apt-cache $APT_OPTS policy "$p" | awk '/Candidate:/ { print $2 }')
            case $v in ''|'(none)') die "the mirror has no arm64 package $p" ;; esac
            echo "$p=$v" >> "$cache/versions.new"
        done
        # shellcheck disable=SC2046  # one PACKAGE=VERSION per word
        set -- $(cat "$cache/versions.new")
    fi
    rm -f "$dir/cache/archives/"*.deb
    say "$arch: downloading $* and their dependencies"
    # shellcheck disable=SC2086
    apt-get -q -y $APT_OPTS install --download-only "$@" >"$dir/download.log" 2>&1 || {
        tail -n 15 "$dir/download.log" >&2; die "$arch: the download failed"; }
    tmp=$cache/$arch.new
    rm -rf "$tmp"
    mkdir -p "$tmp"
    n=0
    for deb in "$dir/cache/archives/"*.deb; do
        dpkg -x "$deb" "$tmp" || die "dpkg -x $deb failed"
        n=$((n + 1))
    done
    # Absolute symbolic links point into the host's root: make them
    # relative, so that they stay inside the root (qemu -L follows them
    # on the host).
    find "$tmp" -type l | while read -r l; do
        t=$(readlink "$l")
        case $t in
        /*) ln -sfn "$(realpath -m --relative-to="$(dirname "${l#"$tmp"}")" "$t")" "$l" ;;
        esac
    done
    rm -rf "${cache:?}/$arch"
    mv "$tmp" "$cache/$arch"
    say "$arch: unpacked $n packages into $cache/$arch ($(du -sh "$cache/$arch" | cut -f1))"
}

# shellcheck disable=SC2046,SC2086
fetch arm64 $both
# shellcheck disable=SC2046,SC2086
fetch amd64 $(cat "$cache/versions.new") $native_only
# Debian compiles Python's byte code when a package is installed, not in
# the .deb: do it here for both roots (the byte code is the same on both
# architectures), with the amd64 root's own python, so that runs do not
# compile the standard library at every start.
a=$cache/amd64
for r in "$cache/amd64" "$cache/arm64"; do
    for d in "$r"/usr/lib/python3.*; do
        [ -d "$d" ] || continue
        "$a/lib64/ld-linux-x86-64.so.2" --library-path "$a/lib/x86_64-linux-gnu:$a/usr/lib/x86_64-linux-gnu" \
            "$a/usr/bin/${d##*/}" -m compileall -q -j0 -x 'lib2to3|test' "$d" >/dev/null 2>&1 ||
            say "compileall of $d failed (runs compile the byte code themselves)"
    done
done
mv "$cache/versions.new" "$cache/versions"
printf '%s\n' "$stamp" > "$cache/stamp"
echo "$cache"
