#!/usr/bin/env bash
# Startup Guide scenario 2: several instances in one daemon, each with its own kernel table
# (policy rules steer each interface to it), one downstream a VXLAN tunnel (13-scenario2-gre
# has the same with GRE). Both upstreams carry the same group from different sources; each client receives
# only its own instance's source.
#   src  (10.1.0.2) -- up0 [A, table 1] dn0 -- c1
#   src2 (10.5.0.2) -- up1 [B, table 2] vx0 (VXLAN over dn1) -- c2
source "$(dirname "$0")/lib.sh"
topo_basic
add_ns src2
link src2 eth0 px up1
addr src2 eth0 10.5.0.2/24; addr px up1 10.5.0.1/24
ns src2 ip route add default via 10.5.0.1
ns src2 ip route add 224.0.0.0/4 dev eth0
# VXLAN over the dn1 link: px 10.3.0.1 <-> c2 10.3.0.2 (multicast frames go to the one remote).
ns px ip link add vx0 type vxlan id 42 local 10.3.0.1 remote 10.3.0.2 dstport 4789 dev dn1 || fail "cannot create vxlan"
ns c2 ip link add vx0 type vxlan id 42 local 10.3.0.2 remote 10.3.0.1 dstport 4789 dev eth0 || fail "cannot create vxlan"
for n in px c2; do ns "$n" ip link set vx0 up; done
addr px vx0 10.30.0.1/24; addr c2 vx0 10.30.0.2/24
ns c2 ip route del 224.0.0.0/4 2>/dev/null; ns c2 ip route add 224.0.0.0/4 dev vx0
G=239.7.7.7
cat > "$WORK/multi.conf" <<CONF
protocol IGMPv3;
pinstance A: up0 ==> dn0;
pinstance B: up1 ==> vx0;
CONF
start_proxy px "$WORK/multi.conf" -v
# Each instance's table holds only its own vifs.
ns px ip mrule show | grep -q "iif up0.*lookup 1" || { ns px ip mrule show; fail "no 'iif up0 lookup 1' rule"; }
ns px ip mrule show | grep -q "oif vx0.*lookup 2" || { ns px ip mrule show; fail "no 'oif vx0 lookup 2' rule"; }
log "ok: multicast policy rules per instance"
recv_bg c1 c1 -i eth0 -g "$G" -t 4
recv_bg c2 c2 -i vx0 -g "$G" -t 4
sleep 0.5
send_bg src -i eth0 -g "$G" -n 150 -r 20
send_bg src2 -i eth0 -g "$G" -n 150 -r 20
sleep 2
ns px ip mroute show table 1 | grep -q "(10.1.0.2,$G).*Iif: up0.*Oifs: dn0" || { ns px ip mroute show table all; fail "table 1 lacks (10.1.0.2,$G) up0 -> dn0"; }
ns px ip mroute show table 2 | grep -q "(10.5.0.2,$G).*Iif: up1.*Oifs: vx0" || { ns px ip mroute show table all; fail "table 2 lacks (10.5.0.2,$G) up1 -> vx0"; }
ns px ip mroute show table 1 | grep -q "10.5.0.2" && fail "instance A's table has instance B's source"
log "ok: each table holds its own instance's entries"
wait "$c1_PID"; wait "$c2_PID"
assert_ge "$(value received < "$WORK/c1.out")" 50 "packets at c1 (instance A)"
assert_ge "$(value received < "$WORK/c2.out")" 50 "packets at c2 over VXLAN (instance B)"
assert_eq "$(value sources < "$WORK/c1.out")" 10.1.0.2 "sources seen by c1"
assert_eq "$(value sources < "$WORK/c2.out")" 10.5.0.2 "sources seen by c2"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
assert_eq "$(ns px ip mrule show | grep -c "lookup [0-9]")" 0 "policy rules left after exit"
log "PASS"
