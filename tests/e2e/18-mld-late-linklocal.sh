#!/usr/bin/env bash
# Issue 14 item 6: an MLD downstream without a link-local address yet (addrgenmode none, or
# duplicate address detection still running at boot). MLD queries must come from a link-local
# address (RFC 3810 §5.1.14), so none can be sent: the daemon says so once, not at every query
# that falls due. When the address is added (here with DAD: it is tentative for about a second
# and counts only once DAD is over) the startup queries go out (RFC 3810 §7.6.2).
#   src -- up0 [px] dn0 (no link-local) -- c1
# Startup queries every second, 3 of them, so an attempt per second falls due while there is
# no address. Asserts: exactly one warning about it; after the address is added an MLDv2 general
# query from it appears on the wire within 8 s (DAD included), and the startup queries follow.
source "$(dirname "$0")/lib.sh"
add_ns src; add_ns px; add_ns c1
link src eth0 px up0
link px dn0 c1 eth0
ns px ip link set dn0 down
ns px ip link set dn0 addrgenmode none
ns px ip -6 addr flush dev dn0
ns px ip link set dn0 up
ns px sysctl -qw net.ipv6.conf.dn0.accept_dad=1 net.ipv6.conf.dn0.dad_transmits=1
addr src eth0 fd01::2/64; addr px up0 fd01::1/64
ns px ip -6 addr show dev dn0 | grep -q fe80 && fail "dn0 has a link-local address already"
cat > "$WORK/late.toml" <<CONF
protocol = "MLDv2"
[[instance]]
name = "v6"
upstreams = ["up0"]
downstreams = ["dn0"]
[settings]
startup_query_interval = "1s"
startup_query_count = 3
CONF
ip netns exec "${P}c1" "$MCTOOL" cap -i eth0 -t 18 > "$WORK/cap.out" 2>&1 &
CAP_PID=$!; PIDS+=("$CAP_PID")
start_proxy px "$WORK/late.toml" -v
sleep 3.5   # four startup attempts (0, 1, 2 s) and more fall due without an address
grep -q "^query .* MLDv2" "$WORK/cap.out" && { cat "$WORK/cap.out"; fail "an MLD query went out before dn0 had a link-local address"; }

ns px ip -6 addr add fe80::77/64 dev dn0 || fail "cannot add the link-local address"
added=$(awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime)
wait_line "$WORK/cap.out" "^query fe80::77 MLDv2 :: " 8 || { cat "$WORK/cap.out" "$WORK/proxy-px.log"; fail "no MLDv2 general query from fe80::77 within 8 s of adding it (DAD takes 1-2 s)"; }
seen=$(awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime)
log "ok: general query from fe80::77 $((seen - added)) ms after the address was added (DAD included)"
sleep 3   # the other two startup queries, 1 s apart
wait "$CAP_PID" 2>/dev/null
queries=$(grep -c "^query fe80::77 MLDv2 :: " "$WORK/cap.out")
assert_ge "$queries" 3 "startup general queries after the address arrived"
warnings=$(grep -c "link-local address yet\|cannot send query" "$WORK/proxy-px.log")
assert_eq "$warnings" 1 "warnings about the missing link-local address (one, not one per query due)"
stop_proxy "$PROXY_PID"; assert_eq "$STOP_RC" 0 "proxy exit status"
log "PASS"
