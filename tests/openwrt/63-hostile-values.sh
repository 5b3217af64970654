#!/bin/sh
# Values that try to break out of their TOML string (quotes, backslashes, newlines), to run a
# command, or to be glob-expanded: each arrives at the daemon as one literal value, which the
# daemon then judges (and here rejects, in its own words), and nothing else happens.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup hostile
touch "$WORK/wx" "$WORK/wan" # what 'w*' would match if it were expanded in the work directory
cd "$WORK" || exit 1
run_init

expect_not_started
[ -e "$WORK/pwned" ] && fail "a value ran a command"
count() { grep -c "$1" "$CONF4"; }
if [ "$(count '^protocol = ')" = 1 ] && [ "$(count '^user')" = 0 ]; then pass "one protocol key, no user key"; else fail "a value added a key"; fi
if [ "$(count '^robustness')" = 0 ]; then pass "no robustness key"; else fail "a timer value added a key"; fi
expect_line "$CONF4" 'protocol = "IGMPv3\"\u000auser = \"root"'
expect_line "$CONF4" 'upstreams = ["eth1\", \"evil", "tv\\0"]'
expect_line "$CONF4" '    "+239.1.1.1\", \"-*",'
# shellcheck disable=SC2016 # the $(...) is the hostile value itself, kept literal
expect_line "$CONF4" '    "-$(touch '"$WORK"'/pwned)",'
expect_line "$CONF4" '    "+239.2.2.2 \\",'
expect_line "$CONF4" '    "*",'
expect_line "$CONF4" 'query_interval = "60\u000arobustness = 1"'
expect_line "$CONF4" 'fast_leave = "true # comment"'
# The file is valid TOML: every message is the daemon's judgement of a value, none a syntax error.
rc=0
"$MCPROXY" -t -f "$CONF4" > /dev/null 2>&1 || rc=$?
if [ "$rc" = 78 ]; then pass "mcproxy -t rejects the values (exit 78)"; else fail "mcproxy -t did not exit 78 ($rc)"; fi
refuse "$WORK/stderr" "Unexpected" "no TOML syntax error"
expect "$WORK/stderr" "unknown protocol 'IGMPv3\""
expect "$WORK/stderr" "invalid interface name 'eth1\", \"evil'"
expect "$WORK/stderr" 'group entry "+239.1.1.1", "-*": group expected'
expect "$WORK/stderr" "group entry \"*\": expected '+' (allow) or '-' (deny) first"
expect "$WORK/stderr" "'query_interval' in the settings of instance 'iptv' is not a duration"
expect "$WORK/stderr" "'fast_leave' in the settings of instance 'iptv' is a string"
expect "$WORK/stderr" "upstream 'w*' has no device"
expect "$WORK/stderr" "upstream 'lan;reboot' has no device"
refuse "$RECORD" "procd_add_reload_interface_trigger w*" "no trigger for a name that is not a netifd name"
finish
