#!/usr/bin/env bats
# tools/jail run from the checkout, as README.md shows it: it takes the
# helper make built for this machine, or says in one line to run make.

bats_require_minimum_version 1.5.0

REPO=$JAILVM_REPO

setup_file() {
	R=$BATS_FILE_TMPDIR/jails/root
	mkdir -m 0700 "$BATS_FILE_TMPDIR/jails"
	"$REPO/tools/jail" mkroot "$R" sh cat
	export R
}

@test "checkout: tools/jail runs a jail with the helper make built" {
	run --separate-stderr env -u JAIL_EXEC PATH=/usr/bin:/bin \
		"$REPO/tools/jail" run --proc "$R" /bin/sh -c 'cat /proc/self/jail'
	[ "$status" = 0 ]
	[ -z "$stderr" ]
	[[ $output =~ ^[1-9][0-9]*$ ]]
}

@test "checkout: without the helper built, tools/jail says to run make" {
	# A checkout whose build/ has no helper: the tool and the table.
	local co=$BATS_TEST_TMPDIR/checkout arch
	mkdir -p "$co/tools" "$co/scripts"
	cp "$REPO/tools/jail" "$REPO/tools/jail-exec.c" "$co/tools/"
	cp "$REPO/scripts/arch.sh" "$REPO/scripts/arches" "$co/scripts/"
	arch=$("$REPO/scripts/arch.sh" of-machine "$(uname -m)")
	run --separate-stderr env -u JAIL_EXEC PATH=/usr/bin:/bin \
		"$co/tools/jail" run "$R" /bin/true
	[ "$status" = 125 ]
	[ -z "$output" ]
	[ "$stderr" = "jail: no $co/build/$arch/tools/jail-exec: run 'make ARCH=$arch' in $co first" ]
	# And no jail was made.
	[ -z "$("$REPO/tools/jail" ls -q)" ]
}
