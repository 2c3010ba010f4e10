#!/bin/sh
# Link qemu-hybrid-llvm.so: the parts of LLVM 16 the backend uses, from
# Debian's static LLVM libraries (llvm-16-dev), exporting only the C API
# functions of llvm-api.def.
#
#   link-llvm-lib.sh LLVM_CONFIG LLVM_API_DEF OUTPUT [CXX]
#
# Why: llvm-api.c dlopen()s LLVM for the first trace, and that load is a
# price every process that compiles anything pays (hybrid-queue.h,
# HYBRID_QUEUE_LLVM_LOAD_MS).  Debian's libLLVM-16.so.1 is 110 MB that
# pulls in libz3, libxml2 and ICU, and its dlopen() took 55-68 ms here
# (relocating and faulting in its data); this library, 44 MB with the
# ORC JIT, the new pass manager and the native target only, took 15-17
# ms (tests: a dlopen() of each, 3 runs).  The static archives are
# position-independent; -z defs proves nothing else is needed, and the
# version script keeps every other symbol local.
set -eu
llvm_config=$1 def=$2 out=$3 cxx=${4:-c++}
tmp=$out.tmp.$$
trap 'rm -f "$tmp" "$tmp.map" "$tmp.syms"' EXIT

sed -n 's/^LLVM_API(\([A-Za-z0-9_]*\))$/\1/p' "$def" >"$tmp.syms"
[ -s "$tmp.syms" ] || { echo "$0: no LLVM_API() lines in $def" >&2; exit 1; }
{
    echo '{ global:'
    sed 's/$/;/' "$tmp.syms"
    echo 'local: *; };'
} >"$tmp.map"

# shellcheck disable=SC2046  # word splitting wanted: flags and symbols
"$cxx" -shared -o "$tmp" \
    $(sed 's/^/-Wl,--undefined=/' "$tmp.syms") \
    -Wl,-z,defs -Wl,--gc-sections -Wl,-O1 -Wl,--version-script="$tmp.map" \
    -L"$("$llvm_config" --libdir)" \
    $("$llvm_config" --link-static --libs orcjit native passes) \
    -l:libz.so.1 -l:libzstd.so.1 -l:libtinfo.so.6 -lpthread -ldl -lm
mv -f "$tmp" "$out"
