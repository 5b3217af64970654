#!/bin/sh
# The shipped /etc/config/mcproxy on a stock OpenWrt network (wan = eth1 by DHCP, lan = br-lan):
# one IGMPv3 instance wan => lan that works out of the box: the values go to the daemon as
# written (timers as plain seconds), no group list (the daemon keeps link-local groups and SSDP
# off the upstream itself), firewall rules, interface triggers, SIGHUP reloads, sysctls raised.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup default
run_init

expect_line "$CONF4" 'protocol = "IGMPv3"'
expect_line "$CONF4" 'name = "iptv"'
expect_line "$CONF4" 'upstreams = ["eth1"]'
expect_line "$CONF4" 'downstreams = ["br-lan"]'
expect_line "$CONF4" 'proxy_ssdp = false'
expect_line "$CONF4" 'robustness = 2'
expect_line "$CONF4" 'query_interval = 125'
expect_line "$CONF4" 'query_response_interval = 10'
expect_line "$CONF4" 'last_member_query_interval = 1'
expect_line "$CONF4" 'fast_leave = true'
refuse "$CONF4" 'groups' "no group list: nothing to filter beyond the daemon's own rules"
[ -f "$CONF6" ] && fail "an IPv6 file was generated for an ipv4-only setup"
check_conf "$CONF4"
# What the daemon made of it (mcproxy -t prints the model in 1.x, settings as comments).
expect_line "$WORK/check.out" 'pinstance iptv: eth1 ==> "br-lan";'
refuse "$WORK/check.out" 'pinstance iptv upstream' "no upstream filter"
expect "$WORK/check.out" '[interface."br-lan"] fast_leave = true'

expect_procd_basics
expect_line "$RECORD" 'procd_open_instance ipv4'
refuse "$RECORD" 'procd_open_instance ipv6'
expect_line "$RECORD" "procd_set_param command $MCPROXY -f $CONF4"
expect_line "$RECORD" "procd_set_param file $CONF4"
expect_line "$RECORD" 'procd_set_param netdev eth1 br-lan'
# Firewall: IGMP in from wan and lan, multicast UDP forwarded wan -> lan.
expect_line "$RECORD" 'json_add_array firewall'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-membership-wan'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-membership-lan'
expect_line "$RECORD" 'json_add_string proto igmp'
expect_line "$RECORD" 'json_add_string name mcproxy-ipv4-multicast-wan-lan'
expect_line "$RECORD" 'json_add_string dest_ip 224.0.0.0/4'
refuse "$RECORD" 'mcproxy-ipv4-multicast-lan-wan'
# ifup/ifdown of wan or lan reloads the service.
expect_line "$RECORD" 'procd_add_reload_interface_trigger wan'
expect_line "$RECORD" 'procd_add_reload_interface_trigger lan'
expect_value "$WORK/proc/sys/net/ipv4/igmp_max_memberships" 256
expect_value "$WORK/proc/sys/net/ipv4/igmp_max_msf" 64
refuse "$WORK/stderr" 'mcproxy:' "nothing to report"
# The schema "ubus call service validate" shows (LuCI validates with it).
expect "$RECORD" "validate_schema mcproxy instance enabled:bool:1 family:or(\"ipv4\",\"ipv6\",\"both\"):ipv4 upstream:list(uciname) downstream:list(uciname) group:list(string)"
expect "$RECORD" 'validate_schema mcproxy mcproxy enabled:bool:1 file:file protocol:or("IGMPv1","IGMPv2","IGMPv3"):IGMPv3'
finish
