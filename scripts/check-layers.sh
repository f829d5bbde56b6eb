#!/bin/sh
# The jail LSM is built in layers, lowest first, listed in the table of
# kernel/jail/README.md ("Layers"). Fail when a file calls a function
# defined in a file of its own layer or a higher one, includes a header of
# its own layer or a higher one other than its own, or is not in the
# table: then no call or include cycle can exist. Calls are read from the
# objects the compiler made (nm), so every call counts, macros and inline
# functions expanded; data (the blob sizes registration fills in) is not a
# call.
#
# usage: check-layers.sh KOBJ [NM]   KOBJ: a kernel build directory in which
#                                    security/jail/ has been built
#        check-layers.sh --self-test KOBJ [NM]
#                                    the same objects against a table with
#                                    two layers swapped: must fail
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
self_test=
if [ "${1:-}" = --self-test ]; then
	self_test=1
	shift
fi
[ $# -ge 1 ] || { echo "usage: check-layers.sh [--self-test] KOBJ [NM]" >&2; exit 2; }
objdir=$1/security/jail
nm=${2:-nm}
readme=$root/kernel/jail/README.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The table: "| LAYER | `file`, `file` | what |" rows under "## Layers",
# as "LAYER FILE" lines; a path is relative to security/jail/, where
# kernel/ipc-hooks/ is ipc-hooks/.
sed -n '/^## Layers/,/^## /p' "$readme" |
	awk -F'|' '$2 ~ /^ *[0-9]+ *$/ {
		n = split($3, w, "`")
		for (i = 2; i <= n; i += 2) print $2 + 0, w[i]
	}' >"$tmp/layers"
[ -s "$tmp/layers" ] || { echo "check-layers: no layer table in $readme" >&2; exit 1; }

if [ -n "$self_test" ]; then
	# The object layer placed above the control layer: control.c calls
	# jail_create() of object.c, so this table must be refused.
	awk '$2 ~ /^object\./ { $1 = 99 } { print }' "$tmp/layers" >"$tmp/swapped"
	mv "$tmp/swapped" "$tmp/layers"
fi

layer_of() {
	awk -v f="$1" '$2 == f { print $1; found = 1 } END { exit !found }' \
		"$tmp/layers"
}

status=0
fail() {
	echo "check-layers: $*" >&2
	status=1
}

# Every source file has a layer.
for f in "$root"/kernel/jail/*.c "$root"/kernel/jail/*.h \
	"$root"/kernel/ipc-hooks/*.c "$root"/kernel/ipc-hooks/*.h; do
	[ -e "$f" ] || continue
	case $f in
	*/ipc-hooks/*) rel=ipc-hooks/${f##*/} ;;
	*) rel=${f##*/} ;;
	esac
	layer_of "$rel" >/dev/null || fail "$rel is in no layer of kernel/jail/README.md"
	printf '%s %s\n' "$rel" "$f" >>"$tmp/files"
done
[ "$status" = 0 ] || exit 1

# Includes: a file's own header, or headers of lower layers.
while read -r rel path; do
	from=$(layer_of "$rel")
	sed -n 's/^#include "\(.*\)"$/\1/p' "$path" | while read -r inc; do
		# A header beside the file first, as the compiler looks.
		case $rel in
		ipc-hooks/*) [ -e "$root/kernel/ipc-hooks/$inc" ] && inc=ipc-hooks/$inc ;;
		esac
		to=$(layer_of "$inc") || { echo "$rel includes $inc, which is in no layer"; continue; }
		[ "$to" -lt "$from" ] || [ "${inc%.h}" = "${rel%.*}" ] ||
			echo "$rel (layer $from) includes $inc (layer $to)"
	done
done <"$tmp/files" >"$tmp/includes"
if [ -s "$tmp/includes" ]; then
	status=1
	[ -n "$self_test" ] || sed 's/^/check-layers: /' "$tmp/includes" >&2
fi

# Calls: each object's undefined symbols that another object defines as
# a function.
: >"$tmp/defined"
while read -r rel path; do
	case $rel in *.c) ;; *) continue ;; esac
	obj=$objdir/${rel%.c}.o
	[ -e "$obj" ] || { echo "check-layers: $obj missing (build security/jail/ first)" >&2; exit 1; }
	"$nm" "$obj" | awk -v f="$rel" '$2 == "T" { print $3, f }' >>"$tmp/defined"
done <"$tmp/files"
while read -r rel path; do
	case $rel in *.c) ;; *) continue ;; esac
	from=$(layer_of "$rel")
	"$nm" "$objdir/${rel%.c}.o" | awk '$1 == "U" { print $2 }' |
	while read -r sym; do
		def=$(awk -v s="$sym" '$1 == s { print $2 }' "$tmp/defined")
		[ -n "$def" ] || continue
		to=$(layer_of "$def")
		[ "$to" -lt "$from" ] ||
			echo "$rel (layer $from) calls $sym() of $def (layer $to)"
	done
done <"$tmp/files" >"$tmp/calls"
if [ -s "$tmp/calls" ]; then
	status=1
	[ -n "$self_test" ] || sed 's/^/check-layers: /' "$tmp/calls" >&2
fi

if [ -n "$self_test" ]; then
	# Both the include and the call check must have seen it.
	if [ ! -s "$tmp/includes" ] || [ ! -s "$tmp/calls" ]; then
		echo "check-layers: self-test: a swapped table passed" >&2
		exit 1
	fi
	echo "  LAYERS  self-test: a swapped table is refused" >&2
	exit 0
fi
exit "$status"
