// SPDX-License-Identifier: GPL-2.0-only
/*
 * threads - run as N threads (the main one included) until killed.
 *
 * usage: threads N
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t thread;
	long n;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) < 1) {
		fprintf(stderr, "usage: threads N\n");
		return 2;
	}
	while (--n > 0) {
		if (pthread_create(&thread, NULL, idle_thread, NULL)) {
			fprintf(stderr, "threads: pthread_create failed\n");
			return 2;
		}
	}
	for (;;)
		pause();
}
