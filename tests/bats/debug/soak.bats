#!/usr/bin/env bats
# The soak, in the debug lane: a bounded, randomized workload that mixes
# creating, joining and destroying jails, fork bombs under max_tasks, IPC
# traffic and signals across the walls, for JAILVM_SOAK_SECONDS (default
# 90). It must end with no live jail, the host's IPC objects as they were,
# and a clean kernel log and kmemleak scan (tests/vm/run.sh).

load ../helpers

# A random live jail's id, or nothing.
random_jail() {
	local ids=(/sys/kernel/jail/[0-9]*)
	[ -e "${ids[0]}" ] || return 0
	basename "${ids[RANDOM % ${#ids[@]}]}"
}

# worker NAME: one kind of load until $deadline; never fails the test.
worker() {
	local name=$1 id
	while [ "$SECONDS" -lt "$deadline" ]; do
		case $name in
		ipc) # A jail that makes, fills and removes IPC objects.
			in_jail -c 'for i in 1 2 3 4 5; do
					q=$(ipc msgget $i c) && ipc msgsnd "$q" soak &&
						ipc msgrcv "$q" && ipc ctl msg "$q" rmid
					s=$(ipc semget $i 2 c) && ipc semop "$s" 0 1 u
					m=$(ipc shmget $i 4096 c) && ipc shmwrite "$m" soak
				done; sleep 2' ;;
		bomb) # A fork bomb under max_tasks, which the host sets (a
			# jail may not set its own), left for the destroyer.
			start_in_jail -c 'max=/sys/kernel/jail/$(cat /proc/self/jail)/max_tasks
				until [ "$(cat $max)" = 12 ]; do sleep 0.1; done
				while :; do sleep 3 & done' &&
				echo 12 >"/sys/kernel/jail/$JAIL_ID/max_tasks"
			sleep 2 ;;
		nest) # Jails in jails, each waiting a little.
			in_jail -c 'for d in 1 2 3; do echo new > /proc/self/jail || exit; done
				sleep 1' ;;
		join) # Into a random jail, briefly.
			id=$(random_jail)
			[ -z "$id" ] || "$JW" /proc/self/jail sleep 0.5 \
				< <(printf 'join %s' "$id") ;;
		destroy) # A random jail, whatever it runs.
			id=$(random_jail)
			[ -z "$id" ] || echo 1 >"/sys/kernel/jail/$id/destroy"
			sleep 1 ;;
		signal) # From a jail at every host task, and the host at jails'.
			in_jail -c 'for p in $(ls /proc | grep "^[0-9]"); do
					kill -0 "$p"; kill -CONT "$p"; done' ;;
		esac >/dev/null 2>&1 || true
	done
}

@test "soak: random jails, joins, destroys, fork bombs, IPC and signals; nothing is left" {
	local seconds=${JAILVM_SOAK_SECONDS:-90} ipc_before kind
	ipc_before=$(ipcs)
	deadline=$((SECONDS + seconds))
	for kind in ipc ipc bomb nest join destroy destroy signal; do
		worker "$kind" &
	done
	wait
	# What the workers left: destroy every jail that is still there.
	local dir
	for dir in /sys/kernel/jail/[0-9]*; do
		[ ! -e "$dir" ] || echo 1 >"$dir/destroy" 2>/dev/null || true
	done
	eventually [ "$(jail_count)" = 0 ]
	[ "$(cat /sys/kernel/jail/nr_jails)" = 0 ]
	[ "$(ipcs)" = "$ipc_before" ]
	# The host is whole: it still makes and ends a jail.
	run "$JW" /proc/self/jail true < <(printf new)
	[[ $output == "OK "[1-9]* ]]
	eventually [ "$(jail_count)" = 0 ]
}
