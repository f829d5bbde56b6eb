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
	.nr_tasks = ATOMIC_INIT(0),
};

static void jail_release_workfn(struct work_struct *work)
{
	struct jail *jail = container_of(work, struct jail, release_work);
	struct jail *parent = jail->parent;

	jail_sysfs_remove(jail);
	xa_erase(&jail_ids, jail->id);
	kobject_put(&jail->kobj);
	jail_put(parent);
}

/**
 * jail_create - create a child jail
 * @parent: the jail to create it in
 *
 * The new jail holds a reference to @parent and has no task yet.
 *
 * Return: the jail with one reference for the caller, or an ERR_PTR():
 * -ENOSPC when @parent is JAIL_MAX_DEPTH deep already or every id is in
 * use, -ENOMEM when out of memory.
 */
struct jail *jail_create(struct jail *parent)
{
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

	err = xa_alloc_cyclic(&jail_ids, &id, NULL, XA_LIMIT(1, INT_MAX),
			      &jail_next_id, GFP_KERNEL);
	if (err < 0) {
		kobject_put(&jail->kobj);
		/* Out of ids is a limit like depth, as for namespaces. */
		return ERR_PTR(err == -EBUSY ? -ENOSPC : err);
	}
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
 * jail_switch_current - move the calling task into a jail
 * @jail: the new jail; the caller's reference to it passes to the task
 *
 * The caller must be single-threaded, so that a thread group never spans
 * two jails.
 */
void jail_switch_current(struct jail *jail)
{
	struct jail *old = jail_current();

	atomic_inc(&jail->nr_tasks);
	rcu_assign_pointer(jail_task_security(current)->jail, jail);
	atomic_dec(&old->nr_tasks);
	jail_put(old);
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
