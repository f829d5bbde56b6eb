#!/usr/bin/env bats
# Signals, ptrace, task operations and abstract sockets across the wall:
# a jail reaches its own and its descendants' tasks and sockets only; the
# host and ancestors reach into it. The bodies are in walls.bash, which
# escape.bats runs again from a jail with a pinned busybox root.

load helpers
load walls

@test "a jail cannot signal the host: ESRCH, as if it did not exist, and counted" {
	signals_to_host_refused
}

@test "a jail cannot signal its parent jail or a sibling jail" {
	signals_to_other_jails_refused
}

@test "process-group signals skip tasks outside the jail" {
	group_signals_refused
}

@test "the host and an ancestor jail reach into a descendant" {
	ancestors_reach_descendants
}

@test "ptrace of a host process is refused (EPERM), and counted" {
	ptrace_of_host_refused
}

@test "ptrace-guarded /proc files of outside tasks are refused" {
	proc_files_of_outside_tasks_refused
}

@test "renice and prlimit of a host task are ESRCH, counted as task" {
	task_ops_on_host_refused
}

@test "a host abstract socket: connect and sendto are ECONNREFUSED, counted" {
	host_abstract_socket_refused
}

@test "a jail's abstract socket: its own tasks and the host reach it" {
	jail_abstract_socket_reached
}
