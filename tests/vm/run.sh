#!/bin/sh
# Boot the jail kernel under QEMU (TCG) with a read-only root over virtio
# 9p (the host's / on x86_64; on ARM, build/<arch>/rootfs, made from
# Debian's packages for that architecture), the project at its own path,
# and a directory under build/<arch>/vm as a writable share for results.
#
# usage: run.sh shell          interactive shell on the serial console
#        run.sh cmd COMMAND    run one shell command line, exit with its status
#        run.sh test           run the bats suites, print TAP and a summary
#
# The test suites: first, on the host,
#   tests/host/*.bats          what runs make (make run CMD=...) or needs no VM
# then, each in a boot of its own:
#   tests/bats/*.bats          the jail LSM active (CONFIG_LSM)
#   tests/bats/lsm-off/*.bats  booted with lsm=capability: jail left out
#
# In the debug lane (JAILVM_LANE=debug, the KASAN kernel), also:
#   tests/bats/debug/*.bats    fault injection and the soak, jail LSM active
# and each boot ends with a kmemleak scan that must find nothing.
#
# Environment: ARCH (x86_64, arm64 or arm; default x86_64), JAILVM_KOBJ
# (the kernel's build directory; default build/<arch>), JAILVM_LANE (test
# or debug; default test), JAILVM_TIMEOUT (seconds per boot, default 1800;
# 3600 in the debug lane), JAILVM_APPEND (extra kernel command line),
# JAILVM_MEM (MiB, default 1024), JAILVM_SMP (CPUs, default 2),
# JAILVM_QEMU (extra QEMU options).
set -eu

mode=$1
cmd=${2:-}
arch=${ARCH:-x86_64}
root=$(cd "$(dirname "$0")/../.." && pwd)
archout=$root/build/$arch
kobj=${JAILVM_KOBJ:-$archout}
lane=${JAILVM_LANE:-test}
# The debug lane's kernel (KASAN, lockdep, kmemleak) runs the same suite
# about three times slower.
if [ "$lane" = debug ]; then
	timeout=${JAILVM_TIMEOUT:-3600}
else
	timeout=${JAILVM_TIMEOUT:-1800}
fi

# The machine, the kernel image, the console and the root, from the table
# of architectures (scripts/arches).
field() {
	"$root/scripts/arch.sh" "$1" "$arch" || exit 125
}
qemu=$(field qemu)
image=$kobj/$(field image)
tty=$(field console)
if [ "$(field root)" = host ]; then
	rootfs=/
else
	rootfs=$archout/rootfs
fi
[ -r "$image" ] || { echo "run.sh: no kernel at $image (run make first)" >&2; exit 125; }
if [ "$rootfs" = / ]; then
	init=$root/tests/vm/init.sh
else
	[ -x "$rootfs/bin/sh" ] || { echo "run.sh: no root at $rootfs (run make first)" >&2; exit 125; }
	# The kernel starts init before the project is mounted: a copy in the
	# root, and the project's mount point there.
	init=/jailvm-init
	cp "$root/tests/vm/init.sh" "$rootfs$init"
	mkdir -p "$rootfs$root"
fi

# Kernel log reports that fail a run, whatever the tests said.
reports='WARNING:|BUG:|UBSAN:|ODEBUG:|Oops|Kernel panic|general protection fault|turning off the locking correctness validator|INFO: task .* blocked'

# boot OUT MODE ARG [KERNEL-ARGS]: one VM run. The VM's init reads MODE and
# ARG (a command line or a bats path) from OUT and leaves there its exit
# status, its kernel log, and for tests the TAP output.
boot() {
	out=$1
	rm -rf "$out"
	mkdir -p "$out"
	echo "$2" >"$out/mode"
	printf '%s\n' "$3" >"$out/arg"
	pwd >"$out/cwd"

	# The kernel console is the terminal in shell mode; otherwise it goes
	# to a log file and the program talks over a virtio console.
	if [ "$2" = shell ]; then
		io=$tty
	else
		io=hvc0
	fi
	append="console=$tty root=jailroot rootfstype=9p ro"
	append="$append rootflags=trans=virtio,version=9p2000.L,cache=loose,msize=262144"
	append="$append init=$init panic=-1"
	append="$append JAILVM_REPO=$root JAILVM_OUT=$out JAILVM_TTY=$io"
	append="$append JAILVM_HELPERS=$archout/helpers"
	[ "$2" = shell ] || append="$append quiet"
	append="$append ${4:-} ${JAILVM_APPEND:-}"

	# shellcheck disable=SC2086 # $qemu is the binary and its machine options
	set -- $qemu -accel tcg -m "${JAILVM_MEM:-1024}" -smp "${JAILVM_SMP:-2}" \
		${JAILVM_QEMU:-} -no-reboot -display none \
		-kernel "$image" -append "$append" \
		-fsdev local,id=jailroot,path="$rootfs",security_model=none,readonly=on,multidevs=remap \
		-device virtio-9p-pci,fsdev=jailroot,mount_tag=jailroot \
		-fsdev local,id=jailrepo,path="$root",security_model=none,readonly=on,multidevs=remap \
		-device virtio-9p-pci,fsdev=jailrepo,mount_tag=jailrepo \
		-fsdev local,id=jailout,path="$out",security_model=none \
		-device virtio-9p-pci,fsdev=jailout,mount_tag=jailout
	if [ "$io" = "$tty" ]; then
		"$@" -serial mon:stdio
	else
		# Serial lines end in CR LF; give the caller plain lines.
		timeout -k 10 "$timeout" "$@" -monitor none \
			-serial file:"$out/console.log" \
			-device virtio-serial-pci -chardev stdio,id=io,signal=off \
			-device virtconsole,chardev=io </dev/null | tr -d '\r' || true
	fi

	if [ -r "$out/status" ]; then
		status=$(cat "$out/status")
	else
		echo "run.sh: the VM did not finish (crashed, or timed out after ${timeout}s); its console:" >&2
		tail -n 40 "$out/console.log" >&2 2>/dev/null || true
		status=125
	fi
	kernel_clean=true
	if grep -Eq "$reports" "$out/dmesg" 2>/dev/null; then
		kernel_clean=false
	fi
}

if [ "$mode" != test ]; then
	boot "$kobj/vm/$mode" "$mode" "$cmd"
	if ! $kernel_clean; then
		echo "run.sh: the kernel log has reports ($out/dmesg):" >&2
		grep -E "$reports" "$out/dmesg" >&2
	fi
	# make can only exit 0 or 2: say the exact status.
	[ "$status" = 0 ] || echo "run.sh: the command exited with status $status" >&2
	exit "$status"
fi

# test: the bats TAP is printed live; count it and add the host's checks.
passed=0
failed=0
skipped=0
check() {
	n=$((n + 1))
	if "$1"; then
		echo "ok $n $2"
		passed=$((passed + 1))
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}
finished() { [ "$status" != 125 ]; }
bats_complete() {
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap")
	[ -n "$plan" ] && [ "$plan" = "$(grep -Ec '^(not )?ok [0-9]+' "$tap")" ]
}

# The KUnit suite runs at boot in the jail boot (kernel/jail/jail_kunit.c);
# its totals line, from the kernel log, counts in the summary.
kunit_totals() {
	sed -n 's/^\[[^]]*\] *# Totals: pass:\([0-9]*\) fail:\([0-9]*\) skip:\([0-9]*\) total:[0-9]*$/\1 \2 \3/p' \
		"$out/dmesg" 2>/dev/null | tail -n 1
}
kunit_ran() { [ -n "$kunit" ]; }

# Count the TAP in $tap; n is then its last test's number.
tally() {
	touch "$tap"
	ok=$(grep -Ec '^ok [0-9]+( |$)' "$tap" || true)
	skip=$(grep -Ec '^ok [0-9]+ .*# skip' "$tap" || true)
	n=$(grep -Ec '^(not )?ok [0-9]+' "$tap" || true)
	passed=$((passed + ok - skip))
	skipped=$((skipped + skip))
	failed=$((failed + n - ok))
}

# The host's suite first: tests/host/*.bats, what runs make itself (such
# as make run CMD=..., which boots the VM once more) and what needs no VM.
echo "# suite host (tests/host)"
out=$kobj/vm/host
rm -rf "$out"
mkdir -p "$out"
tap=$out/tap
ARCH=$arch KCONFIG=$lane bats --tap "$root/tests/host" </dev/null 2>&1 | tee "$tap"
tally
check bats_complete "host: every planned bats test reported"

suites="jail:tests/bats:"
[ "$lane" != debug ] || suites="$suites debug:tests/bats/debug:kunit.enable=0"
suites="$suites lsm-off:tests/bats/lsm-off:lsm=capability+kunit.enable=0"
kmemleak_clean() { [ -f "$out/kmemleak" ] && [ ! -s "$out/kmemleak" ]; }

# NAME:DIR:KERNEL-ARGS, the arguments joined with +.
for suite in $suites; do
	name=${suite%%:*}
	rest=${suite#*:}
	echo "# suite $name (${rest#*:})"
	boot "$kobj/vm/$name" test "${rest%%:*}" "$(echo "${rest#*:}" | tr + ' ')"
	tap=$out/tap
	tally
	check finished "$name: the VM finished"
	check bats_complete "$name: every planned bats test reported"
	check $kernel_clean "$name: the kernel log has no WARNING, BUG, lockdep report, Oops or panic"
	$kernel_clean || grep -E "$reports" "$out/dmesg" | sed 's/^/# /'
	if [ "$lane" = debug ]; then
		check kmemleak_clean "$name: a kmemleak scan after the tests found no leak"
		kmemleak_clean || sed 's/^/# /' "$out/kmemleak" 2>/dev/null | head -n 60
	fi
	if [ "$name" = jail ]; then
		kunit=$(kunit_totals)
		check kunit_ran "kunit: the jail suite ran at boot and reported its totals"
		if kunit_ran; then
			echo "# kunit: $kunit (pass fail skip)"
			grep -E '^\[[^]]*\] +(not ok|# .*(Expected|ASSERTION|FAIL))' "$out/dmesg" | sed 's/^/# /' || true
			# shellcheck disable=SC2086 # pass, fail and skip
			set -- $kunit
			passed=$((passed + $1))
			failed=$((failed + $2))
			skipped=$((skipped + $3))
		fi
	fi
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
