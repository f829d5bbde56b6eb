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
 */

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/path.h>

#include "jail.h"

static int jail_path_chroot(const struct path *path)
{
	struct jail *jail = jail_current();

	if (jail == &jail_host || jail_pin_root(jail, path))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_CHROOT);
	return -EPERM;
}

/*
 * May the caller reach @path by name? Anything under its jail's pinned
 * root, or anywhere before the jail has one. The kernel's internal mounts
 * (pipes, sockets, anonymous inodes, namespace files, the IPC namespace's
 * mqueue mount that mq_open() uses) have no place in any tree: they are
 * reached through descriptors and system calls, never by name.
 */
static int jail_check_path(const struct path *path)
{
	struct jail *jail = jail_current();

	/* Pairs with jail_pin_root(): the path is set before the flag. */
	if (!smp_load_acquire(&jail->root_pinned) ||
	    path->mnt->mnt_flags & MNT_INTERNAL ||
	    path_is_under(path, &jail->root))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_CHROOT);
	return -EACCES;
}

static int jail_file_open(struct file *file)
{
	/* Stacked filesystems open their lower files on the task's behalf. */
	if (file->f_mode & FMODE_BACKING)
		return 0;
	return jail_check_path(&file->f_path);
}

static int jail_path_unlink(const struct path *dir, struct dentry *dentry)
{
	return jail_check_path(dir);
}

static int jail_path_mkdir(const struct path *dir, struct dentry *dentry,
			   umode_t mode)
{
	return jail_check_path(dir);
}

static int jail_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	return jail_check_path(dir);
}

static int jail_path_mknod(const struct path *dir, struct dentry *dentry,
			   umode_t mode, unsigned int dev)
{
	return jail_check_path(dir);
}

static int jail_path_truncate(const struct path *path)
{
	return jail_check_path(path);
}

static int jail_path_symlink(const struct path *dir, struct dentry *dentry,
			     const char *old_name)
{
	return jail_check_path(dir);
}

static int jail_path_link(struct dentry *old_dentry,
			  const struct path *new_dir,
			  struct dentry *new_dentry)
{
	struct path old = { .mnt = new_dir->mnt, .dentry = old_dentry };

	return jail_check_path(&old) ?: jail_check_path(new_dir);
}

static int jail_path_rename(const struct path *old_dir,
			    struct dentry *old_dentry,
			    const struct path *new_dir,
			    struct dentry *new_dentry, unsigned int flags)
{
	return jail_check_path(old_dir) ?: jail_check_path(new_dir);
}

static int jail_path_chmod(const struct path *path, umode_t mode)
{
	return jail_check_path(path);
}

static int jail_path_chown(const struct path *path, kuid_t uid, kgid_t gid)
{
	return jail_check_path(path);
}

static struct security_hook_list jail_fs_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(path_chroot, jail_path_chroot),
	LSM_HOOK_INIT(file_open, jail_file_open),
	LSM_HOOK_INIT(path_unlink, jail_path_unlink),
	LSM_HOOK_INIT(path_mkdir, jail_path_mkdir),
	LSM_HOOK_INIT(path_rmdir, jail_path_rmdir),
	LSM_HOOK_INIT(path_mknod, jail_path_mknod),
	LSM_HOOK_INIT(path_truncate, jail_path_truncate),
	LSM_HOOK_INIT(path_symlink, jail_path_symlink),
	LSM_HOOK_INIT(path_link, jail_path_link),
	LSM_HOOK_INIT(path_rename, jail_path_rename),
	LSM_HOOK_INIT(path_chmod, jail_path_chmod),
	LSM_HOOK_INIT(path_chown, jail_path_chown),
};

/**
 * jail_add_fs_hooks - register the filesystem hooks
 */
void __init jail_add_fs_hooks(void)
{
	security_add_hooks(jail_fs_hooks, ARRAY_SIZE(jail_fs_hooks),
			   &jail_lsmid);
}
