/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Jail LSM - the grammar of what user space writes
 */

#ifndef _SECURITY_JAIL_PARSE_H
#define _SECURITY_JAIL_PARSE_H

#include <linux/types.h>

#include "object.h"

/**
 * enum jail_cmd_op - operations accepted by /proc/<pid>/jail
 * @JAIL_CMD_NEW: create a child of the caller's jail and move into it
 * @JAIL_CMD_JOIN: move into an existing descendant jail
 */
enum jail_cmd_op {
	JAIL_CMD_NEW,
	JAIL_CMD_JOIN,
};

/**
 * struct jail_cmd - a parsed write to /proc/<pid>/jail
 * @op: the operation
 * @name: for JAIL_CMD_NEW, the new jail's name, or empty
 * @id: for JAIL_CMD_JOIN, the jail to join
 */
struct jail_cmd {
	enum jail_cmd_op op;
	char name[JAIL_NAME_MAX + 1];
	u32 id;
};

/* Longest write accepted by /proc/<pid>/jail, newline included. */
#define JAIL_CMD_MAX 64

int jail_parse_cmd(const char *buf, size_t len, struct jail_cmd *cmd);
int jail_parse_decimal(const char *s, size_t len, u32 *val);

#endif /* _SECURITY_JAIL_PARSE_H */
