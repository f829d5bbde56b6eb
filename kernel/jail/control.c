// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - entering, joining, pinning the root, destroying
 *
 * What changes which jail a task is in, or ends jails: each takes
 * jail_mutex, so that a task enters a jail only while it is alive, and
 * destroy marks a subtree dying before it kills the subtree's tasks, so no
 * task can slip in behind the kill. Entering switches the task's
 * credentials and IPC namespace with its jail.
 */

#include <linux/cleanup.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs_struct.h>
#include <linux/ipc_namespace.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "control.h"
#include "cred.h"
#include "object.h"
#include "visibility.h"

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
 * Move the calling, single-threaded task into @jail, so that a thread
 * group never spans two jails or two IPC namespaces. The caller's
 * reference to @jail passes to the task on success and is dropped on
 * failure.
 */
static int jail_enter(struct jail *jail)
{
	struct jail *old = jail_current();
	struct cred *cred;
	int err = -ENOMEM;

	lockdep_assert_held(&jail_mutex);
	cred = jail_new_cred(jail);
	if (!cred)
		goto out_put;
	err = -EAGAIN;
	if (!jail_charge_task(jail, old))
		goto out_abort;
	err = switch_current_ipc_ns(jail->ipc_ns);
	if (err)
		goto out_uncharge;
	jail_switch_current(jail);
	commit_creds(cred);
	return 0;

out_uncharge:
	jail_uncharge_task(jail, old);
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

	guard(mutex)(&jail_mutex);
	jail = jail_create(jail_current(), name);
	if (IS_ERR(jail))
		return PTR_ERR(jail);
	return jail_enter(jail);
}

/*
 * Take a reference to the jail @id for the caller to join, with its pinned
 * root in @root if it has one.
 */
static int jail_get_joinable(u32 id, struct jail **joined, struct path *root)
{
	struct jail *jail;

	lockdep_assert_held(&jail_mutex);
	jail = jail_find(id);
	if (!jail)
		return -ESRCH;
	if (!jail_sees(jail_current(), jail))
		return -EPERM;
	if (jail->dying)
		return -ESRCH;
	if (jail == jail_current()) {
		*joined = NULL;
		return 0;
	}
	/* Its last task and child are gone: it is being torn down. */
	if (!jail_get_unless_zero(jail))
		return -ESRCH;
	/* A root shared with another process must not move with us. */
	if (jail_root_get(jail, root) && unshare_fs_struct()) {
		path_put(root);
		root->dentry = NULL;
		jail_put(jail);
		return -ENOMEM;
	}
	*joined = jail;
	return 0;
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
	struct jail *jail = NULL;
	int err;

	scoped_guard(mutex, &jail_mutex) {
		err = jail_get_joinable(id, &jail, &root);
		if (!err && jail)
			err = jail_enter(jail);
	}
	if (root.dentry) {
		if (!err) {
			set_fs_root(current->fs, &root);
			set_fs_pwd(current->fs, &root);
		}
		path_put(&root);
	}
	return err;
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
	guard(mutex)(&jail_mutex);
	if (jail->root_pinned || !list_empty(&jail->children))
		return false;
	jail->root = *root;
	path_get(&jail->root);
	/* Lockless readers see the path before the flag. */
	smp_store_release(&jail->root_pinned, true);
	return true;
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

	guard(mutex)(&jail_mutex);
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
	return 0;
}
