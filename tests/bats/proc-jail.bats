#!/usr/bin/env bats
# /proc/<pid>/jail: reading, "new", inheritance, and every error case.
# Where the write itself is under test, the tests write it; elsewhere
# in_jail enters the jail. The bodies shared with escape.bats are in
# walls.bash.

load helpers
load walls

@test "the host is jail 0, for init and for any task, tgid and tid entries" {
	[ "$(cat /proc/1/jail)" = 0 ]
	[ "$(cat /proc/self/jail)" = 0 ]
	[ "$(cat /proc/thread-self/jail)" = 0 ]
}

@test "echo new moves the writer into a new jail with a positive id" {
	run sh -c 'echo new > /proc/self/jail && cat /proc/self/jail'
	[ "$status" = 0 ]
	[[ $output =~ ^[1-9][0-9]*$ ]]
	# The shell that started it stays on the host.
	[ "$(cat /proc/self/jail)" = 0 ]
}

@test "new without a trailing newline works too" {
	run sh -c 'printf new > /proc/self/jail && cat /proc/self/jail'
	[ "$status" = 0 ]
	[[ $output =~ ^[1-9][0-9]*$ ]]
}

@test "the tid entry moves the thread like the tgid entry" {
	run sh -c 'echo new > /proc/thread-self/jail && cat /proc/self/jail'
	[ "$status" = 0 ]
	[[ $output =~ ^[1-9][0-9]*$ ]]
}

@test "the jail is inherited across fork and exec" {
	run in_jail -c 'own=$(cat /proc/self/jail)
		forked=$(sh -c "cat /proc/self/jail")
		exec sh -c "echo $own $forked \$(cat /proc/self/jail)"'
	[ "$status" = 0 ]
	read -r own forked execed <<<"$output"
	[[ $own =~ ^[1-9][0-9]*$ ]]
	[ "$forked" = "$own" ]
	[ "$execed" = "$own" ]

	run "$JW" /proc/self/jail cat /proc/self/jail <<<new
	[ "$status" = 0 ]
	[ "${lines[0]}" = "OK ${lines[1]}" ]
}

@test "nested new creates a child of the current jail" {
	# Each reads its own parent: a jail cannot see its ancestors' files.
	run in_jail -c 'outer=$(cat /proc/self/jail)
		outer_parent=$(cat /sys/kernel/jail/$outer/parent)
		echo new > /proc/self/jail; inner=$(cat /proc/self/jail)
		echo $outer $inner $outer_parent \
			$(cat /sys/kernel/jail/$inner/parent)'
	[ "$status" = 0 ]
	read -r outer inner outer_parent inner_parent <<<"$output"
	[[ $outer =~ ^[1-9][0-9]*$ ]]
	[[ $inner =~ ^[1-9][0-9]*$ ]]
	[ "$inner" != "$outer" ]
	[ "$outer_parent" = 0 ]
	[ "$inner_parent" = "$outer" ]
}

@test "jail ids are distinct, nested and one after another" {
	run sh -c 'for i in 1 2 3 4 5; do
		echo new > /proc/self/jail; cat /proc/self/jail; done'
	[ "$status" = 0 ]
	[ "${#lines[@]}" = 5 ]
	[ -z "$(printf '%s\n' "${lines[@]}" | sort | uniq -d)" ]

	local ids=()
	for i in 1 2 3 4 5; do
		ids+=("$(in_jail cat /proc/self/jail)")
	done
	[ -z "$(printf '%s\n' "${ids[@]}" | sort | uniq -d)" ]
	for id in "${ids[@]}"; do [[ $id =~ ^[1-9][0-9]*$ ]]; done
}

@test "writing another task's file fails with EPERM and changes nothing" {
	local before
	before=$(jail_count)
	run "$JW" "/proc/$$/jail" <<<new
	[ "$status" = 1 ]
	[ "$output" = "EPERM 0" ]
	run "$JW" "/proc/$$/task/$$/jail" <<<new
	[ "$output" = "EPERM 0" ]
	[ "$(cat /proc/$$/jail)" = 0 ]
	[ "$(jail_count)" = "$before" ]
}

@test "a descriptor opened before an execve cannot be written (EPERM)" {
	local before
	before=$(jail_count)
	# bash, not dash: dash reports every failed write as an I/O error.
	run bash -c 'exec 3>/proc/self/jail
		exec bash -c "echo new >&3; cat /proc/self/jail"'
	[[ ${lines[0]} == *"Operation not permitted"* ]]
	[ "${lines[1]}" = 0 ]
	[ "$(jail_count)" = "$before" ]
	# The same descriptor works for the process image that opened it.
	run sh -c 'exec 3>/proc/self/jail; echo new >&3; cat /proc/self/jail'
	[ "$status" = 0 ]
	[[ $output =~ ^[1-9][0-9]*$ ]]
}

@test "a move replaces the credentials: a descriptor opened before cannot move again (EPERM)" {
	run bash -c 'exec 3>/proc/self/jail; echo new >&3; first=$(cat /proc/self/jail)
		echo new >&3; [ "$(cat /proc/self/jail)" = "$first" ] && echo stayed'
	[[ ${lines[0]} == *"Operation not permitted"* ]]
	[ "${lines[1]}" = stayed ]
}

@test "inside a jail, root may make and join jails below, but not name one (EPERM)" {
	nested_jails_made_and_joined
}

@test "jails nest 32 deep below the host; one more is ENOSPC" {
	depth_limited_to_32
}

@test "no IPC namespace left for the jail is ENOSPC, and changes nothing" {
	local limit=/proc/sys/user/max_ipc_namespaces before saved
	saved=$(cat "$limit")
	before=$(jail_count)
	echo 0 >"$limit"
	run "$JW" /proc/self/jail <<<new
	echo "$saved" >"$limit"
	[ "$output" = "ENOSPC 0" ]
	[ "$(jail_count)" = "$before" ]
}

@test "a multi-threaded writer gets EINVAL and stays where it is" {
	local before
	before=$(jail_count)
	run "$JW" -t /proc/self/jail <<<new
	[ "$status" = 1 ]
	[ "$output" = "EINVAL 0" ]
	[ "$(jail_count)" = "$before" ]
}

@test "an unprivileged writer without no_new_privs gets EPERM" {
	run "${NOBODY[@]}" "$JW" /proc/self/jail <<<new
	[ "$status" = 1 ]
	[ "$output" = "EPERM 0" ]
}

@test "an unprivileged writer with no_new_privs may jail itself" {
	run "${NOBODY[@]}" --no-new-privs "$JW" /proc/self/jail <<<new
	[ "$status" = 0 ]
	[[ $output =~ ^OK\ [1-9][0-9]*$ ]]
}

@test "root without CAP_SYS_ADMIN needs no_new_privs" {
	local drop=(setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin)
	run "${drop[@]}" "$JW" /proc/self/jail <<<new
	[ "$status" = 1 ]
	[ "$output" = "EPERM 0" ]
	run "${drop[@]}" --no-new-privs "$JW" /proc/self/jail <<<new
	[ "$status" = 0 ]
	[[ $output =~ ^OK\ [1-9][0-9]*$ ]]
}

@test "malformed writes get EINVAL and change nothing" {
	local before
	before=$(jail_count)
	run einval_all '' '' '\n' 'bogus' 'NEW' 'newx' ' new' 'new ' \
		'new\n\n' 'new\r\n' '\nnew' 'new\0' '\0new' 'ne\0w' \
		'\xff\xfe\x80' 'new\t' "new$(printf '%61s' '')" \
		"$(printf 'new\\n%4092s' '')"
	[ "$output" = "" ]
	# A command that would be valid, but not written at offset 0.
	run "$JW" -o 1 /proc/self/jail <<<new
	[ "$output" = "EINVAL 0" ]
	[ "$(jail_count)" = "$before" ]
}

@test "reading another task's file needs ptrace read access (EACCES)" {
	run "${NOBODY[@]}" cat /proc/1/jail
	[ "$status" != 0 ]
	[[ $output == *"Permission denied"* ]]
	run "${NOBODY[@]}" cat /proc/self/jail
	[ "$status" = 0 ]
	[ "$output" = 0 ]
}
