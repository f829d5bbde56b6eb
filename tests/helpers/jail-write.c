// SPDX-License-Identifier: GPL-2.0-only
/*
 * jail-write - write standard input to a file in one write(2) and report
 * the errno exactly, then the writer's own jail.
 *
 * usage: jail-write [-o OFFSET] [-t] FILE [CMD [ARG...]]
 *   -o OFFSET  pwrite(2) at OFFSET instead of write(2)
 *   -t         start a second thread first (a multi-threaded writer)
 *   CMD        exec'ed after a successful write (to check inheritance)
 *
 * Prints "OK <jail>" or "<ERRNO-NAME> <jail>", where <jail> is what this
 * process reads from /proc/self/jail afterwards. Exits 0 when the write
 * succeeded, 1 when it failed, 2 on a usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char data[1 << 16];

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void own_jail(char *buf, size_t size)
{
	FILE *f = fopen("/proc/self/jail", "r");

	if (!f || !fgets(buf, (int)size, f))
		snprintf(buf, size, "?%s", strerrorname_np(errno));
	buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	long offset = -1;
	size_t len = 0;
	ssize_t n;
	char jail[64];
	int opt, fd, err;
	pthread_t thread;

	while ((opt = getopt(argc, argv, "+o:t")) != -1) {
		switch (opt) {
		case 'o':
			offset = strtol(optarg, NULL, 0);
			break;
		case 't':
			if (pthread_create(&thread, NULL, idle_thread, NULL)) {
				fprintf(stderr, "jail-write: pthread_create failed\n");
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: jail-write [-o OFFSET] [-t] FILE [CMD...]\n");
		return 2;
	}
	while ((n = read(0, data + len, sizeof(data) - len)) > 0)
		len += (size_t)n;
	if (n < 0) {
		perror("jail-write: stdin");
		return 2;
	}

	fd = open(argv[optind], O_WRONLY);
	if (fd < 0) {
		printf("%s\n", strerrorname_np(errno));
		return 1;
	}
	if (offset >= 0)
		n = pwrite(fd, data, len, offset);
	else
		n = write(fd, data, len);
	err = errno;
	close(fd);

	own_jail(jail, sizeof(jail));
	if (n < 0) {
		printf("%s %s\n", strerrorname_np(err), jail);
		return 1;
	}
	printf("OK %s\n", jail);
	fflush(stdout);
	if (optind + 1 < argc) {
		execvp(argv[optind + 1], argv + optind + 1);
		perror("jail-write: exec");
		return 2;
	}
	return 0;
}
