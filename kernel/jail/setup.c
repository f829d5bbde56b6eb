// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - registration
 *
 * The blobs every layer keeps its part in, and the hooks of each wall.
 * Nothing else: each wall registers its own hooks.
 */

#define pr_fmt(fmt) "jail: " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "cred.h"
#include "fs.h"
#include "ipc-hooks/ipc.h"
#include "net.h"
#include "object.h"
#include "setup.h"
#include "task.h"

struct lsm_blob_sizes jail_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct jail_task_security),
	.lbs_ipc = sizeof(struct jail_ipc_security),
	.lbs_cred = sizeof(struct jail_cred_security),
	.lbs_sock = sizeof(struct jail_sock_security),
};

bool jail_lsm_enabled __ro_after_init;

const struct lsm_id jail_lsmid = {
	.name = JAIL_NAME,
	.id = LSM_ID_JAIL,
};

static int __init jail_init(void)
{
	jail_add_task_hooks();
	jail_add_cred_hooks();
	jail_add_fs_hooks();
	jail_add_net_hooks();
	jail_add_ipc_hooks();
	jail_lsm_enabled = true;
	pr_info("initialized\n");
	return 0;
}

DEFINE_LSM(jail) = {
	.name = JAIL_NAME,
	.init = jail_init,
	.blobs = &jail_blob_sizes,
};
