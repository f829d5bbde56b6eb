/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - entering, joining, pinning the root, destroying
 */

#ifndef _SECURITY_JAIL_CONTROL_H
#define _SECURITY_JAIL_CONTROL_H

#include <linux/path.h>
#include <linux/types.h>

#include "object.h"

int jail_enter_new(const char *name);
int jail_join(u32 id);
bool jail_pin_root(struct jail *jail, const struct path *root);
int jail_destroy(struct jail *jail);

#endif /* _SECURITY_JAIL_CONTROL_H */
