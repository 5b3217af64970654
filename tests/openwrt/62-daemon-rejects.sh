#!/bin/sh
# UCI values that pass the init's checks but make a configuration the daemon rejects (the same
# interfaces in two instances): the init runs "mcproxy -t" on the generated file, shows the
# daemon's messages and does not start it.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup daemon-rejects
run_init

expect_not_started
expect "$WORK/stderr" "mcproxy-ipv4.toml is not a valid configuration; not starting"
expect "$WORK/stderr" "interface 'eth1' is already used by instance" "the daemon's message names the interface"
finish
