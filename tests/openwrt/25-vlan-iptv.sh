#!/bin/sh
# IPTV on its own VLAN (eth1.40, DHCP), not up at boot: the configured device is used until
# netifd has one. A group list with sources, timers with decimals and with a unit, upstream and
# downstream written as plain options.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup vlan-iptv
run_init

expect_line "$CONF4" 'upstreams = ["eth1.40"]'
expect_line "$CONF4" 'downstreams = ["br-lan"]'
expect_line "$CONF4" '    "+232.0.0.0/8 from 10.0.0.0/8",'
expect_line "$CONF4" 'query_response_interval = 2.5'
expect_line "$CONF4" 'last_member_query_interval = "500ms"'
if grep -q '^query_interval' "$CONF4"; then fail "query_interval was not set"; else pass "an option left out is left to the daemon"; fi
check_conf "$CONF4"
expect_line "$WORK/check.out" 'pinstance iptv upstream * in whitelist table { (232.0.0.0/8 | 10.0.0.0/8) (239.2.0.0/16 | *) };'
expect "$WORK/check.out" '[interface."br-lan"] query_response_interval = "2500ms", last_member_query_interval = "500ms", fast_leave = true'
expect_procd_basics
expect_line "$RECORD" 'procd_set_param netdev eth1.40 br-lan'
expect_line "$RECORD" 'procd_add_reload_interface_trigger iptv'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-multicast-wan-lan'
finish
