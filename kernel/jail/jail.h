/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - internal definitions
 *
 * Every task belongs to exactly one jail, recorded in its LSM task blob and
 * inherited on fork. The host is the static jail 0; every other jail is a
 * refcounted object with a parent, so jails form a tree rooted at the host.
 */

#ifndef _SECURITY_JAIL_JAIL_H
#define _SECURITY_JAIL_JAIL_H

#include <linux/kobject.h>
#include <linux/lsm_hooks.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define JAIL_NAME "jail"

/* Id of the host jail; real jails get ids from 1 up. */
#define JAIL_HOST_ID 0

/* How deep jails nest below the host, as for user and pid namespaces. */
#define JAIL_MAX_DEPTH 32

/* Kinds of SysV IPC object counted per jail. */
enum jail_ipc_kind {
	JAIL_IPC_MSG,
	JAIL_IPC_SEM,
	JAIL_IPC_SHM,
	JAIL_IPC_KINDS,
};

/* Kinds of refused access counted per jail, against the refused task. */
enum jail_denial {
	JAIL_DENIED_IPC,
	JAIL_DENIED_FORK,
	JAIL_DENIED_SIGNAL,
	JAIL_DENIED_PTRACE,
	JAIL_DENIED_TASK,
	JAIL_DENIED_CAPABILITY,
	JAIL_DENIED_CHROOT,
	JAIL_DENIED_NAMESPACE,
	JAIL_DENIED_SOCKET,
	JAIL_DENIED_KERNEL_FS,
	JAIL_DENIALS,
};

/* Longest jail name; names use [A-Za-z0-9._-] and start alphanumeric. */
#define JAIL_NAME_MAX 32

/**
 * struct jail - one jail
 * @id: unique among jails that may still be referenced; 0 for the host
 * @name: unique among alive jails, or empty; never changes
 * @depth: 0 for the host, parent's depth + 1 otherwise
 * @parent: the jail this one was created in; NULL only for the host
 * @children: the child jails, linked by @sibling; under jail_mutex
 * @sibling: the entry in the parent's @children
 * @dying: set once by destroy, under jail_mutex; read locklessly
 * @created: boot time of creation, in seconds
 * @usage: one reference per task in the jail, per child jail, and per
 *	transient user; the jail is torn down when it drops to zero
 * @nr_tasks: tasks (threads) whose task blob points to this jail
 * @subtree_tasks: tasks in this jail and its descendants
 * @max_tasks: 0, or the most tasks the jail and its descendants may hold;
 *	beyond, fork and join fail
 * @nr_children: live child jails
 * @forks: tasks ever created in the jail
 * @nr_ipc: live SysV IPC objects created by the jail's tasks, by kind
 * @denied: refused accesses by the jail's tasks, by kind
 * @root: the root pinned by the jail's first chroot, or inherited from the
 *	parent at creation; valid once @root_pinned is set, then constant
 * @root_pinned: set, with release semantics, once @root is valid
 * @ipc_ns: the jail's own IPC namespace; NULL for the host, and once the
 *	jail is dying
 * @kobj: the /sys/kernel/jail/<id> directory; its release frees the jail,
 *	and IPC objects hold it (jail_pin()) to keep the memory, not the jail
 * @release_work: teardown, deferred because the last put may come from an
 *	RCU callback (task_free) where sleeping is forbidden
 * @rcu: the jail is freed after a grace period, so that readers of another
 *	task's jail pointer under rcu_read_lock() never see freed memory
 */
struct jail {
	u32 id;
	char name[JAIL_NAME_MAX + 1];
	unsigned int depth;
	struct jail *parent;
	struct list_head children;
	struct list_head sibling;
	bool dying;
	time64_t created;
	refcount_t usage;
	atomic_t nr_tasks;
	atomic_t subtree_tasks;
	int max_tasks;
	atomic_t nr_children;
	atomic64_t forks;
	atomic_t nr_ipc[JAIL_IPC_KINDS];
	atomic64_t denied[JAIL_DENIALS];
	struct path root;
	bool root_pinned;
	struct ipc_namespace *ipc_ns;
	struct kobject kobj;
	struct work_struct release_work;
	struct rcu_head rcu;
};

/**
 * struct jail_task_security - the jail part of a task's LSM blob
 * @jail: the task's jail; written only by the task itself (or by fork,
 *	before the new task is visible), read by others under RCU
 */
struct jail_task_security {
	struct jail __rcu *jail;
};

/**
 * struct jail_ipc_security - the jail part of a SysV IPC object's LSM blob
 * @jail: the jail of the task that created the object; pinned
 */
struct jail_ipc_security {
	struct jail *jail;
};

/**
 * struct jail_cred_security - the jail part of a cred's LSM blob
 * @jail: the jail of the task that made the cred, pinned; NULL for the
 *	host. Capabilities belong to credentials, so the capability table
 *	judges by this rather than by the task.
 */
struct jail_cred_security {
	struct jail *jail;
};

/**
 * struct jail_sock_security - the jail part of a socket's LSM blob
 * @jail: for UNIX sockets, the jail of the task that made the socket,
 *	pinned; NULL for the host and other families
 */
struct jail_sock_security {
	struct jail *jail;
};

extern struct lsm_blob_sizes jail_blob_sizes;
extern const struct lsm_id jail_lsmid;
extern bool jail_lsm_enabled;
extern struct jail jail_host;

static inline struct jail_task_security *
jail_task_security(const struct task_struct *task)
{
	return task->security + jail_blob_sizes.lbs_task;
}

/**
 * jail_current - the calling task's jail
 *
 * Only the task itself changes its jail, so no lock is needed to read it.
 *
 * Return: the jail; the caller's own reference keeps it alive.
 */
static inline struct jail *jail_current(void)
{
	return rcu_dereference_protected(jail_task_security(current)->jail,
					 true);
}

/* core.c */
extern atomic_t jail_count;
bool jail_sees(const struct jail *viewer, const struct jail *jail);
bool jail_admin_capable(void);
bool jail_may_admin(const struct jail *jail);
int jail_enter_new(const char *name);
int jail_join(u32 id);
int jail_destroy(struct jail *jail);
bool jail_charge_task(struct jail *jail, struct jail *top);
void jail_uncharge_task(struct jail *jail, struct jail *top);
void jail_get(struct jail *jail);
void jail_put(struct jail *jail);
void jail_pin(struct jail *jail);
void jail_unpin(struct jail *jail);
void jail_count_denial(struct jail *jail, enum jail_denial kind);
u32 jail_task_id(struct task_struct *task);
struct jail *jail_pin_current(void);
bool jail_pin_root(struct jail *jail, const struct path *root);
bool jail_root_get(struct jail *jail, struct path *root);

/* lsm.c */
bool jail_sees_task(const struct jail *viewer, struct task_struct *target);

/* cred.c */
void __init jail_add_cred_hooks(void);
bool jail_cap_allowed(int cap);
struct jail *jail_cred_jail(const struct cred *cred);
struct cred *jail_prepare_cred(struct jail *jail);

/* fs.c */
void __init jail_add_fs_hooks(void);

/* net.c */
void __init jail_add_net_hooks(void);

/* ipc.c (kernel/ipc-hooks) */
void __init jail_add_ipc_hooks(void);
bool jail_mqueue_foreign(struct jail *jail, const struct super_block *sb);

/* sysfs.c */
int jail_sysfs_add(struct jail *jail);
void jail_sysfs_remove(struct jail *jail);
void jail_sysfs_init_kobj(struct jail *jail);
bool jail_sysfs_contains(struct dentry *dentry);

/* proc.c */

/**
 * enum jail_cmd_op - operations accepted by /proc/<pid>/jail
 * @JAIL_CMD_NEW: create a child of the caller's jail and move into it
 * @JAIL_CMD_JOIN: move into an existing descendant jail
 */
enum jail_cmd_op {
	JAIL_CMD_NEW,
	JAIL_CMD_JOIN,
};

/**
 * struct jail_cmd - a parsed write to /proc/<pid>/jail
 * @op: the operation
 * @name: for JAIL_CMD_NEW, the new jail's name, or empty
 * @id: for JAIL_CMD_JOIN, the jail to join
 */
struct jail_cmd {
	enum jail_cmd_op op;
	char name[JAIL_NAME_MAX + 1];
	u32 id;
};

/* Longest write accepted by /proc/<pid>/jail, newline included. */
#define JAIL_CMD_MAX 64

int jail_parse_cmd(const char *buf, size_t len, struct jail_cmd *cmd);
int jail_parse_decimal(const char *s, size_t len, u32 *val);

#endif /* _SECURITY_JAIL_JAIL_H */
