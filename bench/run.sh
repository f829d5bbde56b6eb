#!/bin/sh
# make bench: boot the bench kernel nine times, in turn (a) with the jail
# LSM left out of lsm=, (b) with it active, (l) with Landlock alone, then
# once for the operations, and
# gather what bench/in-vm.sh measures; then write
# bench/results/<arch>/{raw.txt,results.csv,results.md}.
#
# The VM has one CPU whose clock counts instructions (QEMU's -icount,
# shift=0: a nanosecond per instruction), not host time, and no address
# randomisation, so that the same work takes the same time whatever the
# host does; docs/benchmarks.md says what that measures.
#
# usage: run.sh              (ARCH from the environment, default x86_64;
#                             BENCH_REPS repetitions per boot, default 20)
set -eu

arch=${ARCH:-x86_64}
reps=${BENCH_REPS:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/results/$arch
# tests/vm/run.sh leaves a command's output under the kernel's directory.
vmout=${JAILVM_KOBJ:-$root/build/$arch}/vm/cmd
mkdir -p "$out"
raw=$out/raw.txt.new
: >"$raw"

# boot N KERNEL-ARGS MODE [CONTEXT]: one VM run of in-vm.sh, its lines
# tagged N.
boot() {
	echo "  BENCH   boot $1: $3 ${4:-}${2:+ ($2)}" >&2
	JAILVM_MEM=2048 JAILVM_SMP=1 JAILVM_QEMU="-icount shift=0" \
		JAILVM_APPEND="$2 nokaslr norandmaps" ARCH=$arch "$root/tests/vm/run.sh" cmd \
		"sh $root/bench/in-vm.sh $3 $reps ${4:-} >\$JAILVM_OUT/lines" >/dev/null
	sed "s/^/$1 /" "$vmout/lines" >>"$raw"
}

# Three boots of each kind, in turn, so that a slow phase of the host or
# the emulator lands on all; the (a) boots against each other give the
# noise band. (l) is Landlock alone, a reference: another LSM with blobs.
for n in 1 4 7; do
	boot "$n" lsm=capability hot a
	boot $((n + 1)) "" jail
	boot $((n + 2)) lsm=landlock hot l
done
boot 10 "" ops
mv "$raw" "$out/raw.txt"
"$root/bench/report.sh" "$arch" "$out/raw.txt" "$out"
cat "$out/results.md"
