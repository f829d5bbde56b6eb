#!/bin/sh
# The example blocks of the documentation, taken from the documents' own
# text, so that the tests run what a reader pastes.
#
# usage: doc-examples.sh check FILE...
#            every block has a marker that says where it runs, or why
#            not; one line per fault, status 1 if any
#        doc-examples.sh extract KIND FILE DIR
#            write each block of FILE marked KIND (vm or host) to
#            DIR/LINE.sh (LINE: the block's first line in FILE) and
#            print those paths, in the document's order
#
# Blocks: in Markdown (*.md), fenced blocks (``` or ~~~) and indented
# ones (lines indented by 4 spaces or more, after a blank line or the
# marker); in a manual page (*.[1-9]), the lines between .EX and .EE or
# .nf and .fi, with the escapes \- \e \\ \& \(dq \(aq \(ga \(rs turned
# into what they print (any other escape, or a request inside, is a
# fault). The marker is the last non-blank line before the block:
#
#   Markdown: <!-- example: vm -->              run inside `make run`
#             <!-- example: host -->            run on the host
#             <!-- example: not run: REASON --> not run, and why
#   roff:     .\" example: vm   (and so on)
#
# vm blocks run in the test VM (tests/bats/docs.bats), host blocks on the
# host (tests/host/docs.bats), from the checkout's top directory, each
# in a shell of its own with set -e.
set -eu

usage() {
	echo "usage: doc-examples.sh check FILE... | extract KIND FILE DIR" >&2
	exit 1
}

# examples FILE [KIND DIR]: one line per block or fault, tab-separated:
#   block LINE KIND [PATH]   (PATH: DIR/LINE.sh, where a block of KIND
#                             is written)
#   fault LINE MESSAGE
examples() {
	case $1 in
	*.md) format=md ;;
	*.[1-9]) format=roff ;;
	*) echo "doc-examples: $1: neither Markdown (.md) nor a manual page" >&2; exit 1 ;;
	esac
	[ -r "$1" ] || { echo "doc-examples: cannot read $1" >&2; exit 1; }
	awk -v format="$format" -v want="${2:-}" -v dir="${3:-}" -v q="'" '
	function indent(s) { match(s, /^ */); return RLENGTH }
	function kind_of(s,   k) {
		if (format == "md") {
			if (s !~ /^[ \t]*<!-- example: .* -->[ \t]*$/) return ""
			sub(/^[ \t]*<!-- example: /, "", s); sub(/ -->[ \t]*$/, "", s)
		} else {
			if (s !~ /^\.\\" example: /) return ""
			sub(/^\.\\" example: /, "", s); sub(/[ \t]*$/, "", s)
		}
		if (s == "vm" || s == "host") return s
		if (s ~ /^not run: *[^ ]/) return "not-run"
		return "bad"
	}
	function fault(line, msg) { printf "fault\t%d\t%s\n", line, msg }
	function start(line) {
		inblock = 1; first = line; text = ""; nlines = 0; pending = ""
		k = (prevline && prevline == marker_line) ? marker_kind : ""
		if (k == "") fault(line, "an example block without a marker saying where it runs, or why not (scripts/doc-examples.sh)")
		else if (k == "bad") fault(marker_line, "a marker that is not vm, host or not run: REASON")
		kind = k
		marker_line = 0
	}
	function add(s) {
		text = text (nlines ? "\n" : "") pending s
		nlines++; pending = ""
	}
	function finish() {
		inblock = 0
		if (kind == "" || kind == "bad") return
		path = ""
		if (kind == want) {
			path = dir "/" first ".sh"
			print text > path
			close(path)
		}
		printf "block\t%d\t%s\t%s\n", first, kind, path
	}
	# The roff escapes an example may use, as what they print.
	function unroff(s, line,   out, c, n) {
		out = ""
		while ((n = index(s, "\\")) > 0) {
			out = out substr(s, 1, n - 1)
			c = substr(s, n + 1, 1)
			if (c == "-") { out = out "-"; s = substr(s, n + 2) }
			else if (c == "e" || c == "\\") { out = out "\\"; s = substr(s, n + 2) }
			else if (c == "&") { s = substr(s, n + 2) }
			else if (c == "(") {
				c = substr(s, n + 2, 2)
				if (c == "dq") out = out "\""
				else if (c == "aq") out = out q
				else if (c == "ga") out = out "`"
				else if (c == "rs") out = out "\\"
				else { fault(line, "an escape \\(" c " this script does not know"); bad = 1 }
				s = substr(s, n + 4)
			} else { fault(line, "an escape \\" c " this script does not know"); bad = 1; s = substr(s, n + 2) }
		}
		return out s
	}
	{
		line = $0
		if (format == "md") {
			if (inblock == 2) {
				# A fenced block ends at its fence.
				if (line ~ /^[ \t]*(```|~~~)/) { finish(); prevline = NR; next }
				add(substr(line, 1, ind) ~ /^ *$/ ? substr(line, ind + 1) : line)
				next
			}
			if (inblock == 1) {
				if (line ~ /^[ \t]*$/) { pending = pending "\n"; next }
				if (indent(line) >= ind) { add(substr(line, ind + 1)); next }
				finish()
			}
			if (line ~ /^[ \t]*$/) { blank = 1; next }
			if (line ~ /^[ \t]*(```|~~~)/) {
				start(NR); inblock = 2; ind = indent(line)
				prevline = NR; blank = 0; next
			}
			if (indent(line) >= 4 && (blank || prevline == marker_line) && prevline) {
				start(NR); inblock = 1; ind = indent(line); add(substr(line, ind + 1))
				prevline = NR; blank = 0; next
			}
		} else {
			if (inblock) {
				if (line ~ /^\.(fi|EE)([ \t]|$)/) { finish(); prevline = NR; next }
				if (line ~ /^\./ || substr(line, 1, 1) == q) { fault(NR, "a request inside an example block"); next }
				add(unroff(line, NR))
				next
			}
			if (line ~ /^\.(nf|EX)([ \t]|$)/) { start(NR); inblock = 1; prevline = NR; next }
			if (line ~ /^[ \t]*$/) next
		}
		if (marker_line && prevline == marker_line)
			fault(marker_line, "a marker with no example block after it")
		marker_line = 0
		k = kind_of(line)
		if (k != "") { marker_line = NR; marker_kind = k }
		prevline = NR; blank = 0
	}
	END {
		if (inblock == 1 && format == "md") finish()
		else if (inblock) fault(first, "an example block that does not end")
		if (marker_line && prevline == marker_line)
			fault(marker_line, "a marker with no example block after it")
	}' "$1"
}

[ $# -ge 1 ] || usage
case $1 in
check)
	shift
	[ $# -ge 1 ] || usage
	faults=0 n=0
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	for f do
		out=$(examples "$f")
		if printf '%s\n' "$out" | grep -q '^fault'; then
			printf '%s\n' "$out" | awk -F'\t' -v f="$f" \
				'$1 == "fault" { printf "doc-examples: %s:%d: %s\n", f, $2, $3 }' >&2
			faults=1
		else
			# The blocks that run, as the project's scripts: shellcheck.
			n=$((n + 1))
			for kind in vm host; do
				d=$tmp/$n-$(basename "$f")-$kind
				mkdir "$d"
				examples "$f" "$kind" "$d" >/dev/null
			done
		fi
	done
	if command -v shellcheck >/dev/null && [ -n "$(ls "$tmp")" ] &&
		! (cd "$tmp" && shellcheck -s sh ./*/*.sh >&2); then
		echo "doc-examples: shellcheck finds the above in examples (N-DOC-KIND/LINE.sh: the block at LINE of the Nth document)" >&2
		faults=1
	fi
	exit "$faults"
	;;
extract)
	[ $# = 4 ] || usage
	case $2 in vm | host) ;; *) usage ;; esac
	mkdir -p "$4"
	out=$(examples "$3" "$2" "$4")
	if printf '%s\n' "$out" | grep -q '^fault'; then
		echo "doc-examples: $3 has faults: run doc-examples.sh check $3" >&2
		exit 1
	fi
	printf '%s\n' "$out" | awk -F'\t' '$1 == "block" && $4 != "" { print $4 }'
	;;
*)
	usage
	;;
esac
