#!/usr/bin/env bats
# Administration through /sys/kernel/jail and /proc/<pid>/jail: names,
# join, max_tasks, destroy, who sees what, and the ABI documentation. The
# bodies shared with escape.bats are in walls.bash.

load helpers
load walls

IPC="$JAILVM_HELPERS/ipc"
ABI_DOC="$BATS_TEST_DIRNAME/../../sysfs-doc/sysfs-kernel-jail"

@test "a jail's directory shows every attribute, one value per file" {
	start_in_jail sleep 600
	local d=/sys/kernel/jail/$JAIL_ID up
	up=$(cut -d. -f1 /proc/uptime)
	[ "$(cat "$d/name")" = "" ]
	[ "$(cat "$d/parent")" = 0 ]
	eventually file_is "$d/nr_tasks" 1
	[ "$(cat "$d/nr_children")" = 0 ]
	[ "$(cat "$d/forks")" = 2 ]   # start_in_jail's cat and mv
	[ "$(cat "$d/created")" -le "$up" ]
	[ "$(cat "$d/created")" -ge $((up - 60)) ]
	[ "$(cat "$d/state")" = alive ]
	[ "$(cat "$d/root")" = "" ]
	[ "$(cat "$d/max_tasks")" = 0 ]
	[ "$(cat "$d/denied_fork")" = 0 ]
	for f in "$d"/*; do
		[ "$(basename "$f")" = destroy ] && continue
		[ "$(wc -l <"$f")" = 1 ]
	done
}

@test "forks counts every task created in the jail, nr_children its child jails" {
	start_in_jail -c 'for i in 1 2 3; do /bin/true; done
		echo new > /proc/self/jail; exec sleep 600'
	local d=/sys/kernel/jail/$JAIL_ID
	eventually file_is "$d/nr_children" 1
	[ "$(cat "$d/forks")" = 5 ]   # three true, and start_in_jail's cat and mv
}

@test "/sys/kernel/jail/nr_jails counts the jails" {
	local before
	before=$(cat /sys/kernel/jail/nr_jails)
	[ "$before" = "$(jail_count)" ]
	start_in_jail sleep 600
	[ "$(cat /sys/kernel/jail/nr_jails)" = $((before + 1)) ]
	kill "$JAILED_PID"
	wait "$JAILED_PID" || true
	eventually file_is /sys/kernel/jail/nr_jails "$before"
}

@test "new NAME names the jail; names are unique among alive jails" {
	start_in_jail -n web-1.a_b sleep 600
	local d=/sys/kernel/jail/$JAIL_ID
	[ "$(cat "$d/name")" = web-1.a_b ]
	run "$JW" /proc/self/jail <<<"new web-1.a_b"
	[ "$output" = "EEXIST 0" ]
	# Once that jail is gone, the name is free again.
	kill "$JAILED_PID"
	wait "$JAILED_PID" || true
	eventually gone "$d"
	run "$JW" /proc/self/jail <<<"new web-1.a_b"
	[[ $output =~ ^OK\ [1-9][0-9]*$ ]]
}

@test "naming a jail needs CAP_SYS_ADMIN, no_new_privs is not enough (EPERM)" {
	run "${NOBODY[@]}" --no-new-privs "$JW" /proc/self/jail <<<"new mine"
	[ "$output" = "EPERM 0" ]
	run "${NOBODY[@]}" --no-new-privs "$JW" /proc/self/jail <<<new
	[[ $output =~ ^OK\ [1-9][0-9]*$ ]]
}

@test "a name of 32 characters is the longest" {
	run "$JW" /proc/self/jail <<<"new $(printf 'n%.0s' $(seq 32))"
	[[ $output =~ ^OK ]]
	run "$JW" /proc/self/jail <<<"new $(printf 'n%.0s' $(seq 33))"
	[ "$output" = "EINVAL 0" ]
}

@test "names outside the safe set, or all digits, are EINVAL and change nothing" {
	local before
	before=$(jail_count)
	# \xe9 is a letter to the kernel's isalnum() (Latin-1), not here.
	run einval_all 'new ' '-x' '.x' '_x' 'a/b' 'a b' 'a:b' 'a*' '' ' ' \
		'é' 'a\xe9' 'aé' 'a\tb' ' x' '1' '42' '007'
	[ "$output" = "" ]
	[ "$(jail_count)" = "$before" ]
	# A digit may start a name, just not make all of it.
	run "$JW" /proc/self/jail <<<"new 9lives"
	[[ $output =~ ^OK\ [1-9][0-9]*$ ]]
}

@test "join moves the caller into a descendant jail, with its IPC view" {
	start_in_jail -c 'ipc msgget 0xabc c >/dev/null; exec sleep 600'
	local d=/sys/kernel/jail/$JAIL_ID
	eventually file_is "$d/msg_queues" 1
	run "$JW" /proc/self/jail "$IPC" msgget 0xabc < <(printf 'join %s' "$JAIL_ID")
	[ "$status" = 0 ]
	[ "${lines[0]}" = "OK $JAIL_ID" ]
	[[ ${lines[1]} =~ ^[0-9]+$ ]]   # the jail's queue, by key
	# Joining one's own jail changes nothing.
	run in_jail -c 'printf "join $(cat /proc/self/jail)" | jail-write /proc/self/jail'
	[[ $output =~ ^OK\ [1-9][0-9]*$ ]]
}

@test "join needs CAP_SYS_ADMIN (EPERM)" {
	start_in_jail sleep 600
	run setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin --no-new-privs \
		"$JW" /proc/self/jail < <(printf 'join %s' "$JAIL_ID")
	[ "$output" = "EPERM 0" ]
}

@test "join reaches only descendants: not the parent, a sibling or the host" {
	join_only_descendants
}

@test "join of a jail that does not exist is ESRCH; malformed is EINVAL" {
	run "$JW" /proc/self/jail <<<"join 2147483647"
	[ "$output" = "ESRCH 0" ]
	run einval_all 'join ' '' 'x' '-1' '+1' '01' '0x10' '2147483648' \
		'99999999999' '1 2' ' 1'
	[ "$output" = "" ]
	run einval_all 'join' ''
	[ "$output" = "" ]
}

@test "max_tasks refuses forks beyond it with EAGAIN, counted, and joins too" {
	max_tasks_refuses_forks_and_joins
}

@test "max_tasks bounds the jail's descendants too: forking into new jails ends in EAGAIN" {
	max_tasks_bounds_child_jails
}

@test "max_tasks takes 0 to 2147483647 only (EINVAL)" {
	start_in_jail sleep 600
	local d=/sys/kernel/jail/$JAIL_ID v
	for v in -1 abc 2147483648 1.5 ' '; do
		run bash -c 'printf "%s" "$1" > "$0"' "$d/max_tasks" "$v"
		[ "$status" != 0 ]
		[[ $output == *"Invalid argument"* ]]
	done
	[ "$(cat "$d/max_tasks")" = 0 ]
	echo 2147483647 >"$d/max_tasks"
	[ "$(cat "$d/max_tasks")" = 2147483647 ]
}

@test "destroy kills every task of the jail and its descendants" {
	start_in_jail -c 'sleep 600 & ipc msgget 0xdd c >/dev/null
		echo new > /proc/self/jail; sleep 600 & exec sleep 600'
	local d=/sys/kernel/jail/$JAIL_ID
	# The shell moved on into the inner jail: one sleep is left outside.
	eventually file_is "$d/nr_children" 1
	eventually file_is "$d/nr_tasks" 1
	local inner
	inner=$(ls /sys/kernel/jail | grep -v nr_jails | while read -r j; do
		[ "$(cat "/sys/kernel/jail/$j/parent")" = "$JAIL_ID" ] && echo "$j"; done)
	[ -n "$inner" ]
	echo 1 >"$d/destroy"
	# No task of theirs runs user code again: each is dead or a zombie.
	live_in_jails() {
		local p
		for p in /proc/[0-9]*; do
			case $(cat "$p/jail" 2>/dev/null) in
			"$JAIL_ID" | "$inner")
				grep -q '^State:[[:space:]]*[RSDT]' "$p/status" \
					2>/dev/null && return 0 ;;
			esac
		done
		return 1
	}
	none_live_in_jails() { ! live_in_jails; }
	eventually none_live_in_jails
	wait "$JAILED_PID" || true
	eventually gone "$d"
	eventually gone "/sys/kernel/jail/$inner"
}

@test "a dying jail refuses joins (ESRCH) and shows state dying" {
	# A zombie that nobody has reaped keeps the jail, dying, around.
	start_in_jail -z sleep 600
	local d=/sys/kernel/jail/$JAIL_ID
	echo 1 >"$d/destroy"
	[ "$(cat "$d/state")" = dying ]
	run "$JW" /proc/self/jail < <(printf 'join %s' "$JAIL_ID")
	[ "$output" = "ESRCH 0" ]
	kill "$UNREAPING_PID"
	eventually gone "$d"
}

@test "destroy removes the jail's IPC objects though a zombie remains" {
	local before
	before=$(awk '/^Shmem:/ { print $2 }' /proc/meminfo)
	start_in_jail -z sleep 600
	local enter=("$JW" /proc/self/jail)
	local m
	m=$("${enter[@]}" "$IPC" shmget IPC_PRIVATE 16777216 c \
		< <(printf 'join %s' "$JAIL_ID") | tail -n 1)
	"${enter[@]}" "$IPC" shmfill "$m" < <(printf 'join %s' "$JAIL_ID")
	[ $(($(awk '/^Shmem:/ { print $2 }' /proc/meminfo) - before)) -ge 15000 ]
	echo 1 >"/sys/kernel/jail/$JAIL_ID/destroy"
	shmem_back() {
		[ $(($(awk '/^Shmem:/ { print $2 }' /proc/meminfo) - before)) -lt 2048 ]
	}
	eventually shmem_back
	# Not yet reaped: the jail is still there, dying, without its objects.
	[ "$(cat "/sys/kernel/jail/$JAIL_ID/state")" = dying ]
	kill "$UNREAPING_PID"
}

@test "max_tasks and destroy are root's files: others get EACCES at open" {
	start_in_jail sleep 600
	local d=/sys/kernel/jail/$JAIL_ID
	run "${NOBODY[@]}" bash -c 'echo 1 > "$0/max_tasks"' "$d"
	[[ $output == *"Permission denied"* ]]
	run "${NOBODY[@]}" bash -c 'echo 1 > "$0/destroy"' "$d"
	[[ $output == *"Permission denied"* ]]
	[ "$(cat "$d/max_tasks")" = 0 ]
	[ "$(cat "$d/state")" = alive ]
}

@test "destroy takes 1 only (EINVAL)" {
	start_in_jail sleep 600
	local d=/sys/kernel/jail/$JAIL_ID v
	for v in 0 2 yes ' '; do
		run bash -c 'printf "%s" "$1" > "$0"' "$d/destroy" "$v"
		[[ $output == *"Invalid argument"* ]]
	done
	[ "$(cat "$d/state")" = alive ]
}

@test "inside a jail: other jails' files are EPERM, writes need an ancestor" {
	admin_of_own_and_other_jails_refused
}

@test "from its parent jail, a child jail is administered" {
	admin_of_child_jail
}

@test "every file in a jail's directory has an ABI entry, and every entry a file" {
	start_in_jail sleep 600
	local documented present
	documented=$(sed -n 's|^What:[[:space:]]*/sys/kernel/jail/||p' "$ABI_DOC" |
		sed 's|^<id>/||; s|/$||' | grep -v '^$' | grep -vxF '*' | sort)
	present=$({ ls "/sys/kernel/jail/$JAIL_ID"; ls /sys/kernel/jail |
		grep -v '^[0-9]'; } | sort)
	diff <(echo "$documented") <(echo "$present")
}
