// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - task hooks: membership, signals, ptrace, priority, limits
 *
 * A task is born in its parent's jail and counted there. Another task
 * outside the caller's reach answers as if it did not exist.
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "cred.h"
#include "object.h"
#include "setup.h"
#include "task.h"
#include "visibility.h"

static int hook_task_alloc(struct task_struct *task,
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

static void hook_task_free(struct task_struct *task)
{
	struct jail *jail;

	jail = rcu_dereference_protected(jail_task_security(task)->jail, true);
	/* NULL if this hook's task_alloc never ran or another LSM's failed. */
	if (!jail)
		return;
	jail_uncharge_task(jail, NULL);
	jail_put(jail);
}

/*
 * May the calling task act on @target? A refusal is counted against the
 * caller's jail when @count. Inlined into each hook: kill(2) from the host
 * would otherwise pay a call for the one comparison it needs.
 */
static __always_inline bool jail_may_reach(struct task_struct *target,
					   enum jail_denial kind, bool count)
{
	struct jail *jail = jail_current();

	if (jail_sees_task(jail, target))
		return true;
	if (count)
		jail_count_denial(jail, kind);
	return false;
}

/* Acting on a task out of reach: it answers as if it did not exist. */
static __always_inline int jail_hide_task(struct task_struct *target, enum jail_denial kind)
{
	return jail_may_reach(target, kind, true) ? 0 : -ESRCH;
}

/* ptrace attach and seize, and every /proc/<pid> file ptrace guards. */
static int hook_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	/* NOAUDIT probes (ps reading /proc/<pid>/stat) are not attacks. */
	return jail_may_reach(child, JAIL_DENIED_PTRACE,
			      !(mode & PTRACE_MODE_NOAUDIT)) ? 0 : -EPERM;
}

/* PTRACE_TRACEME hands the caller to its parent, which must see it. */
static int hook_ptrace_traceme(struct task_struct *parent)
{
	struct jail *tracer;
	bool sees;

	rcu_read_lock();
	tracer = rcu_dereference(jail_task_security(parent)->jail);
	sees = !tracer || jail_sees_task(tracer, current);
	rcu_read_unlock();
	if (sees)
		return 0;
	jail_count_denial(jail_current(), JAIL_DENIED_PTRACE);
	return -EPERM;
}

/*
 * kill, tgkill, sigqueue and process-group signals from user space: a task
 * outside the caller's reach answers as if it did not exist; the series
 * lets -ESRCH through kill_pid_info_type() and kill(-1). The kernel's own
 * uid check comes first: without CAP_KILL, a task of another user answers
 * EPERM before this is asked. Signals the kernel generates never come
 * here, nor does SIGIO (hook_file_send_sigiotask()). @cred is set only for
 * USB asynchronous I/O completions, sent for the process that submitted
 * them.
 */
static int hook_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	if (cred)
		return 0;
	return jail_hide_task(p, JAIL_DENIED_SIGNAL);
}

/*
 * SIGIO and SIGURG (or F_SETSIG's signal) go out on behalf of the task
 * that set the file's owner: its credentials, which fcntl keeps with the
 * owner, say its jail, even if it has moved since. May run in interrupt
 * context, under the owner's read lock: only RCU and atomics.
 */
static int hook_file_send_sigiotask(struct task_struct *tsk,
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
static int hook_task_setnice(struct task_struct *p, int nice)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

static int hook_task_setioprio(struct task_struct *p, int ioprio)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

static int hook_task_setscheduler(struct task_struct *p)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

static int hook_task_movememory(struct task_struct *p)
{
	return jail_hide_task(p, JAIL_DENIED_TASK);
}

/*
 * prlimit(2) on another task, reading or writing; judged by credentials,
 * as the kernel does.
 */
static int hook_task_prlimit(const struct cred *cred, const struct cred *tcred,
			     unsigned int flags)
{
	struct jail *jail = jail_cred_jail(cred);

	if (jail_sees(jail, jail_cred_jail(tcred)))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_TASK);
	return -ESRCH;
}

static struct security_hook_list jail_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, hook_task_alloc),
	LSM_HOOK_INIT(task_free, hook_task_free),
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, hook_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, hook_task_kill),
	LSM_HOOK_INIT(file_send_sigiotask, hook_file_send_sigiotask),
	LSM_HOOK_INIT(task_setnice, hook_task_setnice),
	LSM_HOOK_INIT(task_setioprio, hook_task_setioprio),
	LSM_HOOK_INIT(task_setscheduler, hook_task_setscheduler),
	LSM_HOOK_INIT(task_movememory, hook_task_movememory),
	LSM_HOOK_INIT(task_prlimit, hook_task_prlimit),
};

/**
 * jail_add_task_hooks - put the boot task in the host, register the hooks
 *
 * The boot task never passes through task_alloc; every other task is
 * born in its parent's jail.
 */
void __init jail_add_task_hooks(void)
{
	jail_get(&jail_host);
	jail_charge_task(&jail_host, NULL);
	RCU_INIT_POINTER(jail_task_security(current)->jail, &jail_host);
	security_add_hooks(jail_task_hooks, ARRAY_SIZE(jail_task_hooks),
			   &jail_lsmid);
}
