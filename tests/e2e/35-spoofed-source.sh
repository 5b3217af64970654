#!/usr/bin/env bash
# Issue 13 item 2: one spoofed data packet must not blackhole a channel. The kernel keeps ONE
# forwarding entry per (S,G). While the channel is idle, the LAN host atk sends a single UDP
# datagram with the real upstream source S (10.1.0.2) to G: the NOCACHE upcall arrives on br0
# and the entry (S,G) is installed with br0 as its input. Then the viewer c1 joins G and the real
# stream starts upstream; its packets arrive on up0, the wrong interface for that entry.
# Before the fix they were counted (pktcnt and wrong_if) and dropped, and kept the entry alive
# for good: c1 saw nothing. Now the entry's liveness counts only packets on its input, and the
# WRONGVIF report (MRT_ASSERT; up0 is an output of the LAN-input entry) makes the daemon delete
# it, so the next packet raises NOCACHE on up0 and the rules decide there.
# Asserts: the spoofed entry existed (input br0), c1's first datagram arrives within
# JOIN_BOUND_MS of its join, and the entry ends up with input up0.
# Then the same with a forger that keeps going: atk sends S to G2 every second (20 in all),
# c2 joins G2 and its stream starts upstream; a LAN copy of S that keeps flowing must not hold
# the entry (S arriving on an upstream wins over a downstream copy). Same bound for c2.
# rp_filter is off on the router (as on many CPE boxes, and as `mcproxy -r` leaves upstreams);
# with strict rp_filter the kernel itself would drop a LAN packet from an upstream source.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/lan.sh"
INJECT=$(e2e_tool inject) || exit 1
G=239.1.2.3
G2=239.1.2.4
S=10.1.0.2
JOIN_BOUND_MS=${JOIN_BOUND_MS:-2000}

topo_lan
ns px sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
    net.ipv4.conf.br0.rp_filter=0 net.ipv4.conf.up0.rp_filter=0
lan_config "$WORK/spoof.toml"
start_proxy px "$WORK/spoof.toml" -vv
sleep 0.5

# The channel is idle (nobody watches, nothing comes from upstream): one forged packet.
ns atk "$INJECT" data -i eth0 -s "$S" -g "$G" > "$WORK/forge.out" || fail "inject data"
for _ in $(seq 30); do
    ns px ip mroute show | grep -q "($S,$G)" && break
    sleep 0.1
done
mfc=$(ns px ip mroute show | grep "($S,$G)")
log "after the spoofed packet: $mfc"
grep -q "Iif: br0" <<<"$mfc" || fail "the spoofed packet did not install ($S, $G) with input br0: '$mfc'"

# The viewer joins; the stream starts upstream right after (the provider delivers on a join).
recv_bg c1 c1 -i eth0 -g "$G" -t 8
sleep 0.3
send_bg src -i eth0 -g "$G" -n 350 -r 20
sleep 7.5
finish_recv c1
out=$WORK/c1.out
first=$(value first_ms < "$out")
log "c1: first datagram $first ms after its join, received $(value received < "$out")"
log "kernel entry now: $(ns px ip mroute show | grep "($S,$G)")"
[ "${first:--1}" -ge 0 ] || fail "the real stream never reached the viewer (blackholed by one spoofed packet)"
assert_le "$first" "$JOIN_BOUND_MS" "join to first datagram of the real stream at the viewer (ms)"
assert_ge "$(value received < "$out")" 100 "datagrams at the viewer"
ns px ip mroute show | grep "($S,$G)" | grep -q "Iif: up0" || fail "($S, $G) does not come from up0"
log "ok: ($S, $G) now has input up0"

# Phase 2: a forger that keeps sending S to G2, once a second, before and after c2's join.
ns atk "$INJECT" data -i eth0 -s "$S" -g "$G2" -n 20 -w 1000 > "$WORK/forge2.out" 2>&1 &
PIDS+=("$!")
sleep 2.5
log "after 2 s of forged packets: $(ns px ip mroute show | grep "($S,$G2)")"
recv_bg c2 c2 -i eth0 -g "$G2" -t 8
sleep 0.3
send_bg src -i eth0 -g "$G2" -n 350 -r 20
sleep 7.5
finish_recv c2
first2=$(value first_ms < "$WORK/c2.out")
log "c2: first datagram $first2 ms after its join, received $(value received < "$WORK/c2.out") (forger still sending)"
log "kernel entry now: $(ns px ip mroute show | grep "($S,$G2)")"
[ "${first2:--1}" -ge 0 ] || fail "the real stream never reached c2 while the forger kept sending"
assert_le "$first2" "$JOIN_BOUND_MS" "join to first datagram with a persistent forger (ms)"
assert_ge "$(value received < "$WORK/c2.out")" 100 "datagrams at c2"
daemon_usage
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
