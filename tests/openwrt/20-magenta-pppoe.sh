#!/bin/sh
# MagentaTV-like setup: IPTV inside the PPPoE session on VLAN 7, whitelist of the ISP's channel
# ranges. At boot the PPPoE session is not up: the init must start anyway with the device the
# session will get (pppoe-wan), and register an interface trigger for wan. When the session
# comes up the generated file must not change (so procd has nothing to signal).
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup magenta-pppoe
run_init

expect_line "$CONF4" 'protocol = "IGMPv3"'
expect_line "$CONF4" 'upstreams = ["pppoe-wan"]'
expect_line "$CONF4" 'downstreams = ["br-lan"]'
expect_line "$CONF4" '[table.magenta_groups]'
expect_line "$CONF4" '    { group = "232.0.0.0/16" },'
expect_line "$CONF4" '    { group = "239.35.0.0/16" },'
refuse "$CONF4" '224.0.0.0' "nothing outside the whitelist is listed"
check_conf "$CONF4"
expect_line "$WORK/check.out" 'pinstance magenta upstream "pppoe-wan" in whitelist table magenta_groups;'
expect_line "$WORK/check.out" 'pinstance magenta upstream "pppoe-wan" out whitelist table magenta_groups;'

expect_procd_basics
expect_line "$RECORD" 'procd_set_param netdev pppoe-wan br-lan'
refuse "$RECORD" 'procd_append_param error'
expect_line "$RECORD" 'procd_add_reload_interface_trigger wan'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-multicast-wan-lan'

# ifup wan: netifd now reports pppoe-wan; the reload generates the same file.
cp "$CONF4" "$WORK/before.conf"
echo "wan pppoe-wan" >> "$WORK/netdev"
run_init
if cmp -s "$CONF4" "$WORK/before.conf"; then
	pass "the file is unchanged after ifup wan"
else
	fail "the file changed after ifup wan"
	diff "$WORK/before.conf" "$CONF4"
fi
finish
