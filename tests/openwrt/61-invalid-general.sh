#!/bin/sh
# Bad values in the general section (unknown protocol, verbosity out of range, a hand-written
# file that does not exist): reported, nothing started.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup invalid-general
run_init

expect_not_started
expect "$WORK/stderr" 'mcproxy.general.protocol=IGMPv4 validates as or("IGMPv1","IGMPv2","IGMPv3") with false'
expect "$WORK/stderr" 'mcproxy.general.verbose=7 validates as range(0,3) with false'
expect "$WORK/stderr" "mcproxy.general.file=$WORK/does-not-exist.conf validates as file with false"
expect "$WORK/stderr" 'mcproxy not started'
finish
