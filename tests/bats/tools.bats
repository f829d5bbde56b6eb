#!/usr/bin/env bats
# The jail command: mkroot, run, exec, ls, stat, ps, destroy, and their
# errors. Every test ends with no jail, mount or cgroup of the tool left,
# and no process: the tool runs in process groups of its own (in_group),
# which must be empty once the jails are destroyed.

load helpers
bats_require_minimum_version 1.5.0

JAIL="${JAILVM_HELPERS%/helpers}/tools/jail"

setup_file() {
	# One root for most tests, made once: a shell, core tools, busybox.
	R=$BATS_FILE_TMPDIR/root
	"$JAIL" mkroot "$R" sh cat id env ls tail sleep grep sort tr busybox
	export R
}

setup() {
	jails_before=$(jail_count)
}

# The jail command, in a process group of its own.
jail() {
	in_group "$JAIL" "$@"
}

# The id of the live jail named $1, or nothing.
jail_id_of() {
	jail ls -H | awk -v n="$1" '$2 == n { print $1 }'
}

named() {
	[ -n "$(jail_id_of "$1")" ]
}

teardown() {
	local j left=0
	for j in $(jail ls -q); do jail destroy "$j" || true; done
	# Nothing of the tool's left behind: a mount, a cgroup, a process (a
	# helper that never became CMD, say) or state.
	if grep " $BATS_FILE_TMPDIR/" /proc/mounts ||
		ls -d /sys/fs/cgroup/jail-run.* 2>/dev/null ||
		! groups_ended ||
		[ -n "$(ls /run/jail 2>/dev/null)" ]; then
		echo "left behind by the tool (above)"
		left=1
	fi
	end_groups
	return "$left"
}

@test "mkroot: a root with each program and its libraries runs sh -c scripts" {
	[ -x "$R/usr/bin/sh" ] || [ -x "$R/bin/sh" ]
	# The ELF interpreter, wherever this architecture keeps it.
	local interp
	interp=$(readelf -lW /bin/sh | sed -n 's/.*interpreter: \(.*\)]$/\1/p')
	[ -n "$interp" ]
	[ -e "$R$interp" ]
	[ "$(stat -c %a "$R/tmp")" = 1777 ]
	[ "$(stat -c '%F %t:%T' "$R/dev/null")" = "character special file 1:3" ]
	[ -d "$R/proc" ]
	[ -z "$(ls -A "$R/proc")" ]
	run jail run "$R" /bin/sh -c 'echo hello; cat /etc/passwd; id -u'
	[ "$status" = 0 ]
	output_is "$(printf 'hello\nroot:x:0:0:root:/root:/bin/sh\njail:x:1000:1000:jail:/home/jail:/bin/sh\n0')"
	[ "$(jail_count)" = "$jails_before" ]
}

@test "mkroot: -v lists what it copies; a second run copies nothing" {
	local r=$BATS_TEST_TMPDIR/r
	run jail mkroot -v "$r" cat
	[ "$status" = 0 ]
	[[ $output == *"/usr/bin/cat"* ]]
	[[ $output == *"libc.so.6"* ]]
	[[ $output == *"/dev/null"* ]]
	run jail mkroot -v "$r" cat
	[ "$status" = 0 ]
	[ -z "$output" ]
}

@test "mkroot: refuses /, a file, and an unknown program, leaving nothing" {
	run jail mkroot / sh
	[ "$status" = 125 ]
	[ "$output" = "jail: refusing to make a jail root of /" ]
	touch "$BATS_TEST_TMPDIR/file"
	run jail mkroot "$BATS_TEST_TMPDIR/file" sh
	[ "$status" = 125 ]
	[[ $output == *"is not a directory" ]]
	run jail mkroot "$BATS_TEST_TMPDIR/new" no-such-program
	[ "$status" = 125 ]
	[ "$output" = "jail: program 'no-such-program' not found" ]
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
}

@test "run -u: uid, gid, groups and a clean environment inside" {
	echo "extra:x:1500:jail" >>"$R/etc/group"
	run in_group env SECRET=1 TERM=xterm "$JAIL" run -u jail "$R" /bin/sh -c 'id; env | sort; pwd'
	sed -i '/^extra:/d' "$R/etc/group"
	[ "$status" = 0 ]
	output_is "$(printf '%s\n' \
		'uid=1000(jail) gid=1000(jail) groups=1000(jail),1500(extra)' \
		'HOME=/home/jail' \
		'LOGNAME=jail' 'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' \
		'PWD=/home/jail' 'SHELL=/bin/sh' 'TERM=xterm' 'USER=jail' '/home/jail')"
	run jail run -u 1234:2345 "$R" /bin/sh -c 'id'
	output_is "uid=1234 gid=2345 groups=2345"
}

@test "run: no_new_privs, the root is pinned, no descriptor above 2" {
	run jail run "$R" /bin/sh -c 'grep NoNewPrivs /proc/self/status 2>&1
		busybox chroot /tmp /bin/sh -c true 2>&1 | tail -n 1
		ls /proc/self/fd' 7</dev/null
	# /proc is an empty mount point without --proc: no status to read.
	[[ ${lines[0]} == *"No such file"* ]]
	[[ ${lines[1]} == *"Operation not permitted"* ]]
	run jail run --proc "$R" /bin/sh -c 'grep NoNewPrivs /proc/self/status
		ls /proc/self/fd | tr "\n" " "' 7</dev/null
	[ "${lines[0]}" = "NoNewPrivs:	1" ]
	# 3 is ls's own directory.
	[ "${lines[1]}" = "0 1 2 3 " ]
}

@test "run: CMD reads the tool's standard input" {
	run jail run "$R" /bin/sh -c 'cat; echo done' <<<"from the host"
	output_is "$(printf 'from the host\ndone')"
	run jail run "$R" <<<'echo default shell; id -u'
	output_is "$(printf 'default shell\n0')"
}

@test "run: exit status is CMD's; 126 not executable; 127 not found" {
	run jail run "$R" /bin/sh -c 'exit 7'
	[ "$status" = 7 ]
	run -127 jail run "$R" /no/such/cmd
	output_is "jail: /no/such/cmd: No such file or directory"
	run -126 jail run "$R" /etc/passwd
	[[ $output == *"Permission denied" ]]
}

@test "run: --proc lists only the jail's processes; the host never sees the mount" {
	run jail run --proc "$R" /bin/sh -c 'ls /proc | grep -c "^[0-9]"
		test -e /proc/1 || echo hidden
		grep -c " /proc proc " /proc/self/mounts'
	[ "$status" = 0 ]
	# sh, ls and grep.
	[ "${lines[0]}" -le 3 ]
	[ "${lines[1]}" = hidden ]
	[ "${lines[2]}" = 1 ]
	# The mount lives in the jail's own mount namespace.
	jail run --keep -n procjail --proc "$R" /bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	if grep " $R/proc " /proc/mounts; then return 1; fi
	run jail exec procjail /bin/sh -c 'ls /proc | grep -c "^[0-9]"'
	[ "$output" -ge 1 ]
}

@test "run: --proc refuses DIR/proc that is a symlink, mounting nothing" {
	local r=$BATS_TEST_TMPDIR/r
	jail mkroot "$r" sh
	rmdir "$r/proc"
	ln -s /tmp "$r/proc"
	run jail run --proc "$r" /bin/sh -c true
	[ "$status" = 125 ]
	output_is "jail: $r/proc: Not a directory (a directory, not a symlink, is needed)"
	[ "$(jail_count)" = "$jails_before" ]
}

@test "run: --max-tasks refuses the fork beyond it" {
	run jail run --max-tasks 3 "$R" /bin/sh -c \
		'sleep 600 & sleep 600 & sleep 600 & echo forked'
	[[ $output == *"Cannot fork"* ]]
}

@test "run: --memory OOM-kills a process over it; the host is fine" {
	run jail run --memory 16M "$R" /bin/sh -c 'tail /dev/zero'
	# SIGKILL from the OOM killer.
	[ "$status" = 137 ]
	grep -q "Memory cgroup out of memory" <(dmesg)
	run jail run "$R" /bin/sh -c 'echo alive'
	output_is alive
}

@test "run: --cpus sets the cgroup's cpu.max; --keep, exec, ps, destroy" {
	run jail run --keep -n kept --cpus 0.5 "$R" /bin/sh -c \
		'sleep 600 >/dev/null 2>&1 &'
	[ "$status" = 0 ]
	local id
	id=$(jail ls -H | awk '$2 == "kept" { print $1 }')
	[ -n "$id" ]
	[ "$(cat /sys/fs/cgroup/jail-run.*/cpu.max)" = "50000 100000" ]
	run jail exec kept /bin/sh -c 'pwd; id -u; cat /proc/self/jail 2>/dev/null || echo noproc'
	output_is "$(printf '/root\n0\nnoproc')"
	run jail exec -u jail "$id" id -u
	output_is 1000
	run jail ps kept
	[[ $output == *"sleep 600"* ]]
	run jail stat kept
	[[ $output == *"name: kept"* ]]
	[[ $output == *"root: $R"* ]]
	jail destroy kept
	[ ! -d "/sys/kernel/jail/$id" ]
}

@test "run: a service from the host, listening on loopback inside the jail" {
	mkdir -p "$R/www"
	echo "hello from the jail" >"$R/www/index.html"
	jail run -n web -u jail "$R" busybox httpd -f -p 127.0.0.1:8080 -h /www &
	local tool=$!
	fetch() { busybox wget -q -O - http://127.0.0.1:8080/index.html; }
	eventually fetch >/dev/null
	[ "$(fetch)" = "hello from the jail" ]
	jail destroy web
	wait "$tool" || true
	rm -rf "$R/www"
}

@test "the helper reports a new jail's id on -I's descriptor and closes it before CMD; nothing when it fails" {
	local helper=${JAILVM_HELPERS%/helpers}/tools/jail-exec id start
	# The substitution ends when the pipe's last writer closes it: the
	# helper, before CMD runs for 20 seconds without a copy of it.
	start=$(date +%s)
	id=$("$helper" -j new -I 3 -- sleep 20 3>&1 >/dev/null 2>&1 &)
	[ $(($(date +%s) - start)) -lt 10 ]
	[ "$(cat "/sys/kernel/jail/$id/nr_tasks")" = 1 ]
	[ "$(jail_count)" = $((jails_before + 1)) ]
	# Refused by the kernel before any jail exists: the pipe ends empty.
	run -125 --separate-stderr sh -c '"$0" -j "new bad/name" -I 3 -- true 3>&1 >/dev/null' "$helper"
	[ -z "$output" ]
	[ "$stderr" = "jail-exec: new bad/name > /proc/self/jail: Invalid argument" ]
	# Descriptors 0 to 2 are the caller's, not a pipe for the id; a
	# closed one is refused before any jail is made.
	run -125 "$helper" -j new -I 2 -- true
	run -125 --separate-stderr sh -c '"$0" -j new -I 9 -- true 9>&-' "$helper"
	[ "$stderr" = "jail-exec: -I 9: Bad file descriptor" ]
	[ "$(jail_count)" = $((jails_before + 1)) ]
}

@test "ls: a table, -H without header, -q ids" {
	jail run --keep -n listed "$R" /bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	run jail ls
	[[ ${lines[0]} == "ID "*"NAME"*"ROOT" ]]
	[[ $output == *" listed "*" alive  $R"* ]]
	run jail ls -q
	[[ $output =~ ^[0-9]+$ ]]
	run jail ls -H
	[ "${#lines[@]}" = 1 ]
}

@test "errors: one line and 125, nothing left behind" {
	run jail run "$BATS_TEST_TMPDIR/missing"
	[ "$status" = 125 ]
	[ "$output" = "jail: $BATS_TEST_TMPDIR/missing is not a directory" ]
	run jail run -u nobody-here "$R"
	[ "$status" = 125 ]
	[ "$output" = "jail: unknown user 'nobody-here' in /etc/passwd of the jail" ]
	run jail run --memory 12Q "$R"
	[ "$status" = 125 ]
	[ "$output" = "jail: bad size '12Q' (a number from 1 with K, M, G or T)" ]
	run jail run --cpus x "$R"
	[ "$status" = 125 ]
	run jail destroy no-such-jail
	[ "$status" = 125 ]
	[ "$output" = "jail: no jail named 'no-such-jail'" ]
	run jail stat 2147483647
	[ "$status" = 125 ]
	run in_group "${NOBODY[@]}" "$JAIL" run "$R" true
	[ "$status" = 125 ]
	[ "$output" = "jail: run needs root" ]
	mkdir -m 0777 "$BATS_TEST_TMPDIR/open"
	run jail run "$BATS_TEST_TMPDIR/open" true
	[ "$status" = 125 ]
	[ "$output" = "jail: refusing $BATS_TEST_TMPDIR/open: $BATS_TEST_TMPDIR/open is not owned by root, or others may write to it" ]
	run jail frobnicate
	[ "$status" = 125 ]
	[ "$(jail_count)" = "$jails_before" ]
}

@test "errors: a taken name fails cleanly, its cgroup removed" {
	jail run --keep -n taken "$R" /bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	run jail run -n taken --memory 8M "$R" true
	[ "$status" = 125 ]
	[ "$output" = "jail: new taken > /proc/self/jail: File exists" ]
	[ "$(ls -d /sys/fs/cgroup/jail-run.* | wc -l)" = 0 ]
}

@test "mkroot: never writes through a symlink that leads out of DIR" {
	local r=$BATS_TEST_TMPDIR/r out=$BATS_TEST_TMPDIR/out libdir
	mkdir -p "$out" "$r"
	chmod 0755 "$out"
	ln -s "$out" "$r/tmp"
	run jail mkroot "$r" sh
	[ "$status" = 125 ]
	output_is "jail: refusing $r/tmp: a symlink leads out of $r"
	[ "$(stat -c %a "$out")" = 755 ]
	rm "$r/tmp"
	jail mkroot "$r" sh
	# A library directory a jail replaced with a symlink.
	libdir=$(dirname "$(readlink -f "$(ldconfig -p |
		awk '$1 == "libc.so.6" { print $NF; exit }')")")
	rm -r "${r:?}$libdir"
	ln -s "$out" "$r$libdir"
	run jail mkroot "$r" cat
	[ "$status" = 125 ]
	# Named as the library's path goes: /lib/..., /usr/lib64/../lib/...
	[[ $output == "jail: refusing $r/"*": a symlink leads out of $r" ]]
	[ -z "$(ls -A "$out")" ]
}

@test "mkroot: refuses DIR below a directory others may write, and a DIR in use" {
	mkdir -m 0777 "$BATS_TEST_TMPDIR/open"
	run jail mkroot "$BATS_TEST_TMPDIR/open/r" sh
	[ "$status" = 125 ]
	output_is "jail: refusing $BATS_TEST_TMPDIR/open/r: $BATS_TEST_TMPDIR/open is not owned by root, or others may write to it"
	[ ! -e "$BATS_TEST_TMPDIR/open/r" ]
	jail run --keep -n busy "$R" /bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	run jail mkroot "$R" sh
	[ "$status" = 125 ]
	[[ $output == "jail: refusing $R: jail "[0-9]*" has its root at $R" ]]
}

@test "mkroot: symlink chains, builtins and paths with spaces" {
	local r=$BATS_TEST_TMPDIR/r d="$BATS_TEST_TMPDIR/a dir"
	mkdir -p "$d"
	cp /usr/bin/true "$d/my true"
	# awk is a chain: /usr/bin/awk -> /etc/alternatives/awk -> mawk;
	# echo is also a shell builtin.
	jail mkroot "$r" sh awk echo "$d/my true"
	[ -L "$r/etc/alternatives/awk" ]
	run jail run "$r" /bin/sh -c 'awk "BEGIN { print 1 + 1 }"
		/usr/bin/echo echoed; "'"$d"'/my true" && echo spaced'
	output_is "$(printf '2\nechoed\nspaced')"
}

@test "run: refuses DIR below a directory others may write" {
	mkdir -m 0775 "$BATS_TEST_TMPDIR/group-writable"
	mkdir "$BATS_TEST_TMPDIR/group-writable/r"
	run jail run "$BATS_TEST_TMPDIR/group-writable/r" true
	[ "$status" = 125 ]
	output_is "jail: refusing $BATS_TEST_TMPDIR/group-writable/r: $BATS_TEST_TMPDIR/group-writable is not owned by root, or others may write to it"
}

@test "run: the user is looked up inside the jail; a FIFO there is refused, not read" {
	local r=$BATS_TEST_TMPDIR/r
	jail mkroot "$r" sh id
	echo "inner:x:4242:4242::/:/bin/sh" >>"$r/etc/passwd"
	run jail run -u inner "$r" id -u
	output_is 4242
	rm "$r/etc/passwd"
	mkfifo "$r/etc/passwd"
	# A read of the FIFO would block forever; the timeout only ends such
	# a hang, and is long enough for a jail run under KASAN on a busy host.
	run in_group timeout 60 "$JAIL" run -u inner "$r" id -u
	[ "$status" = 125 ]
	output_is "jail: cannot read /etc/passwd in the jail: Invalid argument"
	[ "$(jail_count)" = "$jails_before" ]
}

@test "run: bad sizes and counts are refused; leading zeros are decimal" {
	local bad
	for bad in 0 99999999999999999999 1.5M -1 08X 9999999999T; do
		run jail run --memory "$bad" "$R" true
		[ "$status" = 125 ] || { echo "$bad: $status"; false; }
		output_is "jail: bad size '$bad' (a number from 1 with K, M, G or T)"
	done
	for bad in 0 2147483648 010x -3; do
		run jail run --max-tasks "$bad" "$R" true
		[ "$status" = 125 ]
		output_is "jail: bad task count '$bad' (1 to 2147483647)"
	done
	jail run --keep -n sized --memory 010M --max-tasks 010 "$R" \
		/bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	[ "$(cat /sys/fs/cgroup/jail-run.*/memory.max)" = 10485760 ]
	[ "$(cat /sys/fs/cgroup/jail-run.*/pids.max)" = 10 ]
}

@test "run: an all-digit name is refused (EINVAL), never taken for an id" {
	run jail run -n 42 "$R" true
	[ "$status" = 125 ]
	output_is "jail: new 42 > /proc/self/jail: Invalid argument"
}

@test "run: SIGINT, SIGTERM or SIGHUP to the terminal's group end the jail and its cgroup" {
	local sig code
	for sig in INT:130 TERM:143 HUP:129; do
		code=${sig#*:}
		sig=${sig%:*}
		# A process group of its own, as a terminal's foreground job, with
		# SIGINT not ignored (start_in_group).
		start_in_group "$JAIL" run -n sig --memory 64M "$R" \
			sleep 600 >/dev/null 2>&1
		local tool=$GROUP_PID
		eventually named sig
		kill -"$sig" -- -"$tool"
		local status=0
		wait "$tool" || status=$?
		[ "$status" = "$code" ] || { echo "$sig: $status"; false; }
		[ -z "$(jail_id_of sig)" ]
		[ -z "$(ls -d /sys/fs/cgroup/jail-run.* 2>/dev/null)" ]
	done
}

@test "run: Ctrl-C is CMD's: a CMD that ignores it keeps running" {
	start_in_group "$JAIL" run -n calm "$R" /bin/sh -c \
		'trap "" INT; : >/tmp/calm; sleep 3; echo survived' \
		>"$BATS_TEST_TMPDIR/out" 2>&1
	local tool=$GROUP_PID
	eventually test -e "$R/tmp/calm"
	kill -INT -- -"$tool"
	local status=0
	wait "$tool" || status=$?
	rm -f "$R/tmp/calm"
	[ "$status" = 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = survived ]
}

@test "destroy: a --keep jail that ended on its own leaves nothing after destroy ID" {
	# The jail outlives the tool by a second, then ends on its own.
	jail run --keep -n brief --memory 32M "$R" /bin/sh -c \
		'sleep 1 >/dev/null 2>&1 &'
	local id
	id=$(ls /run/jail)
	[ -n "$id" ]
	eventually gone "/sys/kernel/jail/$id"
	[ -d "/run/jail/$id" ]
	jail destroy "$id"
	[ -z "$(ls /run/jail)" ]
	[ -z "$(ls -d /sys/fs/cgroup/jail-run.* 2>/dev/null)" ]
	run jail destroy ""
	[ "$status" = 125 ]
	output_is "jail: an empty jail name"
}

@test "run and mkroot: refuse a symlink planted by a user, a root host users reach, a root inside a jail's" {
	local top=$BATS_TEST_TMPDIR/top
	mkdir -m 0755 "$top"
	mkdir -m 0755 "$top/r"
	ln -s "$top/r" "$top/link"
	chown -h 65534 "$top/link"
	run jail run "$top/link" true
	[ "$status" = 125 ]
	output_is "jail: refusing $top/link: $top/link is a symlink that root does not own"
	run jail mkroot "$top/link" sh
	[ "$status" = 125 ]
	output_is "jail: refusing $top/link: $top/link is a symlink that root does not own"
	# Every directory above searchable by others.
	local above=$BATS_TEST_TMPDIR saved=()
	while [ "$above" != / ]; do
		saved+=("$(stat -c %a "$above") $above")
		chmod go+x "$above"
		above=$(dirname "$above")
	done
	run jail run "$top/r" true
	local s1=$status o1=$output
	run jail mkroot "$top/r2" sh
	local s2=$status o2=$output
	local m
	for m in "${saved[@]}"; do chmod "${m%% *}" "${m#* }"; done
	[ "$s1" = 125 ]
	output=$o1 output_is "jail: refusing $top/r: host users can reach it (make a directory above it mode 0700)"
	[ "$s2" = 125 ]
	output=$o2 output_is "jail: refusing $top/r2: host users can reach it (make a directory above it mode 0700)"
	[ ! -e "$top/r2" ]
	# A root below a live jail's root.
	jail run --keep -n outer "$R" /bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	run jail run "$R/home" true
	[ "$status" = 125 ]
	[[ $output == "jail: refusing $R/home: jail "[0-9]*" has its root at $R" ]]
	# The same root is fine.
	run jail run "$R" /bin/sh -c 'echo shared'
	output_is shared
}

@test "run --proc: only processes; /proc/sys and sysrq-trigger are not there" {
	run jail run --proc "$R" /bin/sh -c 'ls /proc/sys /proc/sysrq-trigger 2>&1 | grep -c "No such file"
		test -e /proc/self/status && echo self'
	output_is "$(printf '2\nself')"
}

@test "run --keep: a failure before CMD starts keeps nothing" {
	run in_group env JAIL_STATE_DIR=/dev/null/state "$JAIL" run --keep -n failing "$R" true
	[ "$status" = 125 ]
	[[ $output == "jail: cannot create /dev/null/state/"[0-9]* ]]
	[ -z "$(jail_id_of failing)" ]
	[ "$(jail_count)" = "$jails_before" ]
}

@test "run and exec refuse a terminal a jail could type into (legacy TIOCSTI)" {
	# With the kernel's default (0) a terminal is fine.
	run script -qec "$JAIL run $R /bin/sh -c 'echo in a tty'" /dev/null
	[ "$status" = 0 ]
	[[ $output == "in a tty"* ]]
	echo 1 >/proc/sys/dev/tty/legacy_tiocsti
	run script -qec "$JAIL run $R true" /dev/null
	echo 0 >/proc/sys/dev/tty/legacy_tiocsti
	[ "$status" = 125 ]
	[[ $output == "jail: dev.tty.legacy_tiocsti is 1: a jail could type into this terminal (set it to 0)"* ]]
}

@test "exec: joins the jail's cgroup; nothing of the caller's open goes in" {
	jail run --keep -n cg --proc --memory 32M "$R" /bin/sh -c 'sleep 600 >/dev/null 2>&1 &'
	local cg
	cg=$(basename /sys/fs/cgroup/jail-run.*)
	run jail exec cg /bin/sh -c 'cat /proc/self/cgroup; ls /proc/self/fd | tr "\n" " "' 7</dev/null
	output_is "$(printf '0::/%s\n0 1 2 3 ' "$cg")"
}

@test "--help for the command and each subcommand; the man page renders" {
	run jail --help
	[ "$status" = 0 ]
	[[ ${lines[0]} == "usage: jail COMMAND"* ]]
	local c
	for c in mkroot run exec ls stat ps destroy; do
		run jail "$c" --help
		[ "$status" = 0 ] || { echo "$c: $status"; false; }
		[[ ${lines[0]} == "usage: jail $c"* ]]
	done
	run man -l "$JAILVM_REPO/tools/jail.8"
	[ "$status" = 0 ]
	# man justifies lines: compare with spaces squeezed.
	[[ $(tr -s ' ' <<<"$output") == *"jail - make jail roots, run programs"* ]]
}
