#!/usr/bin/env bash
# Reload without disruption (SIGHUP): a stream through instance A keeps flowing without a gap while
# a reload changes instance B; a broken configuration, and one that cannot be applied (its table is
# held by another router), are reported and the old one keeps serving.
#   src  -- up0 [A] dn0 -- c1      (unchanged by every reload)
#   src2 -- up1 [B] dn1 -- c2      (B changes: first it has no downstream filter, then it gets one)
source "$(dirname "$0")/lib.sh"
topo_basic
add_ns src2
link src2 eth0 px up1
addr src2 eth0 10.5.0.2/24; addr px up1 10.5.0.1/24
ns src2 ip route add 224.0.0.0/4 dev eth0
G=239.3.3.3
cat > "$WORK/r.conf" <<CONF
protocol IGMPv3;
pinstance A: up0 ==> dn0;
pinstance B: up1 ==> dn1;
CONF
start_proxy px "$WORK/r.conf" -v
# Receivers and sources run until stopped after the reloads (bounded: 60 s, 6,000 packets), so
# the pace of the steps (slow under emulation) does not matter.
recv_bg c1 c1 -i eth0 -g "$G" -t 60
recv_bg c2 c2 -i eth0 -g "$G" -t 60
sleep 0.3
send_bg src -i eth0 -g "$G" -n 6000 -r 10
SRC1=$SEND_PID
send_bg src2 -i eth0 -g "$G" -n 6000 -r 10
SRC2=$SEND_PID
sleep 2
# Reload 1: B changes (a downstream blacklist for G), A does not.
cat > "$WORK/r.conf" <<CONF
protocol IGMPv3;
pinstance A: up0 ==> dn0;
pinstance B: up1 ==> dn1;
pinstance B downstream dn1 out blacklist table { ($G | *) };
CONF
kill -HUP "$PROXY_PID"
sleep 2
grep -q "reload done: 1 instance(s) unchanged, 1 stopped, 1 started" "$WORK/proxy-px.log" \
    || { cat "$WORK/proxy-px.log"; fail "reload did not report A unchanged and B restarted"; }
log "ok: reload restarted only the changed instance"
# B's new filter took effect: nothing for G on c2's link any more while both sources still send.
ns c2 "$MCTOOL" sniff -i eth0 -g "$G" -t 1 > "$WORK/c2-after.out"
kill -0 "$SRC2" 2>/dev/null || fail "test setup: src2 stopped before the check"
assert_eq "$(value seen < "$WORK/c2-after.out")" 0 "packets on c2's link after its instance got a blacklist"
# Reload 2: a broken file: reported, the running configuration stays.
printf 'protocol IGMPv3;\npinstance A: up0 ==> ;\n' > "$WORK/r.conf"
kill -HUP "$PROXY_PID"
sleep 1
grep -q "reload failed; the running configuration stays in force" "$WORK/proxy-px.log" || fail "broken reload not reported"
grep -q "r.conf:2:" "$WORK/proxy-px.log" || { cat "$WORK/proxy-px.log"; fail "broken reload without file:line"; }
kill -0 "$PROXY_PID" || fail "daemon died on a broken reload"
log "ok: broken configuration reported, daemon still serving"
# Reload 3: valid, but it cannot be applied: A moves to table 7, which another multicast router
# holds (a raw socket with MRT_TABLE 7 + MRT_INIT). Nothing may change: A keeps serving c1.
ns px python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
s.setsockopt(socket.IPPROTO_IP, 209, 7)   # MRT_TABLE
s.setsockopt(socket.IPPROTO_IP, 200, 1)   # MRT_INIT
print("held", flush=True)
time.sleep(20)' > "$WORK/holder.out" 2>&1 &
HOLDER=$!; PIDS+=("$HOLDER")
wait_line "$WORK/holder.out" '^held' 10 || fail "test setup: cannot hold table 7: $(cat "$WORK/holder.out")"
cat > "$WORK/r.conf" <<CONF
protocol IGMPv3;
pinstance A(7): up0 ==> dn0;
pinstance B: up1 ==> dn1;
pinstance B downstream dn1 out blacklist table { ($G | *) };
CONF
kill -HUP "$PROXY_PID"
sleep 1
[ "$(grep -c "reload failed; the running configuration stays in force" "$WORK/proxy-px.log")" -ge 2 ] \
    || { cat "$WORK/proxy-px.log"; fail "a reload that cannot be applied was not reported as failed"; }
grep -q "table 7 is in use" "$WORK/proxy-px.log" || fail "the failed reload does not say why"
kill -0 "$PROXY_PID" || fail "daemon died on a reload that could not be applied"
log "ok: a reload that cannot be applied is reported and changes nothing"
kill "$HOLDER" 2>/dev/null
sleep 1
# A's upstream membership was never left and rejoined (checked before c1 leaves at its stop).
grep -q "A: upstream up0: left" "$WORK/proxy-px.log" && fail "instance A left its upstream group during a reload"
grep -q "A: dn0 detached" "$WORK/proxy-px.log" && fail "instance A's downstream was detached during a reload"
stop_recv "$c1_PID"; stop_recv "$c2_PID"
kill "$SRC1" "$SRC2" 2>/dev/null
assert_ge "$(value received < "$WORK/c1.out")" 300 "packets at c1 (instance A) across both reloads"
assert_le "$(value max_gap_ms < "$WORK/c1.out")" 300 "longest gap at c1 across the reloads (ms; the source sends every 10 ms)"
assert_ge "$(value received < "$WORK/c2.out")" 50 "packets at c2 before its instance got a blacklist"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
