/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - what registration decides for every layer
 *
 * The blob sizes become offsets into the LSM blobs once the framework has
 * stacked every module; the accessors of each layer add them. Data only:
 * the functions of setup.c are the top layer and nobody calls them.
 */

#ifndef _SECURITY_JAIL_SETUP_H
#define _SECURITY_JAIL_SETUP_H

#include <linux/init.h>
#include <linux/lsm_hooks.h>

#define JAIL_NAME "jail"

extern struct lsm_blob_sizes jail_blob_sizes;
extern const struct lsm_id jail_lsmid;

/* False when the LSM is left out of lsm=: the blobs are then absent. */
extern bool jail_lsm_enabled;

#endif /* _SECURITY_JAIL_SETUP_H */
