# shellcheck shell=sh
# Runs /etc/init.d/mcproxy "start" the way rc.common does under procd, against a fixture.
# Usage: sh run-init.sh INIT WORK PROG
#   INIT  the init script (openwrt/files/mcproxy.init)
#   WORK  a prepared directory: etc/config/{mcproxy,network,firewall}, netdev,
#         proc/sys/net/ipv4/igmp_max_{memberships,msf}
#   PROG  the mcproxy binary the init runs (its -t checks the generated files)
# Leaves WORK/procd.log (every procd/json call), WORK/stderr, WORK/var/etc/*.conf.

LIB=$(cd "$(dirname "$0")" && pwd)
INIT=$1
WORK=$2
SHIM_UCI_DIR="$WORK/etc/config"
SHIM_NETDEV="$WORK/netdev"
SHIM_RECORD="$WORK/procd.log"
: > "$SHIM_RECORD"

. "$LIB/shim.sh"
# shellcheck source=/dev/null
. "$INIT"
PROG=$3
RUNDIR="$WORK/var/etc"
NETWORK_SH="$LIB/network.sh"
SYSCTL_IPV4="$WORK/proc/sys/net/ipv4"

# rc.common start: rc_procd start_service, whose procd_close_service runs service_triggers,
# then service_started.
procd_open_service mcproxy
start_service
rc=$?
shim_record "start_service returned $rc"
service_triggers
procd_close_service
service_started
exit 0
