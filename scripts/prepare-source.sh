#!/bin/sh
# Unpack Debian's linux-source-6.12 under build/src once, apply the patch
# series, and link the project's kernel files into security/jail/.
#
# When the series changes, it is applied to a staging copy of the pristine
# files it touches, and only files whose content changed are written into
# the tree, so kbuild rebuilds only what depends on them.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
src=$root/build/src
tree=$src/linux-source-6.12
pristine=$src/pristine
patches=$root/kernel/patches

[ -r "$tarball" ] || { echo "prepare-source: $tarball missing (apt-get install linux-source-6.12)" >&2; exit 1; }

if [ ! -f "$tree/.jail-unpacked" ]; then
	echo "  UNPACK  $tarball" >&2
	rm -rf "$tree" "$pristine"
	mkdir -p "$src" "$pristine"
	tar -C "$src" -xf "$tarball"
	: >"$tree/.jail-unpacked"
fi

stamp=$(cd "$patches" && { cat series; while read -r p; do cat "$p"; done <series; } |
	sha256sum | cut -d' ' -f1)
if [ "$(cat "$tree/.jail-patches" 2>/dev/null)" != "$stamp" ]; then
	# Every file the series touches, now or before, kept pristine once.
	touched=$(cd "$patches" && while read -r p; do
		sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p"; done <series)
	for f in $touched; do
		if [ ! -e "$pristine/$f" ] && [ ! -e "$pristine/$f.absent" ]; then
			mkdir -p "$pristine/$(dirname "$f")"
			if [ -e "$tree/$f" ]; then
				cp -p "$tree/$f" "$pristine/$f"
			else
				: >"$pristine/$f.absent"
			fi
		fi
	done

	stage=$src/stage
	rm -rf "$stage"
	cp -a "$pristine" "$stage"
	find "$stage" -name '*.absent' -delete
	while read -r p; do
		echo "  PATCH   $p" >&2
		patch -s -p1 -d "$stage" <"$patches/$p"
	done <"$patches/series"

	(cd "$pristine" && find . -type f) | while read -r entry; do
		f=${entry#./}
		f=${f%.absent}
		if [ ! -e "$stage/$f" ]; then
			rm -f "$tree/$f"
		elif ! cmp -s "$stage/$f" "$tree/$f"; then
			mkdir -p "$tree/$(dirname "$f")"
			cp "$stage/$f" "$tree/$f"
		fi
	done
	rm -rf "$stage"
	echo "$stamp" >"$tree/.jail-patches"
fi

# Links rather than copies: kbuild then sees the project files' own
# timestamps and rebuilds exactly what changed. kernel/jail/ becomes
# security/jail/ and kernel/ipc-hooks/ its subdirectory ipc-hooks/; a link
# to a file that is no longer there, or no longer belongs, goes.
link_dir() { # SRCDIR DSTDIR
	mkdir -p "$2"
	for link in "$2"/* "$2"/.kunitconfig; do
		[ -L "$link" ] || continue
		target=$(readlink "$link")
		if [ ! -e "$target" ] || [ "${target%/*}" != "$1" ]; then
			rm -f "$link"
		fi
	done
	for f in "$1"/* "$1"/.kunitconfig; do
		case $f in
		*.c | *.h | */Kconfig | */Makefile | *.kunitconfig) ;;
		*) continue ;;
		esac
		[ -e "$f" ] || continue
		link=$2/$(basename "$f")
		[ "$(readlink "$link" 2>/dev/null)" = "$f" ] || ln -sfn "$f" "$link"
	done
}
link_dir "$root/kernel/jail" "$tree/security/jail"
link_dir "$root/kernel/ipc-hooks" "$tree/security/jail/ipc-hooks"
