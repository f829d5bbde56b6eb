// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptrace-attach - PTRACE_SEIZE a process and detach again.
 *
 * usage: ptrace-attach PID
 * Prints "OK" or the errno name; exits 0 or 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

int main(int argc, char **argv)
{
	pid_t pid;

	if (argc != 2) {
		fprintf(stderr, "usage: ptrace-attach PID\n");
		return 2;
	}
	pid = (pid_t)strtol(argv[1], NULL, 10);
	if (ptrace(PTRACE_SEIZE, pid, NULL, NULL) < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	printf("OK\n");
	return 0;
}
