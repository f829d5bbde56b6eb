# Jails for Linux: build the jail kernel, boot it under QEMU, test it.
#
#   make            build the kernel, the test helpers and the tools for $(ARCH)
#   make run        boot it with an interactive shell (CMD='...' runs one command)
#   make test       boot it and run tests/bats/*.bats inside
#   make check      checkpatch --strict, W=1 build of security/jail, ABI docs,
#                   shellcheck
#   make clean      remove build/<arch> (the unpacked source stays)
#   make distclean  remove build/

ARCH ?= x86_64

ROOT := $(CURDIR)
KSRC := $(ROOT)/build/src/linux-source-6.12
KOBJ := $(ROOT)/build/$(ARCH)
HELPERS_OUT := $(KOBJ)/helpers
TOOLS_OUT := $(KOBJ)/tools
NPROC := $(shell nproc)

ifeq ($(ARCH),x86_64)
KARCH := x86_64
CROSS_COMPILE :=
KIMAGE := arch/x86/boot/bzImage
else
$(error unsupported ARCH=$(ARCH); supported: x86_64)
endif

CCACHE := $(shell command -v ccache 2>/dev/null)
# Let clones at other paths (CI) share ccache hits.
export CCACHE_BASEDIR := $(ROOT)
export CCACHE_NOHASHDIR := 1
KMAKE = $(MAKE) -C $(KSRC) O=$(KOBJ) ARCH=$(KARCH) \
	CROSS_COMPILE=$(CROSS_COMPILE) \
	$(if $(CCACHE),CC="ccache $(CROSS_COMPILE)gcc" HOSTCC="ccache gcc")

HELPER_SRCS := $(wildcard tests/helpers/*.c)
HELPERS := $(patsubst tests/helpers/%.c,$(HELPERS_OUT)/%,$(HELPER_SRCS))
HELPER_CFLAGS := -O2 -Wall -Wextra -Werror -pthread -static
HELPER_LDLIBS := -lrt

KERNEL_SOURCES := $(wildcard kernel/jail/*.c kernel/jail/*.h kernel/ipc-hooks/*.c kernel/ipc-hooks/*.h)
SHELL_SCRIPTS := $(wildcard scripts/*.sh tests/vm/*.sh) tools/jail .ci/run

.NOTPARALLEL:
.PHONY: all deps source config kernel helpers tools run test check clean distclean

all: kernel helpers tools

deps:
	@scripts/deps.sh $(ARCH)

source: deps
	@scripts/prepare-source.sh

config: source
	@mkdir -p $(KOBJ)
	@scripts/kconfig.sh $(KOBJ) $(ARCH) $(KMAKE)

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

# CMD goes through the environment, so that no quoting in it is re-parsed.
run: export CMD := $(CMD)
run: all
	@ARCH=$(ARCH) tests/vm/run.sh $(if $(CMD),cmd,shell) "$$CMD"

test: all
	@ARCH=$(ARCH) tests/vm/run.sh test

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
	@scripts/check-captable.sh
	@echo "  CHECK   clean"

clean:
	rm -rf $(KOBJ)

distclean:
	rm -rf build
