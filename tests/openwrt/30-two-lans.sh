#!/bin/sh
# An IPTV VLAN interface (iptv, in the wan zone) feeding two LANs in two zones, an ordered
# allow/deny list with overlaps, IGMPv2, custom timers, verbose logging and rp_filter reset.
# One downstream names an interface netifd does not know: it is reported and left out, the
# rest starts. A disabled instance adds nothing.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup two-lans
run_init

expect_line "$CONF4" 'protocol = "IGMPv2"'
expect_line "$CONF4" 'upstreams = ["eth0.45"]'
expect_line "$CONF4" 'downstreams = ["br-lan", "br-guest"]'
expect_line "$CONF4" '    "-239.1.1.1",'
expect_line "$CONF4" '    "+239.2.0.0-239.2.0.255",'
expect_line "$CONF4" 'query_interval = 60'
expect_line "$CONF4" 'query_response_interval = 5'
expect_line "$CONF4" 'last_member_query_interval = 0.5'
expect_line "$CONF4" 'fast_leave = false'
expect_line "$CONF4" 'max_groups = 300'
expect_line "$CONF4" 'max_sources_per_group = 64'
expect_line "$CONF4" 'max_hosts_per_group = 16'
expect_line "$CONF4" 'host_share = 50'
expect_line "$CONF4" 'max_routes = 600'
expect_line "$CONF4" 'local_listeners = true'
refuse "$CONF4" 'spare' "the disabled instance is not generated"
refuse "$CONF4" 'eth0.9' "the disabled instance's interfaces are not used"
check_conf "$CONF4"
expect_line "$WORK/check.out" 'pinstance tv: "eth0.45" ==> "br-lan" "br-guest";'
# -239.1.1.1 comes before +239.1.0.0/16, so 239.1.1.1 stays denied; 239.2.0.0-239.2.0.255 touches
# 239.1.0.0/16, so the two allowed pieces merge; everything else is denied by '-*'.
expect_line "$WORK/check.out" 'pinstance tv upstream * in whitelist table { (239.1.0.0 - 239.1.1.0 | *) (239.1.1.2 - 239.2.0.255 | *) };'
expect "$WORK/check.out" '[interface."br-guest"] query_interval = "60s", query_response_interval = "5s", startup_query_interval = "15s", last_member_query_interval = "500ms"'
expect "$WORK/check.out" 'max_groups = 300, max_sources_per_group = 64, max_hosts_per_group = 16, host_share = 50, max_routes = 600, local_listeners = true'
expect_procd_basics
expect_line "$RECORD" "procd_set_param command $MCPROXY -f $CONF4"
expect_line "$RECORD" 'procd_append_param command -v -v'
expect_line "$RECORD" 'procd_append_param command -r'
expect_line "$RECORD" 'procd_set_param netdev eth0.45 br-lan br-guest'
expect "$WORK/stderr" "instance 'tv': downstream 'kids' has no device"
expect "$RECORD" "logger -t mcproxy -p daemon.err instance 'tv': downstream 'kids' has no device"
# Firewall: IGMP from every zone used, multicast from the wan zone (iptv) to both LAN zones.
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-membership-wan'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-membership-lan'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-membership-guest'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-multicast-wan-lan'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-multicast-wan-guest'
refuse "$RECORD" 'mcproxy-ipv4-multicast-lan-guest'
expect_line "$RECORD" 'procd_add_reload_interface_trigger iptv'
expect_line "$RECORD" 'procd_add_reload_interface_trigger guest'
expect_line "$RECORD" 'procd_add_reload_interface_trigger kids'
refuse "$RECORD" 'procd_add_reload_interface_trigger dmz'
expect_value "$WORK/proc/sys/net/ipv4/igmp_max_memberships" 512
finish
