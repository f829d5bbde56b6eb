// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - the jail object and its lifetime
 *
 * A jail is alive as long as something uses it: its tasks, its child
 * jails, or a transient user (jail_get()). The last jail_put() may come
 * from task_free(), which runs from an RCU callback, so the teardown is
 * deferred to a workqueue. The memory outlives the teardown for as long as
 * an object names the jail (jail_grab()), and is freed after an RCU grace
 * period: here, in jail_drop().
 */

#include <linux/err.h>
#include <linux/ipc_namespace.h>
#include <linux/lockdep.h>
#include <linux/nsproxy.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <kunit/visibility.h>

#include "object.h"

/* Orders every change to the tree, the ids and the names. */
DEFINE_MUTEX(jail_mutex);

/*
 * Ids of every jail that may still be referenced. An id is reserved (NULL
 * entry) while its jail is being built, published once it is complete, and
 * erased only at teardown; cyclic allocation keeps a freed id from coming
 * back soon. Published entries change only under jail_mutex.
 */
static DEFINE_XARRAY_ALLOC(jail_ids);
static u32 jail_next_id = JAIL_HOST_ID + 1;

/* Jails from creation to teardown, alive or dying. */
atomic_t jail_count = ATOMIC_INIT(0);

/* The host: never freed, holds every task that was not jailed. */
struct jail jail_host = {
	.id = JAIL_HOST_ID,
	.children = LIST_HEAD_INIT(jail_host.children),
	.usage = REFCOUNT_INIT(1),
	.memory_refs = REFCOUNT_INIT(1),
};

static const struct jail_observer *jail_observer __ro_after_init;

/**
 * jail_set_observer - let the interface follow jails as they come and go
 * @observer: its callbacks; set once, at boot, before any jail exists
 */
void __init jail_set_observer(const struct jail_observer *observer)
{
	jail_observer = observer;
}

/**
 * jail_grab - keep a jail's memory, not the jail, alive
 * @jail: the jail, or NULL; the caller holds a reference to it (jail_get()
 *	or jail_grab()) or jail_mutex while it is published
 *
 * For objects that outlive the jail's teardown, such as IPC objects freed
 * with their namespace after the jail let go of it. The host is static and
 * needs none.
 */
void jail_grab(struct jail *jail)
{
	if (jail && jail != &jail_host)
		refcount_inc(&jail->memory_refs);
}

/**
 * jail_grab_current - grab the caller's jail, for an object it makes
 *
 * Return: the jail, to be dropped with jail_drop(); NULL for the host.
 */
struct jail *jail_grab_current(void)
{
	struct jail *jail = jail_current();

	if (jail == &jail_host)
		return NULL;
	jail_grab(jail);
	return jail;
}

/**
 * jail_drop - drop what jail_grab() took, and free the memory with the last
 * @jail: the jail, or NULL
 *
 * Safe in any context, RCU callbacks and interrupts off included: the
 * teardown has removed everything else before the last memory reference
 * can go, so only memory is freed.
 */
void jail_drop(struct jail *jail)
{
	struct jail *parent;

	while (jail && jail != &jail_host &&
	       refcount_dec_and_test(&jail->memory_refs)) {
		/* Taken in jail_create(): the parent chain stays readable. */
		parent = jail->parent;
		/* Other tasks may still be reading this jail under RCU. */
		kfree_rcu(jail, rcu);
		jail = parent;
	}
}

static void jail_release_workfn(struct work_struct *work)
{
	struct jail *jail = container_of(work, struct jail, release_work);
	struct jail *parent = jail->parent;
	struct ipc_namespace *ipc_ns;

	/*
	 * Outside jail_mutex: removing the directory waits for its readers
	 * and writers, and a destroy write may be waiting for the mutex.
	 */
	if (jail_observer)
		jail_observer->remove(jail);

	mutex_lock(&jail_mutex);
	list_del(&jail->sibling);
	xa_erase(&jail_ids, jail->id);
	ipc_ns = xchg(&jail->ipc_ns, NULL);
	mutex_unlock(&jail_mutex);

	atomic_dec(&jail_count);
	atomic_dec(&parent->nr_children);
	if (jail->root_pinned)
		path_put(&jail->root);
	/* The last put frees the jail's IPC objects, and their grabs. */
	if (ipc_ns)
		put_ipc_ns(ipc_ns);
	jail_drop(jail);
	jail_put(parent);
}

/* Ids of jails other than the host: 1 to INT_MAX, so that any is an int. */
#define JAIL_ID_LIMIT XA_LIMIT(JAIL_HOST_ID + 1, INT_MAX)

/*
 * Reserve an id in @ids (a NULL entry), cyclically from @next within
 * @limit: a freed id comes back only after every other has been used.
 */
VISIBLE_IF_KUNIT int jail_alloc_id(struct xarray *ids, struct xa_limit limit,
				   u32 *next, u32 *id)
{
	int err = xa_alloc_cyclic(ids, id, NULL, limit, next, GFP_KERNEL);

	/* Out of ids is a limit like depth, as for namespaces. */
	if (err == -EBUSY)
		return -ENOSPC;
	return err < 0 ? err : 0;
}

static bool jail_name_taken(const char *name)
{
	struct jail *jail;
	unsigned long id;

	lockdep_assert_held(&jail_mutex);
	xa_for_each(&jail_ids, id, jail) {
		/* A jail on its way out (no user left) frees its name. */
		if (!jail->dying && refcount_read(&jail->usage) &&
		    !strcmp(jail->name, name))
			return true;
	}
	return false;
}

/**
 * jail_create - make a child jail
 * @parent: the jail it is made in
 * @name: its name, or ""
 *
 * The new jail holds a reference to @parent, owns a new IPC namespace, and
 * has no task yet; it is published (jail_find(), its directory) complete.
 *
 * Context: Process context, under jail_mutex.
 * Return: the jail, with one reference for the caller; or -EAGAIN when
 * @parent is dying, -ENOSPC when jails are nested too deep, every id is in
 * use or no IPC namespace may be made, -EEXIST when an alive jail has
 * @name, -ENOMEM.
 */
struct jail *jail_create(struct jail *parent, const char *name)
{
	struct ipc_namespace *ipc_ns;
	struct jail *jail;
	int err;

	lockdep_assert_held(&jail_mutex);
	if (parent->dying)
		return ERR_PTR(-EAGAIN);
	if (parent->depth >= JAIL_MAX_DEPTH)
		return ERR_PTR(-ENOSPC);
	if (*name && jail_name_taken(name))
		return ERR_PTR(-EEXIST);

	jail = kzalloc(sizeof(*jail), GFP_KERNEL_ACCOUNT);
	if (!jail)
		return ERR_PTR(-ENOMEM);
	/* From here on, jail_drop() frees it. */
	refcount_set(&jail->memory_refs, 1);

	/* The jail's own key space: keys, ids, listings, mqueues. */
	ipc_ns = copy_ipcs(CLONE_NEWIPC, current_user_ns(),
			   current->nsproxy->ipc_ns);
	if (IS_ERR(ipc_ns)) {
		err = PTR_ERR(ipc_ns);
		goto out_free;
	}
	err = jail_alloc_id(&jail_ids, JAIL_ID_LIMIT, &jail_next_id, &jail->id);
	if (err)
		goto out_put_ipc_ns;

	strscpy(jail->name, name, sizeof(jail->name));
	jail->ipc_ns = ipc_ns;
	jail->depth = parent->depth + 1;
	jail->parent = parent;
	INIT_LIST_HEAD(&jail->children);
	/* A child of a pinned jail is born pinned: no chroot gets out. */
	if (parent->root_pinned) {
		jail->root = parent->root;
		path_get(&jail->root);
		jail->root_pinned = true;
	}
	jail->created = ktime_get_boottime_seconds();
	refcount_set(&jail->usage, 1);
	INIT_WORK(&jail->release_work, jail_release_workfn);

	/* The files are readable as soon as they exist: fill the jail first. */
	if (jail_observer) {
		err = jail_observer->add(jail);
		if (err)
			goto out_put_root;
	}

	jail_get(parent);
	/* Dropped with the memory (jail_drop()). */
	jail_grab(parent);
	list_add_tail(&jail->sibling, &parent->children);
	atomic_inc(&parent->nr_children);
	atomic_inc(&jail_count);
	/* Replacing the reserved entry allocates nothing, so cannot fail. */
	xa_store(&jail_ids, jail->id, jail, GFP_KERNEL);
	return jail;

out_put_root:
	if (jail->root_pinned)
		path_put(&jail->root);
	xa_erase(&jail_ids, jail->id);
out_put_ipc_ns:
	put_ipc_ns(ipc_ns);
out_free:
	/* No reference to the parent was taken: none goes with the jail. */
	jail->parent = NULL;
	jail_drop(jail);
	return ERR_PTR(err);
}

/**
 * jail_find - an alive or dying jail by id
 * @id: the id
 *
 * Context: under jail_mutex, which keeps the jail published.
 * Return: the jail, which may have no user left; NULL if none.
 */
struct jail *jail_find(u32 id)
{
	lockdep_assert_held(&jail_mutex);
	return id == JAIL_HOST_ID ? &jail_host : xa_load(&jail_ids, id);
}

/**
 * jail_next_in_subtree - pre-order walk of a subtree
 * @pos: the current jail, starting with @root
 * @root: the subtree's top
 *
 * Context: under jail_mutex, which keeps the tree still.
 * Return: the next jail, or NULL after the last.
 */
struct jail *jail_next_in_subtree(struct jail *pos, struct jail *root)
{
	lockdep_assert_held(&jail_mutex);
	if (!list_empty(&pos->children))
		return list_first_entry(&pos->children, struct jail, sibling);
	for (; pos != root; pos = pos->parent) {
		if (!list_is_last(&pos->sibling, &pos->parent->children))
			return list_next_entry(pos, sibling);
	}
	return NULL;
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
 * jail_get_unless_zero - take a reference to a jail that may be ending
 * @jail: a published jail (jail_find())
 *
 * Return: true if taken; false if the jail's last user is gone and its
 * teardown queued.
 */
bool jail_get_unless_zero(struct jail *jail)
{
	return refcount_inc_not_zero(&jail->usage);
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
 * jail_charge_task - count one more task in a jail, within max_tasks
 * @jail: the jail the task is in
 * @top: the ancestor of @jail the task comes from, whose subtree counts
 *	do not change; NULL for a new task
 *
 * max_tasks bounds a jail's subtree, like pids.max, so that a jail cannot
 * escape its limit by moving tasks into child jails.
 *
 * Return: true if counted; false, counted as a denial, when @jail or an
 * ancestor below @top holds max_tasks tasks already.
 */
bool jail_charge_task(struct jail *jail, struct jail *top)
{
	struct jail *pos, *undo;
	int max;

	for (pos = jail; pos != top && pos != &jail_host; pos = pos->parent) {
		max = READ_ONCE(pos->max_tasks);
		if (atomic_inc_return(&pos->subtree_tasks) > max && max)
			goto refuse;
	}
	atomic_inc(&jail->nr_tasks);
	return true;

refuse:
	for (undo = jail; undo != pos->parent; undo = undo->parent)
		atomic_dec(&undo->subtree_tasks);
	jail_count_denial(jail, JAIL_DENIED_FORK);
	return false;
}

/**
 * jail_uncharge_task - undo jail_charge_task()
 * @jail: the jail the task was in
 * @top: as given to jail_charge_task()
 */
void jail_uncharge_task(struct jail *jail, struct jail *top)
{
	struct jail *pos;

	for (pos = jail; pos != top && pos != &jail_host; pos = pos->parent)
		atomic_dec(&pos->subtree_tasks);
	atomic_dec(&jail->nr_tasks);
}

/**
 * jail_root_get - a reference to a jail's pinned root
 * @jail: a jail the caller keeps alive
 * @root: set to the root, to be dropped with path_put(), when pinned
 *
 * Return: true if the jail has a pinned root.
 */
bool jail_root_get(struct jail *jail, struct path *root)
{
	/* Pairs with jail_pin_root(): the path is set before the flag. */
	if (!smp_load_acquire(&jail->root_pinned))
		return false;
	*root = jail->root;
	path_get(root);
	return true;
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
