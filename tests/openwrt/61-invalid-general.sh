#!/bin/sh
# Bad values in the general section: an unknown protocol (the daemon says so), a verbosity the
# init cannot map, and a hand-written file that does not exist (mcproxy -t says so). Nothing
# is started.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
setup invalid-general
run_init
expect_not_started
expect "$WORK/stderr" "unknown protocol 'IGMPv4'; expected IGMPv1, IGMPv2, IGMPv3, MLDv1 or MLDv2"
expect "$WORK/stderr" 'mcproxy not started'
# The same with the file: mcproxy -t cannot read it.
sed -i "s|#option file|option file|" "$WORK/etc/config/mcproxy"
run_init
expect_not_started
expect "$WORK/stderr" "does-not-exist.conf: cannot read configuration file: no such file"
expect "$RECORD" "logger -t mcproxy -p daemon.err $WORK/does-not-exist.conf is not a valid configuration; not starting"
# A verbosity it cannot map is reported, and the daemon runs without -v.
cat > "$WORK/etc/config/mcproxy" <<-'UCI'
	config mcproxy 'general'
		option verbose '7'
	config instance 'iptv'
		list upstream 'wan'
		list downstream 'lan'
	UCI
run_init
expect "$WORK/stderr" "verbose '7'; expected 0 to 3"
expect "$RECORD" 'start_service returned 0'
refuse "$RECORD" 'procd_append_param command -v'
finish
