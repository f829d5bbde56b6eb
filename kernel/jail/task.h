/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - task hooks
 */

#ifndef _SECURITY_JAIL_TASK_H
#define _SECURITY_JAIL_TASK_H

#include <linux/init.h>

void __init jail_add_task_hooks(void);

#endif /* _SECURITY_JAIL_TASK_H */
