#!/bin/sh
# Unpack Debian's linux-source-6.12 under build/src once, apply the patch
# series, and link the project's kernel files into security/jail/.
# Re-unpacks only when the patch series changes.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
src=$root/build/src
tree=$src/linux-source-6.12
patches=$root/kernel/patches

[ -r "$tarball" ] || { echo "prepare-source: $tarball missing (apt-get install linux-source-6.12)" >&2; exit 1; }

stamp=$(cd "$patches" && { cat series; while read -r p; do cat "$p"; done <series; } |
	sha256sum | cut -d' ' -f1)
if [ "$(cat "$tree/.jail-patches" 2>/dev/null)" != "$stamp" ]; then
	echo "  UNPACK  $tarball" >&2
	rm -rf "$tree"
	mkdir -p "$src"
	tar -C "$src" -xf "$tarball"
	while read -r p; do
		echo "  PATCH   $p" >&2
		patch -s -p1 -d "$tree" <"$patches/$p"
	done <"$patches/series"
	echo "$stamp" >"$tree/.jail-patches"
fi

# Links rather than copies: kbuild then sees the project files' own
# timestamps and rebuilds exactly what changed.
dst=$tree/security/jail
mkdir -p "$dst"
find "$dst" -type l ! -exec test -e {} \; -delete
for f in "$root"/kernel/jail/* "$root"/kernel/ipc-hooks/*; do
	case $f in
	*.c | *.h | */Kconfig | */Makefile | *.kunitconfig) ;;
	*) continue ;;
	esac
	link=$dst/$(basename "$f")
	[ "$(readlink "$link" 2>/dev/null)" = "$f" ] || ln -sfn "$f" "$link"
done
