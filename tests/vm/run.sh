#!/bin/sh
# Boot the jail kernel under QEMU (TCG) with the host's filesystem as the
# VM's read-only root (virtio 9p) and build/<arch>/vm as a writable share
# for results.
#
# usage: run.sh shell          interactive shell on the serial console
#        run.sh cmd COMMAND    run one shell command line, exit with its status
#        run.sh test           run tests/bats/*.bats, print TAP and a summary
#
# Environment: ARCH (default x86_64), JAILVM_TIMEOUT (seconds, default 1800),
# JAILVM_APPEND (extra kernel command line).
set -eu

mode=$1
cmd=${2:-}
arch=${ARCH:-x86_64}
root=$(cd "$(dirname "$0")/../.." && pwd)
kobj=$root/build/$arch
out=$kobj/vm
timeout=${JAILVM_TIMEOUT:-1800}

case $arch in
x86_64)
	set -- qemu-system-x86_64 -M pc -cpu max
	image=$kobj/arch/x86/boot/bzImage
	tty=ttyS0
	;;
*)
	echo "run.sh: unsupported ARCH '$arch'" >&2
	exit 125
	;;
esac
[ -r "$image" ] || { echo "run.sh: no kernel at $image (run make first)" >&2; exit 125; }

rm -rf "$out"
mkdir -p "$out"
echo "$mode" >"$out/mode"
printf '%s\n' "$cmd" >"$out/cmd"
pwd >"$out/cwd"

# The kernel console: the terminal in shell mode, a log file otherwise,
# where the program's input and output use a virtio console instead.
if [ "$mode" = shell ]; then
	io=$tty
else
	io=hvc0
fi
append="console=$tty root=jailroot rootfstype=9p ro"
append="$append rootflags=trans=virtio,version=9p2000.L,cache=loose,msize=262144"
append="$append init=$root/tests/vm/init.sh panic=-1 JAILVM_OUT=$out JAILVM_TTY=$io JAILVM_HELPERS=$kobj/helpers"
[ "$mode" = shell ] || append="$append quiet"
append="$append ${JAILVM_APPEND:-}"

set -- "$@" -accel tcg -m 1024 -smp 2 -no-reboot -display none \
	-kernel "$image" -append "$append" \
	-fsdev local,id=jailroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=jailroot,mount_tag=jailroot \
	-fsdev local,id=jailout,path="$out",security_model=none \
	-device virtio-9p-pci,fsdev=jailout,mount_tag=jailout

if [ "$mode" = shell ]; then
	"$@" -serial mon:stdio
else
	# Serial lines end in CR LF; give the caller plain lines.
	timeout -k 10 "$timeout" "$@" -monitor none \
		-serial file:"$out/console.log" \
		-device virtio-serial-pci -chardev stdio,id=io,signal=off \
		-device virtconsole,chardev=io </dev/null | tr -d '\r' || true
fi

# Kernel log reports that fail a run, whatever the tests said.
reports='WARNING:|BUG:|Oops|Kernel panic|general protection fault|turning off the locking correctness validator|INFO: task .* blocked'
kernel_clean=true
if grep -Eq "$reports" "$out/dmesg" 2>/dev/null; then
	kernel_clean=false
fi

if [ ! -r "$out/status" ]; then
	echo "run.sh: the VM did not finish (crashed, or timed out after ${timeout}s); its console:" >&2
	tail -n 40 "$out/console.log" >&2 2>/dev/null || true
	status=125
else
	status=$(cat "$out/status")
fi

if [ "$mode" != test ]; then
	if ! $kernel_clean; then
		echo "run.sh: the kernel log has reports (build/$arch/vm/dmesg):" >&2
		grep -E "$reports" "$out/dmesg" >&2
	fi
	# make can only exit 0 or 2: say the exact status.
	[ "$status" = 0 ] || echo "run.sh: the command exited with status $status" >&2
	exit "$status"
fi

# test: the bats TAP was printed live; count it, add the host's own checks.
tap=$out/tap
touch "$tap"
passed=$(grep -Ec '^ok [0-9]+( |$)' "$tap" || true)
skipped=$(grep -Ec '^ok [0-9]+ .*# skip' "$tap" || true)
failed=$(grep -Ec '^not ok [0-9]+' "$tap" || true)
passed=$((passed - skipped))
n=$((passed + failed + skipped))

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
finished() { [ -r "$out/status" ] && [ "$(sed -n 1p "$tap")" != "" ]; }
bats_complete() {
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap")
	[ -n "$plan" ] && [ "$plan" = "$(grep -Ec '^(not )?ok [0-9]+' "$tap")" ]
}
check finished "the VM finished"
check bats_complete "every planned bats test reported"
check $kernel_clean "the kernel log has no WARNING, BUG, lockdep report, Oops or panic"
if ! $kernel_clean; then
	grep -E "$reports" "$out/dmesg" | sed 's/^/# /'
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
