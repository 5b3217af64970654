#!/usr/bin/env bash
# The upstream appears after the clients joined (PPPoE comes up after the LAN at boot), then is
# deleted and re-created with a new ifindex (a PPPoE reconnect). Each time, within 2 s:
#  - the joined group is subscribed on the new upstream (px's host stack is a member there),
#  - the stream from above reaches the client (the upper router forwards only what px asked for),
#  - data a downstream host sends reaches the upstream link (its route is recomputed).
#   feed (10.7.0.2) -- up0 [isp: upper proxy] dn0 (10.1.0.1) ~~ late ~~ (10.1.0.2) up0 [px] dn0 -- c1
source "$(dirname "$0")/lib.sh"
add_ns feed; add_ns isp; add_ns px; add_ns c1
link feed eth0 isp up0
addr feed eth0 10.7.0.2/24; addr isp up0 10.7.0.1/24
link px dn0 c1 eth0
addr px dn0 10.2.0.1/24; addr c1 eth0 10.2.0.2/24
for n in feed c1; do ns "$n" ip route add 224.0.0.0/4 dev eth0; done
for n in isp px; do ns "$n" sysctl -qw net.ipv4.ip_forward=1; done
G=239.6.6.6    # from feed, above the upper proxy, down to c1
G2=239.6.6.7   # from c1, a source below px, up to the upstream link
printf 'protocol IGMPv3;\npinstance isp: up0 ==> dn0;\n' > "$WORK/isp.conf"
printf 'protocol IGMPv3;\npinstance home: up0 ==> dn0;\n' > "$WORK/home.conf"

MCPROXY_SOCKET=$WORK/isp.sock start_proxy isp "$WORK/isp.conf"
ISP_PID=$PROXY_PID
start_proxy px "$WORK/home.conf" -v
grep -q "up0 does not exist yet" "$WORK/proxy-px.log" || fail "no 'waiting for up0' message"

# Bounded traffic for the whole test (at most 60 s): feed sends G, c1 joins G and sends G2, 10 ms apart.
send_bg feed -i eth0 -g "$G" -n 6000 -r 10
send_bg c1 -i eth0 -g "$G2" -n 6000 -r 10
recv_bg c1 c1 -i eth0 -g "$G" -t 60
sleep 1   # c1's join is in px's membership table before the upstream exists
ns px ip mroute show | grep -q "(10.2.0.2,$G2).*Iif: dn0" || { ns px ip mroute show; fail "no route for c1's data before the upstream exists"; }

uptime_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# member_on_up0: px's host stack has joined G on up0 (what goes out as its reports).
member_on_up0() {
    local hex
    hex=$(printf '%02X%02X%02X%02X' 6 6 6 239)
    ns px awk -v g="$hex" '/up0/{on=1; next} /^[0-9]/{on=0} on && $1==g {found=1} END{exit !found}' /proc/net/igmp
}

# upstream_appears LABEL: creates the px<->isp link and checks the three things within 2 s of
# both ends being up (the addresses follow, as a PPPoE link gets its own a moment later).
upstream_appears() {
    local label=$1 t0
    link isp dn0 px up0   # both ends up: the upstream appears now
    t0=$(uptime_ms)
    ns c1 "$MCTOOL" sniff -i eth0 -g "$G" -t 2 -q > "$WORK/c1-$label.out" &
    PIDS+=("$!"); local down=$!
    ns isp "$MCTOOL" sniff -i dn0 -g "$G2" -t 2 -q > "$WORK/isp-$label.out" &
    PIDS+=("$!"); local up=$!
    addr isp dn0 10.1.0.1/24; addr px up0 10.1.0.2/24
    local t
    while :; do
        t=$(( $(uptime_ms) - t0 ))   # the check that succeeds started this long after the link came up
        member_on_up0 && break
        [ "$t" -le 2000 ] || { ns px cat /proc/net/igmp; fail "$label: $G not subscribed on up0 within 2 s"; }
        sleep 0.05
    done
    log "ok: $label: $G subscribed on the upstream (seen by a check started $t ms after the link came up)"
    wait "$up"
    assert_ge "$(value seen < "$WORK/isp-$label.out")" 1 "$label: packets of c1's $G2 on the upstream link within 2 s"
    wait "$down"
    assert_ge "$(value seen < "$WORK/c1-$label.out")" 1 "$label: packets of $G from above at c1 within 2 s"
}

upstream_appears created
old=$(ns px cat /sys/class/net/up0/ifindex)

# Deleted (both ends of the veth go) and re-created under the same name with a new ifindex.
ns px ip link del up0
for _ in $(seq 40); do ns px ip mroute show | grep -q "Iif: up0" || break; sleep 0.05; done
upstream_appears re-created
new=$(ns px cat /sys/class/net/up0/ifindex)
[ "$old" != "$new" ] || fail "test setup: ifindex of up0 did not change ($old)"
log "ok: up0's ifindex went from $old to $new"

stop_proxy "$PROXY_PID"; assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
stop_proxy "$ISP_PID"; assert_eq "$STOP_RC" 0 "upper proxy exit status"
assert_eq "$(ns px cat /proc/net/ip_mr_vif | tail -n +2 | wc -l)" 0 "vifs left after exit"
log "PASS"
