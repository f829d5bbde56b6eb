#!/usr/bin/env bats
# Create, join, destroy, fork, exit and sysfs reads, concurrently, for about
# 30 seconds. The harness fails the run on any lockdep or other kernel
# report; this checks for leaks and for tasks escaping a destroy.

load helpers

STRESS_SECONDS=${STRESS_SECONDS:-30}

creator() {
	local n=0
	while [ "$SECONDS" -lt "$1" ]; do
		in_jail cat /proc/self/jail >/dev/null
		# Names collide on purpose: EEXIST is an expected answer.
		in_jail -n "stress$((n % 3))" -c 'echo new > /proc/self/jail' \
			2>/dev/null || true
		n=$((n + 1))
	done
}

joiner() {
	while [ "$SECONDS" -lt "$1" ]; do
		"$JW" /proc/self/jail sh -c '/bin/true & /bin/true & wait' \
			< <(printf 'join %s' "$2") >/dev/null 2>&1 || true
	done
}

# Builds a small tree of jails with sleeping tasks and destroys it, and
# records the ids destroyed.
destroyer() {
	while [ "$SECONDS" -lt "$1" ]; do
		start_in_jail -c 'sleep 60 &
			sh -c "echo new > /proc/self/jail; sleep 60 & exec sleep 60" &
			exec sleep 60' || continue
		echo 1 >"/sys/kernel/jail/$JAIL_ID/destroy"
		echo "$JAIL_ID" >>"$2"
		wait "$JAILED_PID" 2>/dev/null || true
	done
}

reader() {
	while [ "$SECONDS" -lt "$1" ]; do
		cat /sys/kernel/jail/*/* /proc/[0-9]*/jail >/dev/null 2>&1 || true
	done
}

@test "create, join, destroy, fork, exit and sysfs reads race cleanly" {
	local start_jails end=$((SECONDS + STRESS_SECONDS)) destroyed
	start_jails=$(cat /sys/kernel/jail/nr_jails)
	destroyed=$BATS_TEST_TMPDIR/destroyed
	: >"$destroyed"

	# A long-lived jail to join and fork in, under a task limit.
	start_in_jail sleep 600
	local target=$JAIL_ID
	echo 8 >"/sys/kernel/jail/$target/max_tasks"

	local loops=()
	creator "$end" & loops+=($!)
	creator "$end" & loops+=($!)
	joiner "$end" "$target" & loops+=($!)
	destroyer "$end" "$destroyed" & loops+=($!)
	destroyer "$end" "$destroyed" & loops+=($!)
	reader "$end" & loops+=($!)
	wait "${loops[@]}"

	echo 1 >"/sys/kernel/jail/$target/destroy"
	wait "$JAILED_PID" 2>/dev/null || true

	# Something was destroyed while the rest went on.
	[ "$(wc -l <"$destroyed")" -gt 0 ]
	# No task of a destroyed jail is left running.
	escaped() {
		local p
		for p in /proc/[0-9]*; do
			grep -qxF "$(cat "$p/jail" 2>/dev/null)" "$destroyed" &&
				grep -q '^State:[[:space:]]*[RSDT]' "$p/status" 2>/dev/null &&
				return 0
		done
		return 1
	}
	none_escaped() { ! escaped; }
	eventually none_escaped
	# Every jail is gone again: nothing leaked.
	eventually file_is /sys/kernel/jail/nr_jails "$start_jails"
	[ "$(jail_count)" = "$start_jails" ]
}
