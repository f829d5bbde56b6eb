// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - /proc/<pid>/jail
 *
 * Reading gives the task's jail id. Writing to one's own file moves the
 * writer: "new" into a new child of its jail, "join ID" into an existing
 * descendant. A new jail only ever restricts the writer, so besides
 * CAP_SYS_ADMIN, no_new_privs is enough to allow it, as with seccomp and
 * Landlock; naming it, and joining, are for CAP_SYS_ADMIN only.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/jail.h>
#include <linux/ptrace.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "jail.h"

/* isalnum() also takes Latin-1 letters: names are ASCII only. */
static bool jail_name_alnum(char c)
{
	return isascii(c) && isalnum(c);
}

/*
 * Names: [A-Za-z0-9._-], starting alphanumeric, JAIL_NAME_MAX at most, and
 * not all digits, so that a name is never taken for an id (as in FreeBSD).
 */
static int jail_parse_name(const char *s, size_t len, char *name)
{
	bool digits_only = true;
	size_t i;

	if (len == 0 || len > JAIL_NAME_MAX || !jail_name_alnum(s[0]))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!jail_name_alnum(s[i]) && !strchr("._-", s[i]))
			return -EINVAL;
		if (!isdigit(s[i]))
			digits_only = false;
	}
	if (digits_only)
		return -EINVAL;
	memcpy(name, s, len);
	name[len] = '\0';
	return 0;
}

/**
 * jail_parse_decimal - parse a jail id or a limit
 * @s: the digits; need not be NUL-terminated
 * @len: how many bytes @s has
 * @val: set on success
 *
 * Decimal digits only: no sign, no leading zero, no space, INT_MAX at most,
 * so that any value fits an int and has one spelling.
 *
 * Return: 0, or -EINVAL.
 */
int jail_parse_decimal(const char *s, size_t len, u32 *val)
{
	u64 v = 0;
	size_t i;

	if (len == 0 || len > 10 || (s[0] == '0' && len > 1))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!isdigit(s[i]))
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (v > INT_MAX)
		return -EINVAL;
	*val = v;
	return 0;
}

/**
 * jail_parse_cmd - parse a write to /proc/<pid>/jail
 * @buf: the bytes written
 * @len: how many bytes were written
 * @cmd: filled in on success
 *
 * The grammar, optionally followed by a single newline:
 * "new" | "new " NAME | "join " ID.
 *
 * Return: 0, or -EINVAL for anything else, including embedded NULs.
 */
int jail_parse_cmd(const char *buf, size_t len, struct jail_cmd *cmd)
{
	if (memchr(buf, '\0', len))
		return -EINVAL;
	if (len && buf[len - 1] == '\n')
		len--;
	memset(cmd, 0, sizeof(*cmd));
	if (len == 3 && !memcmp(buf, "new", 3)) {
		cmd->op = JAIL_CMD_NEW;
		return 0;
	}
	if (len > 4 && !memcmp(buf, "new ", 4)) {
		cmd->op = JAIL_CMD_NEW;
		return jail_parse_name(buf + 4, len - 4, cmd->name);
	}
	if (len > 5 && !memcmp(buf, "join ", 5)) {
		cmd->op = JAIL_CMD_JOIN;
		return jail_parse_decimal(buf + 5, len - 5, &cmd->id);
	}
	return -EINVAL;
}

/**
 * jail_proc_read - read /proc/<pid>/jail
 * @task: the task the file belongs to
 * @ubuf: user buffer
 * @count: its size
 * @ppos: file position
 *
 * Return: bytes read, -EACCES without ptrace read access to @task, or
 * -EOPNOTSUPP when the jail LSM is not active.
 */
ssize_t jail_proc_read(struct task_struct *task, char __user *ubuf,
		       size_t count, loff_t *ppos)
{
	char buf[sizeof("4294967295\n")];
	int len;

	if (!jail_lsm_enabled)
		return -EOPNOTSUPP;
	if (!ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS))
		return -EACCES;
	len = scnprintf(buf, sizeof(buf), "%u\n", jail_task_id(task));
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

/**
 * jail_proc_write - write /proc/<pid>/jail
 * @file: the open file
 * @task: the task the file belongs to
 * @ubuf: the command
 * @count: its length
 * @ppos: file position; must be 0
 *
 * Return: @count, or a negative errno, documented with the file's ABI
 * (sysfs-doc/procfs-jail); nothing changes on error.
 */
ssize_t jail_proc_write(struct file *file, struct task_struct *task,
			const char __user *ubuf, size_t count, loff_t *ppos)
{
	char buf[JAIL_CMD_MAX + 1];
	struct jail_cmd cmd;
	int err;

	if (!jail_lsm_enabled)
		return -EOPNOTSUPP;
	/* A task only ever moves itself. */
	if (task != current)
		return -EPERM;
	/* Only the opener writes: no descriptor carried across an execve. */
	if (file->f_cred != current_real_cred())
		return -EPERM;
	/* A move commits new credentials: none may be overridden now. */
	if (current_cred() != current_real_cred())
		return -EPERM;
	/* No partial writes. */
	if (*ppos != 0 || count == 0 || count > JAIL_CMD_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	err = jail_parse_cmd(buf, count, &cmd);
	if (err)
		return err;
	/* The other threads would stay behind in the old jail. */
	if (!thread_group_empty(current))
		return -EINVAL;

	switch (cmd.op) {
	case JAIL_CMD_NEW:
		/*
		 * Names are one namespace for the whole machine: only an
		 * administrator may take one, so that nobody squats on it.
		 */
		if (*cmd.name ? !capable(CAP_SYS_ADMIN) :
		    !task_no_new_privs(current) && !jail_admin_capable())
			return -EPERM;
		err = jail_enter_new(cmd.name);
		break;
	case JAIL_CMD_JOIN:
		/* Joining reaches into a jail: administrators only. */
		if (!jail_admin_capable())
			return -EPERM;
		err = jail_join(cmd.id);
		break;
	default:
		err = -EINVAL;
	}
	return err ? err : count;
}
