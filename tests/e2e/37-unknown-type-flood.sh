#!/usr/bin/env bash
# Hardening (issue 13 item 4): a flood of IGMP messages of an unknown type (0x13, DVMRP) from c1
# on dn0 must not stall the event loop. Such packets were skipped inside the socket's receive
# call, outside the 256-datagram budget and every counter: once they arrive faster than the
# daemon reads them, the daemon never comes back to its timers, its control socket or SIGTERM.
#
# A real router pays the receive path of every packet on its own CPU (softirq, which runs before
# any task); here the sender's namespace would pay it, so phase 2 moves that work onto the
# daemon's CPU: receive packet steering (RPS) puts dn0's receive processing on CPU 0, the daemon
# runs on CPU 0 at a lower priority, the flood is sent from CPU 1. Under the test VM's emulation
# this still does not outrun the daemon's reads (the old code's stall did not show there): what
# fails deterministically on the old code is phase 1's count, and the kernel unit test
# MrouteSocket4Tests.EveryIgmpPacketOfAnUnknownTypeIsOneDroppedEvent (one event per datagram).
# The floods are bounded in rate, count and time.
#
# Asserts, phase 1 (a flood the daemon keeps up with): every flood packet is counted
# (status: unknown-type drops on dn0), and c2's join on dn1 gets its data within JOIN_BOUND_MS.
# Phase 2 (a flood that saturates the daemon's CPU): SIGTERM ends the daemon within STOP_BOUND_MS,
# exit status 0, no vif and no forwarding entry left in the kernel.
source "$(dirname "$0")/lib.sh"
INJECT=$(e2e_tool inject) || exit 1
JOIN_BOUND_MS=${JOIN_BOUND_MS:-2000}
STOP_BOUND_MS=${STOP_BOUND_MS:-2000}
RATE1=${FLOOD_RATE:-1000}
SECONDS1=4
SECONDS2=12

topo_basic
cat > "$WORK/u.toml" <<EOF
protocol = "IGMPv3"

[[instance]]
name = "u"
upstreams = ["up0"]
downstreams = ["dn0", "dn1"]
EOF
start_proxy px "$WORK/u.toml"
sleep 0.5
unknown_drops() {  # unknown-type drops counted on dn0 (status JSON)
    "$MCPROXY" show interfaces --json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
print(sum(f["drops"].get("unknown-type", 0) for i in doc["instances"] for f in i["interfaces"] if f["name"] == "dn0"))'
}

# Phase 1: 1,000 packets/s for 4 s; c2 joins on dn1 one second in.
log "phase 1: $RATE1 type-0x13 packets/s for $SECONDS1 s into dn0; c2 joins on dn1"
ns c1 "$INJECT" flood -i eth0 -T 19 -r "$RATE1" -t "$SECONDS1" -c $((RATE1 * SECONDS1)) -x 3 > "$WORK/flood1.out" 2>&1 &
FLOOD_PID=$!; PIDS+=("$FLOOD_PID")
send_bg src -i eth0 -g 239.1.2.3 -n 400 -r 50
sleep 1
recv_bg c2 c2 -i eth0 -g 239.1.2.3 -t 3
wait "$c2_PID"
wait "$FLOOD_PID"
SENT1=$(value sent < "$WORK/flood1.out")
FIRST=$(value first_ms < "$WORK/c2.out")
[ "${FIRST:--1}" -ge 0 ] || fail "c2's join on dn1 got no data during the flood"
assert_le "$FIRST" "$JOIN_BOUND_MS" "join on dn1 -> first packet during the flood (ms)"
sleep 0.5
COUNTED=$(unknown_drops) || fail "show interfaces --json failed"
log "flood sent $SENT1 packets; the daemon counted $COUNTED unknown-type drops on dn0"
# Some may be lost in the socket's receive queue; none may go uncounted once read.
assert_ge "$COUNTED" $((SENT1 * 9 / 10)) "unknown-type drops counted on dn0 (of $SENT1 sent)"

# Phase 2: saturate the CPU the daemon shares with dn0's receive path, then SIGTERM.
ns px sh -c 'echo 1 > /sys/class/net/dn0/queues/rx-0/rps_cpus' || fail "cannot set RPS on dn0"
taskset -pc 0 "$PROXY_PID" >/dev/null || fail "taskset"
renice -n 10 -p "$PROXY_PID" >/dev/null || fail "renice"
log "phase 2: flood at full speed for up to $SECONDS2 s from CPU 1, SIGTERM 3 s in"
ns c1 taskset -c 1 "$INJECT" flood -i eth0 -T 19 -r 100000 -t "$SECONDS2" -c 2000000 -x 5 > "$WORK/flood2.out" 2>&1 &
FLOOD_PID=$!; PIDS+=("$FLOOD_PID")
sleep 3
kill -0 "$FLOOD_PID" 2>/dev/null || fail "the flood ended early: $(cat "$WORK/flood2.out")"
T0=$(date +%s%3N)
kill -TERM "$PROXY_PID"
while kill -0 "$PROXY_PID" 2>/dev/null && [ $(( $(date +%s%3N) - T0 )) -lt 30000 ]; do sleep 0.05; done
T1=$(date +%s%3N)
FLOOD_LEFT=no; kill -0 "$FLOOD_PID" 2>/dev/null && FLOOD_LEFT=yes
STOP_RC=0; kill -0 "$PROXY_PID" 2>/dev/null && STOP_RC=killed
wait "$FLOOD_PID"
log "flood: $(tr '\n' ' ' < "$WORK/flood2.out")(still running at the daemon's exit: $FLOOD_LEFT)"
[ "$STOP_RC" = killed ] && fail "the daemon ignored SIGTERM for 30 s"
wait "$PROXY_PID" || STOP_RC=$?
assert_le $((T1 - T0)) "$STOP_BOUND_MS" "SIGTERM -> exit during the flood (ms)"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
assert_eq "$(ns px cat /proc/net/ip_mr_vif | tail -n +2 | wc -l)" 0 "vifs left after exit"
assert_eq "$(ns px cat /proc/net/ip_mr_cache | tail -n +2 | wc -l)" 0 "forwarding entries left after exit"
log "PASS"
