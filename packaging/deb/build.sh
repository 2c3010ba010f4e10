#!/bin/sh
# Build the Debian package of the static qemu-aarch64 (issue 21):
# qemu-hybrid-user-static_VERSION_amd64.deb, which installs beside Debian's
# own qemu-user and qemu-user-static without a clash and registers itself
# with binfmt_misc (flag F) at install and at every boot.
#
# usage: build.sh STATIC-QEMU OUTDIR
#   prints the .deb's path.  Made with dpkg-deb --root-owner-group, so no
#   root and no fakeroot are needed.
#
# What goes in (packaging/deb/README.Debian says the same for users):
#   /usr/bin/qemu-aarch64-hybrid-static   the emulator, stripped
#   /usr/bin/qemu-aarch64-hybrid-binfmt   scripts/qemu-aarch64-binfmt
#   /usr/lib/binfmt.d/qemu-hybrid-aarch64.conf
#                                         systemd-binfmt's line: the
#                                         script's 'line' output, flag F
#   /usr/share/binfmts/qemu-hybrid-aarch64
#                                         binfmt-support's format
#   /usr/share/doc/qemu-hybrid-user-static/
#   /usr/share/man/man1/               a page for each command
#   /usr/share/lintian/overrides/qemu-hybrid-user-static
#                                         the libraries a static binary
#                                         embeds by design
# qemu-offload-cc is left out: it links libclang and libLLVM dynamically,
# a development tool that 'make install' installs; the package stays
# without dependencies, as a static emulator for containers should.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
qemu=$1
outdir=$2
pkg=qemu-hybrid-user-static
bin=/usr/bin/qemu-aarch64-hybrid-static
entry=qemu-hybrid-aarch64
die() { echo "make-deb: $*" >&2; exit 1; }

[ -x "$qemu" ] || die "$qemu: no such executable"
LC_ALL=C readelf -l "$qemu" 2>/dev/null | grep -q INTERP &&
    die "$qemu is dynamically linked: the package needs the static build"

# 0.<commits>+g<commit>: grows with every commit; 0.0 outside a checkout.
if count=$(git -C "$src" rev-list --count HEAD 2>/dev/null) &&
   hash=$(git -C "$src" rev-parse --short=10 HEAD 2>/dev/null); then
    version=0.$count+g$hash
else
    version=0.0
fi
qemu_version=$(sed -n 's/^QEMU_VERSION := //p' \
    "$(dirname "$(dirname "$qemu")")/config.mak" 2>/dev/null || true)

root=$outdir/deb-root
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib/binfmt.d" \
    "$root/usr/share/binfmts" "$root/usr/share/doc/$pkg"

strip --strip-unneeded -o "$root$bin" "$qemu"
chmod 755 "$root$bin"
install -m 755 "$src/scripts/qemu-aarch64-binfmt" \
    "$root/usr/bin/qemu-aarch64-hybrid-binfmt"

# The registration line, from the script that registers by hand, so that
# both always agree (tests/deb checks it).  Its checks want the emulator
# at its path: give it the staged one, then name the installed path.
line=$("$src/scripts/qemu-aarch64-binfmt" line --qemu "$root$bin" \
       --name "$entry" --flags F) || die "qemu-aarch64-binfmt line failed"
printf '%s\n' "$line" | sed "s|:$root$bin:|:$bin:|" \
    >"$root/usr/lib/binfmt.d/$entry.conf"
magic=$(printf '%s\n' "$line" | cut -d: -f5)
mask=$(printf '%s\n' "$line" | cut -d: -f6)
cat >"$root/usr/share/binfmts/$entry" <<FMT
package $pkg
interpreter $bin
magic $magic
mask $mask
credentials no
fix_binary yes
FMT

for f in postinst prerm; do
    install -m 755 "$here/$f" "$root/DEBIAN/$f"
done
install -m 644 "$here/copyright" "$root/usr/share/doc/$pkg/copyright"
install -m 644 "$here/README.Debian" "$root/usr/share/doc/$pkg/README.Debian"
install -D -m 644 "$here/lintian-overrides" \
    "$root/usr/share/lintian/overrides/$pkg"
for m in qemu-aarch64-hybrid-static qemu-aarch64-hybrid-binfmt; do
    install -d "$root/usr/share/man/man1"
    gzip -9n <"$here/$m.1" >"$root/usr/share/man/man1/$m.1.gz"
done
{
    echo "$pkg ($version) unstable; urgency=medium"
    echo
    echo "  * Built from qemu-hybrid $(git -C "$src" rev-parse HEAD 2>/dev/null || echo '(no git checkout)')"
    echo "    on Debian's qemu ${qemu_version:-7.2}."
    echo
    echo " -- qemu-hybrid developers <qemu-hybrid@users.noreply.github.com>  $(date -R -u)"
} | gzip -9n >"$root/usr/share/doc/$pkg/changelog.gz"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CTL
Package: $pkg
Version: $version
Architecture: amd64
Maintainer: qemu-hybrid developers <qemu-hybrid@users.noreply.github.com>
Installed-Size: $size
Section: otherosfs
Priority: optional
Recommends: systemd | binfmt-support
Description: QEMU user-mode aarch64 emulator with an LLVM trace tier (static)
 qemu-aarch64-hybrid-static runs aarch64 Linux programs on x86-64 hosts,
 as Debian's qemu-aarch64-static does, with hot code compiled by LLVM.
 It is statically linked and registered with binfmt_misc with the F
 flag, so aarch64 programs run directly, also inside containers and
 chroots.  Based on Debian's qemu ${qemu_version:-7.2} source.
 .
 It installs beside qemu-user and qemu-user-static: its binfmt_misc entry
 is qemu-hybrid-aarch64.
CTL
(cd "$root" && find usr -type f -exec md5sum {} + | LC_ALL=C sort -k2) \
    >"$root/DEBIAN/md5sums"

deb=$outdir/${pkg}_${version}_amd64.deb
rm -f "$outdir/${pkg}"_*_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null ||
    die "dpkg-deb failed"
echo "$deb"
