#!/usr/bin/env bash
# Issue 13 item 1: a rogue querier. A host on dn0 forges IGMPv3 general queries with QRV 7 and
# QQIC 255 (31744 s) that would win the election: from 0.0.0.1, from off-subnet 9.9.9.9 and,
# unicast to the proxy (where no viewer sees it), from 10.2.0.5, lower than the proxy's
# 10.2.0.200. Each is sent 3 times.
# Asserts: the proxy stays querier and keeps querying on schedule; the forged queries are
# counted (foreign queries, bad-destination drops); a viewer's leave still ends forwarding
# within the last member query time (2 s) + margin.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/lan.sh"
INJECT=$(e2e_tool inject) || exit 1
G=239.1.2.3
STOP_BOUND_MS=${STOP_BOUND_MS:-3500}

add_ns src; add_ns px; add_ns c1
link src eth0 px up0
link px dn0 c1 eth0
addr src eth0 10.1.0.2/24; addr px up0 10.1.0.1/24
addr px dn0 10.2.0.200/24; addr c1 eth0 10.2.0.2/24
ns src ip route add default via 10.1.0.1
ns c1 ip route add default via 10.2.0.200
ns px sysctl -qw net.ipv4.ip_forward=1
for n in src c1; do ns "$n" ip route add 224.0.0.0/4 dev eth0 2>/dev/null; done
# Queries every 8 s after two startup queries 2 s apart, so "keeps querying" shows quickly.
cat > "$WORK/rogue.toml" <<'TOML'
protocol = "IGMPv3"

[settings]
query_interval = "8s"
query_response_interval = "2s"
startup_query_interval = "2s"
startup_query_count = 2

[[instance]]
name = "rogue"
upstreams = ["up0"]
downstreams = ["dn0"]
TOML
start_proxy px "$WORK/rogue.toml" -v
recv_bg c1 c1 -i eth0 -g "$G" -t 120
sleep 0.5
send_bg src -i eth0 -g "$G" -n 4000 -r 20
sleep 2.5

ns c1 "$MCTOOL" cap -i eth0 -t 12 > "$WORK/queries.out" &
PIDS+=("$!"); cappid=$!
sleep 0.3
ns c1 "$INJECT" query -i eth0 -s 0.0.0.1 -d 224.0.0.1 -q 7 -Q 255 -n 3 -w 200 > /dev/null || fail "inject query"
ns c1 "$INJECT" query -i eth0 -s 9.9.9.9 -d 224.0.0.1 -q 7 -Q 255 -n 3 -w 200 > /dev/null || fail "inject query"
ns c1 "$INJECT" query -i eth0 -s 10.2.0.5 -d 10.2.0.200 -q 7 -Q 255 -n 3 -w 200 > /dev/null || fail "inject query"
sleep 1
st=$(ns px "$MCPROXY" show interfaces -v)
dn0=$(awk 'index($0, "downstream dn0 ")==1 {on=1; print; next} on && /^[^ ]/ {exit} on {print}' <<<"$st")
grep -qE "^  querier: IGMPv3  querier  own address 10.2.0.200" <<<"$dn0" || { printf '%s\n' "$dn0"; fail "the proxy is no longer the querier on dn0"; }
grep -qE "robustness 2  query interval 8s" <<<"$dn0" || { printf '%s\n' "$dn0"; fail "querier timers changed"; }
log "ok: still querier with its own timers after the forged queries"
foreign=$(sed -nE 's/.*  foreign queries ([0-9]+).*/\1/p' <<<"$dn0")
assert_eq "$foreign" 6 "foreign queries counted on dn0 (0.0.0.1 and 9.9.9.9, 3 each)"
grep -qE "dropped: .*bad-destination 3" <<<"$dn0" || { printf '%s\n' "$dn0"; fail "the 3 unicast queries were not dropped as bad-destination"; }
log "ok: unicast queries dropped as bad-destination"

wait "$cappid"
# The proxy keeps querying: general queries from 10.2.0.200 every 8 s go on after the forgery.
nq=$(grep -c "^query 10.2.0.200 IGMPv3 0.0.0.0 " "$WORK/queries.out")
assert_ge "$nq" 1 "general queries sent by the proxy in the 12 s after the forged ones"

# c1 leaves; the stream on its link must stop within LMQT (2 s) + margin.
ns c1 "$MCTOOL" sniff -i eth0 -g "$G" -t 20 > "$WORK/link.out" &
PIDS+=("$!"); sniffpid=$!
sleep 1
leave_now c1
wait "$sniffpid"
finish_recv c1
assert_ge "$(value seen < "$WORK/link.out")" 1 "packets on c1's link before its leave"
left_at=$(value left_at < "$WORK/c1.out")
last_at=$(value last_at < "$WORK/link.out")
[ -n "$left_at" ] && [ -n "$last_at" ] || fail "no leave time ($left_at) or no data seen on the link ($last_at)"
# Data flows on through the last member query round, so the last packet comes after the leave.
[ "$last_at" -gt "$left_at" ] || fail "the stream had stopped before the leave (last packet $((left_at - last_at)) ms before it)"
assert_le "$((last_at - left_at))" "$STOP_BOUND_MS" "leave -> last packet on c1's link (ms) after the forged queries"
daemon_usage
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
