#!/usr/bin/env bats
# Booted with lsm=capability: the jail LSM is built in but not active.

load ../helpers

@test "the kernel initialized only the capability LSM" {
	run dmesg
	[[ $output == *"LSM: initializing lsm=capability"$'\n'* ]]
	[[ $output != *"jail: initialized"* ]]
}

@test "/proc/<pid>/jail reads and writes fail with EOPNOTSUPP" {
	run cat /proc/self/jail
	[ "$status" != 0 ]
	[[ $output == *"Operation not supported"* ]]
	run "$JW" /proc/self/jail <<<new
	[ "$status" = 1 ]
	[ "$output" = "EOPNOTSUPP ?EOPNOTSUPP" ]
}

@test "/sys/kernel/jail does not exist" {
	[ ! -e /sys/kernel/jail ]
}

@test "the jail tool says the jail LSM is not active (125)" {
	run "${JAILVM_HELPERS%/helpers}/tools/jail" ls
	[ "$status" = 125 ]
	[ "$output" = "jail: the jail LSM is not active (it is missing from lsm=)" ]
}
