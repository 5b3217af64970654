#!/usr/bin/env bash
# Issue 13 item 3: unbounded routes from data. The LAN host atk sends UDP datagrams from random
# hosts of its /24 to random groups 239.x.y.z (a new (S,G) almost every packet: each one a
# NOCACHE upcall, a route and a kernel entry), RATE per second for FLOOD_S seconds (bounded:
# inject caps count and time; under TCG the achieved rate is what the VM can do, printed).
# Halfway through, the viewer c1 on the same LAN joins G and the stream starts upstream right
# after (as a provider delivers on a join): its first packet must get a NOCACHE through the
# flood and its report must get through the routing socket.
# Asserts: the kernel's resolved entries with input br0 never exceed the per-interface bound
# (default max_routes 2048 -> 1024 per interface) and all resolved entries stay within the
# instance's bound, and `mcproxy show routes` counts the evictions once br0 reached its bound;
# the daemon's RSS grows by at most RSS_BOUND_KIB; c1's first datagram arrives
# within JOIN_BOUND_MS of its join; after the flood the kernel's unresolved entries (those whose
# upcall still waits in the routing socket's buffer, or that the kernel drops after 10 s) are gone.
# Figures for the per-attack table: achieved rate, RSS before/after, largest MFC count, join time.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/lan.sh"
INJECT=$(e2e_tool inject) || exit 1
G=239.1.2.3
RATE=${RATE:-5000}
FLOOD_S=${FLOOD_S:-20}
PER_INPUT=1024
MAX_ROUTES=2048
RSS_BOUND_KIB=${RSS_BOUND_KIB:-8192}
JOIN_BOUND_MS=${JOIN_BOUND_MS:-2000}

rss() { awk '/VmRSS/{print $2}' "/proc/$PROXY_PID/status"; }
# mfc_counts: "RESOLVED UNRESOLVED BR0" entries of the kernel's table (BR0: resolved with input br0).
mfc_counts() {
    ns px ip mroute show | awk '/^\(/ && /State: resolved/ {r++} /^\(/ && !/State: resolved/ {u++}
        /Iif: br0/ && /State: resolved/ {b++} END {print r+0, u+0, b+0}'
}

topo_lan
lan_config "$WORK/flood.toml"
start_proxy px "$WORK/flood.toml"
sleep 1
rss_before=$(rss)
log "daemon RSS before the flood: $rss_before KiB"

ns atk "$INJECT" dataflood -i eth0 -r "$RATE" -t "$FLOOD_S" -c $((RATE * FLOOD_S)) > "$WORK/flood.out" 2>&1 &
FLOOD_PID=$!
PIDS+=("$FLOOD_PID")
max_all=0; max_br0=0; max_unres=0
sample() {
    local all unres br0
    read -r all unres br0 < <(mfc_counts)
    [ "$all" -gt "$max_all" ] && max_all=$all
    [ "$br0" -gt "$max_br0" ] && max_br0=$br0
    [ "$unres" -gt "$max_unres" ] && max_unres=$unres
    log "kernel MFC: $all resolved ($br0 from br0), $unres unresolved; daemon RSS $(rss) KiB"
}
for _ in $(seq $((FLOOD_S / 4))); do sleep 2; sample; done

# Halfway: the viewer joins, the stream starts upstream.
recv_bg c1 c1 -i eth0 -g "$G" -t 8
sleep 0.3
send_bg src -i eth0 -g "$G" -n 350 -r 20
while kill -0 "$FLOOD_PID" 2>/dev/null; do sleep 2; sample; done
wait "$FLOOD_PID"
sample
sleep 3
read -r _ unres_after _ < <(mfc_counts)
finish_recv c1
sent=$(value sent < "$WORK/flood.out"); rate=$(value rate < "$WORK/flood.out")
rss_after=$(rss)
first=$(value first_ms < "$WORK/c1.out")
log "FIGURES: flood $sent datagrams in $(value elapsed_ms < "$WORK/flood.out") ms (achieved $rate/s of $RATE/s asked);" \
    "RSS before $rss_before KiB, after $rss_after KiB (+$((rss_after - rss_before)) KiB);" \
    "largest MFC $max_all resolved entries ($max_br0 from br0) and $max_unres unresolved;" \
    "viewer join -> first datagram $first ms"
grep -m1 "route limit reached" "$WORK/proxy-px.log" || log "(no route-limit warning in the log)"
# The operator sees the evictions in "mcproxy show routes" ("routes: N  evicted M (max_routes)").
evicted=$(ns px "$MCPROXY" show routes | sed -nE 's/^routes: [0-9]+  evicted ([0-9]+) \(max_routes\)$/\1/p')
assert_ge "$sent" $((PER_INPUT * 2)) "datagrams sent by the flood (enough to pass the limit twice)"
assert_le "$max_br0" "$PER_INPUT" "resolved kernel entries from br0 (the per-interface bound)"
assert_le "$max_all" "$MAX_ROUTES" "resolved kernel entries in all (the instance bound)"
[ "$max_br0" -lt "$PER_INPUT" ] || assert_ge "${evicted:-0}" 1 "routes evicted per mcproxy show (br0 reached its bound while new (S,G) kept coming)"
assert_le "$unres_after" 0 "unresolved kernel entries 3 s after the flood"
assert_le "$((rss_after - rss_before))" "$RSS_BOUND_KIB" "daemon RSS growth over the flood (KiB)"
[ "${first:--1}" -ge 0 ] || fail "the viewer's stream never arrived during the flood"
assert_le "$first" "$JOIN_BOUND_MS" "viewer's join to its first datagram during the flood (ms)"
assert_ge "$(value received < "$WORK/c1.out")" 100 "datagrams at the viewer"
daemon_usage
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
