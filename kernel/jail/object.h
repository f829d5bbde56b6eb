/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - the jail object and its lifetime
 *
 * Every task belongs to exactly one jail, recorded in its LSM task blob and
 * inherited on fork. The host is the static jail 0; every other jail is a
 * refcounted object with a parent, so jails form a tree rooted at the host.
 */

#ifndef _SECURITY_JAIL_OBJECT_H
#define _SECURITY_JAIL_OBJECT_H

#include <linux/atomic.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "setup.h"

/* Id of the host jail; real jails get ids from 1 up. */
#define JAIL_HOST_ID 0

/* How deep jails nest below the host, as for user and pid namespaces. */
#define JAIL_MAX_DEPTH 32

/* Longest jail name; names use [A-Za-z0-9._-] and start alphanumeric. */
#define JAIL_NAME_MAX 32

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

/**
 * struct jail - one jail
 *
 * A jail is alive while @usage is above zero; its memory stays while
 * @memory_refs is, which outlasts the teardown for the objects that name
 * a jail after it ended (credentials, IPC objects, sockets, the sysfs
 * directory's kobject, whose release may come late).
 */
struct jail {
	/** @id: unique among jails that may still be referenced; 0 for the host */
	u32 id;
	/** @name: unique among alive jails, or empty; never changes */
	char name[JAIL_NAME_MAX + 1];
	/** @depth: 0 for the host, the parent's depth + 1 otherwise */
	unsigned int depth;
	/** @parent: the jail this one was made in; NULL only for the host */
	struct jail *parent;
	/** @children: the child jails, linked by @sibling; under jail_mutex */
	struct list_head children;
	/** @sibling: the entry in the parent's @children */
	struct list_head sibling;
	/** @dying: set once by destroy, under jail_mutex; read locklessly */
	bool dying;
	/** @created: boot time of creation, in seconds */
	time64_t created;
	/**
	 * @usage: one reference per task in the jail, per child jail, and per
	 * transient user (jail_get()); the jail is torn down at zero
	 */
	refcount_t usage;
	/**
	 * @memory_refs: one for the live jail, one per object that names it
	 * (jail_grab()); the memory is freed at zero
	 */
	refcount_t memory_refs;
	/** @nr_tasks: tasks (threads) whose task blob points to this jail */
	atomic_t nr_tasks;
	/** @subtree_tasks: tasks in this jail and its descendants */
	atomic_t subtree_tasks;
	/**
	 * @max_tasks: 0, or the most tasks the jail and its descendants may
	 * hold; beyond, fork and join fail
	 */
	int max_tasks;
	/** @nr_children: live child jails */
	atomic_t nr_children;
	/** @forks: tasks ever created in the jail */
	atomic64_t forks;
	/** @nr_ipc: live SysV IPC objects made by the jail's tasks, by kind */
	atomic_t nr_ipc[JAIL_IPC_KINDS];
	/** @denied: refused accesses by the jail's tasks, by kind */
	atomic64_t denied[JAIL_DENIALS];
	/**
	 * @root: the root pinned by the jail's first chroot, or inherited from
	 * the parent at creation; valid once @root_pinned is set, then constant
	 */
	struct path root;
	/** @root_pinned: set, with release semantics, once @root is valid */
	bool root_pinned;
	/**
	 * @ipc_ns: the jail's own IPC namespace; NULL for the host, and once
	 * the jail is dying
	 */
	struct ipc_namespace *ipc_ns;
	/**
	 * @kobj: the /sys/kernel/jail/<id> directory, owned by sysfs.c; it
	 * holds a memory reference while it exists
	 */
	struct kobject kobj;
	/**
	 * @release_work: the teardown, deferred because the last jail_put()
	 * may come from an RCU callback (task_free), where nothing may sleep
	 */
	struct work_struct release_work;
	/**
	 * @rcu: the memory is freed after a grace period, so that readers of
	 * another task's jail pointer under rcu_read_lock() never see it freed
	 */
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
 * struct jail_observer - what the interface does as jails come and go
 * @add: a jail is complete and about to be published, under jail_mutex;
 *	an error abandons it
 * @remove: a jail is being torn down, before its id is freed; may sleep
 *
 * The object layer knows nothing above it: the layer that shows jails to
 * user space registers these with jail_set_observer().
 */
struct jail_observer {
	int (*add)(struct jail *jail);
	void (*remove)(struct jail *jail);
};

extern struct jail jail_host;
extern struct mutex jail_mutex;
extern atomic_t jail_count;

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

/**
 * jail_count_denial - count a refused access
 * @jail: the jail of the refused task
 * @kind: what was refused
 */
static inline void jail_count_denial(struct jail *jail, enum jail_denial kind)
{
	atomic64_inc(&jail->denied[kind]);
}

void __init jail_set_observer(const struct jail_observer *observer);
struct jail *jail_create(struct jail *parent, const char *name);
struct jail *jail_find(u32 id);
struct jail *jail_next_in_subtree(struct jail *pos, struct jail *root);
void jail_get(struct jail *jail);
bool jail_get_unless_zero(struct jail *jail);
void jail_put(struct jail *jail);
void jail_grab(struct jail *jail);
struct jail *jail_grab_current(void);
void jail_drop(struct jail *jail);
bool jail_charge_task(struct jail *jail, struct jail *top);
void jail_uncharge_task(struct jail *jail, struct jail *top);
bool jail_root_get(struct jail *jail, struct path *root);
u32 jail_task_id(struct task_struct *task);

#if IS_ENABLED(CONFIG_KUNIT)
int jail_alloc_id(struct xarray *ids, struct xa_limit limit, u32 *next,
		  u32 *id);
#endif

#endif /* _SECURITY_JAIL_OBJECT_H */
