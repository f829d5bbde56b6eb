# The walls, each checked by one body that two suites run: the feature
# suite (tasks.bats, ipc.bats, admin.bats, proc-jail.bats) from a jail on
# the host's root, and the escape battery (escape.bats) from a jail whose
# root is a minimal busybox tree, pinned. The context is $JAIL_ROOT, which
# in_jail and start_in_jail chroot into (helpers.bash); the jail's side of
# each body is POSIX sh that runs under dash and busybox sh, with the test
# helpers (escape, ipc, jail-write, ptrace-attach) on PATH. Files a body
# shares with its jails are under jail_tmp, by the path the jails see;
# host_path gives the host's.

# jail_tmp: a directory the test and its jails share, as the jails see it.
jail_tmp() {
	mkdir -p "$(host_path "$BATS_TEST_TMPDIR")"
	echo "$BATS_TEST_TMPDIR"
}

# A host process to aim at, in a group of its own; sets HOST_PID.
start_host_target() {
	start_in_group sleep 600
	HOST_PID=$GROUP_PID
	alive "$HOST_PID"
}

# ---- Tasks: signals, ptrace, task operations, abstract sockets ----------

# kill (signal 0, TERM, KILL), tgkill and sigqueue of a host task are
# ESRCH, as if it did not exist, each counted; kill(-1) reaches nothing.
signals_to_host_refused() {
	start_host_target
	run in_jail -c 'escape kill $1 0; escape kill $1 15; escape kill $1
		escape tgkill $1; escape sigqueue $1; denied signal
		exec escape killall' "$HOST_PID"
	output_is "$(printf 'ESRCH\nESRCH\nESRCH\nESRCH\nESRCH\n5\nESRCH')"
	alive "$HOST_PID"
}

# Signals to a host process group (TERM, KILL) skip its tasks: ESRCH,
# counted once for its one task; the group lives.
group_signals_refused() {
	start_host_target
	local group=$HOST_PID
	# Its own group, the one aimed at: else ESRCH would prove nothing.
	kill -0 -- "-$group"
	run in_jail -c 'escape kill -$1 15; escape kill -$1; denied signal' "$group"
	output_is "$(printf 'ESRCH\nESRCH\n2')"
	kill -0 -- "-$group"
}

# A sibling jail's task, and from a child jail its parent jail's, are
# ESRCH; they live.
signals_to_other_jails_refused() {
	start_in_jail sleep 600
	local sibling=$JAILED_PID
	run in_jail -c 'escape kill $1 0; escape kill $1; denied signal
		sleep 600 >/dev/null & parent=$!
		sh -c "echo new > /proc/self/jail && exec escape kill $parent"
		kill -0 $parent && echo lives; kill $parent' "$sibling"
	output_is "$(printf 'ESRCH\nESRCH\n2\nESRCH\nlives')"
	alive "$sibling"
}

# The host, and a jail for its child jail: signals, ptrace and the
# ptrace-guarded /proc files reach into a descendant.
ancestors_reach_descendants() {
	start_in_jail sleep 600
	alive "$JAILED_PID"
	run "$JAILVM_HELPERS/ptrace-attach" "$JAILED_PID"
	output_is OK
	run in_jail -c 'own=$(cat /proc/self/jail)
		sh -c "echo new > /proc/self/jail; exec sleep 600" >/dev/null &
		child=$!
		moved() { [ "$(cat /proc/$child/jail)" != "$own" ]; }
		eventually moved
		kill -0 $child && echo signalled; ptrace-attach $child
		cat /proc/$child/environ >/dev/null && echo read; kill $child'
	output_is "$(printf 'signalled\nOK\nread')"
}

# PTRACE_SEIZE of a host task, which the host itself may trace: EPERM,
# counted.
ptrace_of_host_refused() {
	start_host_target
	run "$JAILVM_HELPERS/ptrace-attach" "$HOST_PID"
	output_is OK
	run in_jail -c 'ptrace-attach $1; denied ptrace' "$HOST_PID"
	output_is "$(printf 'EPERM\n1')"
}

# Every /proc/<pid> file that ptrace guards, of init and of a host task,
# is refused (EACCES at open, counted as ptrace); the jail's own are not.
proc_files_of_outside_tasks_refused() {
	start_host_target
	run in_jail -c 'escape open /proc/1/root/; escape open /proc/$1/cwd/
		escape open /proc/$1/environ; denied ptrace
		cat /proc/$1/environ >/dev/null 2>&1 || echo environ
		cat /proc/$1/maps >/dev/null 2>&1 || echo maps
		readlink /proc/$1/fd/0 >/dev/null 2>&1 || echo fd
		ls /proc/1/root/ >/dev/null 2>&1 || echo root
		readlink /proc/$1/cwd >/dev/null 2>&1 || echo cwd
		readlink /proc/1/ns/ipc >/dev/null 2>&1 || echo ns
		cat /proc/$1/jail >/dev/null 2>&1 || echo jail
		cat /proc/self/environ >/dev/null && echo own' "$HOST_PID"
	output_is "$(printf '%s\n' EACCES EACCES EACCES 3 environ maps fd root \
		cwd ns jail own)"
}

# Priority and limits of a host task: ESRCH, counted as task; unchanged.
task_ops_on_host_refused() {
	start_host_target
	run in_jail -c 'escape renice $1; escape prlimit $1; denied task' "$HOST_PID"
	output_is "$(printf 'ESRCH\nESRCH\n2')"
	[ "$(ps -o ni= "$HOST_PID" | tr -d ' ')" = 0 ]
}

# A host abstract socket: connect and sendto are ECONNREFUSED, counted;
# the host itself reaches it.
host_abstract_socket_refused() {
	local ready=$BATS_TEST_TMPDIR/ready
	start_in_group "$JAILVM_HELPERS/escape" listen jail-host-sock "$ready"
	eventually test -e "$ready"
	run in_jail -c 'escape connect jail-host-sock; escape sendto jail-host-sock
		denied socket'
	output_is "$(printf 'ECONNREFUSED\nECONNREFUSED\n2')"
	run "$JAILVM_HELPERS/escape" connect jail-host-sock
	output_is OK
}

# A jail's abstract socket: its own tasks and the host reach it.
jail_abstract_socket_reached() {
	local dir out
	dir=$(jail_tmp)
	out=$(host_path "$dir/out")
	start_in_jail -c 'escape listen jail-sock "$1/ready" &
		eventually test -e "$1/ready"
		{ escape connect jail-sock; escape sendto jail-sock
			denied socket; } > "$1/out.tmp"
		mv "$1/out.tmp" "$1/out"; exec sleep 600' "$dir"
	eventually test -e "$out"
	file_is "$out" "$(printf 'OK\nOK\n0')"
	run "$JAILVM_HELPERS/escape" connect jail-sock
	output_is OK
}

# ---- IPC ------------------------------------------------------------------

# No key or id of the host's exists in a jail, by any syscall: a key is
# ENOENT, an id EINVAL; the host's objects are untouched.
host_ipc_ids_absent() {
	local ipc=$JAILVM_HELPERS/ipc q s m
	q=$("$ipc" msgget 0x3000 c)
	s=$("$ipc" semget 0x3000 1 c)
	m=$("$ipc" shmget 0x3000 4096 c)
	"$ipc" msgsnd "$q" keep
	run in_jail -c 'q=$1 s=$2 m=$3
		ipc msgget 0x3000; ipc semget 0x3000 1; ipc shmget 0x3000 4096
		ipc ctl msg $q stat; ipc ctl msg $q set; ipc ctl msg $q rmid
		ipc msgsnd $q x; ipc msgrcv $q
		ipc ctl sem $s stat; ipc ctl sem $s getval
		ipc ctl sem $s setval; ipc ctl sem $s rmid
		ipc semop $s 0 1; ipc semtimedop $s 0 1
		ipc ctl shm $m stat; ipc ctl shm $m set; ipc ctl shm $m rmid
		ipc shmread $m || true' "$q" "$s" "$m"
	[ "$status" = 0 ]
	[ "${#lines[@]}" = 18 ]
	[ "${lines[*]:0:3}" = "ENOENT ENOENT ENOENT" ]
	local line
	for line in "${lines[@]:3}"; do [ "$line" = EINVAL ]; done
	[ "$("$ipc" msgrcv "$q")" = keep ]
	[ "$("$ipc" ctl sem "$s" stat)" = 0 ]
	[ "$("$ipc" ctl shm "$m" stat)" = 0 ]
}

# IPC_EXCL and the shm size check reveal nothing of the host's keys.
host_ipc_keys_unrevealed() {
	local ipc=$JAILVM_HELPERS/ipc
	"$ipc" msgget 0x2000 c >/dev/null
	"$ipc" semget 0x2000 1 c >/dev/null
	"$ipc" shmget 0x2000 4096 c >/dev/null
	"$ipc" msgget 0x2001 c >/dev/null
	run in_jail -c 'ipc msgget 0x2000 cx; ipc semget 0x2000 8 cx
		ipc shmget 0x2000 1048576 c; ipc msgget 0x2001 || true'
	[ "$status" = 0 ]
	[[ ${lines[0]} =~ ^[0-9]+$ ]]   # not EEXIST
	[[ ${lines[1]} =~ ^[0-9]+$ ]]   # not EINVAL for more semaphores
	[[ ${lines[2]} =~ ^[0-9]+$ ]]   # not EINVAL for a bigger segment
	[ "${lines[3]}" = ENOENT ]      # as for any unused key
}

# POSIX message queues: the jail has its own, which work (under a pinned
# root too, without a chroot refusal), and does not see the host's.
mqueues_separate() {
	local ipc=$JAILVM_HELPERS/ipc
	"$ipc" mqsend /jailq from-host
	run in_jail -c 'ipc mqrecv /jailq; ipc mqsend /jailq from-jail
		ipc mqrecv /jailq; denied chroot'
	[ "$status" = 0 ]
	output_is "$(printf 'ENOENT\nok\nfrom-jail\n0')"
	[ "$("$ipc" mqrecv /jailq)" = from-host ]
	rm -f /dev/mqueue/jailq
}

# The host's namespaces: /proc/1/ns is out of reach (ptrace wall), and
# setns with a descriptor opened before entering needs CAP_SYS_ADMIN,
# which the capability table refuses; each counted. The host's IPC
# objects stay out of sight. (Descriptors 8 and 9: bats keeps 3.)
host_namespaces_closed() {
	local q
	q=$("$JAILVM_HELPERS/ipc" msgget 0x7000 c)
	run in_jail -c 'escape open /proc/1/ns/ipc; escape setns 8; escape setns 9
		denied ptrace; denied capability
		ipc msgget 0x7000; ipc ctl msg $1 stat' "$q" \
		8</proc/1/ns/ipc 9</proc/1/ns/mnt
	output_is "$(printf '%s\n' EACCES EPERM EPERM 1 2 ENOENT EINVAL)"
}

# ---- Administration ---------------------------------------------------

# Inside a jail: another jail's files are EPERM; its own are readable, but
# its own and its parent's destroy and max_tasks are not writable (that
# needs a strict ancestor), even as root; nothing changes.
admin_of_own_and_other_jails_refused() {
	start_in_jail sleep 600
	run in_jail -c 'dir=/sys/kernel/jail own=$(cat /proc/self/jail)
		escape read $dir/$1/name; cat $dir/$own/state
		escape write $dir/$own/destroy 1; escape write $dir/$own/max_tasks 1
		echo new > /proc/self/jail; child=$(cat /proc/self/jail)
		escape write $dir/$child/max_tasks 5; escape write $dir/$child/destroy 1
		escape write $dir/$own/destroy 1; escape write $dir/$own/max_tasks 1
		cat $dir/$child/max_tasks $dir/$child/state' "$JAIL_ID"
	output_is "$(printf '%s\n' EPERM alive EPERM EPERM EPERM EPERM EPERM \
		EPERM 0 alive)"
	file_is "/sys/kernel/jail/$JAIL_ID/state" alive
}

# From its parent jail, a child jail is administered: max_tasks, destroy.
admin_of_child_jail() {
	run in_jail -c 'own=$(cat /proc/self/jail) dir=/sys/kernel/jail
		sh -c "echo new > /proc/self/jail; exec sleep 600" >/dev/null 2>&1 &
		one_child() { [ "$(cat $dir/$own/nr_children)" = 1 ]; }
		eventually one_child; cat $dir/$own/nr_children
		for j in $dir/[0-9]*; do
			[ "$(cat $j/parent 2>/dev/null)" = "$own" ] &&
				echo 7 > $j/max_tasks && cat $j/max_tasks && echo 1 > $j/destroy
		done; wait'
	output_is "$(printf '1\n7')"
}

# join reaches only descendants: not the host, a sibling or the parent
# (EPERM), and the caller stays where it is.
join_only_descendants() {
	start_in_jail sleep 600
	local sibling=$JAIL_ID own child
	run in_jail -c 'own=$(cat /proc/self/jail); echo $own
		printf "join 0" | jail-write /proc/self/jail
		printf "join $1" | jail-write /proc/self/jail
		echo new > /proc/self/jail
		printf "join $own" | jail-write /proc/self/jail
		cat /proc/self/jail' "$sibling"
	own=${lines[0]}
	child=${lines[4]}
	[[ $own =~ ^[1-9][0-9]*$ ]]
	[[ $child =~ ^[1-9][0-9]*$ ]]
	[ "$child" != "$own" ]
	output_is "$(printf '%s\n' "$own" "EPERM $own" "EPERM $own" \
		"EPERM $child" "$child")"
}

# max_tasks refuses forks beyond it with EAGAIN, counted, and joins too.
max_tasks_refuses_forks_and_joins() {
	local dir fifo
	dir=$(jail_tmp)
	fifo=$(host_path "$dir/go")
	mkfifo "$fifo"
	# The jail's shell waits without forking, then forks three sleeps.
	start_in_jail -c 'read -r go < "$1"
		for i in 1 2 3; do sleep 600 & done; wait' "$dir/go"
	local d=/sys/kernel/jail/$JAIL_ID
	eventually file_is "$d/nr_tasks" 1
	echo 3 >"$d/max_tasks"
	[ "$(cat "$d/max_tasks")" = 3 ]
	echo go >"$fifo"
	# The shell and two sleeps make 3; the third fork is refused and
	# counted, and the shell exits when a fork fails, leaving two sleeps.
	eventually file_is "$d/denied_fork" 1
	eventually file_is "$d/nr_tasks" 2
	# Two tasks alive in it, found by their jail: the two sleeps.
	eventually tasks_in_jail_are "$JAIL_ID" 2
	# A join into a full jail is refused too.
	echo 2 >"$d/max_tasks"
	run "$JW" /proc/self/jail < <(printf 'join %s' "$JAIL_ID")
	[ "$output" = "EAGAIN 0" ]
	[ "$(cat "$d/denied_fork")" = 2 ]
	echo 0 >"$d/max_tasks"
	run "$JW" /proc/self/jail < <(printf 'join %s' "$JAIL_ID")
	[ "$output" = "OK $JAIL_ID" ]
}

# max_tasks bounds the jail and its descendants together: forking into
# new jails in a loop ends with EAGAIN.
max_tasks_bounds_child_jails() {
	local dir host_dir
	dir=$(jail_tmp)
	host_dir=$(host_path "$dir")
	mkfifo "$host_dir/go"
	start_in_jail -c 'read -r go < "$1/go"
		exec escape forkjails 1000 > "$1/out"' "$dir"
	local id=$JAIL_ID before
	before=$(cat /sys/kernel/jail/nr_jails)
	echo 10 >"/sys/kernel/jail/$id/max_tasks"
	echo go >"$host_dir/go"
	eventually test -s "$host_dir/out"
	# The loop itself and nine children, each in a jail of its own.
	file_is "$host_dir/out" "9 EAGAIN"
	[ "$(cat /sys/kernel/jail/nr_jails)" -le $((before + 9)) ]
	[ "$(cat "/sys/kernel/jail/$id/denied_fork")" -ge 1 ]
	echo 1 >"/sys/kernel/jail/$id/destroy"
	eventually gone "/sys/kernel/jail/$id"
}

# ---- /proc/<pid>/jail -----------------------------------------------------

# Inside a jail, root may make jails below and join them, but not name one
# (EPERM: naming needs CAP_SYS_ADMIN).
nested_jails_made_and_joined() {
	run in_jail -c 'outer=$(cat /proc/self/jail)
		escape write /proc/self/jail "new jailed-name"
		(echo new > /proc/self/jail; exec sleep 600) >/dev/null 2>&1 &
		moved() { inner=$(cat /proc/$!/jail); [ "$inner" != "$outer" ]; }
		eventually moved
		echo "join $inner" > /proc/self/jail &&
			[ "$(cat /proc/self/jail)" = "$inner" ] && echo joined; kill $!'
	output_is "$(printf 'EPERM\njoined')"
}

# Jails nest 32 deep below the host, each the child of the one before;
# one more is ENOSPC, with or without no_new_privs.
depth_limited_to_32() {
	# escape newloop: with no_new_privs, "new" until refused. The jail is
	# at depth 1.
	run in_jail escape newloop
	output_is "31 ENOSPC"
	run in_jail -c 'i=1 prev=$(cat /proc/self/jail)
		[ "$(cat /sys/kernel/jail/$prev/parent)" = 0 ] || exit 2
		while [ $i -lt 32 ]; do
			echo new > /proc/self/jail || exit 1
			id=$(cat /proc/self/jail)
			[ "$(cat /sys/kernel/jail/$id/parent)" = $prev ] || exit 2
			prev=$id; i=$((i + 1))
		done
		echo "$i"
		printf new | jail-write /proc/self/jail'
	# 32 jails, each the child of the one before...
	[ "${lines[0]}" = 32 ]
	# ...and the 33rd level refused.
	[[ ${lines[1]} =~ ^ENOSPC\ [1-9][0-9]*$ ]]
}
