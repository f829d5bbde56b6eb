// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - /proc/<pid>/jail
 *
 * Reading gives the task's jail id. Writing "new" to one's own file moves
 * the writer into a new child of its jail. Moving only ever restricts the
 * writer, so besides CAP_SYS_ADMIN, no_new_privs is enough to allow it, as
 * with seccomp and Landlock.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/jail.h>
#include <linux/ptrace.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "jail.h"

/**
 * jail_parse_cmd - parse a write to /proc/<pid>/jail
 * @buf: the bytes written, followed by a NUL at @buf[@len]
 * @len: how many bytes were written
 * @cmd: filled in on success
 *
 * One command, optionally followed by a single newline.
 *
 * Return: 0, or -EINVAL for anything else, including embedded NULs.
 */
int jail_parse_cmd(const char *buf, size_t len, struct jail_cmd *cmd)
{
	if (strnlen(buf, len) != len)
		return -EINVAL;
	if (sysfs_streq(buf, "new")) {
		cmd->op = JAIL_CMD_NEW;
		return 0;
	}
	return -EINVAL;
}

static bool jail_may_enter_new(void)
{
	return task_no_new_privs(current) ||
	       ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN);
}

static int jail_enter_new(void)
{
	struct jail *jail;
	int err;

	/* The other threads would stay behind in the old jail. */
	if (!thread_group_empty(current))
		return -EINVAL;
	if (!jail_may_enter_new())
		return -EPERM;

	jail = jail_create(jail_current());
	if (IS_ERR(jail))
		return PTR_ERR(jail);
	err = jail_enter(jail);
	if (err)
		jail_put(jail);
	return err;
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
 * Return: @count, or -EPERM when @task is not the caller, the caller's
 * credentials changed since @file was opened, or the caller has neither
 * CAP_SYS_ADMIN nor no_new_privs, -EINVAL for a malformed command or a
 * multi-threaded caller, -ENOSPC when jails are nested too deep, every
 * jail id is in use or no IPC namespace may be created, -ENOMEM,
 * -EOPNOTSUPP when the jail LSM is not active.
 */
ssize_t jail_proc_write(struct file *file, struct task_struct *task,
			const char __user *ubuf, size_t count, loff_t *ppos)
{
	char buf[JAIL_CMD_MAX + 1];
	struct jail_cmd cmd;
	int err;

	if (!jail_lsm_enabled)
		return -EOPNOTSUPP;
	/* A task only ever moves itself: jailing restricts the writer. */
	if (task != current)
		return -EPERM;
	/* Only the opener writes: no descriptor carried across an execve. */
	if (file->f_cred != current_real_cred())
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

	switch (cmd.op) {
	case JAIL_CMD_NEW:
		err = jail_enter_new();
		break;
	default:
		err = -EINVAL;
	}
	return err ? err : count;
}
