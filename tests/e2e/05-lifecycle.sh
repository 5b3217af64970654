#!/usr/bin/env bash
# Interfaces come and go; the daemon dies and restarts; a second daemon wants the same table.
#  - a configured downstream that does not exist at start is waited for and attached when it appears
#  - down -> its vif goes; up -> back; deleted and re-created (new ifindex, as after a PPPoE reconnect)
#    -> attached again; the other downstream's stream is not disturbed by any of it
#  - kill -9 then restart works; a second daemon on the same table fails fast with exit 69
source "$(dirname "$0")/lib.sh"
topo_basic
add_ns c3
G=239.5.5.5
printf 'protocol IGMPv3;\npinstance life: up0 ==> dn0 late0;\n' > "$WORK/life.conf"

has_vif() { ns px cat /proc/net/ip_mr_vif | grep -q " $1 "; }
wait_vif() {  # wait_vif IF present|absent
    local i
    for i in $(seq 40); do
        if [ "$2" = present ]; then has_vif "$1" && return 0; else has_vif "$1" || return 0; fi
        sleep 0.05
    done
    ns px cat /proc/net/ip_mr_vif
    fail "vif of $1 not $2 within 2 s"
}
# A source for the whole test (bounded: at most 60 s), and c1 receiving on dn0 throughout;
# both are stopped at the end, so the test's pace (slow under emulation) does not matter.
send_bg src -i eth0 -g "$G" -n 6000 -r 10
SRC_PID=$SEND_PID
recv_bg c1 c1 -i eth0 -g "$G" -t 60

start_proxy px "$WORK/life.conf" -v
grep -q "late0 does not exist yet" "$WORK/proxy-px.log" || fail "no 'waiting for late0' message"
has_vif late0 && fail "late0 has a vif before it exists"
log "ok: started without late0, waiting for it"
# c1 joined before the daemon ran, so its unsolicited reports may have gone unheard; then it
# answers the startup query after a random delay of up to Max Resp (10 s). The disturbances
# below start once it is subscribed, so that its count measures them and not that delay.
wait_line "$WORK/proxy-px.log" "upstream up0: $G" 12 || fail "c1's join did not reach the upstream within 12 s"

# late0 appears: a veth px:late0 <-> c3:eth0.
link px late0 c3 eth0
addr px late0 10.4.0.1/24; addr c3 eth0 10.4.0.2/24
ns c3 ip route add 224.0.0.0/4 dev eth0
wait_vif late0 present
log "ok: late0 attached when it appeared"
ns c3 "$MCTOOL" recv -i eth0 -g "$G" -t 2 > "$WORK/c3a.out"
assert_ge "$(value received < "$WORK/c3a.out")" 50 "packets on the late interface"

# Down: vif removed. Up: back, and its client gets data again.
ns px ip link set late0 down
wait_vif late0 absent
log "ok: late0 detached when down"
ns px ip link set late0 up
wait_vif late0 present
ns c3 "$MCTOOL" recv -i eth0 -g "$G" -t 2 > "$WORK/c3b.out"
assert_ge "$(value received < "$WORK/c3b.out")" 50 "packets after down/up"

# Deleted and re-created: a new ifindex under the same name.
old=$(ns px cat /sys/class/net/late0/ifindex)
ns px ip link del late0
wait_vif late0 absent
link px late0 c3 eth0
addr px late0 10.4.0.1/24; addr c3 eth0 10.4.0.2/24
ns c3 ip route add 224.0.0.0/4 dev eth0 2>/dev/null
new=$(ns px cat /sys/class/net/late0/ifindex)
[ "$old" != "$new" ] || fail "test setup: ifindex did not change"
wait_vif late0 present
ns c3 "$MCTOOL" recv -i eth0 -g "$G" -t 2 > "$WORK/c3c.out"
assert_ge "$(value received < "$WORK/c3c.out")" 50 "packets after re-creation (ifindex $old -> $new)"

# dn0's client was never disturbed: the stream (a packet every 10 ms) kept arriving with no
# silence a viewer would notice. (Under emulation the source sends slower than its nominal rate,
# so the count bound is loose; the gap bound is what a viewer sees.)
stop_recv "$c1_PID"
kill "$SRC_PID" 2>/dev/null
assert_ge "$(value received < "$WORK/c1.out")" 500 "packets at the undisturbed client during all of it"
assert_le "$(value max_gap_ms < "$WORK/c1.out")" 1000 "longest silence at the undisturbed client (ms)"

# A second daemon on the same (default) table fails fast and clearly.
rc=0
ns px timeout 10 "$MCPROXY" -f "$WORK/life.conf" > "$WORK/second.log" 2>&1 || rc=$?
assert_eq "$rc" 69 "exit status of a second daemon on the same table"
grep -q "in use by another multicast router" "$WORK/second.log" || { cat "$WORK/second.log"; fail "unclear message for the second daemon"; }

# kill -9, then a restart works and forwards again.
kill -KILL "$PROXY_PID"
wait "$PROXY_PID" 2>/dev/null || true
start_proxy px "$WORK/life.conf"
send_bg src -i eth0 -g "$G" -n 300 -r 10
ns c1 "$MCTOOL" recv -i eth0 -g "$G" -t 2 > "$WORK/c1b.out"
assert_ge "$(value received < "$WORK/c1b.out")" 50 "packets after a restart following kill -9"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
assert_eq "$(ns px cat /proc/net/ip_mr_vif | tail -n +2 | wc -l)" 0 "vifs left after exit"
log "PASS"
