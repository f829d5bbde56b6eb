#!/bin/sh
# make bench: boot the jail kernel four times, alternating (a) the jail LSM
# left out of lsm= with (b) it active, and gather what bench/in-vm.sh
# measures; then write bench/results/<arch>/{raw.txt,results.csv,results.md}.
#
# usage: run.sh              (ARCH from the environment, default x86_64;
#                             BENCH_REPS repetitions per boot, default 15)
set -eu

arch=${ARCH:-x86_64}
reps=${BENCH_REPS:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/results/$arch
vmout=$root/build/$arch/vm/cmd
mkdir -p "$out"
raw=$out/raw.txt.new
: >"$raw"

# boot N MODE [KERNEL-ARGS]: one VM run of in-vm.sh, its lines tagged N.
boot() {
	echo "  BENCH   boot $1: $2${3:+ ($3)}" >&2
	JAILVM_MEM=2048 JAILVM_APPEND="${3:-}" ARCH=$arch "$root/tests/vm/run.sh" cmd \
		"sh $root/bench/in-vm.sh $2 $reps >\$JAILVM_OUT/lines" >/dev/null
	sed "s/^/$1 /" "$vmout/lines" >>"$raw"
}

boot 1 hot lsm=capability
boot 2 jail
boot 3 hot lsm=capability
boot 4 jail
boot 5 ops
mv "$raw" "$out/raw.txt"
"$root/bench/report.sh" "$arch" "$out/raw.txt" "$out"
cat "$out/results.md"
