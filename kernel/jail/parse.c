// SPDX-License-Identifier: GPL-2.0-only
/*
 * Jail LSM - the grammar of what user space writes
 *
 * Pure functions of the bytes written, shared by /proc/<pid>/jail and the
 * numbers of /sys/kernel/jail: one spelling for each value.
 */

#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>

#include "parse.h"

/* isalnum() also takes Latin-1 letters: names are ASCII only. */
static bool jail_name_alnum(char c)
{
	return isascii(c) && isalnum(c);
}

/*
 * Names: [A-Za-z0-9._-], starting alphanumeric, JAIL_NAME_MAX at most, and
 * not all digits, so that a name is never taken for an id (as in FreeBSD).
 */
static int jail_parse_name(const char *s, size_t len, char *name)
{
	bool digits_only = true;
	size_t i;

	if (len == 0 || len > JAIL_NAME_MAX || !jail_name_alnum(s[0]))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!jail_name_alnum(s[i]) && !strchr("._-", s[i]))
			return -EINVAL;
		if (!isdigit(s[i]))
			digits_only = false;
	}
	if (digits_only)
		return -EINVAL;
	memcpy(name, s, len);
	name[len] = '\0';
	return 0;
}

/**
 * jail_parse_decimal - parse a jail id or a limit
 * @s: the digits; need not be NUL-terminated
 * @len: how many bytes @s has
 * @val: set on success
 *
 * Decimal digits only: no sign, no leading zero, no space, INT_MAX at most,
 * so that any value fits an int and has one spelling.
 *
 * Return: 0, or -EINVAL.
 */
int jail_parse_decimal(const char *s, size_t len, u32 *val)
{
	u64 v = 0;
	size_t i;

	if (len == 0 || len > 10 || (s[0] == '0' && len > 1))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!isdigit(s[i]))
			return -EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (v > INT_MAX)
		return -EINVAL;
	*val = v;
	return 0;
}

/**
 * jail_parse_cmd - parse a write to /proc/<pid>/jail
 * @buf: the bytes written
 * @len: how many bytes were written
 * @cmd: filled in on success
 *
 * The grammar, optionally followed by a single newline:
 * "new" | "new " NAME | "join " ID.
 *
 * Return: 0, or -EINVAL for anything else, including embedded NULs.
 */
int jail_parse_cmd(const char *buf, size_t len, struct jail_cmd *cmd)
{
	if (memchr(buf, '\0', len))
		return -EINVAL;
	if (len && buf[len - 1] == '\n')
		len--;
	memset(cmd, 0, sizeof(*cmd));
	if (len == 3 && !memcmp(buf, "new", 3)) {
		cmd->op = JAIL_CMD_NEW;
		return 0;
	}
	if (len > 4 && !memcmp(buf, "new ", 4)) {
		cmd->op = JAIL_CMD_NEW;
		return jail_parse_name(buf + 4, len - 4, cmd->name);
	}
	if (len > 5 && !memcmp(buf, "join ", 5)) {
		cmd->op = JAIL_CMD_JOIN;
		return jail_parse_decimal(buf + 5, len - 5, &cmd->id);
	}
	return -EINVAL;
}
