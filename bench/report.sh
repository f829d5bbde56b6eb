#!/bin/sh
# Turn bench/run.sh's raw lines ("BOOT CONTEXT NAME VALUE") into
# results.csv and results.md: medians, the spread between the 25th and
# 75th percentiles, and the ratios the targets in docs/benchmarks.md name.
#
# usage: report.sh ARCH RAW OUTDIR
set -eu

arch=$1
raw=$2
out=$3

# The values of NAME in CONTEXT (and boot BOOT, or any), one per line.
values() {
	awk -v b="$1" -v c="$2" -v n="$3" \
		'(b == "*" || $1 == b) && $2 == c && $3 == n { print $4 }' "$raw"
}

# "MEDIAN P25 P75 COUNT" of the numbers on standard input.
stats() {
	sort -g | awk '{ v[NR] = $1 }
		function q(p,  i) { i = int(p * (NR - 1)) + 1; return v[i] }
		END { if (NR) printf "%s %s %s %d\n", q(0.5), q(0.25), q(0.75), NR }'
}

median() {
	values "$1" "$2" "$3" | stats | cut -d' ' -f1
}

# X / Y as a percentage difference, signed, one decimal.
pct() {
	awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%+.1f%%", (x / y - 1) * 100; else print "n/a" }'
}

ratio() {
	awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%.3f", x / y; else print "n/a" }'
}

hot="getppid fork exec sem msg shm kill open pipe"
csv=$out/results.csv
md=$out/results.md
echo "arch,section,context,name,median,p25,p75,count" >"$csv"
row() {
	# section context name boot
	set -- "$1" "$2" "$3" "$(values "${4:-*}" "$2" "$3" | stats)"
	[ -n "$4" ] || return 0
	echo "$arch,$1,$2,$3,$(echo "$4" | tr ' ' ,)" >>"$csv"
}
for name in $hot; do
	for ctx in a b c c8; do row hot "$ctx" "$name"; done
done
for name in fork new unshare-ipc unshare-all join destroy-1000; do row ops op "$name"; done
for name in jail-exec-new unshare-ipc unshare-all jail-run chroot; do row ops cmd "$name"; done
row scale scale-1 fork
row scale scale-10000 fork
for name in plain-free-kib jail-free-kib plain-slab-kib jail-slab-kib nr_jails jail-ls-ms jail-ls-q-ms; do
	row scale scale "$name"
done

{
	echo "# Benchmarks, $arch"
	echo
	echo "Medians in nanoseconds per operation under QEMU TCG (emulator time:"
	echo "only the ratios carry over to hardware); spread is the 25th to 75th"
	echo "percentile. (a) jail left out of lsm=, (b) jail active, host, (c) in"
	echo "a jail, (c8) 8 jails deep. Noise: the two (a) boots against each other."
	echo
	echo "| benchmark | a | spread | noise a/a' | b/a | c/a | c8/a |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
	for name in $hot; do
		# shellcheck disable=SC2046 # median, p25, p75, count
		set -- $(values '*' a "$name" | stats)
		a=$1 spread="$2-$3"
		a1=$(median 1 a "$name") a3=$(median 3 a "$name")
		echo "| $name | $a | $spread | $(pct "$a3" "$a1") | $(pct "$(median '*' b "$name")" "$a") | $(pct "$(median '*' c "$name")" "$a") | $(pct "$(median '*' c8 "$name")" "$a") |"
	done
	echo
	echo "Jail operations, each in a forked child that then exits (ns):"
	echo
	echo "| operation | median | minus fork |"
	echo "| --- | ---: | ---: |"
	f=$(median '*' op fork)
	for name in fork new unshare-ipc unshare-all join; do
		m=$(median '*' op "$name")
		echo "| $name | $m | $(awk -v m="$m" -v f="$f" 'BEGIN { print m - f }') |"
	done
	n=$(median '*' op new) u=$(median '*' op unshare-ipc)
	echo
	echo "new / unshare-ipc: $(ratio "$n" "$u") (with the fork), $(ratio "$((n - f))" "$((u - f))") (without)."
	echo
	echo "From the command line (ns per run):"
	echo
	echo "| command | median |"
	echo "| --- | ---: |"
	for name in jail-exec-new unshare-ipc unshare-all jail-run chroot; do
		echo "| $name | $(median '*' cmd "$name") |"
	done
	echo
	echo "Destroying a jail of 1,000 tasks: $(median '*' op destroy-1000) ms (median of 3)."
	echo
	nj=$(median '*' scale nr_jails)
	jf=$(median '*' scale jail-free-kib) pf=$(median '*' scale plain-free-kib)
	js=$(median '*' scale jail-slab-kib) ps=$(median '*' scale plain-slab-kib)
	echo "Scale, with $nj jails of one sleeping task each against as many plain tasks:"
	echo
	echo "- memory per jail, without its task: $(awk -v j="$jf" -v p="$pf" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }') KiB (MemFree), $(awk -v j="$js" -v p="$ps" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }') KiB of it slab"
	echo "- \`jail ls\`: $(median '*' scale jail-ls-ms) ms; \`jail ls -q\`: $(median '*' scale jail-ls-q-ms) ms"
	f1=$(median '*' scale-1 fork) f10k=$(median '*' scale-10000 fork)
	echo "- fork: $f1 ns with no other jail, $f10k ns with $nj: $(pct "$f10k" "$f1")"
} >"$md"
