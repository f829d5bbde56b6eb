#!/usr/bin/env bats
# The documents' examples, run as a reader runs them inside `make run`:
# every block marked vm in README.md, tools/README.md and tools/jail.8,
# taken from the document's own text by scripts/doc-examples.sh, from the
# checkout, as root, each in a shell of its own with set -e. A block
# fails on a non-zero status or on anything written to standard error.

bats_require_minimum_version 1.5.0

REPO=$JAILVM_REPO
# jail(8)'s examples name the installed command: the one make built.
TOOLS=${JAILVM_HELPERS%/helpers}/tools

setup_file() {
	# jail(8)'s example keeps its jails in /srv, read-only in this VM:
	# a tmpfs there, as root's own directory would be on a real machine.
	mount -t tmpfs -o mode=0755 tmpfs /srv
}

teardown_file() {
	umount /srv
}

# What a block may leave when it fails: its jails and directories.
clean_up() {
	local j
	for j in $("$TOOLS/jail" ls -q); do "$TOOLS/jail" destroy "$j" || true; done
	rm -rf /tmp/jails /srv/jails
}

teardown() {
	clean_up
}

# run_examples FILE: run FILE's vm blocks in turn; show each that fails.
# At least one must run.
run_examples() {
	local dir=$BATS_TEST_TMPDIR/blocks block blocks failed=0
	blocks=$("$REPO/scripts/doc-examples.sh" extract vm "$REPO/$1" "$dir")
	[ -n "$blocks" ] || { echo "no vm example in $1"; return 1; }
	for block in $blocks; do
		if ! (cd "$REPO" && PATH=$TOOLS:$PATH sh -e "$block" \
			</dev/null >"$block.out" 2>"$block.err" 3>&-) ||
			[ -s "$block.err" ]; then
			echo "# $1, the block at line $(basename "$block" .sh):"
			sed 's/^/#   /' "$block"
			echo "# its output:"
			cat "$block.out" "$block.err"
			failed=1
		fi
		clean_up
	done
	[ "$failed" = 0 ]
}

@test "docs: README.md's examples run inside make run" {
	run_examples README.md
}

@test "docs: tools/README.md's examples run inside make run" {
	run_examples tools/README.md
}

@test "docs: jail(8)'s examples run" {
	run_examples tools/jail.8
}
