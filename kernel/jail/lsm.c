// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - registration and task hooks
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <uapi/linux/lsm.h>

#include "jail.h"

struct lsm_blob_sizes jail_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct jail_task_security),
	.lbs_ipc = sizeof(struct jail_ipc_security),
};

/* False when the LSM is left out of lsm=: the task blob is then absent. */
bool jail_lsm_enabled __ro_after_init;

const struct lsm_id jail_lsmid = {
	.name = JAIL_NAME,
	.id = LSM_ID_JAIL,
};

static int jail_task_alloc(struct task_struct *task,
			   unsigned long clone_flags)
{
	struct jail *jail = jail_current();

	/* A dying jail's tasks are being killed: they make no new ones. */
	if (unlikely(READ_ONCE(jail->dying)))
		return -EAGAIN;
	if (!jail_charge_task(jail))
		return -EAGAIN;
	jail_get(jail);
	atomic64_inc(&jail->forks);
	RCU_INIT_POINTER(jail_task_security(task)->jail, jail);
	return 0;
}

static void jail_task_free(struct task_struct *task)
{
	struct jail *jail;

	jail = rcu_dereference_protected(jail_task_security(task)->jail, true);
	/* NULL if this hook's task_alloc never ran or another LSM's failed. */
	if (!jail)
		return;
	atomic_dec(&jail->nr_tasks);
	jail_put(jail);
}

/* Does @viewer's jail see @target's jail (jail_sees())? */
static bool jail_task_sees(struct task_struct *viewer,
			   struct task_struct *target)
{
	struct jail *from, *to;
	bool ok;

	rcu_read_lock();
	from = rcu_dereference(jail_task_security(viewer)->jail);
	to = rcu_dereference(jail_task_security(target)->jail);
	ok = !from || !to || jail_sees(from, to);
	rcu_read_unlock();
	return ok;
}

/*
 * May the calling task act on @target? The visibility rule applied to
 * tasks: a jail reaches its own and its descendants' tasks, never its
 * parent's, its siblings' or the host's. A refusal is counted against the
 * caller's jail when @count.
 */
static bool jail_may_reach(struct task_struct *target, enum jail_denial kind,
			   bool count)
{
	if (jail_task_sees(current, target))
		return true;
	if (count)
		jail_count_denial(jail_current(), kind);
	return false;
}

/* ptrace attach and seize, and every /proc/<pid> file ptrace guards. */
static int jail_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	/* NOAUDIT probes (ps reading /proc/<pid>/stat) are not attacks. */
	return jail_may_reach(child, JAIL_DENIED_PTRACE,
			      !(mode & PTRACE_MODE_NOAUDIT)) ? 0 : -EPERM;
}

/* PTRACE_TRACEME hands the caller to its parent, which must see it. */
static int jail_ptrace_traceme(struct task_struct *parent)
{
	if (jail_task_sees(parent, current))
		return 0;
	jail_count_denial(jail_current(), JAIL_DENIED_PTRACE);
	return -EPERM;
}

/*
 * kill, tgkill, sigqueue and process-group signals from user space: a task
 * outside the caller's reach answers as if it did not exist. Signals the
 * kernel generates never come here. F_SETOWN signals (@cred set) are sent
 * on behalf of the file's owner, not the caller, and are not judged here.
 */
static int jail_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	if (cred)
		return 0;
	/*
	 * Not -ESRCH: kill_pid_info_type() retries forever on -ESRCH, taking
	 * it for a task unhashed meanwhile (found by the first test run: an
	 * RCU stall). ESRCH for invisible tasks needs another way.
	 */
	return jail_may_reach(p, JAIL_DENIED_SIGNAL, true) ? 0 : -EPERM;
}

static struct security_hook_list jail_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, jail_task_alloc),
	LSM_HOOK_INIT(task_free, jail_task_free),
	LSM_HOOK_INIT(ptrace_access_check, jail_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, jail_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, jail_task_kill),
};

static int __init jail_init(void)
{
	/* The boot task never passes through task_alloc: put it in the host. */
	jail_get(&jail_host);
	atomic_inc(&jail_host.nr_tasks);
	RCU_INIT_POINTER(jail_task_security(current)->jail, &jail_host);

	security_add_hooks(jail_hooks, ARRAY_SIZE(jail_hooks), &jail_lsmid);
	jail_add_ipc_hooks();
	jail_lsm_enabled = true;
	pr_info("Jail: initialized\n");
	return 0;
}

DEFINE_LSM(jail) = {
	.name = JAIL_NAME,
	.init = jail_init,
	.blobs = &jail_blob_sizes,
};
