// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - /sys/kernel/jail
 *
 * One directory per jail, named by its id, one value per file. The
 * directory lives as long as the jail: it is removed at teardown. Reading
 * a jail's files follows the visibility rule (jail_sees()); writing them is
 * for CAP_SYS_ADMIN in a strict ancestor (jail_may_admin()).
 */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/limits.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "control.h"
#include "cred.h"
#include "fs.h"
#include "object.h"
#include "parse.h"
#include "setup.h"
#include "visibility.h"

static struct kobject *jail_root_kobj __ro_after_init;

static struct jail *kobj_to_jail(struct kobject *kobj)
{
	return container_of(kobj, struct jail, kobj);
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", kobj_to_jail(kobj)->name);
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

static ssize_t nr_children_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  atomic_read(&kobj_to_jail(kobj)->nr_children));
}

static ssize_t forks_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  atomic64_read(&kobj_to_jail(kobj)->forks));
}

static ssize_t created_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%lld\n", kobj_to_jail(kobj)->created);
}

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(kobj_to_jail(kobj)->dying) ?
			  "dying" : "alive");
}

/* As the reader sees the path; empty until the first chroot pins it. */
static ssize_t root_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	struct path root;
	char *tmp, *name;
	ssize_t len;

	if (!jail_root_get(kobj_to_jail(kobj), &root))
		return sysfs_emit(buf, "\n");
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp) {
		path_put(&root);
		return -ENOMEM;
	}
	name = d_path(&root, tmp, PATH_MAX);
	len = IS_ERR(name) ? PTR_ERR(name) : sysfs_emit(buf, "%s\n", name);
	kfree(tmp);
	path_put(&root);
	return len;
}

static ssize_t max_tasks_show(struct kobject *kobj,
			      struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  READ_ONCE(kobj_to_jail(kobj)->max_tasks));
}

/*
 * A number written to a jail file, as echo writes it or not: one trailing
 * newline at most. The length is the write's, not strlen(): a NUL in it
 * is no end.
 */
static int jail_store_decimal(const char *buf, size_t count, u32 *val)
{
	if (count && buf[count - 1] == '\n')
		count--;
	return jail_parse_decimal(buf, count, val);
}

static ssize_t max_tasks_store(struct kobject *kobj,
			       struct kobj_attribute *attr, const char *buf,
			       size_t count)
{
	u32 max;

	if (jail_store_decimal(buf, count, &max))
		return -EINVAL;
	/* Tasks already there stay; only new ones are refused. */
	WRITE_ONCE(kobj_to_jail(kobj)->max_tasks, max);
	return count;
}

static ssize_t destroy_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	u32 one;
	int err;

	if (jail_store_decimal(buf, count, &one) || one != 1)
		return -EINVAL;
	err = jail_destroy(kobj_to_jail(kobj));
	return err ? err : count;
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
static JAIL_COUNTER_ATTR(denied_fork, jail_denied_show, JAIL_DENIED_FORK);
static JAIL_COUNTER_ATTR(denied_signal, jail_denied_show, JAIL_DENIED_SIGNAL);
static JAIL_COUNTER_ATTR(denied_ptrace, jail_denied_show, JAIL_DENIED_PTRACE);
static JAIL_COUNTER_ATTR(denied_task, jail_denied_show, JAIL_DENIED_TASK);
static JAIL_COUNTER_ATTR(denied_capability, jail_denied_show,
			 JAIL_DENIED_CAPABILITY);
static JAIL_COUNTER_ATTR(denied_chroot, jail_denied_show, JAIL_DENIED_CHROOT);
static JAIL_COUNTER_ATTR(denied_namespace, jail_denied_show,
			 JAIL_DENIED_NAMESPACE);
static JAIL_COUNTER_ATTR(denied_socket, jail_denied_show, JAIL_DENIED_SOCKET);
static JAIL_COUNTER_ATTR(denied_kernel_fs, jail_denied_show,
			 JAIL_DENIED_KERNEL_FS);

static struct kobj_attribute jail_attr_name = __ATTR_RO(name);
static struct kobj_attribute jail_attr_parent = __ATTR_RO(parent);
static struct kobj_attribute jail_attr_nr_tasks = __ATTR_RO(nr_tasks);
static struct kobj_attribute jail_attr_nr_children = __ATTR_RO(nr_children);
static struct kobj_attribute jail_attr_forks = __ATTR_RO(forks);
static struct kobj_attribute jail_attr_created = __ATTR_RO(created);
static struct kobj_attribute jail_attr_state = __ATTR_RO(state);
static struct kobj_attribute jail_attr_root = __ATTR_RO(root);
static struct kobj_attribute jail_attr_max_tasks = __ATTR_RW(max_tasks);
static struct kobj_attribute jail_attr_destroy = __ATTR_WO(destroy);

static struct attribute *jail_attrs[] = {
	&jail_attr_name.attr,
	&jail_attr_parent.attr,
	&jail_attr_nr_tasks.attr,
	&jail_attr_nr_children.attr,
	&jail_attr_forks.attr,
	&jail_attr_created.attr,
	&jail_attr_state.attr,
	&jail_attr_root.attr,
	&jail_attr_max_tasks.attr,
	&jail_attr_msg_queues.attr.attr,
	&jail_attr_sem_sets.attr.attr,
	&jail_attr_shm_segments.attr.attr,
	&jail_attr_denied_ipc.attr.attr,
	&jail_attr_denied_fork.attr.attr,
	&jail_attr_denied_signal.attr.attr,
	&jail_attr_denied_ptrace.attr.attr,
	&jail_attr_denied_task.attr.attr,
	&jail_attr_denied_capability.attr.attr,
	&jail_attr_denied_chroot.attr.attr,
	&jail_attr_denied_namespace.attr.attr,
	&jail_attr_denied_socket.attr.attr,
	&jail_attr_denied_kernel_fs.attr.attr,
	&jail_attr_destroy.attr,
	NULL,
};
ATTRIBUTE_GROUPS(jail);

static ssize_t jail_attr_show(struct kobject *kobj, struct attribute *attr,
			      char *buf)
{
	struct kobj_attribute *kattr;

	if (!jail_sees(jail_current(), kobj_to_jail(kobj)))
		return -EPERM;
	kattr = container_of(attr, struct kobj_attribute, attr);
	return kattr->show ? kattr->show(kobj, kattr, buf) : -EIO;
}

static ssize_t jail_attr_store(struct kobject *kobj, struct attribute *attr,
			       const char *buf, size_t count)
{
	struct kobj_attribute *kattr;

	if (!jail_may_admin(kobj_to_jail(kobj)))
		return -EPERM;
	kattr = container_of(attr, struct kobj_attribute, attr);
	return kattr->store ? kattr->store(kobj, kattr, buf, count) : -EIO;
}

static const struct sysfs_ops jail_sysfs_ops = {
	.show = jail_attr_show,
	.store = jail_attr_store,
};

/* The directory's last reference lets go of the jail's memory. */
static void jail_kobj_release(struct kobject *kobj)
{
	jail_drop(kobj_to_jail(kobj));
}

static const struct kobj_type jail_ktype = {
	.release = jail_kobj_release,
	.sysfs_ops = &jail_sysfs_ops,
	.default_groups = jail_groups,
};

/* A jail is complete: its directory appears, files and all. */
static int jail_sysfs_add(struct jail *jail)
{
	int err;

	/* No /sys/kernel/jail: no jail, rather than a jail nobody sees. */
	if (!jail_root_kobj)
		return -ENOMEM;
	jail_grab(jail);
	err = kobject_init_and_add(&jail->kobj, &jail_ktype, jail_root_kobj,
				   "%u", jail->id);
	if (err)
		kobject_put(&jail->kobj);
	return err;
}

/* A jail is being torn down: wait for its files' readers and writers. */
static void jail_sysfs_remove(struct jail *jail)
{
	kobject_del(&jail->kobj);
	kobject_put(&jail->kobj);
}

static const struct jail_observer jail_sysfs_observer = {
	.add = jail_sysfs_add,
	.remove = jail_sysfs_remove,
};

static ssize_t nr_jails_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&jail_count));
}

static struct kobj_attribute jail_attr_nr_jails = __ATTR_RO(nr_jails);

static int __init jail_sysfs_init(void)
{
	int err;

	if (!jail_lsm_enabled)
		return 0;
	jail_set_observer(&jail_sysfs_observer);
	jail_root_kobj = kobject_create_and_add("jail", kernel_kobj);
	if (!jail_root_kobj)
		return -ENOMEM;
	err = sysfs_create_file(jail_root_kobj, &jail_attr_nr_jails.attr);
	if (err) {
		kobject_put(jail_root_kobj);
		jail_root_kobj = NULL;
		return err;
	}
	jail_fs_allow_sysfs_dir(jail_root_kobj);
	return 0;
}
fs_initcall(jail_sysfs_init);
