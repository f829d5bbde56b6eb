#!/bin/sh
# The capability table lives in kernel/jail/cred.c; kernel/jail/README.md
# shows it. Fail when the two lists differ.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
code=$(sed -n '/^static const kernel_cap_t jail_allowed_caps/,/^};/p' \
	"$root/kernel/jail/cred.c" | grep -o 'CAP_[A-Z_]*' | sort)
doc=$(sed -n 's/^| \(CAP_[A-Z_]*\) |.*/\1/p' "$root/kernel/jail/README.md" | sort)
[ -n "$code" ] || { echo "check-captable: no table in cred.c" >&2; exit 1; }
if [ "$code" != "$doc" ]; then
	echo "check-captable: kernel/jail/README.md and cred.c list different capabilities" >&2
	printf '%s\n' "$code" >"${TMPDIR:-/tmp}/captable.code.$$"
	printf '%s\n' "$doc" | diff "${TMPDIR:-/tmp}/captable.code.$$" - >&2 || true
	rm -f "${TMPDIR:-/tmp}/captable.code.$$"
	exit 1
fi
