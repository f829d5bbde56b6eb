#!/usr/bin/env bats
# Hostile input: a generated battery of bad writes against /proc/self/jail
# and every writable file of a jail's directory (max_tasks, destroy). Each
# gets EINVAL, or the errno the ABI documents, and changes nothing.

load helpers

bats_require_minimum_version 1.5.0

teardown() {
	end_groups
	eventually [ "$(jail_count)" = 0 ]
}

# Payloads, one per line, as printf %b escapes; each is bad as an id, as
# a limit and as a whole command.
bad_numbers() {
	# Empty and whitespace.
	printf '%s\n' '' ' ' '\t' '\n\n' '\r' '\r\n' '\v' '\f' ' 1' '1 ' \
		'\t1' '1\t' '1\n\n' '\n1'
	# Embedded NULs.
	printf '%s\n' '\x00' '1\x00' '\x001' '1\x002' '\x00\n'
	# Not ASCII: high bytes, UTF-8 look-alikes of digits, a BOM.
	printf '%s\n' '\x80' '\xff' '\xc3\xa9' '\xd9\xa1' '\xef\xbc\x91' \
		'\xef\xbb\xbf1' '\xe2\x80\x8b1'
	# Out of range, signed, other bases and notations.
	printf '%s\n' '-1' '-0' '+1' '+0' '-2147483648' '2147483648' \
		'4294967295' '4294967296' '18446744073709551616' \
		'99999999999999999999999999999999' '0x1' '0X1' '0x7fffffff' \
		'01' '00' '007' '0b1' '1e3' '1.0' '1,0' '1_000'
	# Shell and format metacharacters.
	printf '%s\n' '*' '../1' '%s%n' '$(id)' '\x1b[31m1'
	# Long: past a page and near the writer's 64 KiB.
	printf '%s\n' "$(printf '%4097s' '' | tr ' ' 1)" \
		"$(printf '%65000s' '' | tr ' ' 9)"
}

# Names that "new NAME" refuses, beyond the bad numbers that are not
# names (all digits, or not starting with a letter or digit).
bad_names() {
	printf '%s\n' '' ' ' '\t' '\n\n' 'a b' 'a/b' '.a' '_a' '-a' 'a\x00' \
		'\xc3\xa9' 'a\xff' '*' '../a' '0' '123' '2147483648' \
		"$(printf '%33s' '' | tr ' ' a)" \
		"$(printf '%4097s' '' | tr ' ' a)"
}

# write_each FILE PREFIX: write PREFIX and each payload on standard input
# to FILE, one write(2) each; print each payload whose result was not
# EINVAL. Empty output: all were. An empty write to a sysfs file writes
# nothing and returns 0, as for every sysfs file: tested on its own.
write_each() {
	local file=$1 prefix=$2 payload out
	while IFS= read -r payload; do
		[ -n "$prefix$payload" ] || [ "${file#/sys/}" = "$file" ] || continue
		out=$("$JW" "$file" < <(printf '%s%b' "$prefix" "$payload"))
		[ "${out%% *}" = EINVAL ] || echo "'$prefix$payload' -> $out"
	done
}

@test "hostile commands to /proc/self/jail: EINVAL, the writer stays in the host" {
	local before
	before=$(jail_count)
	run write_each /proc/self/jail '' < <(bad_numbers)
	output_is ''
	run write_each /proc/self/jail 'join ' < <(bad_numbers)
	output_is ''
	run write_each /proc/self/jail 'new ' < <(bad_names)
	output_is ''
	# jail-write reports the writer's jail after each write: the host's.
	run "$JW" /proc/self/jail < <(printf 'join -1')
	output_is 'EINVAL 0'
	[ "$(jail_count)" = "$before" ]
}

@test "a command in pieces or at an offset is EINVAL, each piece" {
	local before offset
	before=$(jail_count)
	# Two writes on one descriptor: neither is a command.
	run bash -c 'exec 5>/proc/self/jail; printf ne >&5; printf w >&5
		cat /proc/self/jail'
	[ "${lines[-1]}" = 0 ]
	[ "$(grep -c 'Invalid argument' <<<"$output")" = 2 ]
	for offset in 1 3 64 4096 2147483648; do
		run "$JW" -o "$offset" /proc/self/jail < <(printf new)
		output_is 'EINVAL 0'
	done
	[ "$(jail_count)" = "$before" ]
}

@test "hostile limits to max_tasks: EINVAL, the limit unchanged" {
	start_in_jail sleep 600
	local file=/sys/kernel/jail/$JAIL_ID/max_tasks
	echo 7 >"$file"
	run write_each "$file" '' < <(bad_numbers)
	output_is ''
	file_is "$file" 7
	run "$JW" "$file" </dev/null
	output_is 'OK 0'
	file_is "$file" 7
	# sysfs ignores a write's offset, for this file as for every other.
	run "$JW" -o 5 "$file" < <(printf 9)
	output_is 'OK 0'
	file_is "$file" 9
	run "$JW" -o 5 "$file" < <(printf 9x)
	output_is 'EINVAL 0'
	file_is "$file" 9
}

@test "hostile writes to destroy: EINVAL, the jail lives" {
	start_in_jail sleep 600
	local file=/sys/kernel/jail/$JAIL_ID/destroy
	run write_each "$file" '' < <(bad_numbers; printf '%s\n' 0 2 11 1x y)
	output_is ''
	run "$JW" "$file" </dev/null
	output_is 'OK 0'
	file_is "/sys/kernel/jail/$JAIL_ID/state" alive
	kill -0 "$JAILED_PID"
}

@test "writing a read-only file of a jail is EACCES, its value unchanged" {
	start_in_jail sleep 600
	local dir=/sys/kernel/jail/$JAIL_ID file before failures=
	for file in "$dir"/* /sys/kernel/jail/nr_jails; do
		case ${file##*/} in max_tasks | destroy) continue ;; esac
		before=$(cat "$file")
		run "$JW" "$file" < <(printf 1)
		[ "$output" = EACCES ] || failures+=" ${file##*/}:$output"
		[ "$(cat "$file")" = "$before" ] || failures+=" ${file##*/}:changed"
	done
	[ -z "$failures" ] || { echo "$failures"; false; }
}

@test "many hostile writers at once: all EINVAL, nothing changed, the jails count right" {
	start_in_jail sleep 600
	local file=/sys/kernel/jail/$JAIL_ID/max_tasks i before
	echo 11 >"$file"
	before=$(jail_count)
	bad_numbers >"$BATS_TEST_TMPDIR/payloads"
	local writers=()
	for i in $(seq 12); do
		{
			write_each "$file" '' <"$BATS_TEST_TMPDIR/payloads"
			write_each /proc/self/jail 'join ' <"$BATS_TEST_TMPDIR/payloads"
		} >"$BATS_TEST_TMPDIR/out.$i" &
		writers+=($!)
	done
	# Valid ones race with them: each gets its own new jail.
	for i in $(seq 12); do
		"$JW" /proc/self/jail < <(printf new) >"$BATS_TEST_TMPDIR/new.$i" &
		writers+=($!)
	done
	wait "${writers[@]}"
	run cat "$BATS_TEST_TMPDIR"/out.*
	output_is ''
	file_is "$file" 11
	# Twelve distinct jails, each gone with its writer.
	[ "$(cat "$BATS_TEST_TMPDIR"/new.* | sort -u | grep -c '^OK [1-9]')" = 12 ]
	eventually [ "$(jail_count)" = "$before" ]
}
