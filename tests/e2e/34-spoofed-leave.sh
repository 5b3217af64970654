#!/usr/bin/env bash
# Issue 13 item 6: a spoofed leave with fast leave on (the OpenWrt default). The IGMPv3 viewer c1
# watches a channel; the host atk on the same LAN sends c1's leave every 2 s, 20 times (an
# IGMPv2 leave, then an IGMPv3 TO_IN({}) report, each from 10.2.0.2).
# Design (docs/protocol-decisions.md): the first forged leave stops the stream until c1 answers
# the group-specific query (within its Max Resp, LMQI = 1 s); that answer proves the leave
# forged, fast leave is suspended and the later forged leaves cost nothing.
# Asserts: c1 misses datagrams in at most one run (sequence numbers), that run no longer than
# GAP_BOUND_MS (LMQT 2 s + margin) of datagrams, and the forged leaves are counted.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/lan.sh"
INJECT=$(e2e_tool inject) || exit 1
G=239.1.2.3
GAP_MS=${GAP_MS:-300}
GAP_BOUND_MS=${GAP_BOUND_MS:-2500}

topo_lan
lan_config "$WORK/spoof.toml" "fast_leave = true"
start_proxy px "$WORK/spoof.toml" -v
recv_bg c1 c1 -i eth0 -g "$G" -t 180 -G "$GAP_MS"
sleep 0.5
send_bg src -i eth0 -g "$G" -n 9000 -r 20
# Fast leave trusts its host list one query response interval (10 s) after the start.
sleep 11
ns atk "$INJECT" leave -i eth0 -s 10.2.0.2 -g "$G" -n 10 -w 2000 > "$WORK/forge1.out" || fail "inject leave"
ns atk "$INJECT" leave -i eth0 -s 10.2.0.2 -g "$G" -3 -n 10 -w 2000 > "$WORK/forge2.out" || fail "inject leave -3"
sleep 3
st=$(br0_status -v)
assert_eq "$(counter 'fast leaves' <<<"$st")" 1 "fast leaves (only the first forged leave)"
assert_ge "$(counter 'forged leaves' <<<"$st")" 18 "forged leaves detected (c1 answered its own 'leave')"
grep -q "answered the query for $G right after its leave: a forged leave" "$WORK/proxy-px.log" \
    || fail "no warning about the forged leave"
finish_recv c1
out=$WORK/c1.out
log "c1: received $(value received < "$out"), missed $(value lost < "$out") in $(value holes < "$out") run(s), longest silence $(value max_gap_ms < "$out") ms"
assert_le "$(value holes < "$out")" 1 "runs of missed datagrams at the victim during 20 forged leaves"
assert_le "$(( $(value lost < "$out") * 20 ))" "$GAP_BOUND_MS" "the victim's one gap, in ms of datagrams (20 ms each)"
assert_ge "$(value received < "$out")" 1000 "packets at the victim"
daemon_usage
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
