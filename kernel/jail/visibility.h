/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - the visibility rule
 *
 * A task acts on another task, a jail, or an abstract socket only if its
 * target was made in the same jail or in a descendant. This is the one
 * place the rule is stated; every wall asks it. Inline, because the signal
 * and path walls ask it on every call.
 */

#ifndef _SECURITY_JAIL_VISIBILITY_H
#define _SECURITY_JAIL_VISIBILITY_H

#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "object.h"

/**
 * jail_sees - the visibility rule: may @viewer see and act on @jail?
 * @viewer: the acting task's jail
 * @jail: the jail acted on
 *
 * A jail sees itself and its descendants, never its parent, its siblings
 * or the host; the host is the ancestor of all and sees every jail.
 *
 * Return: true when @jail is @viewer or a descendant of it.
 */
static inline bool jail_sees(const struct jail *viewer,
			     const struct jail *jail)
{
	/*
	 * Parent pointers never change, and a jail's memory holds its
	 * parent's memory, so the chain stays readable as long as @jail.
	 */
	for (; jail; jail = jail->parent) {
		if (jail == viewer)
			return true;
	}
	return false;
}

/**
 * jail_sees_task - the visibility rule applied to a task's jail
 * @viewer: the jail asking
 * @target: the task; its jail is read under RCU
 *
 * Safe in any context.
 *
 * Return: true if @viewer sees @target's jail.
 */
static inline bool jail_sees_task(const struct jail *viewer,
				  struct task_struct *target)
{
	struct jail *jail;
	bool sees;

	/* The host sees every jail: the common case costs no RCU section. */
	if (viewer == &jail_host)
		return true;
	rcu_read_lock();
	jail = rcu_dereference(jail_task_security(target)->jail);
	sees = !jail || jail_sees(viewer, jail);
	rcu_read_unlock();
	return sees;
}

#endif /* _SECURITY_JAIL_VISIBILITY_H */
