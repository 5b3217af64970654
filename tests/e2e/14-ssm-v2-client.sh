#!/usr/bin/env bash
# Issue 14 item 3, RFC 4604 §2.2.3: an IGMPv2 client asks for a channel in the SSM range
# (232.1.1.1). An SSM-aware proxy ignores the any-source request: no ASM join upstream, no data
# to the client, a warning in the log, the report counted as ignored. A source-specific IGMPv3
# join of the same group on the other downstream works as usual (INCLUDE {S} upstream).
source "$(dirname "$0")/lib.sh"
G=232.1.1.1
S=10.1.0.2

topo_basic
force_version c1 eth0 igmp 2
printf 'protocol IGMPv3;\npinstance ssm: up0 ==> dn0 dn1;\n' > "$WORK/ssm.conf"
start_proxy px "$WORK/ssm.conf" -v
ns src "$MCTOOL" cap -i eth0 -t 4 > "$WORK/cap1.out" &
PIDS+=("$!"); cappid=$!
sleep 0.3
recv_bg c1 c1 -i eth0 -g "$G" -t 12
sleep 0.5
send_bg src -i eth0 -g "$G" -n 1000 -r 20
sleep 2
# Upstream: nothing for G while only the IGMPv2 client asks.
ns px awk '/up0/{on=1; next} /^[0-9]/{on=0} on && $1=="010101E8" {f=1} END{exit f}' /proc/net/igmp \
    || { ns px cat /proc/net/igmp; fail "an any-source join of SSM group $G went upstream"; }
log "ok: no upstream membership of $G for the IGMPv2 client"
grep -q "ignored an any-source join of $G from 10.2.0.2: the group is in an SSM range" "$WORK/proxy-px.log" \
    || { cat "$WORK/proxy-px.log"; fail "no warning about the ignored SSM request"; }
log "ok: the ignored request is logged"

wait "$cappid"
grep -q " $G" "$WORK/cap1.out" && { cat "$WORK/cap1.out"; fail "a report for SSM group $G went upstream for the IGMPv2 client"; }
log "ok: nothing for $G on the upstream link while only the IGMPv2 client asks"

# The same channel asked for properly (INCLUDE {S}) on dn1 works.
ns src "$MCTOOL" cap -i eth0 -t 4 > "$WORK/cap2.out" &
PIDS+=("$!"); cappid=$!
sleep 0.3
recv_bg c2 c2 -i eth0 -g "$G" -s "$S" -t 3
wait "$c2_PID"
assert_ge "$(value received < "$WORK/c2.out")" 50 "packets at the source-specific client c2"
wait "$c1_PID"; wait "$cappid"
assert_eq "$(value received < "$WORK/c1.out")" 0 "packets at the IGMPv2 client c1"
grep -Eq "(TO_EX|IS_EX) $G " "$WORK/cap2.out" && { cat "$WORK/cap2.out"; fail "EXCLUDE-mode record for SSM group $G upstream"; }
grep -Eq "(ALLOW|TO_IN|IS_IN) $G $S$" "$WORK/cap2.out" || { cat "$WORK/cap2.out"; fail "no INCLUDE {$S} upstream"; }
log "ok: upstream saw only INCLUDE {$S} for $G"
ignored=$(ns px "$MCPROXY" show interfaces -v | awk 'index($0, "downstream dn0 ")==1 {on=1; next} on && /^[^ ]/ {exit} on' | sed -nE 's/.*  ignored ([0-9]+).*/\1/p')
assert_ge "${ignored:-0}" 1 "reports ignored on dn0"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
