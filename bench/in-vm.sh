#!/bin/sh
# One boot's share of `make bench`, run inside the VM; prints lines
# "CONTEXT NAME VALUE" (nanoseconds unless NAME says otherwise).
#
# usage: in-vm.sh MODE REPS [CONTEXT]
#   hot       the hot paths in this boot's only context, labelled CONTEXT
#             (a: jail left out; l: Landlock alone)
#   jail      the hot paths on the host (b), in a jail (c) and 8 deep (c8),
#             one repetition of each in turn
#   ops       jail operations against their alternatives, and scale
set -eu

mode=$1
reps=$2
# build/<arch>/helpers, from the kernel command line: build/<arch>/bench.
bin=${JAILVM_HELPERS%/helpers}/bench
jail=$bin/../tools/jail
# Run the programs from tmpfs: an exec from the 9p root waits on the host,
# which the instruction-counting clock cannot count (docs/benchmarks.md).
mkdir -p /tmp/bench
cp "$bin/micro" "$bin/ops" /tmp/bench/
micro=/tmp/bench/micro
ops=/tmp/bench/ops

label() {
	sed "s/^/$1 /"
}

# Mean nanoseconds of one run of a command line, over N runs.
per_run() {
	n=$1
	shift
	t0=$(date +%s%N)
	i=0
	while [ $i -lt "$n" ]; do
		"$@" >/dev/null
		i=$((i + 1))
	done
	echo $((($(date +%s%N) - t0) / n))
}

meminfo() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# Wait for a holder (ops hold) to print "ready" in FILE.
wait_ready() {
	while ! grep -q ready "$1" 2>/dev/null; do sleep 1; done
}

case $mode in
hot)
	"$micro" -r "$reps" | label "${3:-a}"
	;;
jail)
	r=0
	while [ $r -lt "$reps" ]; do
		"$micro" -r 1 | label b
		"$micro" -r 1 -j 1 | label c
		"$micro" -r 1 -j 8 | label c8
		r=$((r + 1))
	done
	;;
ops)
	"$ops" -r "$reps" time fork new unshare-ipc unshare-all join | label op
	# The same from the command line: the jail helper against util-linux.
	mkdir -m 0700 /tmp/jails
	"$jail" mkroot /tmp/jails/r true >/dev/null
	r=0
	while [ $r -lt "$reps" ]; do
		echo "cmd jail-exec-new $(per_run 10 "$bin/../tools/jail-exec" -j new -- true)"
		echo "cmd unshare-ipc $(per_run 10 unshare --ipc true)"
		echo "cmd unshare-all $(per_run 10 unshare --ipc --pid --mount --fork true)"
		echo "cmd jail-run $(per_run 5 "$jail" run /tmp/jails/r /usr/bin/true)"
		echo "cmd chroot $(per_run 5 chroot /tmp/jails/r /usr/bin/true)"
		r=$((r + 1))
	done
	r=0
	while [ $r -lt 3 ]; do
		"$ops" destroy 1000 | label op
		r=$((r + 1))
	done

	# Scale: N sleeping tasks without jails, then N each in a jail of its
	# own; the difference in memory is the jails'.
	n=10000
	# Room for them: both limits scale with memory, and are lower.
	echo 50000 >/proc/sys/kernel/threads-max
	echo 50000 >/proc/sys/user/max_ipc_namespaces
	"$micro" -r "$reps" fork | label scale-1
	for kind in plain ipcns jail; do
		sync
		echo 3 >/proc/sys/vm/drop_caches
		free0=$(meminfo MemFree) slab0=$(meminfo Slab)
		"$ops" hold "$n" "$kind" >/tmp/hold 2>&1 &
		holder=$!
		wait_ready /tmp/hold
		sleep 2
		free1=$(meminfo MemFree) slab1=$(meminfo Slab)
		echo "scale $kind-free-kib $((free0 - free1))"
		echo "scale $kind-slab-kib $((slab1 - slab0))"
		if [ "$kind" = jail ]; then
			echo "scale nr_jails $(cat /sys/kernel/jail/nr_jails)"
			echo "scale jail-ls-ms $(($(per_run 1 "$jail" ls) / 1000000))"
			echo "scale jail-ls-q-ms $(($(per_run 1 "$jail" ls -q) / 1000000))"
		fi
		# Fork beside N tasks, each in a jail or not: the jails' share
		# of any difference against fork with none.
		"$micro" -r "$reps" fork | label "scale-$kind"

		# The holder leads its own group; dash's kill takes no group.
		env kill -KILL -- -"$holder"
		wait "$holder" 2>/dev/null || true
		while [ "$(cat /sys/kernel/jail/nr_jails)" -gt 0 ]; do sleep 1; done
		# IPC namespaces and task memory go after RCU and workqueues.
		sleep 5
	done
	;;
*)
	echo "in-vm.sh: unknown mode '$mode'" >&2
	exit 2
	;;
esac
