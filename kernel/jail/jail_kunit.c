// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the jail LSM's logic: the /proc/<pid>/jail grammar, id
 * allocation and reuse, the visibility rule, the capability table, task
 * accounting under max_tasks, and the order of teardown.
 *
 * Built with CONFIG_SECURITY_JAIL_KUNIT_TEST; the few internals of the
 * object layer the tests reach are VISIBLE_IF_KUNIT there. The suite calls
 * into every layer, and no layer calls it.
 */

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/ipc_namespace.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "cred.h"
#include "object.h"
#include "parse.h"
#include "setup.h"
#include "visibility.h"

/* A write to /proc/<pid>/jail, with its length: it may hold NULs. */
#define JAIL_WRITE(s) .buf = (s), .len = sizeof(s) - 1

struct jail_cmd_case {
	const char *buf;
	size_t len;
	int err;
	enum jail_cmd_op op;
	const char *name;
	u32 id;
};

static const struct jail_cmd_case jail_cmd_cases[] = {
	/* Valid: each form, with and without one newline. */
	{ JAIL_WRITE("new"), 0, JAIL_CMD_NEW, "" },
	{ JAIL_WRITE("new\n"), 0, JAIL_CMD_NEW, "" },
	{ JAIL_WRITE("new web"), 0, JAIL_CMD_NEW, "web" },
	{ JAIL_WRITE("new web\n"), 0, JAIL_CMD_NEW, "web" },
	{ JAIL_WRITE("new w"), 0, JAIL_CMD_NEW, "w" },
	{ JAIL_WRITE("new 1a"), 0, JAIL_CMD_NEW, "1a" },
	{ JAIL_WRITE("new Web-1.a_b"), 0, JAIL_CMD_NEW, "Web-1.a_b" },
	{ JAIL_WRITE("new abcdefghijklmnopqrstuvwxyz012345"), 0, JAIL_CMD_NEW,
	  "abcdefghijklmnopqrstuvwxyz012345" },
	{ JAIL_WRITE("join 0"), 0, JAIL_CMD_JOIN, NULL, 0 },
	{ JAIL_WRITE("join 1"), 0, JAIL_CMD_JOIN, NULL, 1 },
	{ JAIL_WRITE("join 42\n"), 0, JAIL_CMD_JOIN, NULL, 42 },
	{ JAIL_WRITE("join 2147483647"), 0, JAIL_CMD_JOIN, NULL, INT_MAX },
	/* Invalid: empty, whitespace, case, other words. */
	{ JAIL_WRITE(""), -EINVAL },
	{ JAIL_WRITE("\n"), -EINVAL },
	{ JAIL_WRITE(" "), -EINVAL },
	{ JAIL_WRITE("new\n\n"), -EINVAL },
	{ JAIL_WRITE("new\r\n"), -EINVAL },
	{ JAIL_WRITE(" new"), -EINVAL },
	{ JAIL_WRITE("new "), -EINVAL },
	{ JAIL_WRITE("new\t"), -EINVAL },
	{ JAIL_WRITE("New"), -EINVAL },
	{ JAIL_WRITE("NEW"), -EINVAL },
	{ JAIL_WRITE("ne"), -EINVAL },
	{ JAIL_WRITE("newweb"), -EINVAL },
	{ JAIL_WRITE("destroy"), -EINVAL },
	{ JAIL_WRITE("join"), -EINVAL },
	{ JAIL_WRITE("join "), -EINVAL },
	{ JAIL_WRITE("join\n"), -EINVAL },
	/* Invalid names. */
	{ JAIL_WRITE("new  web"), -EINVAL },
	{ JAIL_WRITE("new web "), -EINVAL },
	{ JAIL_WRITE("new -web"), -EINVAL },
	{ JAIL_WRITE("new .web"), -EINVAL },
	{ JAIL_WRITE("new _web"), -EINVAL },
	{ JAIL_WRITE("new we/b"), -EINVAL },
	{ JAIL_WRITE("new we b"), -EINVAL },
	{ JAIL_WRITE("new w\xc3\xa9"), -EINVAL },	/* UTF-8 */
	{ JAIL_WRITE("new \xe9t\xe9"), -EINVAL },	/* Latin-1 */
	{ JAIL_WRITE("new 123"), -EINVAL },		/* an id */
	{ JAIL_WRITE("new 0"), -EINVAL },
	{ JAIL_WRITE("new abcdefghijklmnopqrstuvwxyz0123456"), -EINVAL },
	/* Embedded NULs. */
	{ JAIL_WRITE("new\0"), -EINVAL },
	{ JAIL_WRITE("new web\0"), -EINVAL },
	{ JAIL_WRITE("new w\0b"), -EINVAL },
	{ JAIL_WRITE("join 1\0"), -EINVAL },
	{ JAIL_WRITE("\0new"), -EINVAL },
	/* Invalid ids: sign, base, zeros, range, spaces. */
	{ JAIL_WRITE("join -1"), -EINVAL },
	{ JAIL_WRITE("join +1"), -EINVAL },
	{ JAIL_WRITE("join 0x1"), -EINVAL },
	{ JAIL_WRITE("join 1e3"), -EINVAL },
	{ JAIL_WRITE("join 01"), -EINVAL },
	{ JAIL_WRITE("join 00"), -EINVAL },
	{ JAIL_WRITE("join 2147483648"), -EINVAL },
	{ JAIL_WRITE("join 4294967295"), -EINVAL },
	{ JAIL_WRITE("join 4294967296"), -EINVAL },
	{ JAIL_WRITE("join 99999999999"), -EINVAL },
	{ JAIL_WRITE("join  1"), -EINVAL },
	{ JAIL_WRITE("join 1 "), -EINVAL },
	{ JAIL_WRITE("join web"), -EINVAL },
	{ JAIL_WRITE("join \xd9\xa1"), -EINVAL },	/* Arabic-Indic one */
};

static void jail_cmd_case_desc(const struct jail_cmd_case *c, char *desc)
{
	size_t i, n = 0;

	/* Printable, so that the KTAP line stays one line. */
	for (i = 0; i < c->len && n < KUNIT_PARAM_DESC_SIZE - 5; i++) {
		unsigned char ch = c->buf[i];

		if (ch >= 0x21 && ch < 0x7f)
			desc[n++] = ch;
		else
			n += scnprintf(desc + n, KUNIT_PARAM_DESC_SIZE - n,
				       "\\x%02x", ch);
	}
	desc[n] = '\0';
	if (!n)
		strscpy(desc, "(empty)", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(jail_cmd, jail_cmd_cases, jail_cmd_case_desc);

static void jail_test_parse_cmd(struct kunit *test)
{
	const struct jail_cmd_case *c = test->param_value;
	struct jail_cmd cmd;

	KUNIT_ASSERT_EQ(test, jail_parse_cmd(c->buf, c->len, &cmd), c->err);
	if (c->err)
		return;
	KUNIT_EXPECT_EQ(test, cmd.op, c->op);
	if (c->op == JAIL_CMD_NEW)
		KUNIT_EXPECT_STREQ(test, cmd.name, c->name);
	else
		KUNIT_EXPECT_EQ(test, cmd.id, c->id);
}

/* Ids go up, wrap around to the lowest free one, and run out cleanly. */
static void jail_test_alloc_id(struct kunit *test)
{
	struct xa_limit limit = XA_LIMIT(1, 3);
	u32 next = 1, id, i;
	struct xarray ids;

	/* Not DEFINE_XARRAY_ALLOC(): lockdep wants a static lock class. */
	xa_init_flags(&ids, XA_FLAGS_ALLOC);

	for (i = 1; i <= 3; i++) {
		KUNIT_ASSERT_EQ(test, jail_alloc_id(&ids, limit, &next, &id), 0);
		KUNIT_EXPECT_EQ(test, id, i);
	}
	KUNIT_EXPECT_EQ(test, jail_alloc_id(&ids, limit, &next, &id), -ENOSPC);

	/* A freed id comes back when nothing else is free... */
	xa_erase(&ids, 2);
	KUNIT_ASSERT_EQ(test, jail_alloc_id(&ids, limit, &next, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 2);

	/* ...and otherwise only after the ids above it. */
	xa_erase(&ids, 1);
	xa_erase(&ids, 3);
	KUNIT_ASSERT_EQ(test, jail_alloc_id(&ids, limit, &next, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 3);
	KUNIT_ASSERT_EQ(test, jail_alloc_id(&ids, limit, &next, &id), 0);
	KUNIT_EXPECT_EQ(test, id, 1);
	xa_destroy(&ids);
}

/*
 * A tree of jails that exist only as parent pointers and counters:
 * host -> a -> a1, a -> a2, host -> b.
 */
struct jail_test_tree {
	struct jail *a, *a1, *a2, *b;
};

static void jail_test_tree_init(struct kunit *test, struct jail_test_tree *t)
{
	struct jail **j[] = { &t->a, &t->a1, &t->a2, &t->b };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(j); i++) {
		*j[i] = kunit_kzalloc(test, sizeof(struct jail), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, *j[i]);
	}
	t->a->parent = &jail_host;
	t->a1->parent = t->a;
	t->a2->parent = t->a;
	t->b->parent = &jail_host;
}

static void jail_test_sees(struct kunit *test)
{
	struct jail_test_tree t;

	jail_test_tree_init(test, &t);
	/* The host sees every jail. */
	KUNIT_EXPECT_TRUE(test, jail_sees(&jail_host, &jail_host));
	KUNIT_EXPECT_TRUE(test, jail_sees(&jail_host, t.a));
	KUNIT_EXPECT_TRUE(test, jail_sees(&jail_host, t.a1));
	KUNIT_EXPECT_TRUE(test, jail_sees(&jail_host, t.b));
	/* A jail sees itself and its descendants. */
	KUNIT_EXPECT_TRUE(test, jail_sees(t.a, t.a));
	KUNIT_EXPECT_TRUE(test, jail_sees(t.a, t.a1));
	KUNIT_EXPECT_TRUE(test, jail_sees(t.a, t.a2));
	KUNIT_EXPECT_TRUE(test, jail_sees(t.a1, t.a1));
	/* Never its parent, its siblings, their children or the host. */
	KUNIT_EXPECT_FALSE(test, jail_sees(t.a1, t.a));
	KUNIT_EXPECT_FALSE(test, jail_sees(t.a1, t.a2));
	KUNIT_EXPECT_FALSE(test, jail_sees(t.a, t.b));
	KUNIT_EXPECT_FALSE(test, jail_sees(t.b, t.a1));
	KUNIT_EXPECT_FALSE(test, jail_sees(t.a, &jail_host));
	KUNIT_EXPECT_FALSE(test, jail_sees(t.a1, &jail_host));
}

/* Capabilities that reach outside any jail: never in the table. */
static const int jail_outside_caps[] = {
	CAP_DAC_READ_SEARCH, CAP_LINUX_IMMUTABLE, CAP_NET_BROADCAST,
	CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_MODULE, CAP_SYS_RAWIO,
	CAP_SYS_PACCT, CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_NICE,
	CAP_SYS_RESOURCE, CAP_SYS_TIME, CAP_SYS_TTY_CONFIG, CAP_MKNOD,
	CAP_AUDIT_CONTROL, CAP_SETFCAP, CAP_MAC_OVERRIDE, CAP_MAC_ADMIN,
	CAP_SYSLOG, CAP_WAKE_ALARM, CAP_BLOCK_SUSPEND, CAP_AUDIT_READ,
	CAP_PERFMON, CAP_BPF, CAP_CHECKPOINT_RESTORE,
};

/* What jailed root needs to run services in its own files. */
static const int jail_inside_caps[] = {
	CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_KILL, CAP_SETGID,
	CAP_SETUID, CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT,
};

static void jail_test_cap_table(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(jail_outside_caps); i++)
		KUNIT_EXPECT_FALSE_MSG(test,
				       jail_cap_allowed(jail_outside_caps[i]),
				       "capability %d", jail_outside_caps[i]);
	for (i = 0; i < ARRAY_SIZE(jail_inside_caps); i++)
		KUNIT_EXPECT_TRUE_MSG(test,
				      jail_cap_allowed(jail_inside_caps[i]),
				      "capability %d", jail_inside_caps[i]);
	KUNIT_EXPECT_FALSE(test, jail_cap_allowed(-1));
	KUNIT_EXPECT_FALSE(test, jail_cap_allowed(CAP_LAST_CAP + 1));
	KUNIT_EXPECT_FALSE(test, jail_cap_allowed(63));
}

/* max_tasks bounds a subtree; a refusal changes no count but the denial. */
static void jail_test_charge_task(struct kunit *test)
{
	struct jail_test_tree t;

	jail_test_tree_init(test, &t);
	t.a->max_tasks = 2;
	KUNIT_EXPECT_TRUE(test, jail_charge_task(t.a1, NULL));
	KUNIT_EXPECT_TRUE(test, jail_charge_task(t.a2, NULL));
	KUNIT_EXPECT_FALSE(test, jail_charge_task(t.a1, NULL));
	KUNIT_EXPECT_EQ(test, atomic_read(&t.a->subtree_tasks), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.a1->subtree_tasks), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.a1->nr_tasks), 1);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t.a1->denied[JAIL_DENIED_FORK]),
			1);
	/* Moving down from a (top) does not count against a again. */
	KUNIT_EXPECT_TRUE(test, jail_charge_task(t.a1, t.a));
	KUNIT_EXPECT_EQ(test, atomic_read(&t.a->subtree_tasks), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.a1->subtree_tasks), 2);
	jail_uncharge_task(t.a1, t.a);
	/* A task gone makes room. */
	jail_uncharge_task(t.a2, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.a->subtree_tasks), 1);
	KUNIT_EXPECT_TRUE(test, jail_charge_task(t.a2, NULL));
	/* 0 is no limit; the host is never limited nor counted. */
	KUNIT_EXPECT_TRUE(test, jail_charge_task(t.b, NULL));
	KUNIT_EXPECT_EQ(test, atomic_read(&jail_host.subtree_tasks), 0);
}

/* A published jail by id, as jail_join() finds it. */
static struct jail *jail_test_find(u32 id)
{
	struct jail *jail;

	mutex_lock(&jail_mutex);
	jail = jail_find(id);
	mutex_unlock(&jail_mutex);
	return jail;
}

/* A jail made under jail_mutex, as jail_enter_new() does. */
static struct jail *jail_test_create(struct jail *parent, const char *name)
{
	struct jail *jail;

	mutex_lock(&jail_mutex);
	jail = jail_create(parent, name);
	mutex_unlock(&jail_mutex);
	return jail;
}

/*
 * A jail lives while a child does; the child's teardown drops the last
 * reference to its parent, so the parent goes after it. A name is free
 * again once its jail is gone.
 */
static void jail_test_teardown(struct kunit *test)
{
	int jails = atomic_read(&jail_count);
	int children = atomic_read(&jail_host.nr_children);
	struct jail *parent, *child, *dup;
	u32 parent_id, child_id;

	if (!jail_lsm_enabled)
		kunit_skip(test, "the jail LSM is not active (lsm=)");
	parent = jail_test_create(&jail_host, "kunit-teardown");
	KUNIT_ASSERT_FALSE(test, IS_ERR(parent));
	child = jail_test_create(parent, "");
	if (IS_ERR(child)) {
		jail_put(parent);
		KUNIT_FAIL(test, "creating a child: %ld", PTR_ERR(child));
		return;
	}
	parent_id = parent->id;
	child_id = child->id;
	KUNIT_EXPECT_NE(test, parent_id, child_id);
	KUNIT_EXPECT_EQ(test, atomic_read(&jail_count), jails + 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&parent->nr_children), 1);
	KUNIT_EXPECT_EQ(test, child->depth, parent->depth + 1);
	dup = jail_test_create(&jail_host, "kunit-teardown");
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(dup), -EEXIST);
	if (!IS_ERR(dup))
		jail_put(dup);

	/*
	 * Keep the memory, to look at it after the teardown, which the last
	 * jail_put() queues and flush_work() waits for.
	 */
	jail_grab(parent);
	jail_grab(child);

	/* The child's reference keeps the parent. */
	jail_put(parent);
	flush_work(&parent->release_work);
	KUNIT_EXPECT_PTR_EQ(test, jail_test_find(parent_id), parent);
	KUNIT_EXPECT_NOT_NULL(test, parent->ipc_ns);

	jail_put(child);
	flush_work(&child->release_work);
	/* The child's teardown queued the parent's. */
	flush_work(&parent->release_work);
	KUNIT_EXPECT_NULL(test, jail_test_find(child_id));
	KUNIT_EXPECT_NULL(test, jail_test_find(parent_id));
	KUNIT_EXPECT_NULL(test, child->ipc_ns);
	KUNIT_EXPECT_NULL(test, parent->ipc_ns);
	KUNIT_EXPECT_EQ(test, atomic_read(&parent->nr_children), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&jail_count), jails);
	KUNIT_EXPECT_EQ(test, atomic_read(&jail_host.nr_children), children);
	jail_drop(child);
	jail_drop(parent);

	/* The name is free again. */
	parent = jail_test_create(&jail_host, "kunit-teardown");
	KUNIT_ASSERT_FALSE(test, IS_ERR(parent));
	KUNIT_EXPECT_NE(test, parent->id, parent_id);
	jail_grab(parent);
	jail_put(parent);
	flush_work(&parent->release_work);
	jail_drop(parent);
	KUNIT_EXPECT_EQ(test, atomic_read(&jail_count), jails);
}

static struct kunit_case jail_test_cases[] = {
	KUNIT_CASE_PARAM(jail_test_parse_cmd, jail_cmd_gen_params),
	KUNIT_CASE(jail_test_alloc_id),
	KUNIT_CASE(jail_test_sees),
	KUNIT_CASE(jail_test_cap_table),
	KUNIT_CASE(jail_test_charge_task),
	KUNIT_CASE(jail_test_teardown),
	{}
};

static struct kunit_suite jail_test_suite = {
	.name = "jail",
	.test_cases = jail_test_cases,
};

kunit_test_suite(jail_test_suite);
