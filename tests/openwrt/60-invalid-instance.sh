#!/bin/sh
# Bad values in an instance: every one is reported (the datatype ones in validate_data's words,
# the rest by the init), and nothing is started.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup invalid-instance
run_init

expect_not_started
expect "$WORK/stderr" 'mcproxy.bad.family=ipx validates as or("ipv4","ipv6","both") with false'
expect "$WORK/stderr" 'mcproxy.bad.downstream=br-lan validates as list(uciname) with false'
expect "$WORK/stderr" 'mcproxy.bad.robustness=9 validates as range(1,7) with false'
expect "$WORK/stderr" 'mcproxy.bad.fast_leave=maybe validates as bool with false'
expect "$WORK/stderr" "instance 'bad': query_response_interval 200 must be at least 0.1 and less than query_interval 125"
expect "$WORK/stderr" "instance 'bad': group x239.2.2.2: must start with + (allow) or - (deny)"
expect "$WORK/stderr" "instance 'bad': group +10.1.1.1: not a multicast range (224.0.0.0/4)"
expect "$WORK/stderr" "instance 'bad': group +239.1.1: bad address 239.1.1"
expect "$WORK/stderr" "instance 'bad': 0.0005: timers are seconds with at most 3 decimals (whole milliseconds)"
refuse "$WORK/stderr" "group +239.1.1.1" "the good group entry is not reported"
expect "$WORK/stderr" 'mcproxy not started'
expect "$RECORD" 'logger -t mcproxy -p daemon.err'
if [ -e "$CONF4" ] || [ -e "$CONF4.new" ]; then fail "a configuration file was left behind"; fi
expect_value "$WORK/proc/sys/net/ipv4/igmp_max_memberships" 20
finish
