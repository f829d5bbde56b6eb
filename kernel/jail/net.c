// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - abstract UNIX sockets
 *
 * A UNIX socket bound to a path is reached through the filesystem, which
 * the pinned root and file permissions govern. An abstract one has a name
 * in the network namespace and nothing else guarding it, so connect and
 * sendto to it follow the visibility rule: a jail reaches the abstract
 * sockets made in it and in its descendants, and the others answer as if
 * nothing were bound to their name.
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <net/af_unix.h>
#include <net/sock.h>

#include "net.h"
#include "object.h"
#include "setup.h"
#include "visibility.h"

static struct jail_sock_security *jail_sock(const struct sock *sk)
{
	return sk->sk_security + jail_blob_sizes.lbs_sock;
}

static int hook_sk_alloc_security(struct sock *sk, int family, gfp_t priority)
{
	/*
	 * UNIX sockets are made in process context only; other families may
	 * be allocated in softirq context, where current is nobody's.
	 */
	if (family == PF_UNIX)
		jail_sock(sk)->jail = jail_grab_current();
	return 0;
}

/* May run from an RCU callback: jail_drop() does not sleep. */
static void hook_sk_free_security(struct sock *sk)
{
	jail_drop(jail_sock(sk)->jail);
}

static int jail_unix_reach(struct sock *other)
{
	struct unix_sock *u = unix_sk(other);
	struct jail *jail = jail_current();

	/* Unbound peers (socketpair) were handed over by their owner. */
	if (!smp_load_acquire(&u->addr) || u->path.dentry ||
	    jail_sees(jail, jail_sock(other)->jail ?: &jail_host))
		return 0;
	jail_count_denial(jail, JAIL_DENIED_SOCKET);
	return -ECONNREFUSED;
}

static int hook_unix_stream_connect(struct sock *sock, struct sock *other,
				    struct sock *newsk)
{
	return jail_unix_reach(other);
}

static int hook_unix_may_send(struct socket *sock, struct socket *other)
{
	return jail_unix_reach(other->sk);
}

static struct security_hook_list jail_net_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(sk_alloc_security, hook_sk_alloc_security),
	LSM_HOOK_INIT(sk_free_security, hook_sk_free_security),
	LSM_HOOK_INIT(unix_stream_connect, hook_unix_stream_connect),
	LSM_HOOK_INIT(unix_may_send, hook_unix_may_send),
};

/**
 * jail_add_net_hooks - register the socket hooks
 */
void __init jail_add_net_hooks(void)
{
	security_add_hooks(jail_net_hooks, ARRAY_SIZE(jail_net_hooks),
			   &jail_lsmid);
}
