// SPDX-License-Identifier: GPL-2.0-only
/*
 * failnth - make each allocation of one jail operation fail in turn
 *
 * usage: failnth new | join ID | msgget | semget | shmget
 *
 * For N = 1, 2, ...: a child arms /proc/thread-self/fail-nth with N, so
 * that the Nth fault-injection point it reaches fails (failslab must be
 * on, with ignore-gfp-wait off), does the operation, and disarms. The
 * loop ends at the first N the operation no longer reaches. Each failure
 * must be a clean errno (ENOMEM, or ENOSPC where the kernel maps a failed
 * allocation to it) and leave the caller in its old jail; each success
 * must have done the operation; an IPC object made and removed again
 * leaves the jail's count of them as it was.
 *
 * Prints one line per N ("N injected|not-reached OK|ERRNO") and then
 * "points P failed F absorbed A bad B": P points reached, F operations
 * that failed cleanly, A injected failures the kernel absorbed (the
 * operation succeeded anyway), B results that broke a rule, each also
 * explained on stderr. Exits 0 when B is 0 and P is at least 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>

#define MAX_POINTS 5000

struct result {
	int ret;		/* the operation's: 0 or -1 */
	int err;		/* errno when it failed */
	int injected;		/* the Nth point was reached and failed */
	long jail_before;
	long jail_after;
	long count_before;	/* the jail's objects of the kind, for IPC */
	long count_after;
};

/* The IPC operations, and the jail file that counts what each makes. */
enum ipc_kind { IPC_MSG, IPC_SEM, IPC_SHM, IPC_KINDS, IPC_NONE = IPC_KINDS };
static const char *const ipc_ops[IPC_KINDS] = { "msgget", "semget", "shmget" };
static const char *const ipc_files[IPC_KINDS] = {
	"msg_queues", "sem_sets", "shm_segments"
};

static const char *op;
static enum ipc_kind kind = IPC_NONE;
/* For new and join, what is written to /proc/self/jail; else empty. */
static char cmd[64];

static long read_long(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	return n > 0 ? strtol(buf, NULL, 10) : -1;
}

/* The jail's count of objects of this operation's kind, or 0. */
static long ipc_count(long jail)
{
	char path[80];

	if (kind == IPC_NONE)
		return 0;
	snprintf(path, sizeof(path), "/sys/kernel/jail/%ld/%s", jail,
		 ipc_files[kind]);
	return read_long(path);
}

/* The operation; -1 with errno on failure. */
static int do_op(int jail_fd)
{
	int id;

	switch (kind) {
	case IPC_MSG:
		id = msgget(IPC_PRIVATE, 0600);
		break;
	case IPC_SEM:
		id = semget(IPC_PRIVATE, 4, 0600);
		break;
	case IPC_SHM:
		id = shmget(IPC_PRIVATE, 8192, 0600);
		break;
	default:
		id = write(jail_fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd) ?
		     0 : -1;
	}
	return id < 0 ? -1 : id;
}

static void remove_ipc(int id)
{
	if (kind == IPC_MSG)
		msgctl(id, IPC_RMID, NULL);
	else if (kind == IPC_SEM)
		semctl(id, 0, IPC_RMID);
	else if (kind == IPC_SHM)
		shmctl(id, IPC_RMID, NULL);
}

static void child(long n, int out)
{
	struct result r = { 0 };
	char buf[32];
	int nth, jail_fd = -1, id, i;

	r.jail_before = read_long("/proc/self/jail");
	r.count_before = ipc_count(r.jail_before);
	/* Everything but the operation happens outside the armed window. */
	nth = open("/proc/thread-self/fail-nth", O_RDWR);
	if (*cmd)
		jail_fd = open("/proc/self/jail", O_WRONLY);
	if (nth < 0 || (jail_fd < 0 && *cmd))
		_exit(2);
	snprintf(buf, sizeof(buf), "%ld", n);
	if (write(nth, buf, strlen(buf)) < 0)
		_exit(2);
	id = do_op(jail_fd);
	r.err = errno;
	memset(buf, 0, sizeof(buf));
	if (pread(nth, buf, sizeof(buf) - 1, 0) < 0 || write(nth, "0", 1) < 0)
		_exit(2);
	r.injected = strtol(buf, NULL, 10) == 0;
	r.ret = id < 0 ? -1 : 0;
	if (id >= 0)
		remove_ipc(id);
	r.jail_after = read_long("/proc/self/jail");
	/* A removed object is uncounted when it is freed, after RCU: wait. */
	for (i = 0; i < 300; i++) {
		r.count_after = ipc_count(r.jail_after);
		if (r.count_after == r.count_before)
			break;
		usleep(10000);
	}
	_exit(write(out, &r, sizeof(r)) == sizeof(r) ? 0 : 2);
}

/* Does @r break a rule? Says which on stderr. */
static int bad(long n, const struct result *r)
{
	const char *why = NULL;
	int moves = *cmd != '\0';

	if (r->ret < 0 && r->err != ENOMEM && r->err != ENOSPC)
		why = "an errno other than ENOMEM or ENOSPC";
	else if (r->ret < 0 && r->jail_after != r->jail_before)
		why = "failed, but the caller moved";
	else if (r->ret == 0 && moves && r->jail_after == r->jail_before)
		why = "succeeded, but the caller did not move";
	else if (r->count_after != r->count_before)
		why = "the jail's count of IPC objects changed";
	if (why)
		fprintf(stderr, "failnth %s: point %ld: %s (%s)\n", op, n, why,
			r->ret < 0 ? strerrorname_np(r->err) : "OK");
	return why != NULL;
}

int main(int argc, char **argv)
{
	long n, points = 0, failed = 0, absorbed = 0, nbad = 0;
	struct result r;
	int fds[2], status;
	pid_t pid;

	if (argc < 2 || (!strcmp(argv[1], "join") && argc != 3)) {
		fprintf(stderr, "usage: failnth new | join ID | msgget | semget | shmget\n");
		return 2;
	}
	op = argv[1];
	if (!strcmp(op, "new"))
		snprintf(cmd, sizeof(cmd), "new");
	else if (!strcmp(op, "join"))
		snprintf(cmd, sizeof(cmd), "join %s", argv[2]);
	else
		for (kind = 0; kind < IPC_KINDS && strcmp(op, ipc_ops[kind]);
		     kind++)
			;
	if (!*cmd && kind == IPC_NONE)
		return 2;
	if (pipe(fds) < 0)
		return 2;

	for (n = 1; n <= MAX_POINTS; n++) {
		pid = fork();
		if (pid < 0)
			return 2;
		if (!pid)
			child(n, fds[1]);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) ||
		    read(fds[0], &r, sizeof(r)) != sizeof(r)) {
			fprintf(stderr, "failnth %s: point %ld: the child failed\n",
				op, n);
			return 2;
		}
		printf("%ld %s %s\n", n, r.injected ? "injected" : "not-reached",
		       r.ret < 0 ? strerrorname_np(r.err) : "OK");
		nbad += bad(n, &r);
		if (!r.injected)
			break;
		points++;
		if (r.ret < 0)
			failed++;
		else
			absorbed++;
	}
	printf("points %ld failed %ld absorbed %ld bad %ld\n", points, failed,
	       absorbed, nbad);
	return nbad || !points || n > MAX_POINTS;
}
