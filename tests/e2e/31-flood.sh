#!/usr/bin/env bash
# Hardening: a bounded flood of valid IGMPv3 reports (random records on a pool of 300 groups, more
# than max_groups; random sources,
# random reporters of c1's /24; 2,000 reports/s for 10 s, inside the namespaces) into dn0 of a
# daemon configured with max_groups = 200, while c2 does a legitimate join on dn1.
# Asserts: c2's data arrives within JOIN_BOUND_MS of its join (measured during the flood), the
# upstream membership count stays within the configured limits, the daemon's RSS stays below
# RSS_BOUND_KB, and the daemon is alive and serving afterwards.
source "$(dirname "$0")/lib.sh"
INJECT=$(e2e_tool inject) || exit 1
RATE=${FLOOD_RATE:-2000}
SECONDS_=${FLOOD_SECONDS:-10}
MAX_GROUPS=200
JOIN_BOUND_MS=${JOIN_BOUND_MS:-2000}
RSS_BOUND_KB=${RSS_BOUND_KB:-30720}

topo_basic
cat > "$WORK/flood.toml" <<EOF
protocol = "IGMPv3"

[settings]
max_groups = $MAX_GROUPS

[[instance]]
name = "flood"
upstreams = ["up0"]
downstreams = ["dn0", "dn1"]
EOF
start_proxy px "$WORK/flood.toml"
sleep 0.5
rss() { awk '/VmRSS/{print $2}' "/proc/$PROXY_PID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PROXY_PID/stat"; }
upstream_count() {  # groups on up0 other than 224.0.0.x
    ns px awk '/^[0-9]/{on=($2=="up0")} on && length($1)==8 && $1 !~ /0000E0$/ && $1 ~ /^[0-9A-F]+$/ {n++} END{print n+0}' /proc/net/igmp
}
RSS0=$(rss); TICKS0=$(cpu_ticks)
log "idle RSS ${RSS0} KiB; flooding dn0 with $RATE reports/s for $SECONDS_ s"

ns c1 "$INJECT" flood -i eth0 -r "$RATE" -t "$SECONDS_" -c $((RATE * SECONDS_)) -G $((MAX_GROUPS * 3 / 2)) -S 4 -H -x 7 > "$WORK/flood.out" 2>&1 &
FLOOD_PID=$!
PIDS+=("$FLOOD_PID")
send_bg src -i eth0 -g 239.1.2.3 -n $(( (SECONDS_ + 4) * 100 )) -r 10

# Sample RSS and the upstream count while the flood runs; c2 joins 3 s into it.
MAXRSS=$RSS0; MAXUP=0
sample() {
    local r u
    r=$(rss); u=$(upstream_count)
    [ "${r:-0}" -gt "$MAXRSS" ] && MAXRSS=$r
    [ "$u" -gt "$MAXUP" ] && MAXUP=$u
}
for _ in 1 2 3 4 5 6; do sleep 0.5; sample; done
recv_bg c2 c2 -i eth0 -g 239.1.2.3 -t 5
while kill -0 "$FLOOD_PID" 2>/dev/null; do sleep 0.5; sample; done
wait "$c2_PID"
sample
TICKS1=$(cpu_ticks)
SENT=$(value sent < "$WORK/flood.out")
log "flood sent $SENT reports in $(value elapsed_ms < "$WORK/flood.out") ms; daemon CPU $(( (TICKS1 - TICKS0) * 10 )) ms"

kill -0 "$PROXY_PID" 2>/dev/null || fail "daemon died during the flood"
log "ok: daemon alive after the flood"
assert_ge "$SENT" $((RATE * SECONDS_ * 9 / 10)) "reports sent by the flood"
FIRST=$(value first_ms < "$WORK/c2.out")
[ "${FIRST:--1}" -ge 0 ] || fail "c2's legitimate join got no data during the flood"
assert_le "$FIRST" "$JOIN_BOUND_MS" "join -> first packet during the flood (ms)"
assert_ge "$(value received < "$WORK/c2.out")" 100 "packets received by c2 during the flood"
# dn0 may hold at most MAX_GROUPS groups, dn1 holds c2's one: that bounds the upstream set.
assert_le "$MAXUP" $((MAX_GROUPS + 1)) "peak upstream memberships on up0 (max_groups $MAX_GROUPS per downstream)"
assert_le "$MAXRSS" "$RSS_BOUND_KB" "peak daemon RSS during the flood (KiB; idle was $RSS0)"

# Still serving: a new join on dn1 afterwards. (dn0 itself is full: the flood's groups hold
# all max_groups places there until they time out, which is what the limit is for.)
recv_bg c2 c2b -i eth0 -g 239.1.2.4 -t 3
sleep 0.3
ns src "$MCTOOL" send -i eth0 -g 239.1.2.4 -n 100 -r 20 >/dev/null 2>&1
wait "$c2b_PID"
assert_ge "$(value received < "$WORK/c2b.out")" 40 "packets for a new join on dn1 after the flood"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
