#!/bin/sh
# The jail LSM is built in layers, lowest first, listed in the table of
# kernel/jail/README.md ("Layers"). Fail when a file calls a function
# defined in a file of its own layer or a higher one, includes a header of
# its own layer or a higher one other than its own, or is not in the
# table: then no call or include cycle can exist. Calls are read from the
# objects the compiler made (nm), so every call counts, macros and inline
# functions expanded, and so does a reference to another file's data; the
# data setup.h declares (the blob sizes, the LSM's id), which registration
# fills in for every layer, counts as layer 0.
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
# report FILE: what a check found, if anything, fails the run (and is
# shown, but in the self-test, which expects it).
report() {
	[ -s "$1" ] || return 0
	status=1
	[ -n "$self_test" ] || sed 's/^/check-layers: /' "$1" >&2
}
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
	# "x.h" or <x.h>, spaced as the preprocessor allows; <linux/...> and
	# the like are in no table and pass.
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]\([^>"]*\)[>"].*/\1/p' \
		"$path" | while read -r inc; do
		case $inc in */*) [ "${inc%%/*}" = ipc-hooks ] || continue ;; esac
		# A header beside the file first, as the compiler looks.
		case $rel in
		ipc-hooks/*) [ -e "$root/kernel/ipc-hooks/$inc" ] && inc=ipc-hooks/$inc ;;
		esac
		to=$(layer_of "$inc") || {
			case $inc in *.h) ;; *) echo "$rel includes $inc, which is in no layer" ;; esac
			continue
		}
		[ "$to" -lt "$from" ] || [ "${inc%.h}" = "${rel%.*}" ] ||
			echo "$rel (layer $from) includes $inc (layer $to)"
	done
done <"$tmp/files" >"$tmp/includes"
report "$tmp/includes"

# Calls and data: each object's undefined symbols that another object
# defines (functions, weak or not, and data).
setup_data=$(sed -n 's/^extern [^;]*[ *]\([a-z_]*\);$/\1/p' "$root/kernel/jail/setup.h")
: >"$tmp/defined"
while read -r rel path; do
	case $rel in *.c) ;; *) continue ;; esac
	obj=$objdir/${rel%.c}.o
	[ -e "$obj" ] || { echo "check-layers: $obj missing (build security/jail/ first)" >&2; exit 1; }
	syms=$tmp/nm.$(printf %s "$rel" | tr / :)
	"$nm" "$obj" >"$syms" || { echo "check-layers: $nm $obj failed" >&2; exit 1; }
	awk -v f="$rel" '$2 ~ /^[TWVDBRG]$/ { print $3, f }' "$syms" >>"$tmp/defined"
done <"$tmp/files"
for sym in $setup_data; do
	awk -v s="$sym" '$1 == s { $2 = "setup.h" } { print }' "$tmp/defined" >"$tmp/d"
	mv "$tmp/d" "$tmp/defined"
done
grep -q '^jail_create object\.c$' "$tmp/defined" || {
	echo "check-layers: $nm found no jail_create() in object.o" >&2
	exit 1
}
while read -r rel path; do
	case $rel in *.c) ;; *) continue ;; esac
	from=$(layer_of "$rel")
	awk '$1 == "U" { print $2 }' "$tmp/nm.$(printf %s "$rel" | tr / :)" |
	while read -r sym; do
		def=$(awk -v s="$sym" '$1 == s { print $2 }' "$tmp/defined")
		[ -n "$def" ] || continue
		to=$(layer_of "$def")
		[ "$to" -lt "$from" ] ||
			echo "$rel (layer $from) uses $sym of $def (layer $to)"
	done
done <"$tmp/files" >"$tmp/calls"
report "$tmp/calls"

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
