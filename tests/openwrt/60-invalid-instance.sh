#!/bin/sh
# Bad values in an instance: the init writes them as they are and the daemon's messages, with
# their place in the generated file, reach the log; nothing is started. The one value the init
# itself interprets (family) is reported by the init.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup invalid-instance
run_init

expect_not_started
expect_line "$CONF4" 'robustness = 9'
expect_line "$CONF4" 'fast_leave = "maybe"'
expect_line "$CONF4" 'last_member_query_interval = 0.0005'
for message in \
	"robustness 9 is out of range" \
	"query_response_interval 200000 ms is not shorter than query_interval 125000 ms" \
	"'fast_leave' in the settings of instance 'bad' is a string; expected true or false" \
	"group entry \"x239.2.2.2\": expected '+' (allow) or '-' (deny) first" \
	"group 10.1.1.1 is not multicast" \
	"group entry \"+239.1.1\": group expected" \
	"'last_member_query_interval' in the settings of instance 'bad' is not a duration"
do
	expect "$WORK/stderr" "$message" "the daemon reports: $message"
	expect "$RECORD" "$message" "... to the system log"
done
expect "$WORK/stderr" "mcproxy-ipv4.toml:10:5: group entry" "messages name the line of the generated file"
expect "$WORK/stderr" "instance 'odd': family 'ipx'; expected ipv4, ipv6 or both"
refuse "$WORK/stderr" "+239.1.1.1\"" "the good group entry is not reported"
expect "$WORK/stderr" 'mcproxy not started'
expect "$RECORD" 'logger -t mcproxy -p daemon.err'
[ -e "$CONF4.new" ] && fail "a temporary file was left behind"
expect_value "$WORK/proc/sys/net/ipv4/igmp_max_memberships" 20
finish
