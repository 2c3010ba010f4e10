# qemu-hybrid: top-level make targets.  See README.md.
#
#   make deps      install the Debian packages everything needs (as root)
#   make           build build/qemu-aarch64 (runs ./configure if needed)
#   make check     everything above, then all tests
#   make demo      everything above, then run the bundled aarch64 program
#   make bench     everything above, then the benchmark suite (tests/bench)
#   make install   install qemu-aarch64 and the binfmt script under PREFIX
#   make deb       the static build (build/static) as a Debian package

SRC := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(SRC)/build
-include $(BUILD)/config.mak

CROSS_CC ?= aarch64-linux-gnu-gcc
QEMU_BIN := $(BUILD)/qemu-aarch64
# The LLVM the tier loads (llvm-backend/link-llvm-lib.sh), where
# llvm-backend/llvm-api.c looks for it: beside the binary in the build
# tree, in lib/qemu-hybrid/ of an install.
# A static build links LLVM in instead.
LLVM_LIB := $(if $(filter yes,$(LLVM)),$(if $(filter yes,$(STATIC)),,hybrid/qemu-hybrid-llvm.so))
export QEMU_HYBRID_SRC := $(SRC)
export QEMU_HYBRID_BUILD := $(BUILD)

.PHONY: all deps deps-ok configured build build-qemu check demo bench deb install uninstall clean distclean help

all: build

help:
	@sed -n '3,10p' $(SRC)/Makefile | sed 's/^# *//'

deps:
	@$(SRC)/scripts/install-deps.sh

# Install what is missing when we can (root), else say what to do.
deps-ok:
	@$(SRC)/scripts/install-deps.sh --check >/dev/null || $(SRC)/scripts/install-deps.sh

# configure once with the defaults when the user has not run it.
configured:
	@[ -f $(BUILD)/config.mak ] || $(SRC)/configure

build: configured
	@$(MAKE) --no-print-directory -f $(SRC)/Makefile build-qemu

# A fresh config.mak is in scope here (sub-make).  prepare-tree.sh is a
# no-op unless the patch series changed since the tree was unpacked.
build-qemu:
	@$(SRC)/scripts/prepare-tree.sh $(SRC) '$(CACHE_DIR)' '$(QEMU_VERSION)' \
	    $(QEMU_SRC) >/dev/null
	ninja -C $(QEMU_BUILD) qemu-aarch64 $(LLVM_LIB)
	@ln -sf qemu-build/qemu-aarch64 $(QEMU_BIN)
	@echo "built $(QEMU_BIN)"
	@$(MAKE) --no-print-directory -f $(SRC)/offload/compiler/Makefile OUT=$(BUILD)
	@echo "built $(BUILD)/qemu-offload-cc"

check: deps-ok build
	@$(SRC)/tests/check.sh

demo: deps-ok build
	@$(SRC)/tests/demo/run.sh

# make bench [SUITE=micro|real|all|ci] [BENCH="name ..."] [REPS=n] [QUICK=1]
bench: deps-ok build
	@SUITE='$(SUITE)' BENCH='$(BENCH)' REPS='$(REPS)' QUICK='$(QUICK)' $(SRC)/tests/bench/bench.sh

# build/qemu-hybrid-user-static_VERSION_amd64.deb (packaging/deb), from
# the static build that tests/static checks (scripts/static-build.sh).
deb: deps-ok
	@q=$$($(SRC)/scripts/static-build.sh $(BUILD)/static) && \
	    deb=$$($(SRC)/packaging/deb/build.sh "$$q" $(BUILD)) && \
	    echo "built $$deb"

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(QEMU_BUILD)/qemu-aarch64 $(DESTDIR)$(PREFIX)/bin/qemu-aarch64
	install -m 755 $(SRC)/scripts/qemu-aarch64-binfmt $(DESTDIR)$(PREFIX)/bin/qemu-aarch64-binfmt
	install -m 755 $(BUILD)/qemu-offload-cc $(DESTDIR)$(PREFIX)/bin/qemu-offload-cc
	$(if $(LLVM_LIB),install -D -m 644 $(QEMU_BUILD)/$(LLVM_LIB) $(DESTDIR)$(PREFIX)/lib/qemu-hybrid/qemu-hybrid-llvm.so)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/qemu-aarch64 $(DESTDIR)$(PREFIX)/bin/qemu-aarch64-binfmt $(DESTDIR)$(PREFIX)/bin/qemu-offload-cc
	rm -rf $(DESTDIR)$(PREFIX)/lib/qemu-hybrid

clean:
	@[ ! -d $(QEMU_BUILD) ] || ninja -C $(QEMU_BUILD) clean
	rm -rf $(BUILD)/tests $(BUILD)/offload-cc $(BUILD)/qemu-offload-cc

distclean:
	rm -rf $(BUILD)
