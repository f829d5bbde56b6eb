#!/usr/bin/env bats
# SysV IPC and POSIX message queues: each jail has its own key space, and
# the hooks wall off objects of other jails. The bodies shared with
# escape.bats are in walls.bash. In jails, the ipc helper is on PATH.

load helpers
load walls

IPC="$JAILVM_HELPERS/ipc"

setup() {
	# Clean host key space for each test.
	ipcrm -a 2>/dev/null || true
}

teardown() {
	end_groups
	ipcrm -a 2>/dev/null || true
}

@test "the same key in two jails gives two objects that share no data" {
	local q s m
	q=$("$IPC" msgget 0x1234 c)
	"$IPC" msgsnd "$q" from-host
	s=$("$IPC" semget 0x1234 1 c)
	"$IPC" ctl sem "$s" setval
	m=$("$IPC" shmget 0x1234 4096 c)
	"$IPC" shmwrite "$m" from-host

	run in_jail -c '
		q=$(ipc msgget 0x1234 c); ipc msgrcv $q
		ipc msgsnd $q from-jail >/dev/null
		s=$(ipc semget 0x1234 1 c); ipc ctl sem $s getval
		m=$(ipc shmget 0x1234 4096 c); echo "[$(ipc shmread $m)]"
		ipc shmwrite $m from-jail >/dev/null
		# A child jail has a key space of its own again.
		sh -c "echo new > /proc/self/jail
			q=\$(ipc msgget 0x1234 c); ipc msgrcv \$q"
		ipc msgrcv $q; ipc shmread $m'
	[ "$status" = 0 ]
	[ "${lines[0]}" = ENOMSG ]    # not the host's message
	[ "${lines[1]}" = 0 ]         # not the host's semaphore value
	[ "${lines[2]}" = "[]" ]      # not the host's segment
	[ "${lines[3]}" = ENOMSG ]    # the child jail: not the parent's
	[ "${lines[4]}" = from-jail ]
	[ "${lines[5]}" = from-jail ]

	[ "$("$IPC" msgrcv "$q")" = from-host ]
	[ "$("$IPC" ctl sem "$s" getval)" = 1 ]
	[ "$("$IPC" shmread "$m")" = from-host ]
}

@test "IPC_EXCL and the shm size check reveal nothing of the host's keys" {
	host_ipc_keys_unrevealed
}

@test "no key or id of the host's exists in a jail, by any syscall" {
	host_ipc_ids_absent
}

@test "a scan over ids from a jail and from the host finds nothing foreign" {
	for k in 1 2 3; do
		"$IPC" msgget "0x400$k" c >/dev/null
		"$IPC" semget "0x400$k" 1 c >/dev/null
		"$IPC" shmget "0x400$k" 4096 c >/dev/null
	done
	start_in_jail -c 'for k in 1 2; do
		ipc msgget 0x410$k c; ipc semget 0x410$k 1 c
		ipc shmget 0x410$k 4096 c; done >/dev/null
		for kind in msg sem shm; do ipc scan $kind 1000 | wc -l; done \
			> "$1.tmp" && mv "$1.tmp" "$1"; exec sleep 600' \
		"$BATS_TEST_TMPDIR/counts"
	eventually test -s "$BATS_TEST_TMPDIR/counts"
	[ "$(cat "$BATS_TEST_TMPDIR/counts" | tr '\n' ' ')" = "2 2 2 " ]
	for kind in msg sem shm; do
		[ "$("$IPC" scan "$kind" 1000 | wc -l)" = 3 ]
	done
}

@test "ipcs and /proc/sysvipc list only the caller's side, in and out" {
	"$IPC" msgget 0x4242 c >/dev/null
	start_in_jail -c 'ipc msgget 0x4343 c >/dev/null
		{ ipcs -q; cat /proc/sysvipc/msg; } > "$1.tmp"
		mv "$1.tmp" "$1"; exec sleep 600' "$BATS_TEST_TMPDIR/inside"
	eventually test -s "$BATS_TEST_TMPDIR/inside"
	run cat "$BATS_TEST_TMPDIR/inside"
	[[ $output == *0x00004343* ]]
	[[ $output == *17219* ]]        # the key in decimal, /proc/sysvipc
	[[ $output != *0x00004242* ]]
	[[ $output != *16962* ]]
	run sh -c 'ipcs -q; cat /proc/sysvipc/msg'
	[[ $output == *0x00004242* ]]
	[[ $output == *16962* ]]
	[[ $output != *0x00004343* ]]
	[[ $output != *17219* ]]
}

@test "MSG_INFO, SEM_INFO and SHM_INFO count only the jail's objects" {
	"$IPC" msgget 0x5000 c >/dev/null
	"$IPC" semget 0x5000 1 c >/dev/null
	"$IPC" shmget 0x5000 4096 c >/dev/null
	run in_jail -c '
		ipc info msg; ipc info sem; ipc info shm
		ipc msgget 0x5001 c; ipc semget 0x5001 1 c
		ipc shmget 0x5001 4096 c
		ipc info msg; ipc info sem; ipc info shm'
	[ "$status" = 0 ]
	[ "${lines[*]:0:3}" = "0 0 0" ]
	[ "${lines[*]:6:3}" = "1 1 1" ]
}

@test "from another jail's namespace every path is refused with EACCES" {
	start_in_jail -c 'q=$(ipc msgget 0x6000 c); ipc msgsnd $q x >/dev/null
		s=$(ipc semget 0x6000 1 c); m=$(ipc shmget 0x6000 4096 c)
		echo "$q $s $m" > "$1.tmp"; mv "$1.tmp" "$1"; exec sleep 600' \
		"$BATS_TEST_TMPDIR/ids"
	eventually test -s "$BATS_TEST_TMPDIR/ids"
	read -r q s m <"$BATS_TEST_TMPDIR/ids"

	# The host enters the jail's IPC namespace: its objects are there,
	# and every operation on them is refused.
	local enter=(nsenter "--ipc=/proc/$JAILED_PID/ns/ipc" "$IPC")
	local ops=(
		"msgget 0x6000" "ctl msg $q stat" "ctl msg $q set"
		"ctl msg $q rmid" "idxstat msg 0" "idxstat msg 0 any"
		"msgsnd $q y" "msgrcv $q"
		"semget 0x6000 1" "ctl sem $s stat" "ctl sem $s set"
		"ctl sem $s rmid" "ctl sem $s getval" "ctl sem $s setval"
		"ctl sem $s getall" "ctl sem $s setall" "ctl sem $s getpid"
		"ctl sem $s getncnt" "ctl sem $s getzcnt" "idxstat sem 0"
		"idxstat sem 0 any" "semop $s 0 1" "semtimedop $s 0 1"
		"shmget 0x6000 4096" "ctl shm $m stat" "ctl shm $m set"
		"ctl shm $m rmid" "ctl shm $m lock" "ctl shm $m unlock"
		"idxstat shm 0" "idxstat shm 0 any" "shmread $m"
	)
	local op bad=()
	for op in "${ops[@]}"; do
		# shellcheck disable=SC2086
		run "${enter[@]}" $op
		[ "$output" = EACCES ] || bad+=("$op -> $output")
	done
	printf '%s\n' "${bad[@]}"
	[ "${#bad[@]}" = 0 ]
	# Nothing was changed, and the jail's own view is intact.
	local dir=/sys/kernel/jail/$JAIL_ID
	[ "$(cat "$dir/msg_queues") $(cat "$dir/sem_sets") $(cat "$dir/shm_segments")" = "1 1 1" ]
}

@test "a jailed task cannot enter the host's namespace, even with its fd" {
	host_namespaces_closed
}

@test "POSIX message queues are separate per jail" {
	mqueues_separate
}

@test "the host's mqueue filesystem is closed to a jail, even mounted" {
	"$IPC" mqsend /hostq from-host
	run in_jail -c 'd=/sys/kernel/jail/$(cat /proc/self/jail)
		ls /dev/mqueue 2>&1; cat /dev/mqueue/hostq 2>&1
		rm -f /dev/mqueue/hostq 2>&1; echo >/dev/mqueue/new 2>&1
		cat $d/denied_ipc'
	[ "${#lines[@]}" = 5 ]
	for i in 0 1 2 3; do [[ ${lines[$i]} == *"Permission denied"* ]]; done
	[ "${lines[4]}" -ge 4 ]
	[ "$("$IPC" mqrecv /hostq)" = from-host ]
	[ ! -e /dev/mqueue/new ]
	rm -f /dev/mqueue/hostq
}

shmem_kib() {
	awk '/^Shmem:/ { print $2 }' /proc/meminfo
}

@test "a jail's IPC objects are removed when the jail ends" {
	local before
	before=$(shmem_kib)
	start_in_jail -c 'm=$(ipc shmget IPC_PRIVATE 33554432 c)
		ipc shmfill $m >/dev/null; ipc msgget 0x8000 c >/dev/null
		ipc semget 0x8000 1 c >/dev/null; echo ok > "$1"
		exec sleep 600' "$BATS_TEST_TMPDIR/ready"
	eventually test -s "$BATS_TEST_TMPDIR/ready"
	local dir=/sys/kernel/jail/$JAIL_ID
	[ "$(cat "$dir/shm_segments")" = 1 ]
	# The 32 MiB segment is there, in shared memory...
	[ $(($(shmem_kib) - before)) -ge 30000 ]
	kill "$JAILED_PID"
	wait "$JAILED_PID" || true
	# ...and gone with the jail, with the jail's other objects.
	eventually gone "$dir"
	shmem_back() { [ $(($(shmem_kib) - before)) -lt 2048 ]; }
	eventually shmem_back
}

@test "a shm segment attached before entering a jail keeps working" {
	local m
	m=$("$IPC" shmget 0x9000 4096 c)
	run "$IPC" carry-shm "$m"
	[ "$status" = 0 ]
	[ "$output" = ok ]
	# Written through the mapping from inside the jail, and detached at
	# exit in the segment's own namespace.
	[ "$("$IPC" shmread "$m")" = after ]
	[ "$("$IPC" nattch "$m")" = 0 ]
}

@test "SEM_UNDO taken before entering a jail is undone at exit, in its namespace" {
	local s
	s=$("$IPC" semget 0x9100 1 c)
	# run returns once the helper's child, which outlives it, is done too.
	run "$IPC" carry-semundo "$s"
	[ "$status" = 0 ]
	[ "${lines[0]}" = "jail set while alive: 1" ]
	# The set made in the jail, likely with the same id as the host's,
	# got its own undo at exit...
	[ "${lines[1]}" = "jail set after exit: 0" ]
	# ...and so did the host's set, in the host's namespace.
	[ "$("$IPC" ctl sem "$s" getval)" = 0 ]
}

@test "sysfs counts the jail's message queues, semaphore sets and segments" {
	run in_jail -c '
		d=/sys/kernel/jail/$(cat /proc/self/jail)
		q=$(ipc msgget IPC_PRIVATE c); ipc msgget IPC_PRIVATE c >/dev/null
		ipc semget IPC_PRIVATE 1 c >/dev/null
		for i in 1 2 3; do ipc shmget IPC_PRIVATE 4096 c >/dev/null; done
		echo $(cat $d/msg_queues $d/sem_sets $d/shm_segments $d/denied_ipc)
		ipc ctl msg $q rmid >/dev/null
		# Counts drop when the object is freed, after an RCU grace period.
		i=0; while [ $(cat $d/msg_queues) != 1 ] && [ $i -lt 300 ]; do
			sleep 0.1; i=$((i + 1)); done
		cat $d/msg_queues'
	[ "$status" = 0 ]
	[ "${lines[0]}" = "2 1 3 0" ]
	[ "${lines[1]}" = 1 ]
}

@test "the kernel's msgque selftest in a jail: all but restoring ids, a privilege" {
	run "$JAILVM_HELPERS/msgque"
	[ "$status" = 0 ]
	# Creating, filling, dumping, checking and removing a queue behave as
	# outside; restoring its id means writing msg_next_id, which needs
	# CAP_CHECKPOINT_RESTORE, outside the capability table.
	run in_jail "$JAILVM_HELPERS/msgque"
	[ "$status" = 1 ]
	[ "${lines[0]}" = "Failed to open /proc/sys/kernel/msg_next_id" ]
	[ "${lines[1]}" = "Failed to restore queue: -13" ]
}
