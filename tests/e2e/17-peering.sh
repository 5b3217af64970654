#!/usr/bin/env bash
# Issue 14 item 4: our own reports on a peering interface. `ap` is upstream and downstream of one
# instance (the spec's example D; an interface in two instances is a configuration error). px's
# host stack joins a group on ap for the viewer below a2; the kernel loops that report back to
# px's raw socket (px joined 224.0.0.22 on ap, as on every downstream). That echo must not count
# as a listener on ap: it would be merged toward the next upstream (a1), so the one join below
# shows up twice upstream, and it would answer px's own queries on ap.
#   peer (10.4.0.2) -- ap [px] a1 (10.1.0.1) -- isp (10.1.0.2)
#                          a2 (10.2.0.1) -- c1 (10.2.0.2)
# Asserts: the join below appears on exactly one upstream (ap, the first by priority), the echo
# is counted as an own report, and after the viewer leaves the group is gone from both
# upstreams within the normal leave bound (LMQT 2 s; 10 s allowed under emulation).
source "$(dirname "$0")/lib.sh"
add_ns px; add_ns peer; add_ns isp; add_ns c1
link px ap peer eth0
link px a1 isp eth0
link px a2 c1 eth0
addr px ap 10.4.0.1/24; addr peer eth0 10.4.0.2/24
addr px a1 10.1.0.1/24; addr isp eth0 10.1.0.2/24
addr px a2 10.2.0.1/24; addr c1 eth0 10.2.0.2/24
ns c1 ip route add 224.0.0.0/4 dev eth0
ns px sysctl -qw net.ipv4.ip_forward=1
G=239.7.7.7
printf 'protocol IGMPv3;\npinstance A: ap a1 ==> ap a2;\n' > "$WORK/peering.conf"
start_proxy px "$WORK/peering.conf" -v

# joined_on IF: how often px's host stack is a member of G on IF (its upstream joins).
joined_on() { ns px ip -4 maddr show dev "$1" | grep -c " $G\$"; }

recv_bg c1 c1 -i eth0 -g "$G" -t 30
wait_line "$WORK/proxy-px.log" "upstream ap: $G EXCLUDE" 5 || { cat "$WORK/proxy-px.log"; fail "no join of $G on ap"; }
# The echo of that join comes back within milliseconds; give a wrong join on a1 time to happen.
sleep 2
on_ap=$(joined_on ap); on_a1=$(joined_on a1)
[ "$on_a1" = 0 ] || { cat "$WORK/proxy-px.log"; ns px "$MCPROXY" show -v; fail "$G joined on a1 too: our own report on ap counted as a listener"; }
assert_eq "$((on_ap + on_a1))" 1 "upstream joins of $G for one viewer below (ap $on_ap, a1 $on_a1)"
st=$(ns px "$MCPROXY" show -v | awk 'index($0, "downstream ap ")==1 || index($0, "peering ap ")==1 {on=1} on && /counters:/ {print; exit}')
own=$(sed -nE 's/.* own reports ([0-9]+).*/\1/p' <<<"$st")
assert_ge "$own" 1 "own reports counted on ap"

# The viewer leaves: gone upstream within LMQT (2 s) plus the reports' way and this loop's own
# cost (two commands a turn, slow under emulation): 10 s.
left=$(awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime)
kill -USR1 "$c1_PID"
for _ in $(seq 100); do
    [ "$(joined_on ap)" = 0 ] && [ "$(joined_on a1)" = 0 ] && break
    sleep 0.1
done
gone=$(awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime)
[ "$(joined_on ap)" = 0 ] && [ "$(joined_on a1)" = 0 ] || { cat "$WORK/proxy-px.log"; fail "$G still joined upstream 10 s after the viewer left"; }
log "ok: $G left upstream $((gone - left)) ms after the viewer left"
stop_recv "$c1_PID"
stop_proxy "$PROXY_PID"; assert_eq "$STOP_RC" 0 "proxy exit status"
log "PASS"
