#!/bin/sh
# Look up the table of architectures, scripts/arches (parsed here, never
# sourced).
#
# usage: arch.sh FIELD ARCH        the field of ARCH ("-" prints nothing)
#        arch.sh check ARCH        nothing, or one line if ARCH is unsupported
#        arch.sh list              the supported ARCHes, one line
#        arch.sh of-machine M      the ARCH whose machine (uname -m) is M
# An unsupported ARCH or an unknown FIELD is one line on stderr, status 1.
set -eu

table=$(dirname "$0")/arches
[ -r "$table" ] || { echo "arch: no table at $table" >&2; exit 1; }
[ $# -ge 1 ] || { echo "usage: arch.sh FIELD ARCH | check ARCH | list | of-machine MACHINE" >&2; exit 1; }

# The table's rows after the header, fields trimmed and joined by tabs,
# or one line on stderr if a row has not as many fields as the header.
# The header names the fields, so columns can move.
rows() {
	awk -F'|' -v table="$table" '
		/^[[:space:]]*(#|$)/ { next }
		{
			for (i = 1; i <= NF; i++) {
				gsub(/^[[:space:]]+|[[:space:]]+$/, "", $i)
				if ($i == "-")
					$i = ""
			}
			if (!n) { n = NF }
			else if (NF != n) {
				printf "arch: %s:%d: %d fields, the header has %d\n", table, NR, NF, n > "/dev/stderr"
				exit 1
			}
			line = $1
			for (i = 2; i <= NF; i++)
				line = line "\t" $i
			print line
		}' "$table"
}

all=$(rows)
header=$(printf '%s\n' "$all" | head -n 1)
body=$(printf '%s\n' "$all" | tail -n +2)
supported=$(printf '%s\n' "$body" | cut -f1 | paste -sd' ' -)

unsupported() {
	echo "arch: unsupported ARCH '$1'; supported: $(echo "$supported" | sed 's/ /, /g')" >&2
	exit 1
}

# The column number of FIELD, or one line on stderr.
column() {
	c=$(printf '%s\n' "$header" | tr '\t' '\n' | grep -nxF -- "$1" | cut -d: -f1)
	[ -n "$c" ] || { echo "arch: no field '$1' in $table" >&2; exit 1; }
	echo "$c"
}

# The row of ARCH, or nothing.
row() {
	printf '%s\n' "$body" | awk -F'\t' -v a="$1" '$1 == a'
}

case $1 in
list)
	echo "$supported"
	;;
check)
	[ $# = 2 ] || { echo "usage: arch.sh check ARCH" >&2; exit 1; }
	[ -n "$(row "$2")" ] || unsupported "$2"
	;;
of-machine)
	[ $# = 2 ] || { echo "usage: arch.sh of-machine MACHINE" >&2; exit 1; }
	col=$(column machine)
	a=$(printf '%s\n' "$body" | awk -F'\t' -v c="$col" -v m="$2" '$c == m { print $1; exit }')
	[ -n "$a" ] || { echo "arch: no architecture of the table runs on machine '$2'" >&2; exit 1; }
	echo "$a"
	;;
*)
	[ $# = 2 ] || { echo "usage: arch.sh FIELD ARCH" >&2; exit 1; }
	col=$(column "$1")
	r=$(row "$2")
	[ -n "$r" ] || unsupported "$2"
	printf '%s\n' "$r" | cut -f"$col"
	;;
esac
