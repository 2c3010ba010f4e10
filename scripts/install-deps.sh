#!/bin/sh
# Install the Debian packages the build, the tests and the benchmarks need.
#
# usage: install-deps.sh [--check]
#   --check   only report what is missing (exit 1 if anything is)
#
# Idempotent: when everything is installed it changes nothing and does not
# touch the network.  Installing needs root (apt-get).
set -eu

# One line per need, so the reason for each package stays visible.
packages="
build-essential      host compiler, make
dpkg-dev             dpkg-source, to unpack QEMU's source package
patch                applies our patch series
ninja-build          QEMU's build
meson                QEMU's build (Debian strips the bundled copy)
python3              QEMU's build scripts
pkg-config           QEMU's configure
libglib2.0-dev       QEMU (dynamic and static builds)
libpcre2-dev         static glib needs it
zlib1g-dev           QEMU
libffi-dev           offload: general-case bridge calls
ccache               faster rebuilds
llvm-16-dev          LLVM tier: the LLVM C API, its static libraries (qemu-hybrid-llvm.so)
g++                  LLVM tier: links qemu-hybrid-llvm.so (LLVM is C++)
libzstd-dev          LLVM tier in a static build: LLVM needs libzstd.a
libncurses-dev       LLVM tier in a static build: LLVM needs libtinfo.a
clang-16             LLVM tier and offload compiler
libclang-16-dev      offload compiler: eligibility checks on the C source
libpfm4-dev          trace merging: perf event names
gcc-aarch64-linux-gnu   guest test programs
libc6-dev-arm64-cross   guest test programs (sysroot for -L)
qemu-user            the unpatched QEMU 7.2 that tests and benchmarks compare with
gdb-multiarch        QEMU's gdbstub tests (debugs aarch64 guests)
golang-go            Go's own sync/atomic, sync and runtime tests (tests/go), Go's tests in SUITE=ci
time                 benchmarks: peak RSS (/usr/bin/time)
cmake                benchmarks (SUITE=ci): the CMake projects' builds and ctest
nasm                 benchmarks (SUITE=ci): libjpeg-turbo's x86-64 SIMD, in its native build
gnuplot-nox          benchmarks: the chart
xz-utils             unpacking the source package
apt                  fetching Debian packages: the QEMU source, the real-program roots (tests/bench/real)
dpkg                 dpkg -x: unpacking the real-program roots (arm64 and amd64) without installing them; dpkg-deb: make deb
lintian              make check: the package of make deb has no lintian errors
"

names=$(echo "$packages" | awk 'NF { print $1 }')
missing=
for p in $names; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    case $status in ii*) ;; *) missing="$missing $p" ;; esac
done

if [ -z "$missing" ]; then
    echo "deps: all $(echo $names | wc -w) packages installed"
    exit 0
fi
echo "deps: missing:$missing"
[ "${1:-}" = --check ] && exit 1

if [ "$(id -u)" != 0 ]; then
    echo "deps: installing needs root: run 'sudo make deps'" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
echo "deps: installed:$missing"
