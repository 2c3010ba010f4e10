#!/bin/sh
# Unpack Debian's qemu source package, apply our patch series and link our
# own directories in, giving the tree QEMU's configure runs on.
#
# usage: prepare-tree.sh SRCDIR CACHE_DIR VERSION DEST
#   SRCDIR     the fork's checkout (holds the patches and our directories)
#   CACHE_DIR  where the source package is cached (fetched if missing)
#   VERSION    Debian version of the qemu source package
#   DEST       the tree to create (replaced only when out of date)
#
# The series is every */patches/NNNN-*.patch and patches/NNNN-*.patch of
# the fork, applied in NNNN order with no fuzz: a patch that does not apply
# exactly stops the build rather than landing somewhere unexpected.
set -eu

srcdir=$1
cache=$2
want=$3
dest=$4

die() { echo "prepare-tree: $*" >&2; exit 1; }

series() {
    (cd "$srcdir" && ls patches/*.patch */patches/*.patch \
        */*/patches/*.patch 2>/dev/null) |
        awk -F/ '{ print $NF "\t" $0 }' | sort | cut -f2
}

# Anything that changes the result changes the stamp.
stamp_of() {
    {
        echo "qemu $1"
        for p in $(series); do
            cksum < "$srcdir/$p"
        done
    } | cksum | cut -d' ' -f1
}

dsc_of() {
    v=${1#*:}       # the file name carries no epoch
    echo "$cache/src/qemu_$v.dsc"
}

# Up to date already?  Then the source package is not even needed.
if [ -f "$dest/.qemu-hybrid-stamp" ] &&
   [ "$(cat "$dest/.qemu-hybrid-stamp")" = "$(stamp_of "$want")" ]; then
    echo "$want"
    exit 0
fi

# One fetch or unpack at a time per cache (parallel builds, CI jobs).
mkdir -p "$cache"
exec 9> "$cache/.lock"
flock 9 || die "cannot lock $cache/.lock"

version=$want
if [ ! -f "$(dsc_of "$version")" ]; then
    # A fetch may settle on another 7.2 revision; reuse it if cached.
    cached=$(cat "$cache/version" 2>/dev/null || true)
    if [ -n "$cached" ] && [ -f "$(dsc_of "$cached")" ] &&
       [ "${QEMU_HYBRID_REFETCH:-}" != 1 ]; then
        version=$cached
    else
        version=$("$srcdir/scripts/fetch-qemu-source.sh" "$cache" "$want") ||
            die "could not get Debian's qemu $want source package (see above)"
        echo "$version" > "$cache/version"
    fi
fi

stamp=$(stamp_of "$version")
tmp=$dest.new
rm -rf "$tmp"
echo "prepare-tree: unpacking qemu $version" >&2
dpkg-source -x "$(dsc_of "$version")" "$tmp" >/dev/null ||
    die "dpkg-source could not unpack $(dsc_of "$version")"

for p in $(series); do
    echo "prepare-tree: applying $p" >&2
    patch -d "$tmp" -p1 -F0 -N -s --no-backup-if-mismatch < "$srcdir/$p" ||
        die "$p does not apply to qemu $version"
done

# Our directories enter QEMU's build through this one link.
ln -s "$srcdir" "$tmp/hybrid"
echo "$stamp" > "$tmp/.qemu-hybrid-stamp"
# configure's decisions survive a re-unpack started by make.
[ ! -f "$dest/hybrid-config.txt" ] || cp "$dest/hybrid-config.txt" "$tmp/"
rm -rf "$dest"
mv "$tmp" "$dest"
echo "$version"
