# Private apt state for the project's scripts (sourced, POSIX sh).
#
# We never edit /etc/apt: the scripts that fetch Debian packages (the QEMU
# source package, the arm64 sysroot of the real-program benchmarks) keep a
# private apt state (sources list, lists, cache) under their cache
# directory.  Its entries are derived from the machine's own Debian "deb"
# entries (one-line and deb822 formats), so the mirror is whatever this
# machine already uses.
#
#   apt_codename                       this release's codename (or fails)
#   apt_private_sources TYPE LIST      write LIST: one "TYPE [signed-by=K]
#                                      URI SUITE main" line per Debian entry
#                                      of this release (status 1: none)
#   apt_private_opts APT_DIR LIST      apt options for that state (prints)
#   apt_closure_opts APT_DIR ARCH      options to download ARCH packages with
#                                      their whole dependency closure, in a
#                                      private state under APT_DIR (prints;
#                                      status 1: no Debian entry)

apt_codename() {
    _c=$( . /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
    [ -n "$_c" ] && echo "$_c"
}

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

# apt_private_sources TYPE LIST: the Debian entries of this release
# (codename, -updates, -security), main component, as TYPE lines in LIST.
apt_private_sources() {
    _codename=$(apt_codename) || return 1
    mkdir -p "$(dirname "$2")" || return 1
    : > "$2"
    debian_entries | sort -u | while read -r uri suite sb; do
        case $suite in
        "$_codename"|"$_codename"-updates|"$_codename"-security|"$_codename"/updates) ;;
        *) continue ;;
        esac
        if [ -n "$sb" ]; then
            echo "$1 [signed-by=$sb] $uri $suite main" >> "$2"
        else
            echo "$1 $uri $suite main" >> "$2"
        fi
    done
    [ -s "$2" ]
}

# apt_private_opts APT_DIR LIST: options that point apt at the private
# state under APT_DIR (creates its folders); the dpkg status stays the
# machine's unless the caller adds its own Dir::State::Status.
apt_private_opts() {
    mkdir -p "$1/lists/partial" "$1/cache/archives/partial" "$1/parts"
    echo "-o Dir::Etc::SourceList=$2 -o Dir::Etc::SourceParts=$1/parts" \
         "-o Dir::State::Lists=$1/lists -o Dir::Cache=$1/cache" \
         "-o APT::Sandbox::User=root -o Debug::NoLocking=1"
}

# apt_closure_opts APT_DIR ARCH: a private state for ARCH with an empty
# dpkg status, so that apt downloads every dependency (for dpkg -x into a
# root), without recommends or suggests and without the machine's pins.
apt_closure_opts() {
    apt_private_sources deb "$1/sources.list" || return 1
    : > "$1/status.empty"
    echo "$(apt_private_opts "$1" "$1/sources.list")" \
         "-o Dir::State::Status=$1/status.empty" \
         "-o Dir::State::extended_states=$1/extended_states" \
         "-o APT::Architecture=$2 -o APT::Architectures=$2" \
         "-o APT::Install-Recommends=false -o APT::Install-Suggests=false" \
         "-o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=$1/parts"
}
