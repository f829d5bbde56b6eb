#!/usr/bin/env bats
# Fault injection, in the debug lane (KASAN, kmemleak): every allocation on
# the paths of jail creation (with its sysfs directory), join and IPC
# object creation fails in turn, through failslab and the writing task's
# /proc/<pid>/fail-nth. Each failure is a clean errno, leaves the caller in
# its old jail and the jail's counts as they were; the kmemleak scan that
# ends the boot finds nothing (tests/vm/run.sh).

load ../helpers

FAILNTH="$JAILVM_HELPERS/failnth"
FAILSLAB=/sys/kernel/debug/failslab

setup_file() {
	# Sleeping allocations, GFP_KERNEL, are the ones that matter here.
	echo N >"$FAILSLAB/ignore-gfp-wait"
	echo 0 >"$FAILSLAB/verbose"
}

teardown_file() {
	echo Y >"$FAILSLAB/ignore-gfp-wait"
}

teardown() {
	end_groups
	eventually [ "$(jail_count)" = 0 ]
}

# The summary line of failnth: at least MIN points reached, none bad.
summary_ok() {
	local min=$1 points
	[ "$status" = 0 ] || { echo "$output"; return 1; }
	[[ ${lines[-1]} =~ ^points\ ([0-9]+)\ failed\ ([0-9]+)\ absorbed\ [0-9]+\ bad\ 0$ ]] ||
		{ echo "${lines[-1]}"; return 1; }
	points=${BASH_REMATCH[1]}
	echo "# ${lines[-1]}" >&3
	[ "$points" -ge "$min" ] || { echo "only $points points"; return 1; }
	# Most failures must reach the caller as one.
	[ "${BASH_REMATCH[2]}" -ge 1 ]
}

@test "new: each allocation failing in turn is ENOMEM or ENOSPC, the caller stays, no jail is left" {
	local before
	before=$(jail_count)
	run "$FAILNTH" new
	summary_ok 10
	eventually [ "$(jail_count)" = "$before" ]
}

@test "join: each allocation failing in turn is ENOMEM, the caller stays, the count is right" {
	start_in_jail sleep 600
	run "$FAILNTH" join "$JAIL_ID"
	summary_ok 2
	eventually file_is "/sys/kernel/jail/$JAIL_ID/nr_tasks" 1
	eventually [ "$(jail_count)" = 1 ]
}

@test "IPC objects in a jail: each allocation failing in turn is ENOMEM or ENOSPC, counts unchanged" {
	local kind
	for kind in msgget semget shmget; do
		run in_jail "$FAILNTH" "$kind"
		summary_ok 2 || { echo "$kind"; false; }
	done
}
