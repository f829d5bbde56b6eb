// SPDX-License-Identifier: GPL-2.0-only
/*
 * jail-exec - the part of `jail run` and `jail exec` a shell cannot do safely
 *
 * usage: jail-exec [-E ERRFILE] [-j JAILCMD [-I IDFD [-W FIFO]]]
 *                  [-r ROOT [-p]] [-U USER] [-e NAME=VALUE]... [--]
 *                  CMD [ARG...]
 *
 * In this order, each step checked:
 *  - close every inherited descriptor above 2 but IDFD, so that nothing
 *    of the caller's reaches the jail;
 *  - open ROOT; with -p, enter a mount namespace of its own (a slave of
 *    the caller's, whose later mounts still show) and mount a procfs
 *    of processes only (hidepid=ptraceable, subset=pid, nosuid, nodev,
 *    noexec) on ROOT/proc, never
 *    through a symlink: the mount goes with the jail's last process, and
 *    the host never sees it;
 *  - write JAILCMD ("new", "new NAME" or "join ID") to /proc/self/jail,
 *    write the jail's id to descriptor IDFD and close it, and wait for a
 *    line "go" on FIFO while the caller sets the jail's limits (killed if
 *    the caller dies). A caller reading IDFD's pipe to its end gets the
 *    id, or nothing if the helper failed first, without polling;
 *  - chroot to ROOT and chdir to "/" (a jail's first chroot pins its root);
 *  - look USER (a name, or UID[:GID]) up in the /etc/passwd and
 *    /etc/group now in effect, that is the jail's own: a jail decides who
 *    its users are, and its files are never read from outside it;
 *  - setgroups (the user's groups), setgid, setuid, and a check that no
 *    way back to root remains; no_new_privs;
 *  - chdir to the user's home; an environment of exactly the -e pairs
 *    plus HOME, USER, LOGNAME and SHELL; exec CMD, searched in PATH.
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
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/close_range.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#define EXIT_FAILED 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127
#define MAX_GROUPS 256
#define MAX_ENV 64
#define MAX_FIELD 256
/* Bigger user databases are refused: they are read as root. */
#define MAX_DB_SIZE (1 << 20)

static FILE *errout;

static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("jail-exec: ", errout);
	va_start(ap, fmt);
	vfprintf(errout, fmt, ap);
	va_end(ap);
	fputc('\n', errout);
	exit(EXIT_FAILED);
}

static void die(const char *what, const char *arg)
{
	int err = errno;

	fail("%s%s%s: %s", what, arg ? " " : "", arg ? arg : "",
	     strerror(err));
}

static void usage(void)
{
	fail("usage: jail-exec [-E ERRFILE] [-j JAILCMD [-I IDFD [-W FIFO]]] [-r ROOT [-p]] [-U USER] [-e NAME=VALUE]... [--] CMD [ARG...]");
}

/* A decimal id below 2^32 - 1 (which is "no id" to the kernel). */
static bool parse_id(const char *s, unsigned int *id)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v >= UINT_MAX)
		return false;
	*id = (unsigned int)v;
	return true;
}

/* Mounts made here stay here; the caller's later mounts still show. */
static void enter_mount_ns(void)
{
	if (unshare(CLONE_NEWNS) < 0 ||
	    mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		die("cannot make", "a mount namespace");
}

/*
 * Mount a procfs on ROOT/proc, a directory and not a symlink to one.
 * ROOT_FD is opened in the mount namespace the procfs goes to.
 */
static void mount_proc(const char *root, int root_fd)
{
	int fs_fd, mnt_fd, target_fd;

	target_fd = openat(root_fd, "proc",
			   O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (target_fd < 0)
		fail("%s/proc: %s (a directory, not a symlink, is needed)",
		     root, strerror(errno));
	/*
	 * Processes only (subset=pid): the jail has no use for the rest,
	 * which the kernel refuses to let it change anyway.
	 */
	fs_fd = fsopen("proc", FSOPEN_CLOEXEC);
	if (fs_fd < 0 ||
	    fsconfig(fs_fd, FSCONFIG_SET_STRING, "hidepid", "ptraceable", 0) ||
	    fsconfig(fs_fd, FSCONFIG_SET_STRING, "subset", "pid", 0) ||
	    fsconfig(fs_fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		die("cannot make", "a procfs");
	mnt_fd = fsmount(fs_fd, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID |
			 MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	if (mnt_fd < 0 ||
	    move_mount(mnt_fd, "", target_fd, "",
		       MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		die("cannot mount a procfs on", "proc in the root");
	close(mnt_fd);
	close(fs_fd);
	close(target_fd);
}

/* Move into a jail; report its id on IDFD (if not -1) and wait for FIFO. */
static void enter_jail(const char *cmd, int idfd, const char *fifo)
{
	char id[16], go[8];
	ssize_t n;
	int fd;

	fd = open("/proc/self/jail", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("cannot open", "/proc/self/jail");
	if (write(fd, cmd, strlen(cmd)) < 0)
		fail("%s > /proc/self/jail: %s", cmd, strerror(errno));
	close(fd);
	if (idfd < 0)
		return;
	fd = open("/proc/self/jail", O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, id, sizeof(id) - 1);
	if (n <= 0)
		die("cannot read", "/proc/self/jail");
	close(fd);
	/* Closed at once: its end is what the caller waits for. */
	if (write(idfd, id, n) != n || close(idfd) < 0)
		die("cannot report the jail's id", NULL);
	if (!fifo)
		return;
	fd = open(fifo, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, go, sizeof(go));
	if (n < 2 || strncmp(go, "go", 2)) {
		errno = ECANCELED;
		die("not told to go on", fifo);
	}
	close(fd);
	/* CMD outlives the caller with --keep; a root CMD would keep it. */
	if (prctl(PR_SET_PDEATHSIG, 0) < 0)
		die("prctl", NULL);
}

/*
 * A user database of the jail: a regular file of at most MAX_DB_SIZE,
 * never a FIFO or a device.
 */
static FILE *open_db(const char *path)
{
	struct stat st;
	FILE *f;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_DB_SIZE) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f)
		close(fd);
	return f;
}

struct user {
	char name[MAX_FIELD], home[PATH_MAX], shell[PATH_MAX];
	uid_t uid;
	gid_t gid;
	gid_t groups[MAX_GROUPS];
	size_t ngroups;
};

static void copy_field(char *dst, size_t size, const char *src,
		       const char *what)
{
	if (snprintf(dst, size, "%s", src) >= (int)size)
		fail("%s too long in /etc/passwd", what);
}

/* USER as a name, or UID[:GID] with the name, if any, from /etc/passwd. */
static void lookup_user(const char *spec, struct user *u)
{
	char buf[MAX_FIELD], *colon;
	bool by_id, has_gid = false;
	unsigned int id;
	struct passwd *pw = NULL;
	struct group *gr;
	FILE *db;

	copy_field(buf, sizeof(buf), spec, "user");
	colon = strchr(buf, ':');
	if (colon) {
		*colon = '\0';
		if (!parse_id(colon + 1, &id))
			fail("bad group id in '%s'", spec);
		u->gid = id;
		has_gid = true;
	}
	by_id = parse_id(buf, &id);
	if (colon && !by_id)
		fail("bad user id in '%s'", spec);

	db = open_db("/etc/passwd");
	if (!db && (errno != ENOENT || !by_id))
		die("cannot read", "/etc/passwd in the jail");
	while (db && (pw = fgetpwent(db)))
		if (by_id ? pw->pw_uid == id : !strcmp(pw->pw_name, buf))
			break;
	if (!pw && !by_id)
		fail("unknown user '%s' in /etc/passwd of the jail", buf);
	if (pw) {
		copy_field(u->name, sizeof(u->name), pw->pw_name, "name");
		copy_field(u->home, sizeof(u->home), pw->pw_dir, "home");
		copy_field(u->shell, sizeof(u->shell), pw->pw_shell, "shell");
		u->uid = pw->pw_uid;
		if (!has_gid)
			u->gid = pw->pw_gid;
	} else {
		copy_field(u->name, sizeof(u->name), buf, "name");
		u->uid = id;
		if (!has_gid)
			u->gid = id;
	}
	if (db)
		fclose(db);
	if (!*u->home)
		strcpy(u->home, "/");
	if (!*u->shell)
		strcpy(u->shell, "/bin/sh");

	/* The primary group, then every group that lists the user. */
	u->groups[0] = u->gid;
	u->ngroups = 1;
	db = open_db("/etc/group");
	if (!db && errno != ENOENT)
		die("cannot read", "/etc/group in the jail");
	while (db && (gr = fgetgrent(db))) {
		char **m;

		if (gr->gr_gid == u->gid)
			continue;
		for (m = gr->gr_mem; *m && strcmp(*m, u->name); m++)
			;
		if (!*m)
			continue;
		if (u->ngroups == MAX_GROUPS)
			fail("user '%s' is in more than %d groups", u->name,
			     MAX_GROUPS);
		u->groups[u->ngroups++] = gr->gr_gid;
	}
	if (db)
		fclose(db);
}

/* Groups first, then gid, then uid: each needs the privilege before. */
static void become(const struct user *u)
{
	if (setgroups(u->ngroups, u->groups) < 0)
		die("setgroups", NULL);
	if (setresgid(u->gid, u->gid, u->gid) < 0)
		die("setgid", NULL);
	if (setresuid(u->uid, u->uid, u->uid) < 0)
		die("setuid", NULL);
	/* Dropped for good: root may not come back. */
	if (u->uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		errno = EPERM;
		die("privileges still recoverable", NULL);
	}
}

static void add_env(char **env, size_t *nenv, const char *name,
		    const char *value)
{
	if (*nenv == MAX_ENV || asprintf(&env[*nenv], "%s=%s", name, value) < 0)
		fail("environment too large");
	(*nenv)++;
}

int main(int argc, char **argv)
{
	const char *jail_cmd = NULL, *fifo = NULL, *errfile = NULL;
	const char *root = NULL, *user_spec = NULL;
	static struct user user;
	char *env[MAX_ENV + 1];
	size_t nenv = 0;
	bool with_proc = false;
	pid_t parent = getppid();
	int opt, idfd = -1, root_fd = -1;
	unsigned int fd;

	errout = stderr;
	while ((opt = getopt(argc, argv, "+E:j:I:W:r:pU:e:")) != -1) {
		switch (opt) {
		case 'E':
			errfile = optarg;
			break;
		case 'j':
			jail_cmd = optarg;
			break;
		case 'I':
			/* 0 to 2 are the caller's, not a pipe for the id. */
			if (!parse_id(optarg, &fd) || fd < 3 || fd > INT_MAX)
				usage();
			idfd = fd;
			break;
		case 'W':
			fifo = optarg;
			break;
		case 'r':
			root = optarg;
			break;
		case 'p':
			with_proc = true;
			break;
		case 'U':
			user_spec = optarg;
			break;
		case 'e':
			if (nenv == MAX_ENV || !strchr(optarg, '='))
				usage();
			env[nenv++] = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind == argc || (with_proc && !root) ||
	    (idfd >= 0 && !jail_cmd) || (fifo && idfd < 0))
		usage();
	/* Before anything else: nothing of the caller's goes in. */
	if ((idfd > 3 && close_range(3, idfd - 1, 0) < 0) ||
	    close_range(idfd < 0 ? 3 : idfd + 1, ~0U, 0) < 0)
		die("close_range", NULL);
	/* Checked before any jail is made for a caller who cannot learn it. */
	if (idfd >= 0 && fcntl(idfd, F_GETFD) < 0)
		fail("-I %d: %s", idfd, strerror(errno));
	if (errfile) {
		errout = fopen(errfile, "ae");
		if (!errout) {
			errout = stderr;
			die("cannot open", errfile);
		}
		setvbuf(errout, NULL, _IOLBF, 0);
	}

	if (root) {
		if (with_proc)
			enter_mount_ns();
		root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (root_fd < 0)
			die("cannot open", root);
		if (with_proc)
			mount_proc(root, root_fd);
	}
	if (fifo) {
		/* Waiting for a caller that is gone would keep the jail. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			fail("the caller is gone");
	}
	if (jail_cmd)
		enter_jail(jail_cmd, idfd, fifo);
	if (root_fd >= 0 &&
	    (fchdir(root_fd) < 0 || chroot(".") < 0 || chdir("/") < 0))
		die("cannot enter root", root);
	if (root_fd >= 0)
		close(root_fd);

	if (user_spec) {
		lookup_user(user_spec, &user);
		become(&user);
		add_env(env, &nenv, "HOME", user.home);
		add_env(env, &nenv, "USER", user.name);
		add_env(env, &nenv, "LOGNAME", user.name);
		add_env(env, &nenv, "SHELL", user.shell);
	}
	env[nenv] = NULL;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die("no_new_privs", NULL);
	if (user_spec && chdir(user.home) < 0)
		die("cannot change directory to", user.home);
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
