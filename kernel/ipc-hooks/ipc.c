// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - the IPC walls
 *
 * Each jail has its own IPC namespace (object.c), so through its own keys and
 * ids a jail never names another jail's objects: they do not exist there.
 * These hooks are the second wall, for a task that holds a foreign IPC
 * namespace all the same (entered with setns(), or the host entering a
 * jail's), or that finds another namespace's mqueue filesystem mounted.
 * Every SysV object is tagged with the jail of the task that created it,
 * and counted there.
 */

#include <linux/ipc.h>
#include <linux/ipc_namespace.h>
#include <linux/lsm_hooks.h>
#include <linux/nsproxy.h>

#include "ipc.h"
#include "object.h"
#include "setup.h"

static struct jail_ipc_security *jail_ipc(const struct kern_ipc_perm *perm)
{
	return perm->security + jail_blob_sizes.lbs_ipc;
}

/*
 * The IPC isolation rule, stated once: an IPC object is for the tasks of
 * the jail that created it, and for no other jail, ancestors and the host
 * included; they see a jail's objects only as counts in sysfs. Refusals
 * are EACCES, the errno ipc/ gives for any refusal by ipc_permission(), so
 * that every path refuses alike, and are counted against @subject.
 */
static int jail_ipc_check(const struct kern_ipc_perm *perm,
			  struct jail *subject)
{
	if (jail_ipc(perm)->jail == subject)
		return 0;
	jail_count_denial(subject, JAIL_DENIED_IPC);
	return -EACCES;
}

static int jail_ipc_check_current(const struct kern_ipc_perm *perm)
{
	/* No object: IPC_INFO and the like, about the caller's namespace. */
	if (!perm)
		return 0;
	return jail_ipc_check(perm, jail_current());
}

/*
 * A jailed task creates objects only in its jail's own namespace, where the
 * jail's end removes them; never one that another jail, or the host, could
 * neither use nor remove.
 */
static bool jail_in_own_ipc_ns(struct jail *jail)
{
	/* A dying jail has let go of its namespace: nothing is its own. */
	return jail == &jail_host ||
	       current->nsproxy->ipc_ns == READ_ONCE(jail->ipc_ns);
}

static int jail_ipc_alloc(struct kern_ipc_perm *perm, enum jail_ipc_kind kind)
{
	struct jail *jail = jail_current();

	if (!jail_in_own_ipc_ns(jail)) {
		jail_count_denial(jail, JAIL_DENIED_IPC);
		return -EACCES;
	}
	jail_grab(jail);
	atomic_inc(&jail->nr_ipc[kind]);
	jail_ipc(perm)->jail = jail;
	return 0;
}

/* Called from RCU callbacks: nothing here may sleep. */
static void jail_ipc_free(struct kern_ipc_perm *perm, enum jail_ipc_kind kind)
{
	struct jail *jail = jail_ipc(perm)->jail;

	/* NULL if another LSM's alloc hook failed before this one ran. */
	if (!jail)
		return;
	atomic_dec(&jail->nr_ipc[kind]);
	jail_drop(jail);
}

/*
 * ipc/ asks this, through ipcperms(), before every use of an object: a get
 * of an existing key, msgsnd, msgrcv (again at each wake-up), semop,
 * shmat, every *_STAT and semctl read or write. The per-operation hooks it
 * calls next (associate, msgsnd, msgrcv, semop, shmat) would ask the same
 * question again, so only this one is registered. A pipelined send hands
 * a message to a receiver waiting in msgrcv, which was checked before it
 * began to wait; a task changes jails only itself, so not while it waits.
 */
static int hook_ipc_permission(struct kern_ipc_perm *ipcp, short flag)
{
	return jail_ipc_check_current(ipcp);
}

static int hook_msg_queue_alloc(struct kern_ipc_perm *perm)
{
	return jail_ipc_alloc(perm, JAIL_IPC_MSG);
}

static void hook_msg_queue_free(struct kern_ipc_perm *perm)
{
	jail_ipc_free(perm, JAIL_IPC_MSG);
}

/* IPC_SET and IPC_RMID come here without ipcperms(). */
static int hook_msg_queue_msgctl(struct kern_ipc_perm *perm, int cmd)
{
	return jail_ipc_check_current(perm);
}

static int hook_shm_alloc(struct kern_ipc_perm *perm)
{
	return jail_ipc_alloc(perm, JAIL_IPC_SHM);
}

static void hook_shm_free(struct kern_ipc_perm *perm)
{
	jail_ipc_free(perm, JAIL_IPC_SHM);
}

static int hook_shm_shmctl(struct kern_ipc_perm *perm, int cmd)
{
	return jail_ipc_check_current(perm);
}

static int hook_sem_alloc(struct kern_ipc_perm *perm)
{
	return jail_ipc_alloc(perm, JAIL_IPC_SEM);
}

static void hook_sem_free(struct kern_ipc_perm *perm)
{
	jail_ipc_free(perm, JAIL_IPC_SEM);
}

static int hook_sem_semctl(struct kern_ipc_perm *perm, int cmd)
{
	return jail_ipc_check_current(perm);
}

static struct security_hook_list jail_ipc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ipc_permission, hook_ipc_permission),
	LSM_HOOK_INIT(msg_queue_alloc_security, hook_msg_queue_alloc),
	LSM_HOOK_INIT(msg_queue_free_security, hook_msg_queue_free),
	LSM_HOOK_INIT(msg_queue_msgctl, hook_msg_queue_msgctl),
	LSM_HOOK_INIT(shm_alloc_security, hook_shm_alloc),
	LSM_HOOK_INIT(shm_free_security, hook_shm_free),
	LSM_HOOK_INIT(shm_shmctl, hook_shm_shmctl),
	LSM_HOOK_INIT(sem_alloc_security, hook_sem_alloc),
	LSM_HOOK_INIT(sem_free_security, hook_sem_free),
	LSM_HOOK_INIT(sem_semctl, hook_sem_semctl),
};

/**
 * jail_add_ipc_hooks - register the IPC hooks
 */
void __init jail_add_ipc_hooks(void)
{
	security_add_hooks(jail_ipc_hooks, ARRAY_SIZE(jail_ipc_hooks),
			   &jail_lsmid);
}
