#!/usr/bin/env bats
# The escape battery: each known way out of a jail, tried by root inside a
# jail whose root is a minimal busybox tree, as the jail tools set it up.
# Each asserts the documented errno and the matching denied_* counter.
# The walls the feature suites test too run here from their bodies in
# walls.bash, in this context: in_jail and start_in_jail chroot into
# $JAIL_ROOT.

load helpers
load walls

ESC="$JAILVM_HELPERS/escape"

setup_file() {
	# The minimal root: static busybox and the static test helpers, a
	# procfs, a sysfs, and two procfs that hide processes: hidepid=invisible
	# exempts the group gid= names (root's by default), so it names a group
	# the jail's root is not in; hidepid=ptraceable exempts nobody.
	JAIL_ROOT=$BATS_FILE_TMPDIR/root
	local root=$JAIL_ROOT
	mkdir -p "$root"/bin "$root"/dev "$root"/proc "$root"/hproc "$root"/iproc \
		"$root"/sys "$root"/cgroup "$root"/tmp
	cp /bin/busybox "$JAILVM_HELPERS/escape" "$JAILVM_HELPERS/ipc" \
		"$JAILVM_HELPERS/jail-write" "$JAILVM_HELPERS/ptrace-attach" \
		"$root/bin/"
	local applet
	for applet in $(/bin/busybox --list); do
		[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
	done
	: >"$root/dev/null"
	mount --bind /dev/null "$root/dev/null"
	mount -t proc proc "$root/proc"
	mount -t proc -o hidepid=ptraceable proc "$root/hproc"
	mount -t proc -o hidepid=invisible,gid=65533 proc "$root/iproc"
	mount -t sysfs sysfs "$root/sys"
	mount -t cgroup2 cgroup2 "$root/cgroup"
	echo inside >"$root/marker"
	# Outside the root: what an escape would read or make.
	OUTSIDE=$BATS_FILE_TMPDIR/outside
	echo outside >"$OUTSIDE"
	export JAIL_ROOT OUTSIDE
}

teardown_file() {
	umount "$JAIL_ROOT/dev/null" "$JAIL_ROOT/proc" "$JAIL_ROOT/hproc" \
		"$JAIL_ROOT/iproc" "$JAIL_ROOT/sys" "$JAIL_ROOT/cgroup"
}

teardown() {
	end_groups
	ipcrm -a 2>/dev/null || true
	rm -rf "${JAIL_ROOT:?}"/tmp/* "$JAIL_ROOT/breakout"
}

# A child of the test that has ended, reaped or not.
exited() {
	! grep -q '^State:[[:space:]]*[^Z]' "/proc/$1/status" 2>/dev/null
}

# ---- The bodies of walls.bash, from a jail with a pinned root -----------

@test "pinned root: signals to the host are ESRCH, counted; kill(-1) reaches nothing" {
	signals_to_host_refused
}

@test "pinned root: signals to a host process group are ESRCH, counted; it lives" {
	group_signals_refused
}

@test "pinned root: signals to a sibling jail's task, or the parent jail's, are ESRCH" {
	signals_to_other_jails_refused
}

@test "pinned root: the host and an ancestor jail reach into a descendant" {
	ancestors_reach_descendants
}

@test "pinned root: ptrace of a host process is EPERM, counted" {
	ptrace_of_host_refused
}

@test "pinned root: /proc/1/root, a host task's cwd and the files ptrace guards are EACCES, counted" {
	proc_files_of_outside_tasks_refused
}

@test "pinned root: renice and prlimit of a host task are ESRCH, counted as task" {
	task_ops_on_host_refused
}

@test "pinned root: a host abstract socket: connect and sendto are ECONNREFUSED, counted" {
	host_abstract_socket_refused
}

@test "pinned root: a jail's abstract socket: its own tasks and the host reach it" {
	jail_abstract_socket_reached
}

@test "pinned root: host IPC keys and ids do not exist in a jail" {
	host_ipc_ids_absent
}

@test "pinned root: IPC_EXCL and the shm size check reveal nothing of the host's keys" {
	host_ipc_keys_unrevealed
}

@test "pinned root: POSIX message queues work, separate from the host's" {
	mqueues_separate
}

@test "pinned root: setns: /proc/1/ns is EACCES, leaked namespace fds are EPERM, counted" {
	host_namespaces_closed
}

@test "pinned root: destroy and max_tasks of the own jail and of the parent are EPERM" {
	admin_of_own_and_other_jails_refused
}

@test "pinned root: a child jail is administered from its parent jail" {
	admin_of_child_jail
}

@test "pinned root: join 0, join of a sibling and of the parent are EPERM" {
	join_only_descendants
}

@test "pinned root: max_tasks refuses forks (EAGAIN, counted) and joins" {
	max_tasks_refuses_forks_and_joins
}

@test "pinned root: forking into new jails in a loop is bounded by max_tasks (EAGAIN)" {
	max_tasks_bounds_child_jails
}

@test "pinned root: root may make and join jails below, not name one (EPERM)" {
	nested_jails_made_and_joined
}

@test "pinned root: echo new in a loop ends at the depth limit (ENOSPC)" {
	depth_limited_to_32
}

# ---- Escapes through the root and the kernel's interfaces ---------------

@test "the first chroot pins the jail's root (shown in root); a second is EPERM, counted" {
	start_in_jail sleep 600
	[ "$(cat "/sys/kernel/jail/$JAIL_ID/root")" = "$JAIL_ROOT" ]
	run in_jail -c 'cat /sys/kernel/jail/$(cat /proc/self/jail)/root
		denied chroot; escape chroot /tmp; escape chroot /; denied chroot'
	[ "$status" = 0 ]
	output_is "$(printf '/\n0\nEPERM\nEPERM\n2')"
}

@test "a jail with child jails cannot pin its root (EPERM, counted)" {
	# The child, made before any chroot, would stay outside the root.
	run in_jail -r '' -c 'd=/sys/kernel/jail/$(cat /proc/self/jail)
		(echo new > /proc/self/jail; exec sleep 600) >/dev/null 2>&1 &
		one_child() { [ "$(cat $d/nr_children)" = 1 ]; }
		eventually one_child
		escape chroot "$1"; cat $d/denied_chroot $d/root; kill $!' "$JAIL_ROOT"
	output_is "$(printf 'EPERM\n1\n')"
}

@test "double chroot with .. walking: both chroots EPERM, still inside" {
	run in_jail -c 'escape breakout "$1"; denied chroot; cat /marker' "$OUTSIDE"
	[ "${lines[0]}" = "EPERM EPERM ENOENT" ]
	[ "${lines[1]}" = 2 ]
	[ "${lines[2]}" = inside ]
}

@test "a leaked directory fd: fchdir works, nothing outside opens or is made, no chroot" {
	# fd 8 (bats keeps 3 for itself): a directory outside the root, as a
	# careless launcher would leak it. What holds is in kernel/jail/README.md.
	local made=$BATS_FILE_TMPDIR/made-by-jail
	run in_jail -c 'escape fdwalk 8 "$1" "$2"; denied chroot' "$OUTSIDE" "$made" \
		8<"$BATS_FILE_TMPDIR"
	[ "${lines[0]}" = "OK EACCES EACCES EPERM" ]
	[ "${lines[1]}" = 3 ]
	[ ! -e "$made" ]
}

@test "procfs: /proc/sys, sysrq-trigger, a host task's files are EACCES, counted; its own are not" {
	# The kernel checks uid 0 only, not a capability, on these files.
	start_host_target
	local domain adj
	domain=$(cat /proc/sys/kernel/domainname)
	adj=$(cat "/proc/$HOST_PID/oom_score_adj")
	run in_jail -c 'escape write /proc/sys/kernel/domainname jailed
		escape write /proc/sysrq-trigger h
		escape write /proc/$1/oom_score_adj 500
		escape write /proc/$$/oom_score_adj 500
		cat /proc/$$/oom_score_adj; denied kernel_fs' "$HOST_PID"
	output_is "$(printf 'EACCES\nEACCES\nEACCES\nOK\n500\n3')"
	[ "$(cat /proc/sys/kernel/domainname)" = "$domain" ]
	[ "$(cat "/proc/$HOST_PID/oom_score_adj")" = "$adj" ]
	# Without a pinned root, the host's own /proc: the same wall.
	run in_jail -r '' escape write /proc/sys/kernel/domainname jailed
	output_is EACCES
	[ "$(cat /proc/sys/kernel/domainname)" = "$domain" ]
}

@test "sysfs outside /sys/kernel/jail, /proc/<pid>/net and cgroupfs are EACCES, counted" {
	local mode
	mode=$(stat -c %a /proc/net/dev)
	run in_jail -c 'escape write /sys/devices/virtual/mem/null/uevent change
		escape chmod /sys/kernel/jail; escape chmod /proc/self/net/dev
		escape mkdir /cgroup/jailed; escape write /cgroup/cgroup.procs $$
		denied kernel_fs'
	output_is "$(printf 'EACCES\nEACCES\nEACCES\nEACCES\nEACCES\n5')"
	[ "$(stat -c %a /proc/net/dev)" = "$mode" ]
	[ ! -e "$JAIL_ROOT/cgroup/jailed" ]
}

@test "SIGIO aimed at a host task is not sent, counted; inside the jail it is" {
	start_host_target
	run in_jail -c 'escape sigio $1; denied signal
		sleep 600 & { escape sigio $!; wait $!; echo $?; } 2>/dev/null
		' "$HOST_PID"
	# (The shell reports a job killed by a signal on stderr, when it reaps
	# it: discarded above, as it may come before or after the wait.)
	[ "${lines[0]}" = OK ]
	# A pipe write may raise SIGIO more than once: each refusal counts.
	[ "${lines[1]}" -ge 1 ]
	# SIGIO's default action ends the target: 128 + 29.
	[ "${lines[2]} ${lines[3]}" = "OK 157" ]
	alive "$HOST_PID"
}

@test "SIGIO goes out as the task that set the owner, wherever the file was opened" {
	# A FIFO the host opened, inherited into a jail: the jailed setter's
	# SIGIO to a host task is refused; the owner set in the host before
	# entering still signals as the host, as FreeBSD's fsetown() does.
	# (fd 8: bats keeps 3 for itself.)
	local fifo=$BATS_TEST_TMPDIR/fifo
	mkfifo "$fifo"
	start_host_target
	run in_jail -r '' -c 'escape sigio-fd 8 "$1"; echo x >&8; denied signal' \
		"$HOST_PID" 8<>"$fifo"
	[ "$status" = 0 ]
	[ "${lines[0]}" = OK ]
	[ "${lines[1]}" -ge 1 ]
	alive "$HOST_PID"
	# The owner set by the host, on the FIFO the jail inherits.
	exec 8<>"$fifo"
	run "$ESC" sigio-fd 8 "$HOST_PID"
	[ "$output" = OK ]
	run in_jail -r '' -c 'echo x >&8'
	exec 8>&-
	[ "$status" = 0 ]
	eventually exited "$HOST_PID"
	local status=0
	wait "$HOST_PID" || status=$?
	[ "$status" = 157 ] # 128 + SIGIO
}

@test "procfs with hidepid=invisible or ptraceable lists only the jail's own processes" {
	start_host_target
	run in_jail -c 'sleep 600 >/dev/null 2>&1 & echo $(cat /proc/self/jail)
		for proc in /iproc /hproc; do
			for p in $proc/[0-9]*; do cat $p/jail 2>/dev/null; done | sort -u
			test -e $proc/1 || echo hidden; test -e $proc/$1 || echo hidden
		done' "$HOST_PID"
	[ "${#lines[@]}" = 7 ]
	[ "${lines[1]}" = "${lines[0]}" ]
	[ "${lines[2]} ${lines[3]}" = "hidden hidden" ]
	[ "${lines[4]}" = "${lines[0]}" ]
	[ "${lines[5]} ${lines[6]}" = "hidden hidden" ]
}

@test "capabilities outside the table are EPERM and counted, one each" {
	# Block device, mounts, module, clock, reboot, host name, raw and
	# packet sockets, a hard limit, a mount namespace; then a file handle,
	# refused but not counted (CAP_DAC_READ_SEARCH, see README.md).
	run in_jail -c 'denied capability
		escape mknod /tmp/blk; escape mount proc /proc
		escape mount sysfs /sys; escape mount tmpfs /tmp; escape module
		escape settime; escape reboot; escape hostname; escape raw
		escape packet; escape nofile; escape unshare-mount; denied capability
		escape handle /marker; denied capability'
	[ "${lines[0]}" = 0 ]
	local i
	for i in $(seq 1 12); do
		[ "${lines[$i]}" = EPERM ] || { echo "line $i: ${lines[$i]}"; false; }
	done
	[ "${lines[13]}" = 12 ]
	[ "${lines[14]} ${lines[15]}" = "EPERM 12" ]
	[ ! -e "$JAIL_ROOT/tmp/blk" ]
}

@test "typing into the terminal (TIOCSTI) is EIO in a jail, counted; the host may" {
	# A pseudo-terminal on stdin, as an administrator's shell would give:
	# the host, then a jail, try it from a shell that script(1) starts.
	cat >"$BATS_TEST_TMPDIR/tty.bash" <<'EOF'
"$JAILVM_HELPERS/escape" tiocsti
. "$1"
in_jail -c 'escape tiocsti; denied capability'
EOF
	run script -qec "bash $BATS_TEST_TMPDIR/tty.bash $BATS_TEST_DIRNAME/helpers.bash" \
		/dev/null
	# Without the terminal's echo of the byte the host typed.
	output=$(printf '%s' "$output" | tr -d '\r#')
	output_is "$(printf 'OK\nEIO\n1')"
}

@test "capabilities in the table work: chown, kill of another uid, port 80, DAC override" {
	run in_jail -c 'echo x > /tmp/f; chown 65534:65534 /tmp/f && stat -c %u /tmp/f
		chmod 600 /tmp/f; cat /tmp/f
		escape runas 65534 sleep 600 & sleep 0.5
		escape kill $!; escape bind80; denied capability'
	output_is "$(printf '65534\nx\nOK\nOK\n0')"
}

@test "unshare -U is EPERM: chrooted by the kernel, otherwise by the jail, counted" {
	# The kernel refuses user namespaces to chrooted tasks itself.
	run in_jail -c 'escape unshare-user; denied namespace'
	output_is "$(printf 'EPERM\n0')"
	run in_jail -r '' -c 'escape unshare-user; denied namespace'
	output_is "$(printf 'EPERM\n1')"
}

@test "join of a jail with a pinned root moves root and cwd into it" {
	start_in_jail sleep 600
	run "$JW" /proc/self/jail sh -c 'pwd; cat /marker' \
		< <(printf 'join %s' "$JAIL_ID")
	output_is "$(printf 'OK %s\n/\ninside' "$JAIL_ID")"
}
