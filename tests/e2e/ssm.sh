# shellcheck shell=bash
# Source-specific include and exclude with two listeners, one of which leaves (IGMPv3 / MLDv2):
#   c1: INCLUDE {S1}          -> upstream gets an ALLOW {S1} record (not TO_IN: mcproxy's bug)
#   c2: EXCLUDE {S1} (joins later, leaves earlier)
#       merged: IN{S1} + EX{S1} = EX{}  -> upstream TO_EX {}
#   routes: (S1,G) -> dn0 only, (S2,G) -> dn1 only; each client receives exactly its sources
#   c2 leaves -> the upstream filter is INCLUDE {S1} again
ssm_scenario() {
    local fam=$1 G S1 S2 mcfilter
    if [ "$fam" = v4 ]; then
        G=239.2.2.2; S1=10.1.0.2; S2=10.1.0.3; mcfilter=/proc/net/mcfilter; conf="protocol IGMPv3;"
    else
        G=ff15::2:2; S1=fd01::2; S2=fd01::3; mcfilter=/proc/net/mcfilter6; conf="protocol MLDv2;"
    fi
    topo_basic
    if [ "$fam" = v4 ]; then addr src eth0 10.1.0.3/24; else addr src eth0 fd01::3/64; fi
    printf '%s\npinstance ssm: up0 ==> dn0 dn1;\n' "$conf" > "$WORK/ssm.conf"
    start_proxy px "$WORK/ssm.conf" -v
    ns src "$MCTOOL" cap -i eth0 -t 16 > "$WORK/cap.out" &
    PIDS+=("$!"); local cappid=$!
    sleep 0.3
    # c1 listens past the upstream check below (about 8 s on x86-64, more on an emulated arm64).
    recv_bg c1 c1 -i eth0 -g "$G" -s "$S1" -t 14
    send_bg src -i eth0 -g "$G" -S "$S1" -n 350 -r 20
    send_bg src -i eth0 -g "$G" -S "$S2" -n 350 -r 20
    sleep 2
    recv_bg c2 c2 -i eth0 -g "$G" -s "$S1" -x -t 3
    sleep 2
    # Both listeners present: one route per source, each to its own listener's link only.
    local mr
    if [ "$fam" = v4 ]; then mr=$(ns px ip mroute show); else mr=$(ns px ip -6 mroute show); fi
    grep -q "($S1,$G).*Oifs: dn0 *\( State: resolved\)*$" <<<"$mr" || { echo "$mr"; fail "($S1,$G) should go to dn0 only"; }
    grep -q "($S2,$G).*Oifs: dn1 *\( State: resolved\)*$" <<<"$mr" || { echo "$mr"; fail "($S2,$G) should go to dn1 only"; }
    log "ok: per-source routes follow each listener's filter"
    wait "$c2_PID"
    sleep 2.5   # c2 gone; its group state expires after the last member queries
    # Upstream filter: INCLUDE {S1} again.
    local ghex shex
    if [ "$fam" = v4 ]; then
        ghex=$(printf '0x%02x%02x%02x%02x' 239 2 2 2); shex=$(printf '0x%02x%02x%02x%02x' 10 1 0 2)
        ns px awk -v g="$ghex" -v s="$shex" '$2=="up0" && $3==g && $4==s && $5==1 {f=1} END{exit !f}' "$mcfilter" \
            || { ns px cat "$mcfilter"; fail "upstream filter is not INCLUDE {$S1}"; }
    else
        ns px awk '$2=="up0" && $3=="ff150000000000000000000000020002" && $4=="fd010000000000000000000000000002" && $5==1 {f=1} END{exit !f}' "$mcfilter" \
            || { ns px cat "$mcfilter"; fail "upstream filter is not INCLUDE {$S1}"; }
    fi
    log "ok: upstream filter back to INCLUDE {$S1} after c2 left"
    wait "$c1_PID"; wait "$cappid"
    assert_eq "$(value sources < "$WORK/c1.out")" "$S1" "sources received by c1 (INCLUDE {S1})"
    assert_eq "$(value sources < "$WORK/c2.out")" "$S2" "sources received by c2 (EXCLUDE {S1})"
    assert_ge "$(value received < "$WORK/c1.out")" 150 "packets at c1"
    # What the proxy said upstream, decoded from the wire.
    local first
    first=$(grep " $G " "$WORK/cap.out" | head -1)
    grep -q "ALLOW $G $S1\$" <<<"$first" || { cat "$WORK/cap.out"; fail "first upstream record should be ALLOW {$S1}, was: $first"; }
    log "ok: first upstream record: $first"
    grep -Eq "TO_EX $G \$" "$WORK/cap.out" || { cat "$WORK/cap.out"; fail "no TO_EX {} record when c2 joined in EXCLUDE mode"; }
    log "ok: TO_EX {} upstream while the EXCLUDE listener was present"
    grep -Eq "(TO_IN|IS_IN) $G $S1\$" "$WORK/cap.out" || grep -Eq "ALLOW $G $S1\$" <(sed -n '2,$p' "$WORK/cap.out" | grep " $G ") \
        || { cat "$WORK/cap.out"; fail "no return to INCLUDE {$S1} upstream after c2 left"; }
    grep -q " $G .*$S2" "$WORK/cap.out" && { cat "$WORK/cap.out"; fail "S2 was named upstream: nobody asked for it by name"; }
    stop_proxy "$PROXY_PID"
    assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
    log "PASS"
}
