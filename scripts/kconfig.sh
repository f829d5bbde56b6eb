#!/bin/sh
# Make OBJ/.config: a base configuration plus the given fragments from
# kernel/configs, then check that every option they set really is set.
# usage: kconfig.sh OBJ BASE "FRAGMENT..." KMAKE-COMMAND...
#   BASE: a config target (tinyconfig, omap2plus_defconfig, ...);
#   FRAGMENT: a name in kernel/configs, without .config;
#   KMAKE-COMMAND: the kernel make invocation for OBJ.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
obj=$1
base=$2
names=$3
shift 3
tree=$root/build/src/linux-source-6.12

fragments=
for n in $names; do
	fragments="$fragments $root/kernel/configs/$n.config"
done
# shellcheck disable=SC2086 # the fragment list is split on purpose
stamp=$({ echo "$base"; cat $fragments; } | sha256sum | cut -d' ' -f1)
[ "$(cat "$obj/.jail-config" 2>/dev/null)" = "$stamp" ] && [ -f "$obj/.config" ] && exit 0

echo "  CONFIG  $base + $(echo "$names" | sed 's/\([^ ]*\)/\1.config/g')" >&2
"$@" "$base" >/dev/null
# shellcheck disable=SC2086 # the fragment list is split on purpose
"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" $fragments >/dev/null
"$@" olddefconfig >/dev/null

missing=0
for f in $fragments; do
	grep '^CONFIG_' "$f" | while IFS= read -r line; do
		grep -qxF "$line" "$obj/.config" || { echo "kconfig: $line did not stick (from $(basename "$f"))" >&2; exit 1; }
	done || missing=1
	# And what they turn off stays off.
	sed -n 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/p' "$f" | while IFS= read -r opt; do
		! grep -q "^$opt=" "$obj/.config" || { echo "kconfig: $opt is set (turned off in $(basename "$f"))" >&2; exit 1; }
	done || missing=1
done
[ "$missing" = 0 ] || exit 1
echo "$stamp" >"$obj/.jail-config"
