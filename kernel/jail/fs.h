/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - the pinned root and the kernel's own filesystems
 */

#ifndef _SECURITY_JAIL_FS_H
#define _SECURITY_JAIL_FS_H

#include <linux/init.h>
#include <linux/kobject.h>

void __init jail_fs_allow_sysfs_dir(struct kobject *dir);
void __init jail_add_fs_hooks(void);

#endif /* _SECURITY_JAIL_FS_H */
