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

/*
 * Counter files share one show function per kind of counter: the attribute
 * carries which counter it shows.
 */
struct jail_counter_attribute {
	struct kobj_attribute attr;
	unsigned int index;
};

static unsigned int attr_to_index(struct kobj_attribute *attr)
{
	return container_of(attr, struct jail_counter_attribute, attr)->index;
}

static ssize_t jail_nr_ipc_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct jail *jail = kobj_to_jail(kobj);

	return sysfs_emit(buf, "%d\n",
			  atomic_read(&jail->nr_ipc[attr_to_index(attr)]));
}

static ssize_t jail_denied_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	struct jail *jail = kobj_to_jail(kobj);

	return sysfs_emit(buf, "%lld\n",
			  atomic64_read(&jail->denied[attr_to_index(attr)]));
}

#define JAIL_COUNTER_ATTR(_name, _show, _index)				\
	struct jail_counter_attribute jail_attr_##_name = {		\
		.attr = __ATTR(_name, 0444, _show, NULL),		\
		.index = _index,					\
	}

static JAIL_COUNTER_ATTR(msg_queues, jail_nr_ipc_show, JAIL_IPC_MSG);
static JAIL_COUNTER_ATTR(sem_sets, jail_nr_ipc_show, JAIL_IPC_SEM);
static JAIL_COUNTER_ATTR(shm_segments, jail_nr_ipc_show, JAIL_IPC_SHM);
static JAIL_COUNTER_ATTR(denied_ipc, jail_denied_show, JAIL_DENIED_IPC);

static struct kobj_attribute jail_attr_parent = __ATTR_RO(parent);
static struct kobj_attribute jail_attr_nr_tasks = __ATTR_RO(nr_tasks);

static struct attribute *jail_attrs[] = {
	&jail_attr_parent.attr,
	&jail_attr_nr_tasks.attr,
	&jail_attr_msg_queues.attr.attr,
	&jail_attr_sem_sets.attr.attr,
	&jail_attr_shm_segments.attr.attr,
	&jail_attr_denied_ipc.attr.attr,
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
