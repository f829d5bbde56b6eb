#!/bin/sh
# The test VM's root for a foreign architecture: Debian bookworm's own
# packages for it, unpacked by mmdebstrap (no maintainer script runs), then
# the few things those scripts would have done. The VM mounts it read-only
# over 9p, as it mounts the host's / on x86_64.
#
# usage: mkrootfs.sh ARCH DIR     (ARCH: one of scripts/arches whose root
#                                  is rootfs: arm64, arm)
#
# DIR is made whole or not at all (built beside it, then renamed), and made
# again only when this script or the Debian architecture changes.
set -eu

# Debian's name for the architecture, and the user-mode QEMU that runs
# its programs here (scripts/arches).
arch_sh=$(dirname "$0")/arch.sh
debarch=$("$arch_sh" debarch "$1") || exit 1
qemu=$("$arch_sh" qemuuser "$1")
[ -n "$qemu" ] || { echo "mkrootfs: ARCH '$1' runs on this machine's own root" >&2; exit 1; }
mkdir -p "$(dirname "$2")"
dir=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")

# What the VM's init and the tests run. usr-is-merged keeps apt from
# choosing usrmerge (and perl); apt adds the dependencies.
pkgs="usr-is-merged base-files bash dash bats coreutils util-linux bsdutils
mount procps busybox-static iproute2 man-db groff-base bsdextrautils binutils
libc-bin grep sed mawk findutils diffutils hostname"

stamp=$({ cat "$0"; echo "$debarch"; } | sha256sum | cut -d' ' -f1)
[ "$(cat "$dir/.jailvm-rootfs" 2>/dev/null)" = "$stamp" ] && exit 0

echo "  ROOTFS  $dir (Debian bookworm, $debarch)" >&2
new=$dir.new
rm -rf "$new"
trap 'rm -rf "$new" "$new.log"' EXIT

mirror=http://deb.debian.org/debian
mm() {
	# shellcheck disable=SC2086,SC2016 # one word per package; $1 is the hook's
	mmdebstrap --quiet --variant=extract --architectures="$debarch" \
		--include="$(printf '%s,' $pkgs)" \
		--setup-hook='for d in bin sbin lib; do
			mkdir -p "$1/usr/$d"; ln -s "usr/$d" "$1/$d"; done' \
		bookworm "$new" "deb $mirror bookworm main" \
		"deb $mirror bookworm-updates main" "$@"
}
# A security index in the middle of a mirror sync fails apt's checks:
# the root is then made from the point release alone.
if ! mm "deb $mirror-security bookworm-security main" 2>"$new.log"; then
	echo "mkrootfs: bookworm-security unusable for $debarch now; without it:" >&2
	tail -n 3 "$new.log" >&2 || true
	rm -rf "$new"
	mm
fi
rm -f "$new.log"

cd "$new"
# The alternatives the postinst scripts would have made.
mkdir -p etc/alternatives
alternative() {
	ln -sfn "$3" "etc/alternatives/$1"
	ln -sfn "/etc/alternatives/$1" ".$2"
}
alternative awk /usr/bin/awk /usr/bin/mawk
alternative nawk /usr/bin/nawk /usr/bin/mawk
alternative which /usr/bin/which /usr/bin/which.debianutils
alternative pager /usr/bin/pager /usr/bin/more
[ "$(readlink usr/bin/sh)" = dash ]

# What base-passwd's postinst would have written.
printf '%s\n' 'root:x:0:0:root:/root:/bin/bash' \
	'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin' \
	'man:x:6:12:man:/var/cache/man:/usr/sbin/nologin' \
	'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >etc/passwd
printf '%s\n' root:x:0: daemon:x:1: tty:x:5: disk:x:6: man:x:12: \
	users:x:100: nogroup:x:65534: >etc/group
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' \
	>etc/nsswitch.conf
# The directories base-files' postinst would have made (jail(8)'s example
# keeps its jails under /srv).
mkdir -p mnt srv opt media etc/opt var/opt usr/local/bin usr/local/sbin \
	usr/local/lib usr/local/share usr/local/include usr/local/src usr/local/etc
ln -sfn ../proc/self/mounts etc/mtab
echo jailvm >etc/hostname
: >etc/resolv.conf
rm -f etc/fstab
mkdir -p root

# The host's ldconfig writes an empty cache for foreign libraries; the
# target's own (static) one, under user-mode QEMU, writes the right one.
"$qemu" ./usr/sbin/ldconfig -r "$PWD"
rm -rf var/cache/ldconfig/aux-cache
# devtmpfs provides the devices.
find dev -mindepth 1 -maxdepth 1 -exec rm -rf {} +

echo "$stamp" >.jailvm-rootfs
cd /
rm -rf "$dir"
mv "$new" "$dir"
trap - EXIT
