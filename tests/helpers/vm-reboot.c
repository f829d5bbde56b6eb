// SPDX-License-Identifier: GPL-2.0-only
/*
 * vm-reboot - end the test VM: QEMU runs with -no-reboot, so a reboot
 * powers it off. The caller syncs first.
 */
#include <stdio.h>
#include <sys/reboot.h>

int main(void)
{
	reboot(RB_AUTOBOOT);
	perror("vm-reboot");
	return 1;
}
