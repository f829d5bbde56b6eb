/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - abstract UNIX sockets
 */

#ifndef _SECURITY_JAIL_NET_H
#define _SECURITY_JAIL_NET_H

#include <linux/init.h>

#include "object.h"

/**
 * struct jail_sock_security - the jail part of a socket's LSM blob
 * @jail: for UNIX sockets, the jail of the task that made the socket,
 *	grabbed; NULL for the host and other families
 */
struct jail_sock_security {
	struct jail *jail;
};

void __init jail_add_net_hooks(void);

#endif /* _SECURITY_JAIL_NET_H */
