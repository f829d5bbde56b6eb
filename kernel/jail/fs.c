// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - the pinned root
 *
 * chroot(2) alone is no wall for root: a second chroot into a subdirectory
 * leaves the working directory outside the new root, and ".." walks out
 * from there. So the first chroot inside a jail pins the jail's root and
 * every later one is refused. A directory descriptor opened outside the
 * root and carried in defeats any chroot too; against it, nothing outside
 * the pinned root may be opened, created, removed, renamed or changed by
 * name. What such a descriptor still allows is documented in README.md.
 *
 * The kernel's own filesystems are settings, not storage, and many of
 * their files answer to uid 0 where a capability would be asked anywhere
 * else: /proc/sys/kernel/core_pattern, /proc/sysrq-trigger, a process's
 * oom_score_adj, every sysfs attribute, cgroupfs. However the host mounts
 * them, a jail changes none of them but its own: in procfs the files of
 * the processes it sees, in sysfs the jail directories, whose files apply
 * the ancestor rule themselves.
 */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernfs.h>
#include <linux/kobject.h>
#include <linux/kstrtox.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <linux/path.h>
#include <linux/pid_namespace.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched/task.h>
#include <linux/string.h>

#include "control.h"
#include "fs.h"
#include "ipc-hooks/ipc.h"
#include "object.h"
#include "setup.h"
#include "visibility.h"

/* /sys/kernel/jail, whose files apply the ancestor rule themselves. */
static struct kernfs_node *jail_sysfs_dir __ro_after_init;

/**
 * jail_fs_allow_sysfs_dir - name the sysfs directory a jail may write in
 * @dir: /sys/kernel/jail; registered once, at boot
 */
void __init jail_fs_allow_sysfs_dir(struct kobject *dir)
{
	jail_sysfs_dir = dir->sd;
}

/* Is @dentry, of any sysfs mount, in /sys/kernel/jail? May sleep. */
static bool jail_sysfs_own(struct dentry *dentry)
{
	struct dentry *dir;
	bool below;

	might_sleep();
	if (!jail_sysfs_dir)
		return false;
	dir = kernfs_node_dentry(jail_sysfs_dir, dentry->d_sb);
	if (IS_ERR(dir))
		return false;
	below = is_subdir(dentry, dir);
	dput(dir);
	return below;
}

static int hook_path_chroot(const struct path *path)
{
	struct jail *jail = jail_current();

	if (jail == &jail_host || jail_pin_root(jail, path))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_CHROOT);
	return -EPERM;
}

/*
 * May the caller reach @path by name? Anything under its jail's pinned
 * root, or anywhere before the jail has one; no other IPC namespace's
 * message queues (ipc-hooks/ipc.h). The kernel's internal mounts
 * (pipes, sockets, anonymous inodes, namespace files, the IPC namespace's
 * mqueue mount that mq_open() uses) have no place in any tree: they are
 * reached through descriptors and system calls, never by name.
 */
static int jail_check_path(const struct path *path)
{
	struct jail *jail = jail_current();

	if (jail == &jail_host)
		return 0;
	if (jail_mqueue_foreign(jail, path->dentry->d_sb)) {
		jail_count_denial(jail, JAIL_DENIED_IPC);
		return -EACCES;
	}
	/* Pairs with jail_pin_root(): the path is set before the flag. */
	if (!smp_load_acquire(&jail->root_pinned) ||
	    path->mnt->mnt_flags & MNT_INTERNAL ||
	    path_is_under(path, &jail->root))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_CHROOT);
	return -EACCES;
}

/*
 * Is @dentry, in procfs, in the directory of a process @jail sees, and
 * not in its net directory, which is the network namespace's? The
 * caller's reference to @dentry pins its parents, and procfs renames
 * nothing, so their names hold still; RCU is for the task lookup.
 */
static bool jail_procfs_own(struct jail *jail, struct dentry *dentry)
{
	struct super_block *sb = dentry->d_sb;
	struct dentry *top = NULL, *d;
	struct task_struct *task;
	bool own = false;
	pid_t nr;

	rcu_read_lock();
	for (d = dentry; d != sb->s_root && !IS_ROOT(d); d = d->d_parent) {
		if (!strcmp(d->d_name.name, "net"))
			goto out;
		top = d;
	}
	if (top && !kstrtoint(top->d_name.name, 10, &nr) && nr > 0) {
		task = find_task_by_pid_ns(nr, proc_pid_ns(sb));
		own = task && jail_sees_task(jail, task);
	}
out:
	rcu_read_unlock();
	return own;
}

/* Filesystems of kernel settings that hold nothing of a jail's. */
static bool jail_settings_fs(unsigned long magic)
{
	switch (magic) {
	case BINFMTFS_MAGIC:
	case BPF_FS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case DEBUGFS_MAGIC:
	case EFIVARFS_MAGIC:
	case PSTOREFS_MAGIC:
	case SECURITYFS_MAGIC:
	case SELINUX_MAGIC:
	case SMACK_MAGIC:
	case TRACEFS_MAGIC:
		return true;
	}
	return false;
}

/*
 * Is what @dentry names, on one of the kernel's own filesystems, the
 * jail's to change? A write @opening only, or also a name, mode or owner?
 */
static bool jail_kernel_fs_own(struct jail *jail, struct dentry *dentry,
			       bool opening)
{
	unsigned long magic = dentry->d_sb->s_magic;

	switch (magic) {
	case PROC_SUPER_MAGIC:
		return jail_procfs_own(jail, dentry);
	case SYSFS_MAGIC:
		/* Only the jail files' contents: their stores check access. */
		return opening && jail_sysfs_own(dentry);
	}
	return !jail_settings_fs(magic);
}

/*
 * May the caller change what @path names: open it for writing (@opening),
 * truncate, chmod or chown it, or make, remove or rename a name in it?
 * What jail_check_path() allows, and of the kernel's own filesystems only
 * what is the jail's.
 */
static int jail_check_change(const struct path *path, bool opening)
{
	struct jail *jail = jail_current();
	int err = jail_check_path(path);

	if (err || jail == &jail_host ||
	    jail_kernel_fs_own(jail, path->dentry, opening))
		return err;
	jail_count_denial(jail, JAIL_DENIED_KERNEL_FS);
	return -EACCES;
}

static int hook_file_open(struct file *file)
{
	/* Stacked filesystems open their lower files on the task's behalf. */
	if (file->f_mode & FMODE_BACKING)
		return 0;
	if (file->f_mode & FMODE_WRITE)
		return jail_check_change(&file->f_path, true);
	return jail_check_path(&file->f_path);
}

static int hook_path_unlink(const struct path *dir, struct dentry *dentry)
{
	return jail_check_change(dir, false);
}

static int hook_path_mkdir(const struct path *dir, struct dentry *dentry,
			   umode_t mode)
{
	return jail_check_change(dir, false);
}

static int hook_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	return jail_check_change(dir, false);
}

static int hook_path_mknod(const struct path *dir, struct dentry *dentry,
			   umode_t mode, unsigned int dev)
{
	return jail_check_change(dir, false);
}

static int hook_path_truncate(const struct path *path)
{
	return jail_check_change(path, false);
}

static int hook_path_symlink(const struct path *dir, struct dentry *dentry,
			     const char *old_name)
{
	return jail_check_change(dir, false);
}

static int hook_path_link(struct dentry *old_dentry,
			  const struct path *new_dir,
			  struct dentry *new_dentry)
{
	struct path old = { .mnt = new_dir->mnt, .dentry = old_dentry };

	return jail_check_change(&old, false) ?:
	       jail_check_change(new_dir, false);
}

static int hook_path_rename(const struct path *old_dir,
			    struct dentry *old_dentry,
			    const struct path *new_dir,
			    struct dentry *new_dentry, unsigned int flags)
{
	return jail_check_change(old_dir, false) ?:
	       jail_check_change(new_dir, false);
}

static int hook_path_chmod(const struct path *path, umode_t mode)
{
	return jail_check_change(path, false);
}

static int hook_path_chown(const struct path *path, kuid_t uid, kgid_t gid)
{
	return jail_check_change(path, false);
}

static struct security_hook_list jail_fs_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(path_chroot, hook_path_chroot),
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(path_unlink, hook_path_unlink),
	LSM_HOOK_INIT(path_mkdir, hook_path_mkdir),
	LSM_HOOK_INIT(path_rmdir, hook_path_rmdir),
	LSM_HOOK_INIT(path_mknod, hook_path_mknod),
	LSM_HOOK_INIT(path_truncate, hook_path_truncate),
	LSM_HOOK_INIT(path_symlink, hook_path_symlink),
	LSM_HOOK_INIT(path_link, hook_path_link),
	LSM_HOOK_INIT(path_rename, hook_path_rename),
	LSM_HOOK_INIT(path_chmod, hook_path_chmod),
	LSM_HOOK_INIT(path_chown, hook_path_chown),
};

/**
 * jail_add_fs_hooks - register the filesystem hooks
 */
void __init jail_add_fs_hooks(void)
{
	security_add_hooks(jail_fs_hooks, ARRAY_SIZE(jail_fs_hooks),
			   &jail_lsmid);
}
