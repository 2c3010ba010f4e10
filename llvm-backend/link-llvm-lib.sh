#!/bin/sh
# The parts of LLVM 16 the backend uses, from Debian's static LLVM
# libraries (llvm-16-dev): the members that the C API functions of
# llvm-api.def need, and what they need in turn.
#
#   link-llvm-lib.sh shared|object LLVM_CONFIG LLVM_API_DEF OUTPUT CXX LD OBJCOPY
#
# shared: qemu-hybrid-llvm.so, which llvm-api.c dlopen()s for the first
# trace.  That load is a price every process that compiles anything pays
# (hybrid-queue.h, HYBRID_QUEUE_LLVM_LOAD_MS).  Debian's libLLVM-16.so.1
# is 110 MB that pulls in libz3, libxml2 and ICU, and its dlopen() took
# 55-68 ms here (relocating and faulting in its data); this library, 44
# MB with the ORC JIT, the new pass manager and the native target only,
# took 15-17 ms (a dlopen() of each, 3 runs).  The static archives are
# position-independent; -z defs proves nothing else is needed, and the
# version script keeps every other symbol local.
#
# object: qemu-hybrid-llvm.o, one relocatable object for a static
# qemu-aarch64 (./configure --static --enable-llvm), which cannot
# dlopen().  LLVM's static constructors (346 of them: command-line
# options, pass and target registries) would run at every start,
# -hybrid off included: 6 ms and 330 page faults more for a static C
# hello world linked with this object (8.1 ms against 2.2, perf stat -r
# 100).  So their .init_array becomes the section hybrid_llvm_ctors,
# which llvm-api.c runs itself before the first compile: 0.6 ms more
# than without LLVM (3.0 against 2.4 ms) for a non-PIE program.  QEMU's
# static build is static-pie, which relocates itself at every start,
# LLVM's 180,000 relative relocations included: a guest hello world then
# starts in 34.5 ms against 23.3 ms without LLVM (5.3 of a static C
# program's 6.5 ms remain with -z pack-relative-relocs).  A non-PIE
# static qemu-aarch64 at a high address cannot reach its weak undefined
# symbols (at 0), and at a low one it sits in the guest's address space,
# which the tier needs from 0 (guest_base 0).  Hence --enable-llvm only
# on request (configure).
set -eu
mode=$1 llvm_config=$2 def=$3 out=$4 cxx=$5 ld=$6 objcopy=$7
tmp=$out.tmp.$$
trap 'rm -f "$tmp" "$tmp.o" "$tmp.map" "$tmp.syms"' EXIT

sed -n 's/^LLVM_API(\([A-Za-z0-9_]*\))$/\1/p' "$def" >"$tmp.syms"
[ -s "$tmp.syms" ] || { echo "$0: no LLVM_API() lines in $def" >&2; exit 1; }
libdir=$("$llvm_config" --libdir)
libs=$("$llvm_config" --link-static --libs orcjit native passes)

case $mode in
shared)
    {
        echo '{ global:'
        sed 's/$/;/' "$tmp.syms"
        echo 'local: *; };'
    } >"$tmp.map"
    # shellcheck disable=SC2046,SC2086  # word splitting wanted
    "$cxx" -shared -o "$tmp" \
        $(sed 's/^/-Wl,--undefined=/' "$tmp.syms") \
        -Wl,-z,defs -Wl,--gc-sections -Wl,-O1 -Wl,--version-script="$tmp.map" \
        -L"$libdir" $libs \
        -l:libz.so.1 -l:libzstd.so.1 -l:libtinfo.so.6 -lpthread -ldl -lm
    ;;
object)
    # shellcheck disable=SC2046,SC2086  # word splitting wanted
    "$ld" -r -o "$tmp.o" $(sed 's/^/-u /' "$tmp.syms") -L"$libdir" $libs
    "$objcopy" --rename-section .init_array=hybrid_llvm_ctors "$tmp.o" "$tmp"
    ;;
*)
    echo "$0: mode is shared or object, not '$mode'" >&2
    exit 1
    ;;
esac
mv -f "$tmp" "$out"
