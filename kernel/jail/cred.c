// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - credentials, the capability table, the right to administer
 *
 * Capabilities belong to credentials, not to tasks: the kernel checks them
 * on a task's own cred, on another task's, on a file opener's, or on
 * credentials it overrides for a while. So a cred carries the jail of the
 * task that made it, and the table judges by that.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/security.h>
#include <linux/user_namespace.h>

#include "cred.h"
#include "object.h"
#include "setup.h"
#include "visibility.h"

/*
 * What root may do inside a jail: act on the jail's own files and
 * processes, which the other walls fence in. Every other capability
 * reaches outside the jail (devices, mounts, modules, the network stack,
 * the clock, the machine, other namespaces, limits shared with the host)
 * and is refused. This is the one table; kernel/jail/README.md shows it.
 */
static const kernel_cap_t jail_allowed_caps = { .val =
	BIT_ULL(CAP_CHOWN) |
	BIT_ULL(CAP_DAC_OVERRIDE) |
	BIT_ULL(CAP_FOWNER) |
	BIT_ULL(CAP_FSETID) |
	BIT_ULL(CAP_KILL) |
	BIT_ULL(CAP_SETGID) |
	BIT_ULL(CAP_SETUID) |
	BIT_ULL(CAP_SETPCAP) |
	BIT_ULL(CAP_NET_BIND_SERVICE) |
	BIT_ULL(CAP_IPC_LOCK) |
	BIT_ULL(CAP_IPC_OWNER) |
	BIT_ULL(CAP_SYS_CHROOT) |
	BIT_ULL(CAP_SYS_PTRACE) |
	BIT_ULL(CAP_LEASE) |
	BIT_ULL(CAP_AUDIT_WRITE)
};

/**
 * jail_cap_allowed - is a capability in the jail's table?
 * @cap: the capability
 *
 * Return: true if root in a jail holds @cap.
 */
bool jail_cap_allowed(int cap)
{
	return cap_valid(cap) && cap_raised(jail_allowed_caps, cap);
}

/**
 * jail_new_cred - a copy of the caller's credentials, made in @jail
 * @jail: the jail the caller is about to enter
 *
 * Return: the credentials, for commit_creds() or abort_creds(); NULL when
 * out of memory.
 */
struct cred *jail_new_cred(struct jail *jail)
{
	struct cred *new = prepare_creds();

	if (!new)
		return NULL;
	jail_drop(jail_cred(new)->jail);
	jail_cred(new)->jail = jail == &jail_host ? NULL : jail;
	jail_grab(jail);
	return new;
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

static int hook_cred_prepare(struct cred *new, const struct cred *old,
			     gfp_t gfp)
{
	struct jail *jail = jail_cred(old)->jail;

	jail_grab(jail);
	jail_cred(new)->jail = jail;
	return 0;
}

static void hook_cred_transfer(struct cred *new, const struct cred *old)
{
	hook_cred_prepare(new, old, GFP_KERNEL);
}

/* From an RCU callback: jail_drop() does not sleep. */
static void hook_cred_free(struct cred *cred)
{
	jail_drop(jail_cred(cred)->jail);
}

static int hook_capable(const struct cred *cred, struct user_namespace *ns,
			int cap, unsigned int opts)
{
	struct jail *jail = jail_cred(cred)->jail;

	if (!jail || jail_cap_allowed(cap))
		return 0;
	/*
	 * Probes the kernel does not audit are not attacks either. Nor is
	 * CAP_DAC_READ_SEARCH: generic_permission() asks it before
	 * CAP_DAC_OVERRIDE on every read of someone else's file, so counting
	 * it would count reads that succeed.
	 */
	if (!(opts & CAP_OPT_NOAUDIT) && cap != CAP_DAC_READ_SEARCH)
		jail_count_denial(jail, JAIL_DENIED_CAPABILITY);
	return -EPERM;
}

/* A user namespace would hand its creator every capability back. */
static int hook_userns_create(const struct cred *cred)
{
	struct jail *jail = jail_cred(cred)->jail;

	if (!jail)
		return 0;
	jail_count_denial(jail, JAIL_DENIED_NAMESPACE);
	return -EPERM;
}

static struct security_hook_list jail_cred_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, hook_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, hook_cred_transfer),
	LSM_HOOK_INIT(cred_free, hook_cred_free),
	LSM_HOOK_INIT(capable, hook_capable),
	LSM_HOOK_INIT(userns_create, hook_userns_create),
};

/**
 * jail_add_cred_hooks - register the credential hooks
 */
void __init jail_add_cred_hooks(void)
{
	security_add_hooks(jail_cred_hooks, ARRAY_SIZE(jail_cred_hooks),
			   &jail_lsmid);
}
