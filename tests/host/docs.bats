#!/usr/bin/env bats
# The documents' examples on the host: README.md's blocks marked host run
# as pasted (they run make, which boots the VM once more); and the
# checker that keeps every block of README.md, tools/README.md and
# tools/jail.8 marked (scripts/doc-examples.sh, also run by make check).

bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
EXAMPLES=$ROOT/scripts/doc-examples.sh

@test "docs: README.md's host examples run as pasted" {
	local dir=$BATS_TEST_TMPDIR/blocks block blocks
	blocks=$("$EXAMPLES" extract host "$ROOT/README.md" "$dir")
	[ -n "$blocks" ]
	for block in $blocks; do
		# From the checkout, as a reader's shell, not as make test's
		# sub-make; ARCH and KCONFIG, from make test, pick the kernel.
		cd "$ROOT"
		run --separate-stderr env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
			sh -e "$block"
		[ "$status" = 0 ] || { cat "$block"; echo "$output"; echo "$stderr"; false; }
	done
}

@test "docs: every example block of the three documents is marked" {
	run "$EXAMPLES" check "$ROOT/README.md" "$ROOT/tools/README.md" "$ROOT/tools/jail.8"
	[ "$status" = 0 ]
	[ -z "$output" ]
}

@test "docs: the checker refuses blocks without a marker and bad markers" {
	local md=$BATS_TEST_TMPDIR/doc.md man=$BATS_TEST_TMPDIR/doc.8
	printf '%s\n' 'Text.' '' '    indented' '' '```' 'fenced' '```' '' \
		'<!-- example: not run: -->' '' '    no reason' '' \
		'<!-- example: vm -->' '' 'A paragraph, not a block.' >"$md"
	run --separate-stderr "$EXAMPLES" check "$md"
	[ "$status" = 1 ]
	[ "${stderr_lines[0]}" = "doc-examples: $md:3: an example block without a marker saying where it runs, or why not (scripts/doc-examples.sh)" ]
	[ "${stderr_lines[1]}" = "doc-examples: $md:5: an example block without a marker saying where it runs, or why not (scripts/doc-examples.sh)" ]
	[ "${stderr_lines[2]}" = "doc-examples: $md:9: a marker that is not vm, host or not run: REASON" ]
	[ "${stderr_lines[3]}" = "doc-examples: $md:13: a marker with no example block after it" ]
	[ "${#stderr_lines[@]}" = 4 ]
	printf '%s\n' '.SH EXAMPLES' '.nf' 'jail ls' '.fi' '.\" example: vm' '.EX' 'a \*b' '.EE' >"$man"
	run --separate-stderr "$EXAMPLES" check "$man"
	[ "$status" = 1 ]
	[ "${stderr_lines[0]}" = "doc-examples: $man:2: an example block without a marker saying where it runs, or why not (scripts/doc-examples.sh)" ]
	[ "${stderr_lines[1]}" = "doc-examples: $man:7: an escape \\* this script does not know" ]
	[ "${#stderr_lines[@]}" = 2 ]
}

@test "docs: blocks come out as the reader sees them" {
	local md=$BATS_TEST_TMPDIR/doc.md man=$BATS_TEST_TMPDIR/doc.8 dir=$BATS_TEST_TMPDIR/out
	printf '%s\n' '- item' '  <!-- example: vm -->' '' '      a  \$x' '' '        b' \
		'  after' '' '<!-- example: host -->' '```sh' '  c' '```' >"$md"
	run "$EXAMPLES" extract vm "$md" "$dir"
	[ "$status" = 0 ]
	[ "$output" = "$dir/4.sh" ]
	[ "$(cat "$dir/4.sh")" = "$(printf 'a  \\$x\n\n  b')" ]
	run "$EXAMPLES" extract host "$md" "$dir"
	[ "$output" = "$dir/10.sh" ]
	[ "$(cat "$dir/10.sh")" = "  c" ]
	printf '%s\n' '.\" example: vm' '.EX' 'jail run \-n x \e' \
		"  \\(dq\\(aq\\e\\\\\\&.\\(ga" '.EE' >"$man"
	run "$EXAMPLES" extract vm "$man" "$dir"
	[ "$output" = "$dir/2.sh" ]
	[ "$(cat "$dir/2.sh")" = "$(printf '%s\n' 'jail run -n x \' "  \"'\\\\.\`")" ]
}
