// SPDX-License-Identifier: GPL-2.0-only
/*
 * jail-exec - the part of `jail run` and `jail exec` a shell cannot do safely
 *
 * usage: jail-exec [-E ERRFILE] [-j JAILCMD [-I IDFILE] [-W FIFO]] [-r ROOT]
 *                  [-u UID] [-g GID] [-G GID,...] [-e NAME=VALUE]...
 *                  [-w DIR] CMD [ARG...]
 *
 * In this order, each step checked: write JAILCMD ("new", "new NAME" or
 * "join ID") to /proc/self/jail, write the jail's id to IDFILE, and wait
 * for a line on FIFO (while the caller sets the jail's limits); chroot
 * to ROOT and chdir to "/" (the jail's first chroot pins its root);
 * setgroups (-G, or none), setgid,
 * setuid, and a check that no way back to the old ids remains;
 * no_new_privs; chdir to DIR; every descriptor above 2 closed at the exec;
 * an environment of exactly the -e pairs; exec CMD, searched in the new
 * PATH.
 *
 * Exit status when it fails before CMD runs, as env(1) and chroot(1) do:
 * 125 for its own errors, 126 when CMD cannot be executed, 127 when it is
 * not found; with a one-line message on stderr, or in ERRFILE (-E), so
 * that the caller can tell them from CMD's own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/close_range.h>
#include <sys/prctl.h>

#define EXIT_FAILED 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127
#define MAX_GROUPS 64
#define MAX_ENV 64

static FILE *errout;

static void die(const char *what, const char *arg)
{
	fprintf(errout, "jail-exec: %s%s%s: %s\n", what, arg ? " " : "",
		arg ? arg : "", strerror(errno));
	exit(EXIT_FAILED);
}

static void usage(void)
{
	fprintf(stderr, "usage: jail-exec [-j JAILCMD [-I IDFILE] [-W FIFO]] [-r ROOT] [-u UID] [-g GID] [-G GID,...] [-e NAME=VALUE]... [-w DIR] CMD [ARG...]\n");
	exit(EXIT_FAILED);
}

/* A decimal id below 2^32 - 1 (which is "no id" to the kernel). */
static unsigned int parse_id(const char *s)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v >= UINT_MAX) {
		fprintf(stderr, "jail-exec: not an id: '%s'\n", s);
		exit(EXIT_FAILED);
	}
	return (unsigned int)v;
}

static size_t parse_groups(char *list, gid_t *groups)
{
	size_t n = 0;
	char *tok, *save;

	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (n == MAX_GROUPS) {
			fprintf(stderr, "jail-exec: more than %d groups\n",
				MAX_GROUPS);
			exit(EXIT_FAILED);
		}
		groups[n++] = parse_id(tok);
	}
	return n;
}

/* Move into a jail; report its id in IDFILE and wait for FIFO. */
static void enter_jail(const char *cmd, const char *idfile, const char *fifo)
{
	char id[16], tmp[PATH_MAX], go[8];
	ssize_t n;
	int fd;

	fd = open("/proc/self/jail", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("cannot open", "/proc/self/jail");
	if (write(fd, cmd, strlen(cmd)) < 0)
		die("cannot enter the jail:", cmd);
	close(fd);
	if (!idfile)
		return;
	fd = open("/proc/self/jail", O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, id, sizeof(id) - 1);
	if (n <= 0)
		die("cannot read", "/proc/self/jail");
	close(fd);
	/* Whole or not at all: the caller polls for the file. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", idfile);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, id, n) != n || close(fd) < 0 ||
	    rename(tmp, idfile) < 0)
		die("cannot write", idfile);
	if (!fifo)
		return;
	fd = open(fifo, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, go, sizeof(go));
	if (n < 2 || strncmp(go, "go", 2)) {
		errno = ECANCELED;
		die("not told to go on", fifo);
	}
	close(fd);
}

int main(int argc, char **argv)
{
	const char *jail_cmd = NULL, *idfile = NULL, *fifo = NULL;
	const char *root = NULL, *dir = NULL;
	char *env[MAX_ENV + 1];
	gid_t groups[MAX_GROUPS];
	size_t ngroups = 0, nenv = 0;
	long uid = -1, gid = -1;
	int opt;

	errout = stderr;
	while ((opt = getopt(argc, argv, "+E:j:I:W:r:u:g:G:e:w:")) != -1) {
		switch (opt) {
		case 'E':
			errout = fopen(optarg, "ae");
			if (!errout) {
				errout = stderr;
				die("cannot open", optarg);
			}
			break;
		case 'j':
			jail_cmd = optarg;
			break;
		case 'I':
			idfile = optarg;
			break;
		case 'W':
			fifo = optarg;
			break;
		case 'r':
			root = optarg;
			break;
		case 'u':
			uid = parse_id(optarg);
			break;
		case 'g':
			gid = parse_id(optarg);
			break;
		case 'G':
			ngroups = parse_groups(optarg, groups);
			break;
		case 'e':
			if (nenv == MAX_ENV || !strchr(optarg, '='))
				usage();
			env[nenv++] = optarg;
			break;
		case 'w':
			dir = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind == argc)
		usage();
	env[nenv] = NULL;

	if (jail_cmd)
		enter_jail(jail_cmd, idfile, fifo);
	if (root && (chroot(root) < 0 || chdir("/") < 0))
		die("cannot enter root", root);

	/* Groups first, then gid, then uid: each needs the privilege before. */
	if (uid >= 0 || gid >= 0 || ngroups) {
		if (setgroups(ngroups, groups) < 0)
			die("setgroups", NULL);
		if (gid >= 0 && setresgid(gid, gid, gid) < 0)
			die("setgid", NULL);
		if (uid >= 0 && setresuid(uid, uid, uid) < 0)
			die("setuid", NULL);
		/* Dropped for good: root may not come back. */
		if (uid > 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
			errno = EPERM;
			die("privileges still recoverable", NULL);
		}
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die("no_new_privs", NULL);
	if (dir && chdir(dir) < 0)
		die("cannot change directory to", dir);
	/* At the exec: until then, a failure can still be reported. */
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		die("close_range", NULL);

	environ = env;
	/* A background start left SIGINT and SIGQUIT ignored: CMD gets them. */
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	execvp(argv[optind], argv + optind);
	opt = errno;
	fprintf(errout, "jail-exec: %s: %s\n", argv[optind], strerror(opt));
	return opt == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}
