#!/usr/bin/env bash
# Issue 13 item 5: one host must not lock the others out of the interface's limits. With
# max_groups = 64 on br0 (host_share 25 %: 16 groups per host), the host atk keeps joining 400
# groups (IGMPv3 reports, 40 records each, from its own address) for about 10 s while the viewer
# c1 on the same LAN joins a channel.
# Asserts: c1's data arrives within JOIN_BOUND_MS of its join during the flood; br0 holds at
# most 16 of atk's groups plus c1's; the refusals are counted as host share hits.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/lan.sh"
INJECT=$(e2e_tool inject) || exit 1
G=239.1.2.3
JOIN_BOUND_MS=${JOIN_BOUND_MS:-2000}

topo_lan
lan_config "$WORK/share.toml" "max_groups = 64"
start_proxy px "$WORK/share.toml" -v
send_bg src -i eth0 -g "$G" -n 700 -r 20

# The flood: 10 rounds of 400 joins (10 reports of 40 records each), one every second.
(
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        ns atk "$INJECT" joinmany -i eth0 -g 239.50.0.1 -n 400 -r 100 > /dev/null || exit 1
        sleep 1
    done
) &
FLOOD_PID=$!
PIDS+=("$FLOOD_PID")
sleep 3
recv_bg c1 c1 -i eth0 -g "$G" -t 4
wait "$c1_PID"
first=$(value first_ms < "$WORK/c1.out")
[ "${first:--1}" -ge 0 ] || { br0_status -v; fail "the viewer got no data during the flood"; }
assert_le "$first" "$JOIN_BOUND_MS" "join -> first packet for the viewer during the flood (ms)"
assert_ge "$(value received < "$WORK/c1.out")" 20 "packets at the viewer"
st=$(br0_status -v)
groups=$(sed -nE 's/^  groups: ([0-9]+).*/\1/p' <<<"$st")
assert_le "$groups" 17 "groups on br0 (16 for the flooding host + the viewer's)"
assert_ge "$(counter 'host share' <<<"$st")" 100 "refusals counted as host share hits"
wait "$FLOOD_PID" || fail "the flood could not be sent"
kill -0 "$PROXY_PID" 2>/dev/null || fail "daemon died"
daemon_usage
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
