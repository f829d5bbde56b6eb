#!/usr/bin/env bats
# The escape battery: each known way out of a jail, tried by root inside a
# jail whose root is a minimal busybox tree, as the jail tools set it up.
# Each asserts the documented errno and the matching denied_* counter.

load helpers

ESC="$JAILVM_HELPERS/escape"

setup_file() {
	# The minimal root: static busybox and the static test helpers, a
	# procfs, a sysfs, and two procfs that hide processes: hidepid=invisible
	# exempts the group gid= names (root's by default), so it names a group
	# the jail's root is not in; hidepid=ptraceable exempts nobody.
	ROOT=$BATS_FILE_TMPDIR/root
	mkdir -p "$ROOT"/bin "$ROOT"/dev "$ROOT"/proc "$ROOT"/hproc "$ROOT"/iproc \
		"$ROOT"/sys "$ROOT"/cgroup "$ROOT"/tmp
	cp /bin/busybox "$JAILVM_HELPERS/escape" "$JAILVM_HELPERS/ipc" \
		"$ROOT/bin/"
	local applet
	for applet in $(/bin/busybox --list); do
		[ -e "$ROOT/bin/$applet" ] || ln -s busybox "$ROOT/bin/$applet"
	done
	: >"$ROOT/dev/null"
	mount --bind /dev/null "$ROOT/dev/null"
	mount -t proc proc "$ROOT/proc"
	mount -t proc -o hidepid=ptraceable proc "$ROOT/hproc"
	mount -t proc -o hidepid=invisible,gid=65533 proc "$ROOT/iproc"
	mount -t sysfs sysfs "$ROOT/sys"
	mount -t cgroup2 cgroup2 "$ROOT/cgroup"
	echo inside >"$ROOT/marker"
	# Outside the root: what an escape would read or make.
	OUTSIDE=$BATS_FILE_TMPDIR/outside
	echo outside >"$OUTSIDE"
	export ROOT OUTSIDE
}

teardown_file() {
	umount "$ROOT/dev/null" "$ROOT/proc" "$ROOT/hproc" "$ROOT/iproc" \
		"$ROOT/sys" "$ROOT/cgroup"
}

teardown() {
	pkill -KILL -f "sleep 600" 2>/dev/null || true
	pkill -KILL -f "escape listen" 2>/dev/null || true
	pkill -KILL -f "escape forkjails" 2>/dev/null || true
	rm -rf "${ROOT:?}"/tmp/* "$ROOT/breakout"
}

# in_root SCRIPT [ARG...]: as root, enter a new jail, chroot into $ROOT the
# way the tools do (which pins the jail's root), and run SCRIPT with
# busybox sh and ARGs. In SCRIPT, "d KIND" prints the jail's denied_KIND.
in_root() {
	local script=$1
	shift
	sh -c 'root=$0 script=$1; shift
		echo new > /proc/self/jail &&
		exec chroot "$root" /bin/sh -c "$script" sh "$@"' "$ROOT" \
		'd() { cat "/sys/kernel/jail/$(cat /proc/self/jail)/denied_$1"; }
		'"$script" "$@"
}

# start_in_root [SCRIPT]: in_root in the background; the jail writes its id
# to /tmp/id, then runs SCRIPT (default: sleep). Sets ROOT_JAIL_ID.
start_in_root() {
	in_root 'cat /proc/self/jail > /tmp/id.tmp; mv /tmp/id.tmp /tmp/id
		'"${1:-exec sleep 600}" &
	eventually test -s "$ROOT/tmp/id"
	ROOT_JAIL_ID=$(cat "$ROOT/tmp/id")
}

# A host process to aim at; sets HOST_PID.
start_host_target() {
	sleep 600 &
	HOST_PID=$!
}

alive() {
	kill -0 "$1" 2>/dev/null
}

# A child of the test that has ended, reaped or not.
exited() {
	! grep -q '^State:[[:space:]]*[^Z]' "/proc/$1/status" 2>/dev/null
}

@test "the first chroot pins the jail's root (shown in root); a second is EPERM, counted" {
	start_in_root
	[ "$(cat "/sys/kernel/jail/$ROOT_JAIL_ID/root")" = "$ROOT" ]
	run in_root 'cat /sys/kernel/jail/$(cat /proc/self/jail)/root; d chroot
		escape chroot /tmp; escape chroot /; d chroot'
	[ "$status" = 0 ]
	output_is "$(printf '/\n0\nEPERM\nEPERM\n2')"
}

@test "a jail with child jails cannot pin its root (EPERM, counted)" {
	# The child, made before any chroot, would stay outside the root.
	run sh -c 'echo new > /proc/self/jail; d=/sys/kernel/jail/$(cat /proc/self/jail)
		(echo new > /proc/self/jail; exec sleep 600) >/dev/null 2>&1 &
		while [ "$(cat $d/nr_children)" != 1 ]; do sleep 0.1; done
		"$0" chroot "$1"; cat $d/denied_chroot $d/root; kill $!' "$ESC" "$ROOT"
	output_is "$(printf 'EPERM\n1\n')"
}

@test "POSIX message queues work in a jail with a pinned root" {
	run in_root 'ipc mqsend /pinned hello && ipc mqrecv /pinned; d chroot'
	output_is "$(printf 'ok\nhello\n0')"
}

@test "double chroot with .. walking: both chroots EPERM, still inside" {
	run in_root 'escape breakout "$1"; d chroot; cat /marker' "$OUTSIDE"
	[ "${lines[0]}" = "EPERM EPERM ENOENT" ]
	[ "${lines[1]}" = 2 ]
	[ "${lines[2]}" = inside ]
}

@test "a leaked directory fd: fchdir works, nothing outside opens or is made, no chroot" {
	# fd 8 (bats keeps 3 for itself): a directory outside the root, as a
	# careless launcher would leak it. What holds is in kernel/jail/README.md.
	local made=$BATS_FILE_TMPDIR/made-by-jail
	run in_root 'escape fdwalk 8 "$1" "$2"; d chroot' "$OUTSIDE" "$made" \
		8<"$BATS_FILE_TMPDIR"
	[ "${lines[0]}" = "OK EACCES EACCES EPERM" ]
	[ "${lines[1]}" = 3 ]
	[ ! -e "$made" ]
}

@test "/proc/1/root and /proc/<host pid>/cwd are EACCES, counted as ptrace" {
	start_host_target
	run in_root 'escape open /proc/1/root/; escape open /proc/$1/cwd/
		escape open /proc/$1/environ; d ptrace' "$HOST_PID"
	output_is "$(printf 'EACCES\nEACCES\nEACCES\n3')"
}

@test "procfs: /proc/sys, sysrq-trigger, a host task's files are EACCES, counted; its own are not" {
	# The kernel checks uid 0 only, not a capability, on these files.
	start_host_target
	local domain adj
	domain=$(cat /proc/sys/kernel/domainname)
	adj=$(cat "/proc/$HOST_PID/oom_score_adj")
	run in_root 'escape write /proc/sys/kernel/domainname jailed
		escape write /proc/sysrq-trigger h
		escape write /proc/$1/oom_score_adj 500
		escape write /proc/$$/oom_score_adj 500
		cat /proc/$$/oom_score_adj; d kernel_fs' "$HOST_PID"
	output_is "$(printf 'EACCES\nEACCES\nEACCES\nOK\n500\n3')"
	[ "$(cat /proc/sys/kernel/domainname)" = "$domain" ]
	[ "$(cat "/proc/$HOST_PID/oom_score_adj")" = "$adj" ]
	# Without a pinned root, the host's own /proc: the same wall.
	run sh -c 'echo new > /proc/self/jail && exec "$0" write "$1" jailed' \
		"$ESC" /proc/sys/kernel/domainname
	output_is EACCES
	[ "$(cat /proc/sys/kernel/domainname)" = "$domain" ]
}

@test "sysfs outside /sys/kernel/jail, /proc/<pid>/net and cgroupfs are EACCES, counted" {
	local mode
	mode=$(stat -c %a /proc/net/dev)
	run in_root 'escape write /sys/devices/virtual/mem/null/uevent change
		escape chmod /sys/kernel/jail; escape chmod /proc/self/net/dev
		escape mkdir /cgroup/jailed; escape write /cgroup/cgroup.procs $$
		d kernel_fs'
	output_is "$(printf 'EACCES\nEACCES\nEACCES\nEACCES\nEACCES\n5')"
	[ "$(stat -c %a /proc/net/dev)" = "$mode" ]
	[ ! -e "$ROOT/cgroup/jailed" ]
}

@test "ptrace of a host process is EPERM, counted" {
	start_host_target
	run in_root 'escape ptrace $1; d ptrace' "$HOST_PID"
	output_is "$(printf 'EPERM\n1')"
}

@test "kill, tgkill, sigqueue, group kill and kill(-1) of host tasks are ESRCH, counted; they live" {
	start_host_target
	setsid sleep 600 &
	local group=$!
	leads_group() { [ "$(ps -o pgid= "$1" | tr -d ' ')" = "$1" ]; }
	eventually leads_group "$group"
	run in_root 'escape kill $1; escape tgkill $1; escape sigqueue $1
		escape kill -$2; d signal; exec escape killall' "$HOST_PID" "$group"
	output_is "$(printf 'ESRCH\nESRCH\nESRCH\nESRCH\n4\nESRCH')"
	alive "$HOST_PID"
	alive "$group"
}

@test "kill of a sibling jail's task is ESRCH, counted; it lives" {
	start_jailed sleep 600
	run in_root 'escape kill $1; d signal' "$JAILED_PID"
	output_is "$(printf 'ESRCH\n1')"
	alive "$JAILED_PID"
}

@test "SIGIO aimed at a host task is not sent, counted; inside the jail it is" {
	start_host_target
	run in_root 'escape sigio $1; d signal
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
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	start_host_target
	run sh -c 'exec 3<>"$1"; echo new > /proc/self/jail
		"$0" sigio-fd 3 "$2"; echo x >&3
		cat "/sys/kernel/jail/$(cat /proc/self/jail)/denied_signal"' \
		"$ESC" "$BATS_TEST_TMPDIR/fifo" "$HOST_PID"
	[ "$status" = 0 ]
	[ "${lines[0]}" = OK ]
	[ "${lines[1]}" -ge 1 ]
	alive "$HOST_PID"
	run sh -c 'exec 3<>"$1"; "$0" sigio-fd 3 "$2"
		echo new > /proc/self/jail; echo x >&3' \
		"$ESC" "$BATS_TEST_TMPDIR/fifo" "$HOST_PID"
	[ "$status" = 0 ]
	[ "$output" = OK ]
	eventually exited "$HOST_PID"
	local status=0
	wait "$HOST_PID" || status=$?
	[ "$status" = 157 ] # 128 + SIGIO
}

@test "renice and prlimit of a host task are ESRCH, counted as task" {
	start_host_target
	run in_root 'escape renice $1; escape prlimit $1; d task' "$HOST_PID"
	output_is "$(printf 'ESRCH\nESRCH\n2')"
	[ "$(ps -o ni= "$HOST_PID" | tr -d ' ')" = 0 ]
}

@test "procfs with hidepid=invisible or ptraceable lists only the jail's own processes" {
	start_host_target
	run in_root 'sleep 600 >/dev/null 2>&1 & echo $(cat /proc/self/jail)
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
	run in_root 'd capability
		escape mknod /tmp/blk; escape mount proc /proc
		escape mount sysfs /sys; escape mount tmpfs /tmp; escape module
		escape settime; escape reboot; escape hostname; escape raw
		escape packet; escape nofile; escape unshare-mount; d capability
		escape handle /marker; d capability'
	[ "${lines[0]}" = 0 ]
	local i
	for i in $(seq 1 12); do
		[ "${lines[$i]}" = EPERM ] || { echo "line $i: ${lines[$i]}"; false; }
	done
	[ "${lines[13]}" = 12 ]
	[ "${lines[14]} ${lines[15]}" = "EPERM 12" ]
	[ ! -e "$ROOT/tmp/blk" ]
}

@test "typing into the terminal (TIOCSTI) is EIO in a jail, counted; the host may" {
	# A pseudo-terminal on stdin, as an administrator's shell would give.
	cat >"$BATS_TEST_TMPDIR/tty.sh" <<EOF
$ESC tiocsti
echo new > /proc/self/jail && exec chroot "$ROOT" /bin/sh -c \
	'escape tiocsti; cat /sys/kernel/jail/\$(cat /proc/self/jail)/denied_capability'
EOF
	run script -qec "sh $BATS_TEST_TMPDIR/tty.sh" /dev/null
	# Without the terminal's echo of the byte the host typed.
	output=$(printf '%s' "$output" | tr -d '\r#')
	output_is "$(printf 'OK\nEIO\n1')"
}

@test "capabilities in the table work: chown, kill of another uid, port 80, DAC override" {
	run in_root 'echo x > /tmp/f; chown 65534:65534 /tmp/f && stat -c %u /tmp/f
		chmod 600 /tmp/f; cat /tmp/f
		escape runas 65534 sleep 600 & sleep 0.5
		escape kill $!; escape bind80; d capability'
	output_is "$(printf '65534\nx\nOK\nOK\n0')"
}

@test "setns: /proc/1/ns is EACCES, a leaked namespace fd is EPERM, counted" {
	run in_root 'escape open /proc/1/ns/ipc; escape setns 8; d ptrace
		d capability' 8</proc/1/ns/mnt
	output_is "$(printf 'EACCES\nEPERM\n1\n1')"
}

@test "unshare -U is EPERM: chrooted by the kernel, otherwise by the jail, counted" {
	# The kernel refuses user namespaces to chrooted tasks itself.
	run in_root 'escape unshare-user; d namespace'
	output_is "$(printf 'EPERM\n0')"
	run sh -c 'echo new > /proc/self/jail; "$0" unshare-user
		cat /sys/kernel/jail/$(cat /proc/self/jail)/denied_namespace' "$ESC"
	output_is "$(printf 'EPERM\n1')"
}

@test "a host abstract socket: connect and sendto are ECONNREFUSED, counted" {
	"$ESC" listen jail-host-sock "$BATS_TEST_TMPDIR/ready" &
	eventually test -e "$BATS_TEST_TMPDIR/ready"
	run in_root 'escape connect jail-host-sock; escape sendto jail-host-sock
		d socket'
	output_is "$(printf 'ECONNREFUSED\nECONNREFUSED\n2')"
	# The host itself reaches it.
	run "$ESC" connect jail-host-sock
	output_is OK
}

@test "a jail's abstract socket: its own tasks and the host reach it" {
	in_root 'escape listen jail-sock /tmp/ready & while [ ! -e /tmp/ready ]
		do sleep 0.1; done; escape connect jail-sock
		escape sendto jail-sock; d socket; exec sleep 600' \
		>"$BATS_TEST_TMPDIR/out" &
	eventually test -e "$ROOT/tmp/ready"
	has_lines() { [ "$(wc -l <"$1")" = "$2" ]; }
	eventually has_lines "$BATS_TEST_TMPDIR/out" 3
	file_is "$BATS_TEST_TMPDIR/out" "$(printf 'OK\nOK\n0')"
	run "$ESC" connect jail-sock
	output_is OK
	rm -f "$ROOT/tmp/ready"
}

@test "host IPC keys and ids do not exist in a jail" {
	local q
	q=$("$JAILVM_HELPERS/ipc" msgget 0x5e5 c)
	run in_root 'ipc msgget 0x5e5; ipc ctl msg $1 stat' "$q"
	output_is "$(printf 'ENOENT\nEINVAL')"
	ipcrm -q "$q"
}

@test "destroy and max_tasks of the own jail and of the parent are EPERM" {
	run in_root 'own=$(cat /proc/self/jail); dir=/sys/kernel/jail
		escape write $dir/$own/destroy 1; escape write $dir/$own/max_tasks 1
		echo new > /proc/self/jail
		escape write $dir/$own/destroy 1; escape write $dir/$own/max_tasks 1'
	output_is "$(printf 'EPERM\nEPERM\nEPERM\nEPERM')"
}

@test "join 0 and join of the parent are EPERM" {
	run in_root 'own=$(cat /proc/self/jail)
		escape write /proc/self/jail "join 0"
		echo new > /proc/self/jail; escape write /proc/self/jail "join $own"
		cat /proc/self/jail'
	[ "${lines[0]}" = EPERM ]
	[ "${lines[1]}" = EPERM ]
	[[ ${lines[2]} =~ ^[1-9][0-9]*$ ]]
}

@test "echo new in a loop ends at the depth limit (ENOSPC)" {
	run in_root 'exec escape newloop'
	# The jail is at depth 1; the limit is 32.
	output_is "31 ENOSPC"
}

@test "forking into new jails in a loop is bounded by max_tasks (EAGAIN)" {
	mkfifo "$ROOT/tmp/go"
	start_in_root 'read -r go < /tmp/go; exec escape forkjails 1000 > /tmp/out'
	local id=$ROOT_JAIL_ID before
	before=$(cat /sys/kernel/jail/nr_jails)
	echo 10 >"/sys/kernel/jail/$id/max_tasks"
	echo go >"$ROOT/tmp/go"
	eventually test -s "$ROOT/tmp/out"
	# The loop itself and nine children, each in a jail of its own.
	file_is "$ROOT/tmp/out" "9 EAGAIN"
	[ "$(cat /sys/kernel/jail/nr_jails)" -le $((before + 9)) ]
	[ "$(cat "/sys/kernel/jail/$id/denied_fork")" -ge 1 ]
	echo 1 >"/sys/kernel/jail/$id/destroy"
	eventually gone "/sys/kernel/jail/$id"
}

@test "join of a jail with a pinned root moves root and cwd into it" {
	start_in_root
	run "$JW" /proc/self/jail sh -c 'pwd; cat /marker' \
		< <(printf 'join %s' "$ROOT_JAIL_ID")
	output_is "$(printf 'OK %s\n/\ninside' "$ROOT_JAIL_ID")"
}
