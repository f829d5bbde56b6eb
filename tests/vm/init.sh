#!/bin/sh
# PID 1 of the test VM. The root is read-only over 9p: the host's
# filesystem, or on ARM a Debian root for the architecture; this mounts what must be writable, runs what the host asked for, saves
# its status and the kernel log to the shared output directory, and reboots
# (QEMU runs with -no-reboot, so the VM ends).
#
# From the kernel command line: JAILVM_REPO (the project), JAILVM_OUT (the
# output directory, at the same path as on the host), JAILVM_TTY (the terminal for
# the program's input and output), JAILVM_HELPERS
# (the test helpers built for this architecture).

PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mount -t devtmpfs devtmpfs /dev
exec <"/dev/$JAILVM_TTY" >"/dev/$JAILVM_TTY" 2>&1
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mkdir -p /dev/pts /dev/shm /dev/mqueue
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t mqueue mqueue /dev/mqueue
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs -o mode=1777 tmpfs /var/tmp
# Loopback, for services the tests run inside jails.
ip link set lo up
# The project may live under a path just covered by tmpfs (a clone in
# /tmp): mount it again, read-only, at the same path.
mkdir -p "$JAILVM_REPO"
mount -t 9p -o ro,trans=virtio,version=9p2000.L,cache=loose,msize=262144 jailrepo "$JAILVM_REPO"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 jailout "$JAILVM_OUT"

out=$JAILVM_OUT
mode=$(cat "$out/mode")
cd "$(cat "$out/cwd")" || exit 1
hostname jailvm
export HOME=/root TERM="${TERM:-linux}" TMPDIR=/tmp

case $mode in
shell)
	echo "jail VM: exit the shell to power off"
	setsid -c /bin/bash -i <"/dev/$JAILVM_TTY" >"/dev/$JAILVM_TTY" 2>&1
	status=$?
	;;
cmd)
	/bin/sh -c "$(cat "$out/arg")"
	status=$?
	;;
test)
	# Leak checking (the debug lane): what boot left is not the tests'.
	leaks=/sys/kernel/debug/kmemleak
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null || true
	[ ! -w $leaks ] || echo clear >$leaks
	{ bats --tap "$(cat "$out/arg")" 2>&1; echo "$?" >"$out/bats-status"; } |
		tee "$out/tap"
	status=$(cat "$out/bats-status")
	# An object is reported once it is unreferenced in two scans, at
	# least 5 s old.
	if [ -w $leaks ]; then
		echo scan >$leaks
		sleep 6
		echo scan >$leaks
		cat $leaks >"$out/kmemleak"
	fi
	;;
*)
	echo "jail VM: unknown mode '$mode'"
	status=125
	;;
esac

dmesg >"$out/dmesg" 2>&1
echo "$status" >"$out/status"
sync
umount "$out"
"$JAILVM_HELPERS/vm-reboot"
echo b >/proc/sysrq-trigger
