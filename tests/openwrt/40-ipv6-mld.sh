#!/bin/sh
# family both: one daemon process per family (mcproxy speaks one protocol per file), IGMPv3 and
# MLDv2, one mixed allow/deny list written to both files: each daemon uses its family's entries.
# wan6 (device @wan, not up) has no device yet; wan's eth1 is the upstream of both.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup ipv6-mld
run_init

for conf in "$CONF4" "$CONF6"; do
	expect_line "$conf" 'upstreams = ["eth1"]'
	expect_line "$conf" 'downstreams = ["br-lan"]'
	expect_line "$conf" '    "-ff05::/16",'
	expect_line "$conf" '    "+239.0.0.0/8",'
done
expect_line "$CONF4" 'protocol = "IGMPv3"'
expect_line "$CONF6" 'protocol = "MLDv2"'
check_conf "$CONF4"
expect_line "$WORK/check.out" 'pinstance tv upstream * in whitelist table { (232.0.0.0/8 | *) (239.0.0.0 - 239.254.255.255 | *) };'
check_conf "$CONF6"
expect_line "$WORK/check.out" 'protocol MLDv2;'
expect_line "$WORK/check.out" 'pinstance tv upstream * in whitelist table { (ff0e::/16 | *) (ff3e::/16 | *) };'
expect "$WORK/stderr" "instance 'tv': upstream 'wan6' has no device"

expect_procd_basics
expect_line "$RECORD" 'procd_open_instance ipv4'
expect_line "$RECORD" 'procd_open_instance ipv6'
expect_line "$RECORD" "procd_set_param command $MCPROXY -f $CONF6"
expect_line "$RECORD" 'procd_set_param netdev eth1 br-lan'
# MLD in from link-local sources and multicast UDP forwarded, for IPv6.
expect_line "$RECORD" 'json_add_string name mcproxy-ipv6-membership-wan'
expect_line "$RECORD" 'json_add_string family ipv6'
expect_line "$RECORD" 'json_add_string proto icmp'
expect_line "$RECORD" 'json_add_string src_ip fe80::/10'
expect_line "$RECORD" 'json_add_array icmp_type'
for t in 130/0 131/0 132/0 143/0; do
	expect_line "$RECORD" "json_add_string  $t"
done
expect_line "$RECORD" 'json_add_string dest_ip ff00::/8'
expect_line "$RECORD" 'procd_add_reload_interface_trigger wan6'

# ifup wan6: it now has eth1 too, which stays one upstream.
echo "wan6 eth1" >> "$WORK/netdev"
run_init
expect_line "$CONF6" 'upstreams = ["eth1"]'
check_conf "$CONF6"
finish
