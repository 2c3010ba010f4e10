#!/bin/sh
# Fetch Debian bookworm's qemu source package into a cache directory.
#
# We never edit /etc/apt: a private apt state (sources list, lists, cache)
# lives under the cache directory.  Its deb-src lines are derived from the
# machine's own Debian "deb" entries (one-line and deb822 formats), so the
# mirror is whatever this machine already uses.
#
# usage: fetch-qemu-source.sh CACHE_DIR VERSION
# On success CACHE_DIR/src holds qemu_VERSION.dsc and its tarballs and the
# chosen version is printed on stdout.  Diagnostics go to stderr.
set -eu

cache=$1
want=$2
apt_dir=$cache/apt
src_dir=$cache/src
mkdir -p "$src_dir"

die() { echo "fetch-qemu-source: $*" >&2; exit 1; }

. "$(dirname "$0")/apt-private.sh"
codename=$(apt_codename) || die "cannot read VERSION_CODENAME from /etc/os-release"

list=$apt_dir/sources.list
apt_private_sources deb-src "$list" ||
    die "no Debian '$codename' main entry found in /etc/apt;
  add one (e.g. in /etc/apt/sources.list.d/debian.sources) and run again"

apt_opts="$(apt_private_opts "$apt_dir" "$list") -o Dir::State::Status=/var/lib/dpkg/status"

echo "fetch-qemu-source: apt-get update (deb-src from /etc/apt, private state in $apt_dir)" >&2
# shellcheck disable=SC2086
apt-get -q $apt_opts update >&2 || die "apt-get update failed for:
$(cat "$list")
  check the network and the Debian mirror, or put the source package
  (qemu_${want#*:}.dsc and its tarballs) into $src_dir by hand"

# Prefer the pinned version; fall back to the newest 7.2 one with a warning
# (the patch series is applied strictly afterwards, so a drifted tree fails
# loudly at patch time instead of building something unexpected).
# shellcheck disable=SC2086
avail=$(apt-cache $apt_opts showsrc qemu 2>/dev/null | awk '/^Version:/ {print $2}')
version=
for v in $avail; do
    [ "$v" = "$want" ] && version=$v
done
if [ -z "$version" ]; then
    for v in $avail; do
        case $v in 1:7.2+dfsg-*) ;; *) continue ;; esac
        if [ -z "$version" ] || dpkg --compare-versions "$v" gt "$version"; then
            version=$v
        fi
    done
    [ -n "$version" ] || die "qemu $want is not offered by the mirror (offered: ${avail:-none})"
    echo "fetch-qemu-source: WARNING: qemu $want not offered, using $version" >&2
fi

cd "$src_dir"
# shellcheck disable=SC2086
apt-get -q $apt_opts source --download-only "qemu=$version" >&2 ||
    die "apt-get source qemu=$version failed"
echo "$version"
