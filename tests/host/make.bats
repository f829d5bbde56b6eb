#!/usr/bin/env bats
# make itself, run on the host by tests/vm/run.sh before the VM's suites:
# make run CMD='...' hands the VM's /bin/sh the command line exactly as
# typed and nothing else gets it; an unsupported ARCH is one line.
# ARCH and KCONFIG come from make test.

bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

# make as a reader runs it, not as a sub-make of make test.
host_make() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u MAKEOVERRIDES \
		make -s --no-print-directory -C "$ROOT" \
		ARCH="${ARCH:-x86_64}" KCONFIG="${KCONFIG:-test}" "$@"
}

@test "make run CMD=: \$HOME, \$\$, \$(...), \$?, quotes and backslashes reach the VM's sh as typed" {
	local probe=$BATS_TEST_TMPDIR/ran-on-the-host cmd expected
	# Read as the shell would see it typed between single quotes; PROBE
	# stands for the file a $(shell ...) would make on the host.
	cmd=$(cat <<'EOF'
false || echo "status=$?"
echo "home=$HOME" 'single=$HOME' "pid=$$" "sub=$(echo inner)" "year=$(date +%Y)"
printf '%s\n' "dq=\"x\" 'sq'" back\\slash 'bs=\n' "bs2=a\\b" 'tab=	.'
echo 'make=$(shell touch PROBE) $(CMD) $@ $<'
EOF
)
	cmd=${cmd%%PROBE*}$probe${cmd#*PROBE}
	expected=$(cat <<EOF
status=1
home=/root single=\$HOME pid=N sub=inner year=YYYY
dq="x" 'sq'
back\\slash
bs=\\n
bs2=a\\b
tab=	.
make=\$(shell touch $probe) \$(CMD) \$@ \$<
EOF
)
	run --separate-stderr host_make run CMD="$cmd"
	[ "$status" = 0 ] || { echo "$stderr"; false; }
	output=$(printf '%s\n' "$output" | sed -E 's/pid=[0-9]+ /pid=N /; s/year=[0-9]{4}$/year=YYYY/')
	[ "$output" = "$expected" ] || { printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$output"; false; }
	[ ! -e "$probe" ]
}

@test "make: CMD stays out of the recipes' environment and the kernel's make" {
	local probe=$BATS_TEST_TMPDIR/ran-on-the-host
	# The kernel's make exactly as the Makefile runs it (KMAKE), reading
	# a makefile that shows what it got instead of the kernel's.
	cat >"$BATS_TEST_TMPDIR/sub.mk" <<'EOF'
show:
	@echo "origin=$(origin CMD)"
	@env | grep -a '^CMD=' || echo 'no CMD in the environment'
	@echo "MAKEFLAGS=$$MAKEFLAGS"
EOF
	cat >"$BATS_TEST_TMPDIR/probe.mk" <<EOF
probe:
	@env | grep -a '^CMD=' || echo 'no CMD in the environment'
	@+\$(KMAKE) -s -f $BATS_TEST_TMPDIR/sub.mk
EOF
	run --separate-stderr host_make -f Makefile -f "$BATS_TEST_TMPDIR/probe.mk" probe V=0 \
		CMD="echo \"home=\$HOME\" \$\$ \\ \$(shell touch $probe)"
	[ "$status" = 0 ] || { echo "$stderr"; false; }
	echo "$output"
	[ "${lines[0]}" = "no CMD in the environment" ]
	[ "${lines[1]}" = "origin=undefined" ]
	[ "${lines[2]}" = "no CMD in the environment" ]
	# The other command-line variables still reach it.
	[[ ${lines[3]} == "MAKEFLAGS="*" V=0"* ]]
	[[ ${lines[3]} != *CMD* ]]
	[[ ${lines[3]} != *HOME* ]]
	[ ! -e "$probe" ]
}

@test "make, run.sh, deps.sh: an unsupported ARCH is one line naming the supported ones" {
	local supported="supported: x86_64, arm64, arm"
	run --separate-stderr env -u MAKEFLAGS -u MAKELEVEL make -C "$ROOT" --no-print-directory ARCH=sparc
	[ "$status" = 2 ]
	[ "${#stderr_lines[@]}" = 1 ]
	[[ $stderr == *"unsupported ARCH 'sparc'; $supported"* ]]
	run --separate-stderr env ARCH=sparc "$ROOT/tests/vm/run.sh" cmd true
	[ "$status" = 125 ]
	[ "$stderr" = "arch: unsupported ARCH 'sparc'; $supported" ]
	run --separate-stderr "$ROOT/scripts/deps.sh" sparc
	[ "$status" = 1 ]
	[ "$stderr" = "arch: unsupported ARCH 'sparc'; $supported" ]
}
