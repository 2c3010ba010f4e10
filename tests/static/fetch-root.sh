#!/bin/sh
# An arm64 Debian root for the chroot tests of the static build: Debian's
# arm64 builds of a shell, coreutils, grep, sed and apt with their whole
# dependency closure, downloaded with apt from the machine's own Debian
# mirror (scripts/apt-private.sh) and unpacked with dpkg -x, as a root that
# debootstrap would start from (no maintainer scripts run; /bin/sh made).
#
# usage: fetch-root.sh   prints the root's folder on stdout
# Cache: $QEMU_HYBRID_CACHE/arm64-root (default ~/.cache/qemu-hybrid):
#   apt/ the private apt state, root/ the root, stamp the package list.
# When the stamp matches nothing is fetched (no network).
# Exit status: 0 ready; 3 the mirror or the download failed (why on stderr).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
. "$src/scripts/apt-private.sh"

cache=${QEMU_HYBRID_CACHE:-$HOME/.cache/qemu-hybrid}/arm64-root
packages="dash coreutils grep sed apt"
say() { echo "fetch-root: $*" >&2; }
die() { say "$*"; exit 3; }

if [ -x "$cache/root/bin/sh" ] && [ "$(cat "$cache/stamp" 2>/dev/null)" = "$packages" ]; then
    echo "$cache/root"
    exit 0
fi
mkdir -p "$cache"
opts=$(apt_closure_opts "$cache/apt" arm64) ||
    die "no Debian '$(apt_codename)' main entry found in /etc/apt"
# shellcheck disable=SC2086
apt-get -q $opts update >"$cache/update.log" 2>&1 ||
    { tail -n 5 "$cache/update.log" >&2; die "apt-get update failed"; }
rm -f "$cache/apt/cache/archives/"*.deb
# shellcheck disable=SC2086
apt-get -q -y $opts install --download-only $packages >"$cache/download.log" 2>&1 ||
    { tail -n 15 "$cache/download.log" >&2; die "the download failed"; }
tmp=$cache/root.new
rm -rf "$tmp"
mkdir -p "$tmp"
for deb in "$cache/apt/cache/archives/"*.deb; do
    dpkg -x "$deb" "$tmp" || die "dpkg -x $deb failed"
done
# dash's maintainer script makes /bin/sh; the root needs /tmp too.
[ -e "$tmp/bin/sh" ] || ln -s dash "$tmp/bin/sh"
mkdir -p "$tmp/tmp" "$tmp/proc" "$tmp/dev"
chmod 1777 "$tmp/tmp"
rm -rf "$cache/root"
mv "$tmp" "$cache/root"
echo "$packages" >"$cache/stamp"
say "unpacked $(ls "$cache/apt/cache/archives/"*.deb | wc -l) packages into $cache/root"
echo "$cache/root"
