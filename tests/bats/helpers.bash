# Shared by the bats files; runs inside the test VM.

JW="$JAILVM_HELPERS/jail-write"
THREADS="$JAILVM_HELPERS/threads"
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# Live jails, as listed in sysfs.
jail_count() {
	find /sys/kernel/jail -mindepth 1 -maxdepth 1 -type d | wc -l
}

# Run "$@" until it succeeds; give up after about 30 seconds. Jail
# teardown and task counts settle after an RCU grace period and a
# workqueue run, so tests wait for them rather than sleep.
eventually() {
	local i
	for ((i = 0; i < 300; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

file_is() {
	[ "$(cat "$1" 2>/dev/null)" = "$2" ]
}

gone() {
	[ ! -e "$1" ]
}

# Start a jailed process tree in the background: a shell that writes
# $JAIL_CMD (default "new") to /proc/self/jail, writes its jail id to
# $BATS_TEST_TMPDIR/id, then runs "$@". Sets JAILED_PID and JAIL_ID.
start_jailed() {
	local idfile="$BATS_TEST_TMPDIR/id"
	rm -f "$idfile"
	JAIL_CMD=${JAIL_CMD:-new} sh -c 'echo "$JAIL_CMD" > /proc/self/jail &&
		cat /proc/self/jail > "$0.tmp" && mv "$0.tmp" "$0" &&
		exec "$@"' "$idfile" "$@" &
	JAILED_PID=$!
	eventually test -s "$idfile"
	JAIL_ID=$(cat "$idfile")
}

# Like start_jailed with sleep, but the jailed task's parent, outside the
# jail, never reaps it: once killed, it stays a zombie and keeps its jail
# (dying) until UNREAPING_PID is killed. Sets UNREAPING_PID and JAIL_ID.
start_unreaped_jailed() {
	local idfile="$BATS_TEST_TMPDIR/id"
	rm -f "$idfile"
	sh -c '(echo new > /proc/self/jail && cat /proc/self/jail > "$0.tmp" &&
		mv "$0.tmp" "$0" && exec sleep 600) & exec sleep 600' "$idfile" &
	UNREAPING_PID=$!
	eventually test -s "$idfile"
	JAIL_ID=$(cat "$idfile")
}

# einval_all PREFIX ARG...: write PREFIX and each ARG (printf %b escapes
# allowed) to /proc/self/jail in one write each; print every ARG that did
# not fail with EINVAL leaving the writer on the host. Empty output: all did.
einval_all() {
	local prefix=$1 arg out
	shift
	for arg in "$@"; do
		out=$("$JW" /proc/self/jail < <(printf '%s%b' "$prefix" "$arg"))
		[ "$out" = "EINVAL 0" ] || echo "'$arg' -> $out"
	done
}

# output_is EXPECTED: $output is EXPECTED; shows both when it is not.
output_is() {
	[ "$output" = "$1" ] && return 0
	printf 'expected:\n%s\ngot:\n%s\n' "$1" "$output"
	return 1
}
