#!/bin/sh
# Install the Debian packages the build and the VM need, when missing.
# usage: deps.sh ARCH
set -eu

arch=${1:-x86_64}
pkgs="linux-source-6.12 make gcc libc6-dev bc bison flex libelf-dev libssl-dev
xz-utils patch perl python3 ccache bats util-linux procps shellcheck
busybox-static binutils iproute2 man-db"
# The architecture's own: its cross-compiler, its QEMU, what makes its
# VM root (scripts/arches).
arch_pkgs=$("$(dirname "$0")/arch.sh" packages "$arch") || exit 1
pkgs="$pkgs $arch_pkgs"

missing=
for p in $pkgs; do
	# Installed, or with only triggers left to run (another install is on).
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -Eq ' (installed|triggers-awaited|triggers-pending)$' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages:$missing (install them as root)" >&2
	exit 1
fi
echo "  APT     $missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # one word per package
apt-get install -y -q --no-install-recommends $missing >/dev/null ||
	{ apt-get update -q >/dev/null &&
	  apt-get install -y -q --no-install-recommends $missing >/dev/null; }
