// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - /sys/kernel/jail
 *
 * One directory per jail, named by its id, one value per file. The
 * directory lives as long as the jail: it is removed at teardown.
 */

#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "jail.h"

static struct kobject *jail_root_kobj;

static struct jail *kobj_to_jail(struct kobject *kobj)
{
	return container_of(kobj, struct jail, kobj);
}

static ssize_t parent_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%u\n", kobj_to_jail(kobj)->parent->id);
}

static ssize_t nr_tasks_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&kobj_to_jail(kobj)->nr_tasks));
}

static ssize_t jail_nr_ipc_show(struct kobject *kobj, char *buf,
				enum jail_ipc_kind kind)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&kobj_to_jail(kobj)->nr_ipc[kind]));
}

static ssize_t msg_queues_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return jail_nr_ipc_show(kobj, buf, JAIL_IPC_MSG);
}

static ssize_t sem_sets_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return jail_nr_ipc_show(kobj, buf, JAIL_IPC_SEM);
}

static ssize_t shm_segments_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	return jail_nr_ipc_show(kobj, buf, JAIL_IPC_SHM);
}

static ssize_t jail_denied_show(struct kobject *kobj, char *buf,
				enum jail_denial kind)
{
	return sysfs_emit(buf, "%lld\n",
			  atomic64_read(&kobj_to_jail(kobj)->denied[kind]));
}

static ssize_t denied_ipc_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return jail_denied_show(kobj, buf, JAIL_DENIED_IPC);
}

static struct kobj_attribute jail_attr_parent = __ATTR_RO(parent);
static struct kobj_attribute jail_attr_nr_tasks = __ATTR_RO(nr_tasks);
static struct kobj_attribute jail_attr_msg_queues = __ATTR_RO(msg_queues);
static struct kobj_attribute jail_attr_sem_sets = __ATTR_RO(sem_sets);
static struct kobj_attribute jail_attr_shm_segments = __ATTR_RO(shm_segments);
static struct kobj_attribute jail_attr_denied_ipc = __ATTR_RO(denied_ipc);

static struct attribute *jail_attrs[] = {
	&jail_attr_parent.attr,
	&jail_attr_nr_tasks.attr,
	&jail_attr_msg_queues.attr,
	&jail_attr_sem_sets.attr,
	&jail_attr_shm_segments.attr,
	&jail_attr_denied_ipc.attr,
	NULL,
};
ATTRIBUTE_GROUPS(jail);

static void jail_kobj_release(struct kobject *kobj)
{
	struct jail *jail = kobj_to_jail(kobj);

	/* Other tasks may still be reading this jail under RCU. */
	kfree_rcu(jail, rcu);
}

static const struct kobj_type jail_ktype = {
	.release = jail_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = jail_groups,
};

/**
 * jail_sysfs_init_kobj - initialize a new jail's kobject
 * @jail: a jail just allocated
 *
 * Afterwards the jail must be freed with kobject_put().
 */
void jail_sysfs_init_kobj(struct jail *jail)
{
	kobject_init(&jail->kobj, &jail_ktype);
}

/**
 * jail_sysfs_add - create /sys/kernel/jail/<id>
 * @jail: a jail with its id set
 *
 * Return: 0 or a negative errno.
 */
int jail_sysfs_add(struct jail *jail)
{
	if (!jail_root_kobj)
		return -ENOMEM;
	return kobject_add(&jail->kobj, jail_root_kobj, "%u", jail->id);
}

/**
 * jail_sysfs_remove - remove /sys/kernel/jail/<id>
 * @jail: a jail being torn down
 *
 * Waits for readers of its files to finish.
 */
void jail_sysfs_remove(struct jail *jail)
{
	kobject_del(&jail->kobj);
}

static int __init jail_sysfs_init(void)
{
	if (!jail_lsm_enabled)
		return 0;
	jail_root_kobj = kobject_create_and_add("jail", kernel_kobj);
	return jail_root_kobj ? 0 : -ENOMEM;
}
fs_initcall(jail_sysfs_init);
