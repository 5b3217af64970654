#!/bin/sh
# option file: a hand-written mcproxy.conf is run as is (checked with mcproxy -t first); the
# instance sections are ignored and nothing is generated.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup file-mode
run_init

expect_procd_basics
expect_line "$RECORD" 'procd_open_instance file'
expect_line "$RECORD" "procd_set_param command $MCPROXY -f $WORK/handwritten.conf"
expect_line "$RECORD" "procd_set_param file $WORK/handwritten.conf"
refuse "$RECORD" 'procd_open_instance ipv4'
[ -f "$CONF4" ] && fail "a file was generated in file mode"
refuse "$RECORD" 'procd_add_reload_interface_trigger' "no interface triggers for the ignored instance sections"
expect_value "$WORK/proc/sys/net/ipv4/igmp_max_memberships" 256
check_conf "$WORK/handwritten.conf"
finish
