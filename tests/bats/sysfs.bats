#!/usr/bin/env bats
# /sys/kernel/jail/<id>/: appears with the jail, counts its tasks, goes away.

load helpers

@test "a new jail gets a directory with parent and nr_tasks" {
	start_in_jail sleep 600
	local dir=/sys/kernel/jail/$JAIL_ID
	[ -d "$dir" ]
	[ "$(cat "$dir/parent")" = 0 ]
	eventually file_is "$dir/nr_tasks" 1
	# One value per file, newline-terminated.
	[ "$(wc -l <"$dir/nr_tasks")" = 1 ]
}

@test "the directory disappears once the jail's last task is gone" {
	start_in_jail sleep 600
	local dir=/sys/kernel/jail/$JAIL_ID
	[ -d "$dir" ]
	kill "$JAILED_PID"
	wait "$JAILED_PID" || true
	eventually gone "$dir"
}

@test "nr_tasks follows forks and exits" {
	start_in_jail -c 'sleep 600 & echo $! > "$1/a"; sleep 600 &
		echo $! > "$1/b"; wait' "$BATS_TEST_TMPDIR"
	local dir=/sys/kernel/jail/$JAIL_ID
	eventually test -s "$BATS_TEST_TMPDIR/b"
	eventually file_is "$dir/nr_tasks" 3
	kill "$(cat "$BATS_TEST_TMPDIR/a")"
	eventually file_is "$dir/nr_tasks" 2
	kill "$(cat "$BATS_TEST_TMPDIR/b")"
	wait "$JAILED_PID" || true
	eventually gone "$dir"
}

@test "nr_tasks counts every thread" {
	start_in_jail "$THREADS" 4
	eventually file_is "/sys/kernel/jail/$JAIL_ID/nr_tasks" 4
}

@test "a jail with a live child jail outlives its own tasks" {
	start_in_jail -c 'echo new > /proc/self/jail &&
		cat /proc/self/jail > "$1/inner" && exec sleep 600' "$BATS_TEST_TMPDIR"
	eventually test -s "$BATS_TEST_TMPDIR/inner"
	local outer=$JAIL_ID inner
	inner=$(cat "$BATS_TEST_TMPDIR/inner")
	eventually file_is "/sys/kernel/jail/$outer/nr_tasks" 0
	[ "$(cat "/sys/kernel/jail/$inner/parent")" = "$outer" ]
	[ "$(cat "/sys/kernel/jail/$inner/nr_tasks")" = 1 ]
	kill "$JAILED_PID"
	wait "$JAILED_PID" || true
	eventually gone "/sys/kernel/jail/$inner"
	eventually gone "/sys/kernel/jail/$outer"
}
