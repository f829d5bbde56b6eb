// SPDX-License-Identifier: GPL-2.0-only
/*
 * escape - one attempt at leaving a jail per call, for the bats tests (the
 * escape battery and the bodies of tests/bats/walls.bash)
 *
 * usage: escape OP [ARG...]; see the table at the end.
 * Prints "OK" or the errno name of the step that decides, and exits 0 or
 * 1; a few operations print one word per step. Static, so that it runs in
 * a minimal root.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/reboot.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>

#define UNUSED __attribute__((unused))

/* Deep enough to reach / from anywhere in the test VM. */
#define WALK_UP 64

static const char *err_name(int r)
{
	return r < 0 ? strerrorname_np(errno) : "OK";
}

static int report(int r)
{
	puts(err_name(r));
	return r < 0;
}

static long num(const char *s)
{
	return strtol(s, NULL, 10);
}

static void walk_up(void)
{
	int i;

	for (i = 0; i < WALK_UP; i++)
		if (chdir("..") < 0)
			break;
}

/* The classic: chroot into a subdirectory, then walk ".." from outside. */
static int op_breakout(char **argv)
{
	int r;

	mkdir("breakout", 0700);
	r = chroot("breakout");
	printf("%s ", err_name(r));
	walk_up();
	r = chroot(".");
	printf("%s ", err_name(r));
	return report(access(argv[0], F_OK));
}

/* A directory descriptor from outside: what it still reaches. */
static int op_fdwalk(char **argv)
{
	int fd = (int)num(argv[0]);
	int r;

	r = fchdir(fd);
	printf("%s ", err_name(r));
	walk_up();
	/* From the real root now: paths without their leading slash. */
	r = open(argv[1] + 1, O_RDONLY);
	printf("%s ", err_name(r));
	r = mkdir(argv[2] + 1, 0700);
	printf("%s ", err_name(r));
	return report(chroot("."));
}

static int op_handle(char **argv)
{
	struct file_handle *fh = malloc(sizeof(*fh) + MAX_HANDLE_SZ);
	int mount_id, mount_fd;

	if (!fh)
		return report(-1);
	fh->handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, argv[0], fh, &mount_id, 0) < 0)
		return report(-1);
	mount_fd = open("/", O_RDONLY | O_DIRECTORY);
	return report(open_by_handle_at(mount_fd, fh, O_RDONLY));
}

static int sun_abstract(struct sockaddr_un *sun, const char *name)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strncpy(sun->sun_path + 1, name, sizeof(sun->sun_path) - 2);
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static int op_listen(char **argv)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	char dname[100];
	int fd;

	snprintf(dname, sizeof(dname), "%s.dgram", argv[0]);
	if (bind(s, (void *)&sun, sun_abstract(&sun, argv[0])) < 0 ||
	    listen(s, 8) < 0 ||
	    bind(d, (void *)&sun, sun_abstract(&sun, dname)) < 0)
		return report(-1);
	fd = open(argv[1], O_WRONLY | O_CREAT, 0600);
	close(fd);
	for (;;)
		pause();
}

static int op_connect(char **argv)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);

	return report(connect(s, (void *)&sun, sun_abstract(&sun, argv[0])));
}

static int op_sendto(char **argv)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	char dname[100];

	snprintf(dname, sizeof(dname), "%s.dgram", argv[0]);
	return report(sendto(s, "x", 1, 0, (void *)&sun,
			     sun_abstract(&sun, dname)) < 0 ? -1 : 0);
}

static int op_sigio(char **argv)
{
	int p[2];

	if (pipe(p) < 0 || fcntl(p[0], F_SETOWN, (int)num(argv[0])) < 0 ||
	    fcntl(p[0], F_SETFL, O_ASYNC) < 0)
		return report(-1);
	return report(write(p[1], "x", 1) < 0 ? -1 : 0);
}

/* SIGIO for FD, an open file maybe inherited, to PID; no write. */
static int op_sigio_fd(char **argv)
{
	int fd = (int)num(argv[0]);

	if (fcntl(fd, F_SETOWN, (int)num(argv[1])) < 0 ||
	    fcntl(fd, F_SETFL, O_ASYNC) < 0)
		return report(-1);
	return report(0);
}

static int op_write(char **argv)
{
	int fd = open(argv[0], O_WRONLY);

	if (fd < 0)
		return report(-1);
	return report(write(fd, argv[1], strlen(argv[1])) < 0 ? -1 : 0);
}

/* With no_new_privs, "new" until the kernel says no: "COUNT ERRNO". */
static int op_newloop(char **argv UNUSED)
{
	int n = 0, fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return report(-1);
	for (;;) {
		fd = open("/proc/self/jail", O_WRONLY);
		if (fd < 0 || write(fd, "new", 3) < 0)
			break;
		close(fd);
		n++;
	}
	printf("%d %s\n", n, strerrorname_np(errno));
	return 0;
}

/*
 * Fork children that each move into a new jail and wait there, until fork
 * fails or ARG children exist: "COUNT ERRNO" or "COUNT OK". Children stay
 * until the jail is destroyed.
 */
static int op_forkjails(char **argv)
{
	long max = num(argv[0]), n;
	pid_t pid;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return report(-1);
	for (n = 0; n < max; n++) {
		pid = fork();
		if (pid < 0)
			break;
		if (pid == 0) {
			int fd = open("/proc/self/jail", O_WRONLY);

			if (fd < 0 || write(fd, "new", 3) < 0)
				_exit(1);
			for (;;)
				pause();
		}
	}
	printf("%ld %s\n", n, n < max ? strerrorname_np(errno) : "OK");
	fflush(stdout);
	for (;;)
		pause();
}

/* SIGKILL, or the signal numbered SIG (0 to test for existence). */
static int op_kill(char **argv)
{
	int sig = argv[1] ? (int)num(argv[1]) : SIGKILL;

	return report(kill((pid_t)num(argv[0]), sig));
}

static int op_tgkill(char **argv)
{
	pid_t pid = (pid_t)num(argv[0]);

	return report((int)syscall(SYS_tgkill, pid, pid, SIGKILL));
}

static int op_sigqueue(char **argv)
{
	union sigval val = { .sival_int = 0 };

	return report(sigqueue((pid_t)num(argv[0]), SIGKILL, val));
}

static int op_killall(char **argv UNUSED)
{
	return report(kill(-1, SIGKILL));
}

static int op_ptrace(char **argv)
{
	return report((int)ptrace(PTRACE_SEIZE, (pid_t)num(argv[0]), 0, 0));
}

static int op_renice(char **argv)
{
	return report(setpriority(PRIO_PROCESS, (id_t)num(argv[0]), 19));
}

static int op_prlimit(char **argv)
{
	struct rlimit rl;

	return report(prlimit((pid_t)num(argv[0]), RLIMIT_NOFILE, NULL, &rl));
}

static int op_open(char **argv)
{
	return report(open(argv[0], O_RDONLY));
}

/* Open and read: sysfs refuses some files at read, not at open. */
static int op_read(char **argv)
{
	char buf[256];
	int fd = open(argv[0], O_RDONLY);

	if (fd < 0)
		return report(-1);
	return report(read(fd, buf, sizeof(buf)) < 0 ? -1 : 0);
}

static int op_chroot(char **argv)
{
	return report(chroot(argv[0]));
}

static int op_mknod(char **argv)
{
	return report(mknod(argv[0], S_IFBLK | 0600, makedev(7, 0)));
}

static int op_chmod(char **argv)
{
	return report(chmod(argv[0], 0600));
}

static int op_mkdir(char **argv)
{
	return report(mkdir(argv[0], 0700));
}

static int op_mount(char **argv)
{
	return report(mount(argv[0], argv[1], argv[0], 0, NULL));
}

/* Push a byte into the terminal's input, as if typed: TIOCSTI. */
static int op_tiocsti(char **argv UNUSED)
{
	char c = '#';

	return report(ioctl(0, TIOCSTI, &c));
}

static int op_module(char **argv UNUSED)
{
	return report((int)syscall(SYS_init_module, NULL, 0UL, ""));
}

static int op_setns(char **argv)
{
	return report(setns((int)num(argv[0]), 0));
}

static int op_unshare_user(char **argv UNUSED)
{
	return report(unshare(CLONE_NEWUSER));
}

static int op_unshare_mount(char **argv UNUSED)
{
	return report(unshare(CLONE_NEWNS));
}

static int op_settime(char **argv UNUSED)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return report(clock_settime(CLOCK_REALTIME, &ts));
}

/* The harmless reboot command: only the Ctrl-Alt-Del setting. */
static int op_reboot(char **argv UNUSED)
{
	return report(reboot(LINUX_REBOOT_CMD_CAD_OFF));
}

static int op_hostname(char **argv UNUSED)
{
	return report(sethostname("jailed", 6));
}

static int op_raw(char **argv UNUSED)
{
	return report(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
}

static int op_packet(char **argv UNUSED)
{
	return report(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));
}

static int op_bind80(char **argv UNUSED)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(80) };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	return report(bind(s, (void *)&sin, sizeof(sin)));
}

static int op_nofile(char **argv UNUSED)
{
	struct rlimit rl;

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_max++;
	return report(setrlimit(RLIMIT_NOFILE, &rl));
}

/* Drop to UID (and the same gid, no groups), then run CMD. */
static int op_runas(char **argv)
{
	uid_t id = (uid_t)num(argv[0]);

	if (setgroups(0, NULL) < 0 || setgid(id) < 0 || setuid(id) < 0)
		return report(-1);
	execvp(argv[1], argv + 1);
	return report(-1);
}

static const struct {
	const char *name;
	int nargs;
	int (*fn)(char **argv);
} ops[] = {
	{ "breakout", 1, op_breakout },	/* MARKER */
	{ "fdwalk", 3, op_fdwalk },	/* FD MARKER NEWDIR (absolute) */
	{ "handle", 1, op_handle },	/* PATH */
	{ "listen", 2, op_listen },	/* NAME READYFILE */
	{ "connect", 1, op_connect },	/* NAME */
	{ "sendto", 1, op_sendto },	/* NAME */
	{ "sigio", 1, op_sigio },	/* PID */
	{ "sigio-fd", 2, op_sigio_fd },	/* FD PID */
	{ "write", 2, op_write },	/* PATH DATA */
	{ "newloop", 0, op_newloop },
	{ "forkjails", 1, op_forkjails },	/* MAX */
	{ "kill", -1, op_kill },	/* PID [SIG]; -PGID for a group */
	{ "tgkill", 1, op_tgkill },	/* PID */
	{ "sigqueue", 1, op_sigqueue },	/* PID */
	{ "killall", 0, op_killall },
	{ "ptrace", 1, op_ptrace },	/* PID */
	{ "renice", 1, op_renice },	/* PID */
	{ "prlimit", 1, op_prlimit },	/* PID */
	{ "open", 1, op_open },		/* PATH */
	{ "read", 1, op_read },		/* PATH */
	{ "chroot", 1, op_chroot },	/* DIR */
	{ "mknod", 1, op_mknod },	/* PATH */
	{ "chmod", 1, op_chmod },	/* PATH: to 0600 */
	{ "mkdir", 1, op_mkdir },	/* PATH */
	{ "mount", 2, op_mount },	/* TYPE DIR */
	{ "module", 0, op_module },
	{ "tiocsti", 0, op_tiocsti },	/* on stdin */
	{ "setns", 1, op_setns },	/* FD */
	{ "unshare-user", 0, op_unshare_user },
	{ "unshare-mount", 0, op_unshare_mount },
	{ "settime", 0, op_settime },
	{ "reboot", 0, op_reboot },
	{ "hostname", 0, op_hostname },
	{ "raw", 0, op_raw },
	{ "packet", 0, op_packet },
	{ "bind80", 0, op_bind80 },
	{ "nofile", 0, op_nofile },
	{ "runas", -2, op_runas },	/* UID CMD [ARG...] */
};

int main(int argc, char **argv)
{
	size_t i;

	for (i = 0; argc > 1 && i < sizeof(ops) / sizeof(ops[0]); i++) {
		int n = ops[i].nargs;

		/* A negative count is a minimum. */
		if (!strcmp(argv[1], ops[i].name) &&
		    (n < 0 ? argc - 2 >= -n : argc - 2 == n)) {
			setvbuf(stdout, NULL, _IOLBF, 0);
			return ops[i].fn(argv + 2);
		}
	}
	fprintf(stderr, "usage: escape OP [ARG...] (see escape.c)\n");
	return 2;
}
