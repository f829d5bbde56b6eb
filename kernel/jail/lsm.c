// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - registration and task hooks
 */

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <uapi/linux/lsm.h>

#include "jail.h"

struct lsm_blob_sizes jail_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct jail_task_security),
	.lbs_ipc = sizeof(struct jail_ipc_security),
	.lbs_cred = sizeof(struct jail_cred_security),
	.lbs_sock = sizeof(struct jail_sock_security),
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
	if (!jail_charge_task(jail, NULL))
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
	jail_uncharge_task(jail, NULL);
	jail_put(jail);
}

/**
 * jail_sees_task - may a jail reach a task?
 * @viewer: the jail asking
 * @target: the task; its jail is read under RCU
 *
 * The visibility rule (jail_sees()) applied to @target's jail. Safe in any
 * context.
 *
 * Return: true if @viewer sees @target's jail.
 */
bool jail_sees_task(const struct jail *viewer, struct task_struct *target)
{
	struct jail *to;
	bool ok;

	/* The host sees every jail: the common case costs no RCU section. */
	if (viewer == &jail_host)
		return true;
	rcu_read_lock();
	to = rcu_dereference(jail_task_security(target)->jail);
	ok = !to || jail_sees(viewer, to);
	rcu_read_unlock();
	return ok;
}

/* Does @viewer's jail see @target's jail? */
static bool jail_task_sees(struct task_struct *viewer,
			   struct task_struct *target)
{
	struct jail *from;
	bool ok;

	rcu_read_lock();
	from = rcu_dereference(jail_task_security(viewer)->jail);
	ok = !from || jail_sees_task(from, target);
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
	struct jail *jail = jail_current();

	if (jail_sees_task(jail, target))
		return true;
	if (count)
		jail_count_denial(jail, kind);
	return false;
}

/* Acting on a task out of reach: it answers as if it did not exist. */
static int jail_hide_task(struct task_struct *target, enum jail_denial kind)
{
	return jail_may_reach(target, kind, true) ? 0 : -ESRCH;
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
 * outside the caller's reach answers as if it did not exist (patch 0006
 * lets -ESRCH through kill_pid_info_type() and kill(-1)). The kernel's own
 * uid check comes first: without CAP_KILL, a task of another user answers
 * EPERM before this is asked. Signals the kernel generates never come
 * here, nor does SIGIO (jail_file_send_sigiotask()). @cred is set only for
 * USB asynchronous I/O completions, sent for the process that submitted
 * them.
 */
static int jail_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	if (cred)
		return 0;
	return jail_hide_task(p, JAIL_DENIED_SIGNAL);
}

/*
 * SIGIO and SIGURG (or F_SETSIG's signal) go out on behalf of the task
 * that set the file's owner: its credentials, kept with the owner since
 * patch 0007, say its jail, even if it has moved since. May run in
 * interrupt context, under the owner's read lock: only RCU and atomics.
 */
static int jail_file_send_sigiotask(struct task_struct *tsk,
				    struct fown_struct *fown, int sig)
{
	struct jail *owner = jail_cred_jail(fown->cred);

	if (jail_sees_task(owner, tsk))
		return 0;
	jail_count_denial(owner, JAIL_DENIED_SIGNAL);
	return -EPERM;
}

/*
 * Priority, scheduling policy, I/O priority and memory placement of
 * another task: the target answers as if it did not exist.
 */
static int jail_task_setnice(struct task_struct *p, int nice)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

static int jail_task_setioprio(struct task_struct *p, int ioprio)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

static int jail_task_setscheduler(struct task_struct *p)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

static int jail_task_movememory(struct task_struct *p)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

/*
 * prlimit(2) on another task, reading or writing; judged by credentials,
 * as the kernel does.
 */
static int jail_task_prlimit(const struct cred *cred, const struct cred *tcred,
			     unsigned int flags)
{
	struct jail *jail = jail_cred_jail(cred);

	if (jail_sees(jail, jail_cred_jail(tcred)))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_TASK);
	return -ESRCH;
}

static struct security_hook_list jail_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, jail_task_alloc),
	LSM_HOOK_INIT(task_free, jail_task_free),
	LSM_HOOK_INIT(ptrace_access_check, jail_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, jail_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, jail_task_kill),
	LSM_HOOK_INIT(file_send_sigiotask, jail_file_send_sigiotask),
	LSM_HOOK_INIT(task_setnice, jail_task_setnice),
	LSM_HOOK_INIT(task_setioprio, jail_task_setioprio),
	LSM_HOOK_INIT(task_setscheduler, jail_task_setscheduler),
	LSM_HOOK_INIT(task_movememory, jail_task_movememory),
	LSM_HOOK_INIT(task_prlimit, jail_task_prlimit),
};

static int __init jail_init(void)
{
	/* The boot task never passes through task_alloc: put it in the host. */
	jail_get(&jail_host);
	jail_charge_task(&jail_host, NULL);
	RCU_INIT_POINTER(jail_task_security(current)->jail, &jail_host);

	security_add_hooks(jail_hooks, ARRAY_SIZE(jail_hooks), &jail_lsmid);
	jail_add_cred_hooks();
	jail_add_fs_hooks();
	jail_add_net_hooks();
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
