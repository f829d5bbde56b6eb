// SPDX-License-Identifier: GPL-2.0-only
/*
 * micro - the hot paths a jail could slow down, timed
 *
 * usage: micro [-r REPS] [-j DEPTH] [BENCH...]
 *   -r REPS   repetitions of each benchmark (default 15)
 *   -j DEPTH  first enter DEPTH nested new jails (0: stay where it is)
 *   BENCH     any of the names below (default: all, in that order)
 *
 * Prints one line per repetition, "BENCH NS", NS the mean nanoseconds of
 * one operation over a batch sized to take tens of milliseconds under
 * QEMU's TCG; setting up and tearing down a batch (a partner process, an
 * IPC object) is outside the timed part, and an untimed batch of each
 * benchmark warms the process up first. Benchmarks alternate repetition by repetition, so that a
 * slow phase of the emulator spreads over all of them. Static, so that it
 * runs anywhere; exits 1 with a message if a step fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "bench.h"

static char self_path[4096];

/* The timed part of a batch, between start() and stop(). */
static long long batch_start, batch_stop;

static void start(void)
{
	batch_start = now_ns();
}

static void stop(void)
{
	batch_stop = now_ns();
}

static void bench_getppid(long n)
{
	start();
	while (n--)
		syscall(SYS_getppid);
	stop();
}

/* N times: fork a child that exits at once, or execs this program first. */
static void fork_children(long n, int exec)
{
	pid_t pid;

	start();
	while (n--) {
		pid = fork();
		if (pid < 0)
			fail("fork");
		if (!pid) {
			if (exec)
				execl(self_path, "micro", "--exit", (char *)NULL);
			_exit(exec ? 127 : 0);
		}
		wait_ok(pid);
	}
	stop();
}

static void bench_fork(long n)
{
	fork_children(n, 0);
}

static void bench_exec(long n)
{
	fork_children(n, 1);
}

/* A partner process answers each message; both sides count N. */
static pid_t partner(void (*serve)(long, int), long n, int arg)
{
	pid_t pid = fork();

	if (pid < 0)
		fail("fork");
	if (!pid) {
		serve(n, arg);
		_exit(0);
	}
	return pid;
}

static void sem_op(int id, unsigned short num, short op)
{
	struct sembuf b = { .sem_num = num, .sem_op = op };

	while (semop(id, &b, 1) < 0)
		if (errno != EINTR)
			fail("semop");
}

static void sem_serve(long n, int id)
{
	while (n--) {
		sem_op(id, 0, -1);
		sem_op(id, 1, 1);
	}
}

static void bench_sem(long n)
{
	int id = semget(IPC_PRIVATE, 2, 0600);
	pid_t pid;

	if (id < 0)
		fail("semget");
	pid = partner(sem_serve, n, id);
	start();
	while (n--) {
		sem_op(id, 0, 1);
		sem_op(id, 1, -1);
	}
	stop();
	wait_ok(pid);
	semctl(id, 0, IPC_RMID);
}

struct msg {
	long type;
	char text[8];
};

static void msg_serve(long n, int id)
{
	struct msg m;

	while (n--) {
		if (msgrcv(id, &m, sizeof(m.text), 1, 0) < 0)
			fail("msgrcv");
		m.type = 2;
		if (msgsnd(id, &m, sizeof(m.text), 0) < 0)
			fail("msgsnd");
	}
}

static void bench_msg(long n)
{
	int id = msgget(IPC_PRIVATE, 0600);
	struct msg m = { .type = 1 };
	pid_t pid;

	if (id < 0)
		fail("msgget");
	pid = partner(msg_serve, n, id);
	start();
	while (n--) {
		m.type = 1;
		if (msgsnd(id, &m, sizeof(m.text), 0) < 0)
			fail("msgsnd");
		if (msgrcv(id, &m, sizeof(m.text), 2, 0) < 0)
			fail("msgrcv");
	}
	stop();
	wait_ok(pid);
	msgctl(id, IPC_RMID, NULL);
}

static void bench_shm(long n)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	void *p;

	if (id < 0)
		fail("shmget");
	start();
	while (n--) {
		p = shmat(id, NULL, 0);
		if (p == (void *)-1 || shmdt(p) < 0)
			fail("shmat");
	}
	stop();
	shmctl(id, IPC_RMID, NULL);
}

static void bench_kill(long n)
{
	pid_t pid = fork();

	if (pid < 0)
		fail("fork");
	if (!pid) {
		pause();
		_exit(0);
	}
	start();
	while (n--)
		if (kill(pid, 0) < 0)
			fail("kill");
	stop();
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void bench_open(long n)
{
	int fd;

	start();
	while (n--) {
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			fail("open");
		close(fd);
	}
	stop();
}

static void pipe_serve(long n, int fds)
{
	int in = fds & 0xffff, out = fds >> 16;
	char c;

	while (n--)
		if (read(in, &c, 1) != 1 || write(out, &c, 1) != 1)
			fail("pipe");
}

static void bench_pipe(long n)
{
	int to[2], from[2];
	pid_t pid;
	char c = 'x';

	if (pipe(to) < 0 || pipe(from) < 0)
		fail("pipe");
	pid = partner(pipe_serve, n, to[0] | from[1] << 16);
	start();
	while (n--)
		if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
			fail("pipe");
	stop();
	wait_ok(pid);
	close(to[0]);
	close(to[1]);
	close(from[0]);
	close(from[1]);
}

static const struct {
	const char *name;
	void (*run)(long n);
	long batch;		/* operations per timed batch */
} benches[] = {
	{ "getppid", bench_getppid, 20000 },
	{ "fork", bench_fork, 100 },
	{ "exec", bench_exec, 50 },
	{ "sem", bench_sem, 2000 },
	{ "msg", bench_msg, 2000 },
	{ "shm", bench_shm, 2000 },
	{ "kill", bench_kill, 20000 },
	{ "open", bench_open, 5000 },
	{ "pipe", bench_pipe, 2000 },
};

#define NR_BENCHES (sizeof(benches) / sizeof(benches[0]))

static void enter_jails(int depth)
{
	while (depth--)
		if (write_jail("new") < 0)
			fail("entering a new jail");
}

int main(int argc, char **argv)
{
	int reps = 15, depth = 0, opt, i, r;
	char chosen[NR_BENCHES] = { 0 };
	size_t b;
	ssize_t len;

	if (argc == 2 && !strcmp(argv[1], "--exit"))
		return 0;
	while ((opt = getopt(argc, argv, "r:j:")) != -1) {
		switch (opt) {
		case 'r':
			reps = atoi(optarg);
			break;
		case 'j':
			depth = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: micro [-r REPS] [-j DEPTH] [BENCH...]\n");
			return 1;
		}
	}
	len = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	if (len < 0)
		fail("/proc/self/exe");
	self_path[len] = '\0';
	for (i = optind; i < argc; i++) {
		for (b = 0; b < NR_BENCHES && strcmp(benches[b].name, argv[i]); b++)
			;
		if (b == NR_BENCHES) {
			fprintf(stderr, "micro: no benchmark '%s'\n", argv[i]);
			return 1;
		}
		chosen[b] = 1;
	}
	if (optind == argc)
		memset(chosen, 1, sizeof(chosen));
	enter_jails(depth);

	/*
	 * One untimed batch of each first: a new process's first batch pays
	 * for faulting in its pages and, under TCG, translating its code.
	 */
	for (b = 0; b < NR_BENCHES; b++)
		if (chosen[b])
			benches[b].run(benches[b].batch);
	for (r = 0; r < reps; r++) {
		for (b = 0; b < NR_BENCHES; b++) {
			if (!chosen[b])
				continue;
			benches[b].run(benches[b].batch);
			printf("%s %.1f\n", benches[b].name,
			       (double)(batch_stop - batch_start) /
			       benches[b].batch);
			fflush(stdout);
		}
	}
	return 0;
}
