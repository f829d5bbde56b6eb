#!/bin/sh
# Make build/<arch>/.config: tinyconfig plus the fragments in kernel/configs,
# then check that every requested option really is set.
# usage: kconfig.sh KMAKE-COMMAND... (the kernel make invocation)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
obj=$1
arch=$2
shift 2
tree=$root/build/src/linux-source-6.12

fragments="$root/kernel/configs/vm.config $root/kernel/configs/debug.config $root/kernel/configs/jail.config $root/kernel/configs/$arch.config"
stamp=$(for f in $fragments; do cat "$f"; done | sha256sum | cut -d' ' -f1)
[ "$(cat "$obj/.jail-config" 2>/dev/null)" = "$stamp" ] && [ -f "$obj/.config" ] && exit 0

echo "  CONFIG  tinyconfig + $(for f in $fragments; do basename "$f"; done | tr '\n' ' ')" >&2
"$@" tinyconfig >/dev/null
# shellcheck disable=SC2086 # the fragment list is split on purpose
"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" $fragments >/dev/null
"$@" olddefconfig >/dev/null

missing=0
for f in $fragments; do
	grep '^CONFIG_' "$f" | while IFS= read -r line; do
		grep -qxF "$line" "$obj/.config" || { echo "kconfig: $line did not stick (from $(basename "$f"))" >&2; exit 1; }
	done || missing=1
done
[ "$missing" = 0 ] || exit 1
echo "$stamp" >"$obj/.jail-config"
