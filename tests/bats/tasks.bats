#!/usr/bin/env bats
# Signals and ptrace across the wall: a jail reaches its own and its
# descendants' tasks only; the host and ancestors reach into it.

load helpers

PTRACE="$JAILVM_HELPERS/ptrace-attach"

teardown() {
	[ -z "${JAILED_PID:-}" ] || kill -KILL "$JAILED_PID" 2>/dev/null || true
	pkill -KILL -f "sleep 600" 2>/dev/null || true
}

# in_jail SCRIPT ARG...: bash SCRIPT in a new jail; $d is its sysfs dir.
in_jail() {
	PTRACE=$PTRACE bash -c 'echo new > /proc/self/jail &&
		d=/sys/kernel/jail/$(cat /proc/self/jail) &&
		script=$1 && shift && eval "$script"' in_jail "$@"
}

@test "a jail cannot signal the host: ESRCH, as if it did not exist, and counted" {
	sleep 600 &
	local host=$!
	run in_jail 'kill -0 $1; kill -TERM $1; kill -KILL $1
		cat $d/denied_signal' "$host"
	[ "${#lines[@]}" = 4 ]
	for i in 0 1 2; do [[ ${lines[$i]} == *"No such process"* ]]; done
	[ "${lines[3]}" = 3 ]
	kill -0 "$host"
}

@test "a jail cannot signal its parent jail or a sibling jail" {
	start_jailed sleep 600
	local sibling=$JAILED_PID
	run in_jail 'kill -0 $1 2>&1 | grep -c "No such process"
		sleep 600 & parent=$!
		bash -c "echo new > /proc/self/jail; kill -0 $parent" 2>&1 |
			grep -c "No such process"
		kill $parent' "$sibling"
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" = 1 ]
	kill -0 "$sibling"
}

@test "process-group signals skip tasks outside the jail" {
	setsid sleep 600 &
	local pgid
	eventually test -n "$(pgrep -x -f 'sleep 600')"
	pgid=$(ps -o pgid= -p "$(pgrep -x -f 'sleep 600' | head -n 1)" | tr -d ' ')
	run in_jail 'kill -TERM -- -$1' "$pgid"
	[[ $output == *"No such process"* ]]
	pkill -0 -x -f 'sleep 600'
}

@test "the host and an ancestor jail reach into a descendant" {
	start_jailed sleep 600
	kill -0 "$JAILED_PID"
	run "$PTRACE" "$JAILED_PID"
	[ "$output" = OK ]
	run in_jail 'bash -c "echo new > /proc/self/jail; exec sleep 600" &
		child=$!; sleep 1; kill -0 $child && echo signalled
		$PTRACE $child; cat /proc/$child/environ >/dev/null && echo read
		kill $child'
	[ "${lines[0]}" = signalled ]
	[ "${lines[1]}" = OK ]
	[ "${lines[2]}" = read ]
}

@test "ptrace of a host process is refused (EPERM), and counted" {
	sleep 600 &
	run in_jail '$PTRACE $1; cat $d/denied_ptrace' "$!"
	[ "${lines[0]}" = EPERM ]
	[ "${lines[1]}" = 1 ]
}

@test "ptrace-guarded /proc files of outside tasks are refused" {
	sleep 600 &
	local host=$!
	run in_jail '
		cat /proc/$1/environ >/dev/null 2>&1 || echo environ
		cat /proc/$1/maps >/dev/null 2>&1 || echo maps
		readlink /proc/$1/fd/0 >/dev/null 2>&1 || echo fd
		ls /proc/1/root/ >/dev/null 2>&1 || echo root
		readlink /proc/$1/cwd >/dev/null 2>&1 || echo cwd
		readlink /proc/1/ns/ipc >/dev/null 2>&1 || echo ns
		cat /proc/$1/jail >/dev/null 2>&1 || echo jail
		cat /proc/self/environ >/dev/null && echo own' "$host"
	[ "${lines[*]}" = "environ maps fd root cwd ns jail own" ]
}
