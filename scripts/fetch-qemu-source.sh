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
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
         "$apt_dir/parts" "$src_dir"

die() { echo "fetch-qemu-source: $*" >&2; exit 1; }

codename=$( . /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || die "cannot read VERSION_CODENAME from /etc/os-release"

# Emit "URI SUITE [signed-by]" for every enabled Debian deb entry that
# carries the main component of this release (codename, -updates, -security).
debian_entries() {
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        sed -e 's/#.*//' "$f" | awk '
            $1 == "deb" {
                opts = ""; i = 2
                if ($2 ~ /^\[/) {
                    while (i <= NF && $i !~ /\]$/) { opts = opts " " $i; i++ }
                    opts = opts " " $i; i++
                }
                uri = $i; suite = $(i + 1); main = 0
                for (j = i + 2; j <= NF; j++) if ($j == "main") main = 1
                sb = ""
                if (match(opts, /signed-by=[^] ]*/))
                    sb = substr(opts, RSTART + 10, RLENGTH - 10)
                if (main) print uri, suite, sb
            }'
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        # deb822: stanzas separated by blank lines; drop comment lines
        # first so that they do not split a stanza.
        sed -e '/^[[:space:]]*#/d' "$f" | awk '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && comps ~ /(^| )main( |$)/ &&
                    enabled != "no") {
                    n = split(uris, u, " "); m = split(suites, s, " ")
                    for (a = 1; a <= n; a++)
                        for (b = 1; b <= m; b++) print u[a], s[b], sb
                }
                types = uris = suites = comps = sb = enabled = ""
            }
            /^[ \t]*$/ { flush(); next }
            {
                key = tolower($1); sub(/:$/, "", key)
                val = $0; sub(/^[^:]*:[ \t]*/, "", val)
                if (key == "types") types = val
                else if (key == "uris") uris = val
                else if (key == "suites") suites = val
                else if (key == "components") comps = val
                else if (key == "signed-by") sb = val
                else if (key == "enabled") enabled = tolower(val)
            }
            END { flush() }'
    done
}

list=$apt_dir/sources.list
: > "$list"
debian_entries | sort -u | while read -r uri suite sb; do
    case $suite in
    "$codename"|"$codename"-updates|"$codename"-security|"$codename"/updates) ;;
    *) continue ;;
    esac
    if [ -n "$sb" ]; then
        echo "deb-src [signed-by=$sb] $uri $suite main" >> "$list"
    else
        echo "deb-src $uri $suite main" >> "$list"
    fi
done
[ -s "$list" ] || die "no Debian '$codename' main entry found in /etc/apt;
  add one (e.g. in /etc/apt/sources.list.d/debian.sources) and run again"

apt_opts="-o Dir::Etc::SourceList=$list -o Dir::Etc::SourceParts=$apt_dir/parts
 -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache
 -o Dir::State::Status=/var/lib/dpkg/status -o APT::Sandbox::User=root
 -o Debug::NoLocking=1"

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
