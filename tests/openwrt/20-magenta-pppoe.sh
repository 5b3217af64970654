#!/bin/sh
# MagentaTV-like setup: IPTV inside the PPPoE session on VLAN 7, an allow list of the ISP's
# channel ranges. At boot the session is not up: netifd has no device for wan yet, so the
# configured one (wan.7) is used, no guess of the session's device, and wan gets an interface
# trigger. When the session comes up, the reload writes pppoe-wan and nothing else changes
# (procd then sends SIGHUP and the daemon moves its upstream).
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup magenta-pppoe
run_init

expect_line "$CONF4" 'protocol = "IGMPv3"'
expect_line "$CONF4" 'upstreams = ["wan.7"]'
expect_line "$CONF4" 'downstreams = ["br-lan"]'
expect_line "$CONF4" 'groups = ['
expect_line "$CONF4" '    "+239.35.0.0/16",'
expect_line "$CONF4" '    "+232.0.0.0/16",'
expect_line "$CONF4" '    "-*",'
check_conf "$CONF4"
# The daemon compiled the list into the upstream filters (a whitelist of the two ranges).
expect_line "$WORK/check.out" 'pinstance magenta upstream * in whitelist table { (232.0.0.0/16 | *) (239.35.0.0/16 | *) };'
expect_line "$WORK/check.out" 'pinstance magenta upstream * out whitelist table { (232.0.0.0/16 | *) (239.35.0.0/16 | *) };'

expect_procd_basics
expect_line "$RECORD" 'procd_set_param netdev wan.7 br-lan'
expect_line "$RECORD" 'procd_add_reload_interface_trigger wan'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-multicast-wan-lan'
refuse "$WORK/stderr" 'has no device'

# ifup wan: netifd now reports pppoe-wan; the reload changes the upstream device only.
cp "$CONF4" "$WORK/before.conf"
echo "wan pppoe-wan" >> "$WORK/netdev"
run_init
expect_line "$CONF4" 'upstreams = ["pppoe-wan"]'
changed=$(diff "$WORK/before.conf" "$CONF4" | grep -c '^[<>]')
if [ "$changed" = 2 ]; then
	pass "only the upstream line changed after ifup wan"
else
	fail "$changed lines changed after ifup wan"
	diff "$WORK/before.conf" "$CONF4"
fi
check_conf "$CONF4"
expect_line "$RECORD" 'procd_set_param netdev pppoe-wan br-lan'
finish
