/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - credentials and the capability table
 */

#ifndef _SECURITY_JAIL_CRED_H
#define _SECURITY_JAIL_CRED_H

#include <linux/cred.h>
#include <linux/init.h>

#include "object.h"

/**
 * struct jail_cred_security - the jail part of a cred's LSM blob
 * @jail: the jail of the task that made the cred, grabbed; NULL for the
 *	host. Capabilities belong to credentials, so the capability table
 *	judges by this rather than by the task.
 */
struct jail_cred_security {
	struct jail *jail;
};

static inline struct jail_cred_security *jail_cred(const struct cred *cred)
{
	return cred->security + jail_blob_sizes.lbs_cred;
}

/**
 * jail_cred_jail - the jail credentials were made in
 * @cred: the credentials
 *
 * Return: the jail; &jail_host for the host.
 */
static inline struct jail *jail_cred_jail(const struct cred *cred)
{
	return jail_cred(cred)->jail ?: &jail_host;
}

bool jail_cap_allowed(int cap);
struct cred *jail_new_cred(struct jail *jail);
bool jail_admin_capable(void);
bool jail_may_admin(const struct jail *jail);
void __init jail_add_cred_hooks(void);

#endif /* _SECURITY_JAIL_CRED_H */
