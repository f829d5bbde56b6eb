/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What micro.c and ops.c share: failing, the clock, waiting for a child,
 * and writing /proc/self/jail. Both are single-file static programs, so
 * these are static functions here.
 */
#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

/* "PROGRAM: WHAT: ERROR" on stderr, and exit 1. */
static void fail(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Wait for child @pid, which must exit 0. */
static void wait_ok(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		fail("child");
}

/* Write @cmd to /proc/self/jail in one write; -1 with errno if refused. */
static int write_jail(const char *cmd)
{
	int fd = open("/proc/self/jail", O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, cmd, strlen(cmd));
	close(fd);
	return n < 0 ? -1 : 0;
}

#endif /* BENCH_H */
