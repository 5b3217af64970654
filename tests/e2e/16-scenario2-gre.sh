#!/usr/bin/env bash
# The Startup Guide's scenario 2 as written: two instances, one with a tunnel downstream.
#     eth0 ==> eth1 tun0          here: pinstance A: up0 ==> dn0 tun0;  (table 1)
#     eth2 ==> eth3                     pinstance B: up1 ==> dn3;       (table 2)
# tun0 is a real GRE tunnel from the proxy to client c2 over the dn1 link, once as gretap
# (Ethernet over GRE) and once as plain GRE (point-to-point, no ARP). Both upstreams carry the
# same group from different sources; every client receives only its own instance's source,
# through the tunnel where that is its path, and each kernel table holds only its instance's
# entries.
#   src  (10.1.0.2) -- up0 [A] dn0 -- c1
#                          [A] tun0 = GRE over dn1 (10.3.0.1 <-> 10.3.0.2) -- c2
#   src2 (10.5.0.2) -- up1 [B] dn3 -- c3
source "$(dirname "$0")/lib.sh"
# shellcheck disable=SC2154 # cN_PID are set by recv_bg
topo_basic
add_ns src2; add_ns c3
link src2 eth0 px up1
link px dn3 c3 eth0
addr src2 eth0 10.5.0.2/24; addr px up1 10.5.0.1/24
addr px dn3 10.6.0.1/24;    addr c3 eth0 10.6.0.2/24
ns src2 ip route add default via 10.5.0.1
ns src2 ip route add 224.0.0.0/4 dev eth0
ns c3 ip route add 224.0.0.0/4 dev eth0
G=239.8.8.8
cat > "$WORK/scenario2.conf" <<CONF
protocol IGMPv3;
pinstance A: up0 ==> dn0 tun0;
pinstance B: up1 ==> dn3;
CONF

# tunnel KIND: tun0 between px and c2 over the dn1 link, c2's multicast route through it.
tunnel() {
    local kind=$1
    ns px ip link add tun0 type "$kind" local 10.3.0.1 remote 10.3.0.2 ttl 64 || fail "cannot create $kind tunnel"
    ns c2 ip link add tun0 type "$kind" local 10.3.0.2 remote 10.3.0.1 ttl 64 || fail "cannot create $kind tunnel"
    local n
    # As a user creates them: plain GRE is point-to-point without the MULTICAST flag, and the
    # kernel still sends IGMP and forwards through it.
    for n in px c2; do ns "$n" ip link set tun0 up; done
    addr px tun0 10.30.0.1/24; addr c2 tun0 10.30.0.2/24
    ns c2 ip route replace 224.0.0.0/4 dev tun0
}

run_variant() {
    local kind=$1
    log "--- scenario 2 with tun0 as $kind"
    tunnel "$kind"
    start_proxy px "$WORK/scenario2.conf" -v
    ns px ip mrule show | grep -q "oif tun0.*lookup 1" || { ns px ip mrule show; fail "$kind: no 'oif tun0 lookup 1' rule"; }
    # (/proc/net/ip_mr_vif shows only the default table; the route check below proves the vif.)
    grep -q "A: downstream tun0 attached" "$WORK/proxy-px.log" || fail "$kind: tun0 not attached"
    log "ok: $kind tun0 attached to instance A with its policy rule"

    # Receivers and sources run until stopped below (bounded: 60 s, 3,000 packets), so the pace of
    # the checks (slow under emulation) does not matter.
    recv_bg c1 c1 -i eth0 -g "$G" -t 60
    recv_bg c2 c2 -i tun0 -g "$G" -t 60
    recv_bg c3 c3 -i eth0 -g "$G" -t 60
    sleep 0.5
    send_bg src -i eth0 -g "$G" -n 3000 -r 20
    local send1=$SEND_PID
    send_bg src2 -i eth0 -g "$G" -n 3000 -r 20
    local send2=$SEND_PID
    sleep 3
    ns px ip mroute show table 1 | grep -q "(10.1.0.2,$G).*Iif: up0.*Oifs:.*tun0" \
        || { ns px ip mroute show table all; fail "$kind: table 1 lacks (10.1.0.2,$G) up0 -> tun0"; }
    ns px ip mroute show table 2 | grep -q "(10.5.0.2,$G).*Iif: up1.*Oifs: dn3" \
        || { ns px ip mroute show table all; fail "$kind: table 2 lacks (10.5.0.2,$G) up1 -> dn3"; }
    ns px ip mroute show table 1 | grep -q "10.5.0.2" && fail "$kind: instance A's table has instance B's source"
    ns px ip mroute show table 2 | grep -q "10.1.0.2" && fail "$kind: instance B's table has instance A's source"
    log "ok: each table holds its own instance's entries"
    sleep 1
    stop_recv "$c1_PID"; stop_recv "$c2_PID"; stop_recv "$c3_PID"
    kill "$send1" "$send2" 2>/dev/null
    assert_ge "$(value received < "$WORK/c1.out")" 50 "$kind: packets at c1 (instance A, dn0)"
    assert_ge "$(value received < "$WORK/c2.out")" 50 "$kind: packets at c2 through the tunnel (instance A)"
    assert_ge "$(value received < "$WORK/c3.out")" 50 "$kind: packets at c3 (instance B)"
    assert_eq "$(value sources < "$WORK/c1.out")" 10.1.0.2 "$kind: sources seen by c1"
    assert_eq "$(value sources < "$WORK/c2.out")" 10.1.0.2 "$kind: sources seen by c2"
    assert_eq "$(value sources < "$WORK/c3.out")" 10.5.0.2 "$kind: sources seen by c3"
    stop_proxy "$PROXY_PID"
    assert_eq "$STOP_RC" 0 "$kind: exit status after SIGTERM"
    assert_eq "$(ns px ip mroute show table all | grep -c .)" 0 "$kind: forwarding entries left after exit"
    assert_eq "$(ns px ip mrule show | grep -c "lookup [0-9]")" 0 "$kind: policy rules left after exit"
    ns px ip link del tun0; ns c2 ip link del tun0
    : >"$WORK/proxy-px.log"
}

run_variant gretap
run_variant gre
log "PASS"
