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
	awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0 && x != "") printf "%+.1f%%", (x / y - 1) * 100; else print "n/a" }'
}

ratio() {
	awk -v x="$1" -v y="$2" 'BEGIN { if (y > 0) printf "%.3f", x / y; else print "n/a" }'
}

hot="getppid fork exec sem msg shm kill open pipe"
ops="fork new unshare-ipc unshare-all join"
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
	for ctx in a b c c8 l; do row hot "$ctx" "$name"; done
done
for name in $ops; do
	row ops op "$name"
	row ops op "sys-$name"
done
row ops op destroy-1000
for name in jail-exec-new unshare-ipc unshare-all jail-run chroot; do row ops cmd "$name"; done
for ctx in scale-1 scale-plain scale-ipcns scale-jail; do row scale "$ctx" fork; done
for name in plain-free-kib ipcns-free-kib jail-free-kib plain-slab-kib ipcns-slab-kib jail-slab-kib nr_jails jail-ls-ms jail-ls-q-ms; do
	row scale scale "$name"
done

# The boots that ran context a.
a_boots=$(awk '$2 == "a" { print $1 }' "$raw" | sort -u)

# The noise band of NAME: how far apart the (a) boots' medians are, in
# percent, unsigned.
noise() {
	for b in $a_boots; do median "$b" a "$1"; done |
		sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 }
			END { if (lo > 0) printf "%.1f", (hi / lo - 1) * 100; else print "n/a" }'
}

# X - Y, signed, whole.
diff_of() {
	awk -v x="$1" -v y="$2" 'BEGIN { printf "%+.0f", x - y }'
}

# X against Y, unsigned percent.
absdiff() {
	awk -v x="$1" -v y="$2" 'BEGIN { d = (x / y - 1) * 100; if (d < 0) d = -d; printf "%.1f", d }'
}

# met X LIMIT: "met" if X <= LIMIT, both numbers.
met() {
	awk -v x="$1" -v l="$2" 'BEGIN { print (x <= l) ? "met" : "missed" }'
}

{
	echo "# Benchmarks, $arch"
	echo
	echo "Medians in nanoseconds per operation of the VM's clock, which under"
	echo "QEMU's -icount shift=0 advances one nanosecond per guest instruction"
	echo "executed (and with the host's time while the VM idles): in effect"
	echo "instructions, so only ratios and differences carry over to hardware."
	echo "Spread is the 25th to 75th percentile. (a) jail left out of lsm=, (b)"
	echo "jail active, host, (c) in a jail, (c8) 8 jails deep, (l) Landlock"
	echo "alone, for reference. Noise: how far apart the medians of the"
	echo "$(echo "$a_boots" | wc -w) (a) boots are. b-a and c-a: the difference, in instructions."
	echo
	echo "| benchmark | a | spread | noise | b/a | c/a | c8/a | l/a | b-a | c-a |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	worst=0 worst_over=0 beyond=
	for name in $hot; do
		# shellcheck disable=SC2046 # median, p25, p75, count
		set -- $(values '*' a "$name" | stats)
		a=$1 spread="$2-$3" nz=$(noise "$name")
		b=$(median '*' b "$name") c=$(median '*' c "$name")
		echo "| $name | $a | $spread | ±$nz% | $(pct "$b" "$a") | $(pct "$c" "$a") | $(pct "$(median '*' c8 "$name")" "$a") | $(pct "$(median '*' l "$name")" "$a") | $(diff_of "$b" "$a") | $(diff_of "$c" "$a") |"
		over=0
		for ctx in b c c8; do
			d=$(absdiff "$(median '*' "$ctx" "$name")" "$a")
			worst=$(awk -v w="$worst" -v d="$d" 'BEGIN { print (d > w) ? d : w }')
			# Beyond both 1% and the noise band: a real difference.
			over=$(awk -v w="$over" -v d="$d" -v n="$nz" \
				'BEGIN { lim = (n > 1) ? n : 1; o = d - lim; print (o > w) ? o : w }')
		done
		worst_over=$(awk -v w="$worst_over" -v o="$over" 'BEGIN { print (o > w) ? o : w }')
		if [ "$(met "$over" 0)" = missed ]; then
			beyond="$beyond${beyond:+, }$name"
		fi
	done
	echo
	echo "Jail operations, each in a forked child that then exits: the whole,"
	echo "and the operation's own system call(s) timed in the child (ns):"
	echo
	echo "| operation | whole | minus fork | system call |"
	echo "| --- | ---: | ---: | ---: |"
	f=$(median '*' op fork)
	for name in $ops; do
		m=$(median '*' op "$name")
		echo "| $name | $m | $(awk -v m="$m" -v f="$f" 'BEGIN { print m - f }') | $(median '*' op "sys-$name") |"
	done
	sn=$(median '*' op sys-new) su=$(median '*' op sys-unshare-ipc)
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
	per_jail=$(awk -v j="$jf" -v p="$pf" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }')
	nf=$(median '*' scale ipcns-free-kib) ns=$(median '*' scale ipcns-slab-kib)
	per_ns=$(awk -v j="$nf" -v p="$pf" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }')
	echo "Scale, with $nj jails of one sleeping task each against as many plain tasks:"
	echo
	echo "- memory per jail, without its task: $per_jail KiB (MemFree), $(awk -v j="$js" -v p="$ps" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }') KiB of it slab"
	echo "- of which its IPC namespace (a task in a new IPC namespace against a plain one): $(awk -v j="$nf" -v p="$pf" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }') KiB (MemFree), $(awk -v j="$ns" -v p="$ps" -v n="$nj" 'BEGIN { printf "%.1f", (j - p) / n }') KiB slab"
	echo "- \`jail ls\`: $(median '*' scale jail-ls-ms) ms; \`jail ls -q\`: $(median '*' scale jail-ls-q-ms) ms"
	f1=$(median '*' scale-1 fork) fp=$(median '*' scale-plain fork)
	f10k=$(median '*' scale-jail fork)
	echo "- fork: $f1 ns beside no other task, $fp ns beside $nj plain tasks, $f10k ns beside $nj jails of one task: $(pct "$f10k" "$fp") against as many plain tasks"
	echo
	echo "## Targets"
	echo
	echo "| target | measured | |"
	echo "| --- | --- | --- |"
	echo "| b/a and c/a within 1% (or the noise band) on every hot path | largest difference $worst%, $worst_over points beyond 1% and the noise${beyond:+ (}${beyond}${beyond:+)} | $(met "$worst_over" 0) |"
	echo "| creating a jail at most 1.1 x unshare --ipc | system call: $(ratio "$sn" "$su") x | $(met "$(ratio "$sn" "$su")" 1.1) |"
	echo "| fork at $nj jails within 5% of fork at 1 | $(pct "$f10k" "$fp") (against $nj plain tasks) | $(met "$(absdiff "$f10k" "$fp")" 5) |"
	echo "| an idle jail costs a few KiB | $per_jail KiB: $(awk -v j="$per_jail" -v n="$per_ns" 'BEGIN { printf "%.1f", j - n }') its own, $per_ns its IPC namespace | $(met "$per_jail" 4) |"
} >"$md"
