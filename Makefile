# Jails for Linux: build the jail kernel, boot it under QEMU, test it.
#
#   make            build the kernel, the test helpers and the tools for $(ARCH)
#   make run        boot it with an interactive shell (CMD='...' runs one
#                   command line, as typed)
#   make test       tests/host/*.bats on the host, then boot it and run
#                   tests/bats/*.bats inside
#   make check      checkpatch --strict, W=1 build of security/jail, its
#                   layers (kernel/jail/README.md), ABI docs,
#                   shellcheck, every example block of the docs marked
#   make bench      benchmarks in the VM, on a kernel of their own (bench/,
#                   docs/benchmarks.md)
#   make omap2plus  the kernel on the BeagleBoard's omap2plus_defconfig
#   make clean      remove build/<arch>* (the unpacked source stays)
#   make distclean  remove build/
#
# KCONFIG picks the kernel, each in a directory of its own:
#   test    (the default) build/<arch>: lockdep and the other cheap checks
#           of kernel/configs/debug.config, and the KUnit suite
#   debug   build/<arch>-debug: test's, plus KASAN, kmemleak, UBSAN, debug
#           objects and fault injection (sanitizers.config); make test
#           then also runs tests/bats/debug and a kmemleak scan
#   bench   build/<arch>-bench: none of the checks, Landlock as a
#           reference (bench.config), for make bench
# User space is the same for all three.

ARCH ?= x86_64
KCONFIG ?= test

ROOT := $(CURDIR)
KSRC := $(ROOT)/build/src/linux-source-6.12
ARCH_OUT := $(ROOT)/build/$(ARCH)
HELPERS_OUT := $(ARCH_OUT)/helpers
TOOLS_OUT := $(ARCH_OUT)/tools
NPROC := $(shell nproc)

ifeq ($(KCONFIG),test)
KOBJ := $(ARCH_OUT)
KFRAGMENTS := vm debug kunit jail $(ARCH)
else ifeq ($(KCONFIG),debug)
KOBJ := $(ARCH_OUT)-debug
KFRAGMENTS := vm debug sanitizers kunit jail $(ARCH)
else ifeq ($(KCONFIG),bench)
KOBJ := $(ARCH_OUT)-bench
KFRAGMENTS := vm jail bench $(ARCH)
else
$(error unsupported KCONFIG=$(KCONFIG); supported: test, debug, bench)
endif

# The architecture's compiler prefix, kernel image and VM root, from the
# table of architectures, scripts/arches. An unsupported ARCH stops here
# with one line naming the supported ones.
ARCH_ERROR := $(shell $(ROOT)/scripts/arch.sh check '$(ARCH)' 2>&1)
ifneq ($(ARCH_ERROR),)
$(error $(ARCH_ERROR))
endif
arch_field = $(shell $(ROOT)/scripts/arch.sh $(1) $(2))
KARCH := $(call arch_field,karch,$(ARCH))
CROSS_COMPILE := $(call arch_field,cross,$(ARCH))
KIMAGE := $(call arch_field,image,$(ARCH))
# rootfs: the VM's root is build/<arch>/rootfs, made from Debian's
# packages; host: it is this machine's own /.
VMROOT := $(call arch_field,root,$(ARCH))

CCACHE := $(shell command -v ccache 2>/dev/null)
# Let clones at other paths (CI) share ccache hits.
export CCACHE_BASEDIR := $(ROOT)
export CCACHE_NOHASHDIR := 1
# The kernel's make for an output directory, an architecture and a
# cross-compiler prefix.
kmake = $(MAKE) -C $(KSRC) O=$(1) ARCH=$(2) CROSS_COMPILE=$(3) \
	$(if $(CCACHE),CC="ccache $(3)gcc" HOSTCC="ccache gcc")
KMAKE = $(call kmake,$(KOBJ),$(KARCH),$(CROSS_COMPILE))

HELPER_SRCS := $(wildcard tests/helpers/*.c)
HELPERS := $(patsubst tests/helpers/%.c,$(HELPERS_OUT)/%,$(HELPER_SRCS))
# 64-bit file offsets and inode numbers on 32-bit ARM too.
HELPER_CFLAGS := -O2 -Wall -Wextra -Werror -pthread -static -D_FILE_OFFSET_BITS=64
HELPER_LDLIBS := -lrt

KERNEL_SOURCES := $(wildcard kernel/jail/*.c kernel/jail/*.h kernel/ipc-hooks/*.c kernel/ipc-hooks/*.h)
SHELL_SCRIPTS := $(wildcard scripts/*.sh tests/vm/*.sh bench/*.sh) tools/jail .ci/run
# The documents whose example blocks the tests run (scripts/doc-examples.sh).
EXAMPLE_DOCS := README.md tools/README.md tools/jail.8

.NOTPARALLEL:
.PHONY: all deps source config kernel helpers tools rootfs run test check \
	bench omap2plus clean distclean

all: kernel helpers tools rootfs

deps:
	@scripts/deps.sh $(ARCH)

source: deps
	@scripts/prepare-source.sh

config: source
	@mkdir -p $(KOBJ)
	@scripts/kconfig.sh $(KOBJ) tinyconfig "$(KFRAGMENTS)" $(KMAKE)

kernel: config
	@+$(KMAKE) -j$(NPROC) -s $(notdir $(KIMAGE))
	@echo "  KERNEL  $(KOBJ)/$(KIMAGE)" >&2

# The kernel's own SysV message queue selftest, unmodified: a real IPC
# program that must behave in a jail exactly as outside.
HELPERS += $(HELPERS_OUT)/msgque

helpers: deps $(HELPERS)

# The jail command's exec helper, next to a copy of the command.
tools: deps $(TOOLS_OUT)/jail-exec $(TOOLS_OUT)/jail

$(TOOLS_OUT)/jail-exec: tools/jail-exec.c
	@mkdir -p $(TOOLS_OUT)
	@echo "  CC      $@" >&2
	@$(CROSS_COMPILE)gcc $(HELPER_CFLAGS) -o $@ $<

$(TOOLS_OUT)/jail: tools/jail
	@mkdir -p $(TOOLS_OUT)
	@cp $< $@

$(HELPERS_OUT)/msgque: | source
	@mkdir -p $(HELPERS_OUT)
	@echo "  CC      $@" >&2
	@$(CROSS_COMPILE)gcc -O2 -o $@ $(KSRC)/tools/testing/selftests/ipc/msgque.c

$(HELPERS_OUT)/%: tests/helpers/%.c
	@mkdir -p $(HELPERS_OUT)
	@echo "  CC      $@" >&2
	@$(CROSS_COMPILE)gcc $(HELPER_CFLAGS) -o $@ $< $(HELPER_LDLIBS)

rootfs: deps
ifeq ($(VMROOT),rootfs)
	@scripts/mkrootfs.sh $(ARCH) $(ARCH_OUT)/rootfs
endif

# CMD is the VM's: its text reaches the VM's /bin/sh exactly as typed, so
# make never expands it (only $(value CMD)), keeps it out of the recipes'
# environment and out of the sub-makes' MAKEFLAGS (the kernel's make), and
# writes it to a file for run.sh, read back unparsed.
unexport CMD
ifneq ($(findstring command line,$(origin CMD)),)
# Sub-makes get the command line's variables from MAKEOVERRIDES, escaped
# as make escapes them there (main.c, quote_for_env); CMD's are taken out.
SPACE := $(subst x,,x x)
TAB := $(subst x,,x	x)
CMD_ESCAPED := $(subst $$,$$$$,$(subst $(TAB),\$(TAB),$(subst $(SPACE),\$(SPACE),$(subst \,\\,$(value CMD)))))
MAKEOVERRIDES := $(value -*-command-variables-*-)
MAKEOVERRIDES := $(subst CMD=$(CMD_ESCAPED),,$(subst CMD:=$(CMD_ESCAPED),,$(MAKEOVERRIDES)))
endif
RUN_CMD_FILE := $(KOBJ)/run-cmd

run: all
	@$(if $(value CMD),$(shell mkdir -p $(KOBJ))$(file >$(RUN_CMD_FILE),$(value CMD)))ARCH=$(ARCH) \
		JAILVM_KOBJ=$(KOBJ) tests/vm/run.sh \
		$(if $(value CMD),cmd "$$(cat $(RUN_CMD_FILE))",shell)

test: all
	@ARCH=$(ARCH) JAILVM_KOBJ=$(KOBJ) JAILVM_LANE=$(KCONFIG) tests/vm/run.sh test

check: config
	@cd $(KSRC) && scripts/checkpatch.pl --strict --quiet --no-tree \
		-f $(addprefix $(ROOT)/,$(KERNEL_SOURCES))
	@cd $(KSRC) && scripts/checkpatch.pl --strict --quiet --no-tree \
		$(ROOT)/kernel/patches/*.patch
	@+$(KMAKE) -s W=1 security/jail/ 2>&1 | tee $(KOBJ)/w1.log; \
		! grep -q 'warning:' $(KOBJ)/w1.log
	@cd $(KSRC) && abi=$$(perl scripts/get_abi.pl validate --dir $(ROOT)/sysfs-doc 2>&1) && \
		{ [ -z "$$abi" ] || { echo "$$abi"; false; }; }
	@shellcheck -s sh $(SHELL_SCRIPTS)
	@scripts/check-layers.sh $(KOBJ) $(CROSS_COMPILE)nm
	@scripts/check-layers.sh --self-test $(KOBJ) $(CROSS_COMPILE)nm
	@scripts/check-captable.sh
	@scripts/doc-examples.sh check $(EXAMPLE_DOCS)
	@echo "  CHECK   clean"

# Benchmarks, in the VM, on the bench kernel; not part of test. See
# docs/benchmarks.md.
BENCH_OUT := $(ARCH_OUT)/bench
BENCH_BINS := $(BENCH_OUT)/micro $(BENCH_OUT)/ops

$(BENCH_OUT)/%: bench/%.c bench/bench.h
	@mkdir -p $(BENCH_OUT)
	@echo "  CC      $@" >&2
	@$(CROSS_COMPILE)gcc $(HELPER_CFLAGS) -o $@ $<

bench: helpers tools rootfs $(BENCH_BINS)
	@+$(MAKE) --no-print-directory KCONFIG=bench kernel
	@ARCH=$(ARCH) JAILVM_KOBJ=$(ARCH_OUT)-bench bench/run.sh

# The original hardware, the BeagleBoard (Cortex-A8, ARMv7-A): the jail
# kernel on its own configuration, omap2plus_defconfig, built, not booted.
OMAP_OBJ := $(ROOT)/build/arm-omap2plus
OMAP_KMAKE = $(call kmake,$(OMAP_OBJ),arm,$(call arch_field,cross,arm))

omap2plus: source
	@scripts/deps.sh arm
	@mkdir -p $(OMAP_OBJ)
	@scripts/kconfig.sh $(OMAP_OBJ) omap2plus_defconfig jail $(OMAP_KMAKE)
	@+$(OMAP_KMAKE) -j$(NPROC) -s zImage
	@echo "  KERNEL  $(OMAP_OBJ)/arch/arm/boot/zImage (omap2plus_defconfig + jail.config)" >&2

clean:
	rm -rf $(ARCH_OUT) $(ARCH_OUT)-debug $(ARCH_OUT)-bench

distclean:
	rm -rf build
