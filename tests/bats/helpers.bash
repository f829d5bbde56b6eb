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

alive() {
	kill -0 "$1" 2>/dev/null
}

# ---- Processes: each started in a process group of its own -------------
#
# Everything a test starts runs in a session (so a process group) of its
# own, whose id, the leader's pid, is recorded in the test's directory;
# teardown kills the groups recorded and waits until they are empty
# (end_groups). Nothing is found by its command line.

process_groups_file() {
	echo "${BATS_TEST_TMPDIR:-$BATS_FILE_TMPDIR}/process-groups"
}

# spawn_group CMD [ARG...]: start CMD in the background in a new session,
# as a foreground command would run: with the caller's standard input (a
# background job's would be /dev/null) and SIGINT and SIGQUIT not ignored
# (a background job's would be); without bats's descriptor 3. Record it;
# set SPAWNED_PID, which is also the group's id. (A background job of a
# shell without job control leads no group, so setsid(1) calls setsid()
# without forking.)
spawn_group() {
	setsid env --default-signal=INT,QUIT "$@" <&0 3>&- &
	SPAWNED_PID=$!
	echo "$SPAWNED_PID" >>"$(process_groups_file)"
}

# in_group CMD [ARG...]: CMD in a process group of its own, in the
# foreground; returns its status.
in_group() {
	spawn_group "$@"
	wait "$SPAWNED_PID"
}

# start_in_group CMD [ARG...]: CMD in a process group of its own, in the
# background; sets GROUP_PID (the group's id).
start_in_group() {
	spawn_group "$@"
	GROUP_PID=$SPAWNED_PID
}

group_empty() {
	! kill -0 -- "-$1" 2>/dev/null
}

# Every process group the test started is empty, or becomes so within
# about 30 seconds each; else say what is left, and fail.
groups_ended() {
	local file pgid ended=0
	file=$(process_groups_file)
	[ -f "$file" ] || return 0
	while read -r pgid; do
		eventually group_empty "$pgid" || {
			echo "process group $pgid is not empty:"
			ps -o pid=,stat=,args= -s "$pgid"
			ended=1
		}
	done <"$file"
	return "$ended"
}

# Kill every process group the test started and wait until each is empty
# (its zombies reaped too).
end_groups() {
	local file pgid
	file=$(process_groups_file)
	[ -f "$file" ] || return 0
	while read -r pgid; do
		kill -KILL -- "-$pgid" 2>/dev/null || true
	done <"$file"
	groups_ended || return 1
	rm -f "$file"
}

# The default teardown; a file that needs more calls end_groups itself.
teardown() {
	end_groups
}

# ---- Running a command in a jail -----------------------------------------
#
# in_jail [OPTION...] CMD [ARG...]        in the foreground; its status
# in_jail [OPTION...] -c SCRIPT [ARG...]
# start_in_jail [OPTION...] CMD [ARG...]  in the background; sets JAILED_PID
# start_in_jail [OPTION...] -c SCRIPT ...   and JAIL_ID
#
# Each enters a new jail (writes "new" to /proc/self/jail) in a process
# group of its own (see spawn_group), then, given a root, chroots into it
# as the jail tools do, which pins the jail's root, and runs CMD. With -c,
# SCRIPT runs with sh and ARGs as $1...; there "denied KIND" prints the
# jail's denied_KIND, and "eventually CMD..." runs CMD until it succeeds,
# for about 30 seconds at most, as here. The test helpers are on PATH, so that a script runs
# the same on the host's root (dash, the host's tools) and in a minimal
# busybox root (busybox sh; the helpers are in its /bin).
#
# Options:
#   -r DIR    the root to chroot into; "" for none. The default is
#             $JAIL_ROOT, the file's context: empty for the feature
#             suites, the busybox root in escape.bats.
#   -n NAME   "new NAME": a named jail.
#   -z        (start_in_jail) the jailed task's parent, outside the jail,
#             never reaps it: once killed, it stays a zombie and keeps its
#             jail (dying) until UNREAPING_PID, that parent, is killed.

# The jail's first task: $1 what to write to /proc/self/jail, $2 the root
# or "", $3 the file for the jail's id or "", then the command. Writing the
# id costs the jail two forks (cat and mv): admin.bats counts them.
JAIL_LAUNCHER='request=$1 root=$2 idfile=$3; shift 3
echo "$request" > /proc/self/jail || exit 125
if [ -n "$idfile" ]; then
	cat /proc/self/jail > "$idfile.tmp" && mv "$idfile.tmp" "$idfile" || exit 125
fi
[ -z "$root" ] || exec chroot "$root" "$@"
exec "$@"'

# What a -c SCRIPT finds defined.
JAIL_PRELUDE='denied() { cat "/sys/kernel/jail/$(cat /proc/self/jail)/denied_$1"; }
eventually() {
	_i=0
	until "$@"; do
		[ $_i -lt 300 ] || return 1
		sleep 0.1; _i=$((_i + 1))
	done
}
'

# jail_command MODE [OPTION...] ...: the one implementation; MODE is fg or
# bg, for the idfile.
jail_command() {
	local mode=$1 root=${JAIL_ROOT-} request=new unreaped=0 idfile=
	shift
	local OPTIND=1 opt
	while getopts r:n:zc opt; do
		case $opt in
		r) root=$OPTARG ;;
		n) request="new $OPTARG" ;;
		z) unreaped=1 ;;
		c) break ;;
		*) return 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	if [ "${opt:-}" = c ]; then
		local script=$1
		shift
		set -- sh -c "$JAIL_PRELUDE$script" jail "$@"
	fi
	[ $# -gt 0 ] || { echo "in_jail: no command" >&2; return 2; }
	local launch=(env "PATH=$JAILVM_HELPERS:$PATH" sh -c "$JAIL_LAUNCHER" jail)
	if [ "$mode" = fg ]; then
		in_group "${launch[@]}" "$request" "$root" "" "$@"
		return
	fi
	idfile=$(mktemp "$BATS_TEST_TMPDIR/jail-id.XXXXXX")
	if [ "$unreaped" = 1 ]; then
		# The jailed task in the background; its parent becomes a sleep.
		start_in_group sh -c '"$@" & exec sleep 600' unreaping \
			"${launch[@]}" "$request" "$root" "$idfile" "$@"
		UNREAPING_PID=$GROUP_PID
		JAILED_PID=
	else
		start_in_group "${launch[@]}" "$request" "$root" "$idfile" "$@"
		JAILED_PID=$GROUP_PID
	fi
	local pid=$GROUP_PID
	id_written() { [ -s "$idfile" ] || ! kill -0 "$pid" 2>/dev/null; }
	eventually id_written
	[ -s "$idfile" ] || { echo "start_in_jail: the jail did not start"; return 1; }
	JAIL_ID=$(cat "$idfile")
}

in_jail() {
	jail_command fg "$@"
}

start_in_jail() {
	jail_command bg "$@"
}

# host_path PATH: PATH, as the jails of the context see it, on the host.
host_path() {
	echo "${JAIL_ROOT-}$1"
}

# tasks_in_jail_are ID N: N live tasks (zombies aside) belong to jail ID,
# found by the jail each belongs to.
tasks_in_jail_are() {
	local p n=0
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/jail" 2>/dev/null)" = "$1" ] &&
			grep -q '^State:[[:space:]]*[RSDT]' "$p/status" 2>/dev/null &&
			n=$((n + 1))
	done
	[ "$n" = "$2" ]
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
