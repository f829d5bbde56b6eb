// SPDX-License-Identifier: GPL-2.0-only
/*
 * ops - what jail operations cost, against what a Linux user would reach for
 *
 * usage: ops [-r REPS] time OP...   per repetition, "OP NS": one operation,
 *                                   forked child and all, and "sys-OP NS":
 *                                   the operation's own system call(s)
 *                                   alone, timed in the child; nanoseconds
 *        ops destroy N              milliseconds from "1 > destroy" until a
 *                                   jail holding N tasks is gone
 *        ops hold N jail|ipcns|plain
 *                                   N children, each in a new jail, a new
 *                                   IPC namespace or neither, asleep;
 *                                   prints "ready" once all are, then
 *                                   sleeps; kill its group to end
 *
 * OPs (each in a child that then exits, waited for):
 *   fork          nothing: the cost the others share
 *   new           echo new > /proc/self/jail
 *   unshare-ipc   unshare --ipc
 *   unshare-all   unshare --ipc --pid --mount --fork (private mounts, and a
 *                 grandchild in the new pid namespace)
 *   join          echo join ID > /proc/self/jail, ID a jail made at start
 *
 * Static; exits 1 with a message if a step fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "bench.h"

#define BATCH 20

static char join_cmd[32];

static int op_fork(void)
{
	return 0;
}

/* /proc/self/jail, opened before the timed part of new and join. */
static int jail_fd = -1;

static int op_new(void)
{
	return write(jail_fd, "new", 3) == 3 ? 0 : -1;
}

static int op_unshare_ipc(void)
{
	return unshare(CLONE_NEWIPC);
}

static int op_unshare_all(void)
{
	pid_t pid;

	if (unshare(CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNS) < 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid)
		_exit(0);
	wait_ok(pid);
	return 0;
}

static int op_join(void)
{
	ssize_t len = strlen(join_cmd);

	return write(jail_fd, join_cmd, len) == len ? 0 : -1;
}

static const struct {
	const char *name;
	int (*run)(void);
	bool jail_file;		/* opens /proc/self/jail first */
} ops[] = {
	{ "fork", op_fork, false },
	{ "new", op_new, true },
	{ "unshare-ipc", op_unshare_ipc, false },
	{ "unshare-all", op_unshare_all, false },
	{ "join", op_join, true },
};

/*
 * In a child: operation @o, its own time in nanoseconds written to @out.
 * The open of /proc/self/jail counts in the whole, not in the call.
 */
static _Noreturn void run_child(size_t o, int out)
{
	long long t0, t;

	if (ops[o].jail_file) {
		jail_fd = open("/proc/self/jail", O_WRONLY);
		if (jail_fd < 0)
			_exit(1);
	}
	t0 = now_ns();
	if (ops[o].run() < 0)
		_exit(1);
	t = now_ns() - t0;
	_exit(write(out, &t, sizeof(t)) == sizeof(t) ? 0 : 1);
}

#define NR_OPS (sizeof(ops) / sizeof(ops[0]))

/* A jail with one sleeping task, for join; its id in join_cmd. */
static pid_t make_target_jail(void)
{
	char id[16] = "";
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0)
		fail("pipe");
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (!pid) {
		int fd;

		if (write_jail("new") < 0)
			fail("new");
		fd = open("/proc/self/jail", O_RDONLY);
		if (fd < 0 || read(fd, id, sizeof(id) - 1) <= 0 ||
		    write(fds[1], id, strlen(id)) < 0)
			fail("reading the jail id");
		pause();
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], id, sizeof(id) - 1) <= 0)
		fail("reading the jail id");
	close(fds[0]);
	snprintf(join_cmd, sizeof(join_cmd), "join %ld", strtol(id, NULL, 10));
	return pid;
}

static int cmd_time(int reps, int argc, char **argv)
{
	size_t chosen[NR_OPS], nr = 0, i, o;
	long long t0, t, own;
	pid_t target, pid;
	int r, b, fds[2];

	for (i = 0; i < (size_t)argc; i++) {
		for (o = 0; o < NR_OPS && strcmp(ops[o].name, argv[i]); o++)
			;
		if (o == NR_OPS) {
			fprintf(stderr, "ops: no operation '%s'\n", argv[i]);
			return 1;
		}
		chosen[nr++] = o;
	}
	target = 0;
	for (i = 0; i < nr; i++)
		if (ops[chosen[i]].run == op_join && !target)
			target = make_target_jail();
	if (pipe(fds) < 0)
		fail("pipe");
	for (r = 0; r < reps; r++) {
		for (i = 0; i < nr; i++) {
			o = chosen[i];
			own = 0;
			t0 = now_ns();
			for (b = 0; b < BATCH; b++) {
				pid = fork();
				if (pid < 0)
					fail("fork");
				if (!pid)
					run_child(o, fds[1]);
				wait_ok(pid);
				if (read(fds[0], &t, sizeof(t)) != sizeof(t))
					fail("reading a child's time");
				own += t;
			}
			printf("%s %.0f\nsys-%s %.0f\n", ops[o].name,
			       (double)(now_ns() - t0) / BATCH, ops[o].name,
			       (double)own / BATCH);
			fflush(stdout);
		}
	}
	if (target) {
		kill(target, SIGKILL);
		waitpid(target, NULL, 0);
	}
	return 0;
}

/*
 * N sleeping children, each in a new jail, in a new IPC namespace (what a
 * jail owns), or neither; "ready" once they all are.
 */
static _Noreturn void cmd_hold(long n, const char *kind)
{
	int jailed = !strcmp(kind, "jail"), ipcns = !strcmp(kind, "ipcns");
	int fds[2];
	long i;
	char c;

	if (setpgid(0, 0) < 0 || pipe(fds) < 0)
		fail("setup");
	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			fail("fork");
		if (!pid) {
			if (jailed && write_jail("new") < 0)
				fail("new");
			if (ipcns && unshare(CLONE_NEWIPC) < 0)
				fail("unshare");
			if (write(fds[1], "x", 1) != 1)
				fail("write");
			close(fds[0]);
			close(fds[1]);
			for (;;)
				pause();
		}
	}
	close(fds[1]);
	for (i = 0; i < n; i++)
		if (read(fds[0], &c, 1) != 1)
			fail("a child failed");
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

static int read_int(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		fail(path);
	close(fd);
	return atoi(buf);
}

/* Time the destruction of a jail holding N tasks. */
static int cmd_destroy(long n)
{
	char dir[64], path[80], id[16] = "";
	int fds[2], fd;
	struct stat st;
	long long t0;
	pid_t pid;
	long i;

	/* The jail's tasks are reaped here, orphans included. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0 || pipe(fds) < 0)
		fail("setup");
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (!pid) {
		if (write_jail("new") < 0)
			fail("new");
		fd = open("/proc/self/jail", O_RDONLY);
		if (fd < 0 || read(fd, id, sizeof(id) - 1) <= 0)
			fail("reading the jail id");
		for (i = 1; i < n; i++) {
			pid_t c = fork();

			if (c < 0)
				fail("fork");
			if (!c)
				for (;;)
					pause();
		}
		if (write(fds[1], id, strlen(id)) < 0)
			fail("write");
		for (;;)
			pause();
	}
	close(fds[1]);
	if (read(fds[0], id, sizeof(id) - 1) <= 0)
		fail("the jail did not start");
	snprintf(dir, sizeof(dir), "/sys/kernel/jail/%ld",
		 strtol(id, NULL, 10));
	snprintf(path, sizeof(path), "%s/nr_tasks", dir);
	while (read_int(path) < n)
		usleep(1000);
	snprintf(path, sizeof(path), "%s/destroy", dir);
	t0 = now_ns();
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1", 1) != 1)
		fail("destroy");
	close(fd);
	while (stat(dir, &st) == 0) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		usleep(200);
	}
	printf("destroy-%ld %.1f\n", n, (double)(now_ns() - t0) / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	int reps = 10, opt;

	while ((opt = getopt(argc, argv, "+r:")) != -1) {
		if (opt != 'r')
			goto usage;
		reps = atoi(optarg);
	}
	if (optind < argc && !strcmp(argv[optind], "time"))
		return cmd_time(reps, argc - optind - 1, argv + optind + 1);
	if (argc - optind == 2 && !strcmp(argv[optind], "destroy"))
		return cmd_destroy(strtol(argv[optind + 1], NULL, 10));
	if (argc - optind == 3 && !strcmp(argv[optind], "hold"))
		cmd_hold(strtol(argv[optind + 1], NULL, 10), argv[optind + 2]);
usage:
	fprintf(stderr, "usage: ops [-r REPS] time OP... | destroy N | hold N jail|ipcns|plain\n");
	return 1;
}
