// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - jail objects: the tree, ids, names, entering, destroying
 *
 * A jail lives as long as something references it: its tasks, its child
 * jails, or a transient user. The last reference may be dropped from
 * task_free(), which runs from an RCU callback, so teardown is deferred to a
 * workqueue, and the memory itself is freed after an RCU grace period.
 *
 * jail_mutex orders creating, joining and destroying: a task enters a jail
 * only while it is alive, and destroy marks a subtree dying before it kills
 * the subtree's tasks, so no task can slip in behind the kill.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs_struct.h>
#include <linux/ipc_namespace.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/xarray.h>

#include "jail.h"

static DEFINE_MUTEX(jail_mutex);

/*
 * Ids of every jail that may still be referenced. An id is reserved (NULL
 * entry) while its jail is being built, published once it is complete, and
 * erased only at teardown; cyclic allocation keeps a freed id from coming
 * back soon. Published entries change only under jail_mutex.
 */
static DEFINE_XARRAY_ALLOC(jail_ids);
static u32 jail_next_id = JAIL_HOST_ID + 1;

/* Jails that have a directory under /sys/kernel/jail, alive or dying. */
atomic_t jail_count = ATOMIC_INIT(0);

/* The host: never freed, holds every task that was not jailed. */
struct jail jail_host = {
	.id = JAIL_HOST_ID,
	.children = LIST_HEAD_INIT(jail_host.children),
	.usage = REFCOUNT_INIT(1),
};

/**
 * jail_sees - the visibility rule: may @viewer see and act on @jail?
 * @viewer: the acting task's jail
 * @jail: the jail acted on
 *
 * A jail sees itself and its descendants, never its parent, its siblings
 * or the host; the host is the ancestor of all and sees every jail. This
 * is the one place the rule is stated.
 *
 * Return: true when @jail is @viewer or a descendant of it.
 */
bool jail_sees(const struct jail *viewer, const struct jail *jail)
{
	/*
	 * Parent pointers never change, and a jail's memory pins its
	 * parent's memory, so the chain stays readable as long as @jail.
	 */
	for (; jail; jail = jail->parent) {
		if (jail == viewer)
			return true;
	}
	return false;
}

/**
 * jail_admin_capable - does the caller hold CAP_SYS_ADMIN over its jails?
 *
 * Managing the jails below one's own (creating, joining, limiting and
 * destroying them) needs CAP_SYS_ADMIN. Inside a jail the capability table
 * refuses CAP_SYS_ADMIN, because everywhere else it reaches outside the
 * jail; the jails below do not, so there the capability itself is asked,
 * without the table. Nothing is audited: the callers refuse with EPERM.
 *
 * Return: true if the caller may manage the jails it sees.
 */
bool jail_admin_capable(void)
{
	if (jail_current() == &jail_host)
		return ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN);
	return !cap_capable(current_cred(), &init_user_ns, CAP_SYS_ADMIN,
			    CAP_OPT_NOAUDIT);
}

/**
 * jail_may_admin - may the caller administer @jail (limits, destroy)?
 * @jail: the jail
 *
 * Administration is for a strict ancestor, never the jail itself, and
 * needs CAP_SYS_ADMIN (jail_admin_capable()).
 *
 * Return: true if allowed.
 */
bool jail_may_admin(const struct jail *jail)
{
	const struct jail *viewer = jail_current();

	return viewer != jail && jail_sees(viewer, jail) &&
	       jail_admin_capable();
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
	jail_sysfs_remove(jail);

	mutex_lock(&jail_mutex);
	list_del(&jail->sibling);
	xa_erase(&jail_ids, jail->id);
	ipc_ns = xchg(&jail->ipc_ns, NULL);
	mutex_unlock(&jail_mutex);

	atomic_dec(&jail_count);
	atomic_dec(&parent->nr_children);
	if (jail->root_pinned)
		path_put(&jail->root);
	/* The last put frees the jail's IPC objects, and with them its pins. */
	if (ipc_ns)
		put_ipc_ns(ipc_ns);
	kobject_put(&jail->kobj);
	jail_put(parent);
}

/* Ids of jails other than the host: 1 to INT_MAX, so that any is an int. */
#define JAIL_ID_LIMIT XA_LIMIT(JAIL_HOST_ID + 1, INT_MAX)

/*
 * Reserve an id in @ids (a NULL entry), cyclically from @next within
 * @limit: a freed id comes back only after every other has been used.
 */
static int jail_alloc_id(struct xarray *ids, struct xa_limit limit, u32 *next,
			 u32 *id)
{
	int err = xa_alloc_cyclic(ids, id, NULL, limit, next, GFP_KERNEL);

	/* Out of ids is a limit like depth, as for namespaces. */
	if (err == -EBUSY)
		return -ENOSPC;
	return err < 0 ? err : 0;
}

/* Under jail_mutex. */
static bool jail_name_taken(const char *name)
{
	struct jail *jail;
	unsigned long id;

	xa_for_each(&jail_ids, id, jail) {
		/* A jail on its way out (no user left) frees its name. */
		if (!jail->dying && refcount_read(&jail->usage) &&
		    !strcmp(jail->name, name))
			return true;
	}
	return false;
}

/*
 * Create a child jail of @parent, under jail_mutex. The new jail holds a
 * reference to @parent, owns a new IPC namespace, and has no task yet; the
 * caller gets one reference.
 */
static struct jail *jail_create(struct jail *parent, const char *name)
{
	struct ipc_namespace *ipc_ns;
	struct jail *jail;
	u32 id;
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
	/* From here on the kobject owns the memory: free with kobject_put(). */
	jail_sysfs_init_kobj(jail);

	/* The jail's own key space: keys, ids, listings, mqueues. */
	ipc_ns = copy_ipcs(CLONE_NEWIPC, current_user_ns(),
			   current->nsproxy->ipc_ns);
	if (IS_ERR(ipc_ns)) {
		kobject_put(&jail->kobj);
		return ERR_CAST(ipc_ns);
	}

	err = jail_alloc_id(&jail_ids, JAIL_ID_LIMIT, &jail_next_id, &id);
	if (err) {
		put_ipc_ns(ipc_ns);
		kobject_put(&jail->kobj);
		return ERR_PTR(err);
	}
	jail->id = id;
	strscpy(jail->name, name, sizeof(jail->name));
	jail->ipc_ns = ipc_ns;
	jail->depth = parent->depth + 1;
	jail_get(parent);
	/* Dropped with the memory (jail_kobj_release()). */
	jail_pin(parent);
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
	err = jail_sysfs_add(jail);
	if (err) {
		if (jail->root_pinned)
			path_put(&jail->root);
		xa_erase(&jail_ids, id);
		put_ipc_ns(ipc_ns);
		kobject_put(&jail->kobj);
		jail_put(parent);
		return ERR_PTR(err);
	}

	list_add_tail(&jail->sibling, &parent->children);
	atomic_inc(&parent->nr_children);
	atomic_inc(&jail_count);
	/* Replacing the reserved entry allocates nothing, so cannot fail. */
	xa_store(&jail_ids, id, jail, GFP_KERNEL);
	return jail;
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

/* The caller's reference to @jail passes to the task. */
static void jail_switch_current(struct jail *jail)
{
	struct jail *old = jail_current();

	rcu_assign_pointer(jail_task_security(current)->jail, jail);
	/* @jail is a descendant: the subtree counts of @old stay right. */
	jail_uncharge_task(old, old);
	jail_put(old);
}

/*
 * Move the calling, single-threaded task into @jail, under jail_mutex, so
 * that a thread group never spans two jails or two IPC namespaces. The
 * caller's reference to @jail passes to the task on success and is dropped
 * on failure.
 */
static int jail_enter(struct jail *jail)
{
	struct jail *old = jail_current();
	struct cred *cred;
	int err = -ENOMEM;

	lockdep_assert_held(&jail_mutex);
	cred = jail_prepare_cred(jail);
	if (!cred)
		goto out_put;
	err = -EAGAIN;
	if (!jail_charge_task(jail, old))
		goto out_abort;
	err = switch_current_ipc_ns(jail->ipc_ns);
	if (err) {
		jail_uncharge_task(jail, old);
		goto out_abort;
	}
	jail_switch_current(jail);
	commit_creds(cred);
	return 0;

out_abort:
	abort_creds(cred);
out_put:
	jail_put(jail);
	return err;
}

/**
 * jail_enter_new - create a child of the caller's jail and move into it
 * @name: the new jail's name, or ""
 *
 * The caller must be single-threaded and allowed to jail itself.
 *
 * Return: 0, or -EEXIST when an alive jail has @name, -EAGAIN when the
 * caller's jail is dying, -ENOSPC when jails are nested too deep, every
 * jail id is in use or no IPC namespace may be created, -ENOMEM.
 */
int jail_enter_new(const char *name)
{
	struct jail *jail;
	int err;

	mutex_lock(&jail_mutex);
	jail = jail_create(jail_current(), name);
	err = IS_ERR(jail) ? PTR_ERR(jail) : jail_enter(jail);
	mutex_unlock(&jail_mutex);
	return err;
}

/**
 * jail_join - move the caller into an existing jail (FreeBSD's jexec)
 * @id: the jail's id
 *
 * The caller must be single-threaded and have CAP_SYS_ADMIN; the jail must
 * be alive and the caller's own or a descendant of it. When the jail has a
 * pinned root, the caller's root and working directory move to it, as
 * jail_attach(2) does on FreeBSD.
 *
 * Return: 0, or -ESRCH when no alive jail has @id, -EPERM when the caller
 * may not see it, -EAGAIN when it holds max_tasks already, -ENOMEM.
 */
int jail_join(u32 id)
{
	struct path root = {};
	struct jail *jail;
	int err;

	mutex_lock(&jail_mutex);
	jail = id == JAIL_HOST_ID ? &jail_host : xa_load(&jail_ids, id);
	if (!jail) {
		err = -ESRCH;
	} else if (!jail_sees(jail_current(), jail)) {
		err = -EPERM;
	} else if (jail->dying) {
		err = -ESRCH;
	} else if (jail == jail_current()) {
		err = 0;
	} else if (!refcount_inc_not_zero(&jail->usage)) {
		/* Its last task and child are gone: it is being torn down. */
		err = -ESRCH;
	} else if (jail_root_get(jail, &root) && unshare_fs_struct()) {
		/* A root shared with another process must not move with us. */
		jail_put(jail);
		err = -ENOMEM;
	} else {
		err = jail_enter(jail);
	}
	mutex_unlock(&jail_mutex);
	if (root.dentry) {
		if (!err) {
			set_fs_root(current->fs, &root);
			set_fs_pwd(current->fs, &root);
		}
		path_put(&root);
	}
	return err;
}

/* Pre-order walk of the subtree under @root, under jail_mutex. */
static struct jail *jail_next_in_subtree(struct jail *pos, struct jail *root)
{
	if (!list_empty(&pos->children))
		return list_first_entry(&pos->children, struct jail, sibling);
	for (; pos != root; pos = pos->parent) {
		if (!list_is_last(&pos->sibling, &pos->parent->children))
			return list_next_entry(pos, sibling);
	}
	return NULL;
}

/**
 * jail_destroy - destroy a jail and all its descendants
 * @jail: the jail; not the host
 *
 * Marks the subtree dying, which refuses forks, new child jails and joins
 * in it, kills every task in it, and lets go of its IPC namespaces, so
 * that their objects go as soon as the tasks have exited. Destroying a
 * dying jail again kills again. When this returns, every task of the
 * subtree has SIGKILL pending: none runs user code again.
 *
 * Return: 0.
 */
int jail_destroy(struct jail *jail)
{
	struct ipc_namespace *ipc_ns;
	struct task_struct *g, *t;
	struct jail *pos;

	mutex_lock(&jail_mutex);
	for (pos = jail; pos; pos = jail_next_in_subtree(pos, jail))
		WRITE_ONCE(pos->dying, true);

	/*
	 * A fork that has passed task_alloc but is not yet on the task list
	 * re-checks fatal_signal_pending() of its parent under tasklist_lock
	 * before attaching the child, so this single pass misses nobody.
	 */
	rcu_read_lock();
	read_lock(&tasklist_lock);
	for_each_process_thread(g, t) {
		struct jail *tj = rcu_dereference(jail_task_security(t)->jail);

		if (tj && READ_ONCE(tj->dying) && jail_sees(jail, tj))
			send_sig_info(SIGKILL, SEND_SIG_PRIV, t);
	}
	read_unlock(&tasklist_lock);
	rcu_read_unlock();

	for (pos = jail; pos; pos = jail_next_in_subtree(pos, jail)) {
		ipc_ns = xchg(&pos->ipc_ns, NULL);
		if (ipc_ns)
			put_ipc_ns(ipc_ns);
	}
	mutex_unlock(&jail_mutex);
	return 0;
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
 * @jail: the jail, or NULL
 *
 * For objects that outlive the jail's teardown, such as IPC objects freed
 * with their namespace after the jail let go of it. The host is static and
 * needs no pin.
 */
void jail_pin(struct jail *jail)
{
	if (jail && jail != &jail_host)
		kobject_get(&jail->kobj);
}

/**
 * jail_pin_current - pin the caller's jail, for an object it makes
 *
 * Return: the jail, to be dropped with jail_unpin(); NULL for the host.
 */
struct jail *jail_pin_current(void)
{
	struct jail *jail = jail_current();

	if (jail == &jail_host)
		return NULL;
	jail_pin(jail);
	return jail;
}

/**
 * jail_unpin - drop what jail_pin() took
 * @jail: the jail, or NULL
 *
 * Safe from RCU callbacks and with interrupts off: the jail's sysfs
 * directory is gone by the time the last pin can drop, so the release
 * only frees memory.
 */
void jail_unpin(struct jail *jail)
{
	if (jail && jail != &jail_host)
		kobject_put(&jail->kobj);
}

/**
 * jail_pin_root - pin a jail's root, once
 * @jail: the caller's jail; not the host
 * @root: the directory the caller is about to chroot to
 *
 * A jail with child jails is not pinned: they were made with the old root
 * and would stay outside the new one.
 *
 * Return: true if @root is now the jail's root; false if the jail had one
 * or has child jails.
 */
bool jail_pin_root(struct jail *jail, const struct path *root)
{
	bool pinned = false;

	mutex_lock(&jail_mutex);
	if (!jail->root_pinned && list_empty(&jail->children)) {
		jail->root = *root;
		path_get(&jail->root);
		/* Lockless readers see the path before the flag. */
		smp_store_release(&jail->root_pinned, true);
		pinned = true;
	}
	mutex_unlock(&jail_mutex);
	return pinned;
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
 * jail_count_denial - count a refused access
 * @jail: the jail of the refused task
 * @kind: what was refused
 */
void jail_count_denial(struct jail *jail, enum jail_denial kind)
{
	atomic64_inc(&jail->denied[kind]);
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

#ifdef CONFIG_SECURITY_JAIL_KUNIT_TEST
/* The tests reach the static functions above. */
#include "jail_kunit.c"
#endif
