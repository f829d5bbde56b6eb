// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - registration and task hooks
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
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

static struct security_hook_list jail_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, jail_task_alloc),
	LSM_HOOK_INIT(task_free, jail_task_free),
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
