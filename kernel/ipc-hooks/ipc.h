/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - the IPC walls
 */

#ifndef _SECURITY_JAIL_IPC_HOOKS_IPC_H
#define _SECURITY_JAIL_IPC_HOOKS_IPC_H

#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/magic.h>

#include "object.h"

/**
 * struct jail_ipc_security - the jail part of a SysV IPC object's LSM blob
 * @jail: the jail of the task that created the object; grabbed
 */
struct jail_ipc_security {
	struct jail *jail;
};

/**
 * jail_mqueue_foreign - is @sb another IPC namespace's mqueue filesystem?
 * @jail: the jail asking; not the host
 * @sb: the filesystem of a path the jail's task uses
 *
 * POSIX message queues are files of a per-namespace mqueue filesystem. A
 * jailed task reaches only its own jail's: mq_open() finds it through the
 * jail's namespace, and the path walls refuse, with this, any other
 * reached by a path, such as the host's /dev/mqueue. Asked where a path is
 * opened or changed rather than at every step of every lookup, which would
 * cost all path walks a call.
 *
 * Return: true if @sb is an mqueue filesystem other than @jail's own; for
 * a dying jail, which has let go of its namespace, any.
 */
static inline bool jail_mqueue_foreign(struct jail *jail,
				       const struct super_block *sb)
{
	return sb->s_magic == MQUEUE_MAGIC &&
	       sb->s_fs_info != READ_ONCE(jail->ipc_ns);
}

void __init jail_add_ipc_hooks(void);

#endif /* _SECURITY_JAIL_IPC_HOOKS_IPC_H */
