// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - jail objects: ids, references and teardown
 *
 * A jail lives as long as something references it: its tasks, its child
 * jails, or a transient user. The last reference may be dropped from
 * task_free(), which runs from an RCU callback, so teardown is deferred to a
 * workqueue, and the memory itself is freed after an RCU grace period.
 */

#include <linux/err.h>
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "jail.h"

/*
 * Ids of every jail that may still be referenced. An id is reserved (NULL
 * entry) while its jail is being built, published once it is complete, and
 * erased only at teardown; cyclic allocation keeps a freed id from coming
 * back soon.
 */
static DEFINE_XARRAY_ALLOC(jail_ids);
static u32 jail_next_id = JAIL_HOST_ID + 1;

/* The host: never freed, holds every task that was not jailed. */
struct jail jail_host = {
	.id = JAIL_HOST_ID,
	.usage = REFCOUNT_INIT(1),
};

static void jail_release_workfn(struct work_struct *work)
{
	struct jail *jail = container_of(work, struct jail, release_work);
	struct jail *parent = jail->parent;

	jail_sysfs_remove(jail);
	xa_erase(&jail_ids, jail->id);
	/* The last put frees the jail's IPC objects, and with them its pins. */
	put_ipc_ns(jail->ipc_ns);
	kobject_put(&jail->kobj);
	jail_put(parent);
}

/**
 * jail_create - create a child jail
 * @parent: the jail to create it in
 *
 * The new jail holds a reference to @parent, owns a new IPC namespace, and
 * has no task yet.
 *
 * Return: the jail with one reference for the caller, or an ERR_PTR():
 * -ENOSPC when @parent is JAIL_MAX_DEPTH deep already, every id is in use,
 * or the caller's user namespace may have no more IPC namespaces, -ENOMEM
 * when out of memory.
 */
struct jail *jail_create(struct jail *parent)
{
	struct ipc_namespace *ipc_ns;
	struct jail *jail;
	u32 id;
	int err;

	if (parent->depth >= JAIL_MAX_DEPTH)
		return ERR_PTR(-ENOSPC);

	jail = kzalloc(sizeof(*jail), GFP_KERNEL_ACCOUNT);
	if (!jail)
		return ERR_PTR(-ENOMEM);
	/* From here on the kobject owns the memory: free with kobject_put(). */
	jail_sysfs_init_kobj(jail);

	/* The jail's own key space: keys, ids, listings, mqueues. */
	ipc_ns = copy_ipcs(CLONE_NEWIPC, current_user_ns(),
			   current->nsproxy->ipc_ns);
	if (IS_ERR(ipc_ns)) {
		kobject_put(&jail->kobj);
		return ERR_CAST(ipc_ns);
	}

	err = xa_alloc_cyclic(&jail_ids, &id, NULL, XA_LIMIT(1, INT_MAX),
			      &jail_next_id, GFP_KERNEL);
	if (err < 0) {
		put_ipc_ns(ipc_ns);
		kobject_put(&jail->kobj);
		/* Out of ids is a limit like depth, as for namespaces. */
		return ERR_PTR(err == -EBUSY ? -ENOSPC : err);
	}
	jail->ipc_ns = ipc_ns;
	jail->id = id;
	jail->depth = parent->depth + 1;
	jail_get(parent);
	jail->parent = parent;
	refcount_set(&jail->usage, 1);
	atomic_set(&jail->nr_tasks, 0);
	INIT_WORK(&jail->release_work, jail_release_workfn);

	/* The files are readable as soon as they exist: fill the jail first. */
	err = jail_sysfs_add(jail);
	if (err) {
		xa_erase(&jail_ids, id);
		put_ipc_ns(ipc_ns);
		kobject_put(&jail->kobj);
		jail_put(parent);
		return ERR_PTR(err);
	}

	/* Replacing the reserved entry allocates nothing, so cannot fail. */
	xa_store(&jail_ids, id, jail, GFP_KERNEL);
	return jail;
}

/**
 * jail_get - take a reference to a jail
 * @jail: a jail the caller already holds a reference to
 */
void jail_get(struct jail *jail)
{
	refcount_inc(&jail->usage);
}

/**
 * jail_put - drop a reference to a jail
 * @jail: the jail
 *
 * Safe in any context: the teardown of the last reference runs later from
 * a workqueue.
 */
void jail_put(struct jail *jail)
{
	if (refcount_dec_and_test(&jail->usage))
		queue_work(system_wq, &jail->release_work);
}

/**
 * jail_pin - keep a jail's memory, not the jail, alive
 * @jail: the jail
 *
 * For objects that outlive the jail's teardown, such as IPC objects freed
 * with their namespace after the jail let go of it. The host is static and
 * needs no pin.
 */
void jail_pin(struct jail *jail)
{
	if (jail != &jail_host)
		kobject_get(&jail->kobj);
}

/**
 * jail_unpin - drop what jail_pin() took
 * @jail: the jail
 *
 * Safe from RCU callbacks: the jail's sysfs directory is gone by the time
 * the last pin can drop, so the release only frees memory.
 */
void jail_unpin(struct jail *jail)
{
	if (jail != &jail_host)
		kobject_put(&jail->kobj);
}

/**
 * jail_count_denial - count a refused access
 * @jail: the jail of the refused task
 * @kind: what was refused
 */
void jail_count_denial(struct jail *jail, enum jail_denial kind)
{
	atomic64_inc(&jail->denied[kind]);
}

/* The caller's reference to @jail passes to the task. */
static void jail_switch_current(struct jail *jail)
{
	struct jail *old = jail_current();

	atomic_inc(&jail->nr_tasks);
	rcu_assign_pointer(jail_task_security(current)->jail, jail);
	atomic_dec(&old->nr_tasks);
	jail_put(old);
}

/**
 * jail_enter - move the calling task into a jail
 * @jail: the jail; the caller's reference to it passes to the task on
 *	success
 *
 * The caller must be single-threaded, so that a thread group never spans
 * two jails or two IPC namespaces.
 *
 * Return: 0, or -ENOMEM with nothing changed.
 */
int jail_enter(struct jail *jail)
{
	int err;

	err = switch_current_ipc_ns(jail->ipc_ns);
	if (err)
		return err;
	jail_switch_current(jail);
	return 0;
}

/**
 * jail_task_id - the id of a task's jail
 * @task: any task that has not been freed
 *
 * Return: the id; JAIL_HOST_ID for the host.
 */
u32 jail_task_id(struct task_struct *task)
{
	struct jail *jail;
	u32 id = JAIL_HOST_ID;

	rcu_read_lock();
	jail = rcu_dereference(jail_task_security(task)->jail);
	if (jail)
		id = jail->id;
	rcu_read_unlock();
	return id;
}
