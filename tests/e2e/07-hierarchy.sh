#!/usr/bin/env bash
# Startup Guide scenario 3: two proxies chained (a hierarchy), both with -r. The lower proxy's
# upstream is the upper proxy's downstream; a client below the lower proxy joins and gets the
# stream from the source above the upper one. The source is not on a subnet the lower proxy
# has a route to, with strict rp_filter set there; -r turns rp_filter off on the upstream only
# (the downstream keeps its filtering) while running and restores each saved value (not just 1)
# on exit; values left by a SIGKILL are restored by the next start.
#   src (10.1.0.2) -- up0 [px] dn0 (10.2.0.1) -- (10.2.0.2) up0 [px2] dn0 (10.6.0.1) -- c3 (10.6.0.2)
source "$(dirname "$0")/lib.sh"
topo_basic
add_ns px2; add_ns c3
# Re-plumb: c1's link becomes px2's upstream.
ip netns del "${P}c1"
link px2 up0 px dn0x
ns px ip link del dn0 2>/dev/null  # usually gone with c1's namespace already
# Kernels before 6.2 refuse to rename an interface that is up (EBUSY; 5.10 here), so down first.
ns px ip link set dn0x down
ns px ip link set dn0x name dn0 || fail "cannot rename dn0x to dn0"
ns px ip link set dn0 up
addr px dn0 10.2.0.1/24; addr px2 up0 10.2.0.2/24
link px2 dn0 c3 eth0
addr px2 dn0 10.6.0.1/24; addr c3 eth0 10.6.0.2/24
ns px2 ip route add default via 10.2.0.1
ns c3 ip route add 224.0.0.0/4 dev eth0
ns px2 sysctl -qw net.ipv4.ip_forward=1
# Strict reverse path filtering on the lower proxy: 10.1.0.2 is not reachable via up0 there.
ns px2 ip route del default
ns px2 sysctl -qw net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.up0.rp_filter=2 net.ipv4.conf.dn0.rp_filter=1
G=239.8.8.8
# The upper proxy speaks IGMPv2 (like many providers' queriers); the lower one IGMPv3 to its
# clients. The lower starts first, so its upstream hears the upper's first (IGMPv2) query and
# its kernel host side falls back to IGMPv2 there, which its status shows.
printf 'protocol IGMPv2;\npinstance top: up0 ==> dn0 dn1;\n' > "$WORK/top.conf"
printf 'protocol IGMPv3;\npinstance lower: up0 ==> dn0;\n' > "$WORK/lower.conf"
# Two daemons at once: each needs its own control socket.
MCPROXY_SOCKET=$WORK/lower.sock start_proxy px2 "$WORK/lower.conf" -r
LOWER_PID=$PROXY_PID
start_proxy px "$WORK/top.conf" -r
TOP_PID=$PROXY_PID
sleep 0.5
MCPROXY_SOCKET=$WORK/lower.sock "$MCPROXY" show interfaces > "$WORK/lower-if.txt" || fail "show interfaces on the lower proxy"
grep -q "up0 .*upstream.*host side IGMPv2" "$WORK/lower-if.txt" || { cat "$WORK/lower-if.txt"; fail "lower proxy's status does not show its upstream host side in IGMPv2"; }
log "ok: the lower proxy shows its upstream host side following the IGMPv2 querier above"
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 0 "rp_filter on the lower proxy's upstream while running"
# Only upstreams: the downstream keeps its strict filtering (effective = max(all, own) = 1).
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/dn0/rp_filter)" 1 "rp_filter on the lower proxy's downstream while running"
recv_bg c3 c3 -i eth0 -g "$G" -t 4
sleep 0.5
send_bg src -i eth0 -g "$G" -n 150 -r 20
# The route, looked at while c3 is still joined (after its leave the outputs go, which a slow
# check under emulation could see).
route=no
for _ in $(seq 30); do
    ns px2 ip mroute show | grep -q "(10.1.0.2,$G).*Iif: up0.*Oifs: dn0" && { route=yes; break; }
    sleep 0.1
done
[ "$route" = yes ] || { ns px2 ip mroute show; fail "lower proxy lacks the route"; }
wait "$c3_PID"
assert_ge "$(value received < "$WORK/c3.out")" 50 "packets two proxies down (IGMPv3 below, IGMPv2 above)"
stop_proxy "$LOWER_PID"; assert_eq "$STOP_RC" 0 "lower proxy exit status"
stop_proxy "$TOP_PID"; assert_eq "$STOP_RC" 0 "upper proxy exit status"
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 2 "rp_filter of up0 restored to its saved value (2, loose)"
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/dn0/rp_filter)" 1 "rp_filter of dn0 restored (1)"
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/all/rp_filter)" 1 "rp_filter of all restored (1)"
# An unclean exit (SIGKILL) leaves the values changed; the next start puts them back, -r or not.
MCPROXY_SOCKET=$WORK/lower.sock start_proxy px2 "$WORK/lower.conf" -r
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 0 "rp_filter of up0 under -r"
kill -KILL "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 0 "rp_filter of up0 after SIGKILL (left changed)"
MCPROXY_SOCKET=$WORK/lower.sock start_proxy px2 "$WORK/lower.conf"
grep -q "restored rp_filter of .*up0.*did not exit cleanly" "$WORK/proxy-px2.log" || { cat "$WORK/proxy-px2.log"; fail "no notice of the restored rp_filter"; }
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 2 "rp_filter of up0 restored by the next start"
assert_eq "$(ns px2 cat /proc/sys/net/ipv4/conf/all/rp_filter)" 1 "rp_filter of all restored by the next start"
stop_proxy "$PROXY_PID"; assert_eq "$STOP_RC" 0 "exit status of the restarted lower proxy"
log "PASS"
