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
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/jail.h>
#include <linux/ptrace.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include "control.h"
#include "cred.h"
#include "object.h"
#include "parse.h"
#include "setup.h"

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
