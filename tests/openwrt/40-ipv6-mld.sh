#!/bin/sh
# family both: one daemon process per family (mcproxy speaks one protocol per file), IGMPv3 and
# MLDv2, with one mixed allow/deny list split by family. wan6 (not up yet) is an alias of wan
# (device @wan): both resolve to eth1, which is one upstream.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup ipv6-mld
run_init

expect_line "$CONF4" 'protocol = "IGMPv3"'
expect_line "$CONF4" 'upstreams = ["eth1"]'
expect_line "$CONF4" '    { group = "232.0.0.0/8" },'
expect_line "$CONF4" '    { group = "239.0.0.0 - 239.254.255.255" },'
expect_line "$CONF4" 'kind = "whitelist"'
refuse "$CONF4" '"ff' "no IPv6 range in the IPv4 file"
check_conf "$CONF4"

expect_line "$CONF6" 'protocol = "MLDv2"'
expect_line "$CONF6" 'upstreams = ["eth1"]'
expect_line "$CONF6" 'downstreams = ["br-lan"]'
# ff0e::c (SSDP, global scope) is cut out of ff0e::/16.
expect_line "$CONF6" '    { group = "ff0e:: - ff0e::b" },'
expect_line "$CONF6" '    { group = "ff0e::d - ff0e:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },'
expect_line "$CONF6" '    { group = "ff3e::/16" },'
expect_line "$CONF6" 'kind = "whitelist"'
refuse "$CONF6" '239.' "no IPv4 range in the IPv6 file"
check_conf "$CONF6"
expect_line "$WORK/check.out" 'protocol MLDv2;'
expect_line "$WORK/check.out" 'pinstance tv upstream eth1 in whitelist table tv_groups;'

expect_procd_basics
expect_line "$RECORD" 'procd_open_instance ipv4'
expect_line "$RECORD" 'procd_open_instance ipv6'
expect_line "$RECORD" "procd_set_param command $MCPROXY -f $CONF6"
expect_line "$RECORD" 'procd_set_param netdev eth1 br-lan'
# MLD in from link-local sources, multicast UDP forwarded, SSDP dropped, for IPv6.
expect_line "$RECORD" 'json_add_string name mcproxy-ipv6-membership-wan'
expect_line "$RECORD" 'json_add_string family ipv6'
expect_line "$RECORD" 'json_add_string proto icmp'
expect_line "$RECORD" 'json_add_string src_ip fe80::/10'
expect_line "$RECORD" 'json_add_array icmp_type'
for t in 130/0 131/0 132/0 143/0; do
	expect_line "$RECORD" "json_add_string  $t"
done
expect_line "$RECORD" 'json_add_string dest_ip ff00::/8'
expect_line "$RECORD" 'json_add_string dest_ip ff0e::c'
expect_line "$RECORD" 'procd_add_reload_interface_trigger wan6'
finish
