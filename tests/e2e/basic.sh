# shellcheck shell=bash
# The Startup Guide's scenario 1 (one upstream, downstreams), shared by several scripts:
#   basic_scenario v4|v6 CONFIG_TEXT CLIENT_VERSION
# join -> data arrives at the joined client; the other client gets nothing; the kernel's tables
# hold the vifs and the (S,G) entry; the proxy subscribed upstream; leave -> data stops within
# the last-member query time; SIGTERM -> exit 0 and nothing left in the kernel.

basic_scenario() {
    local fam=$1 conf_text=$2 version=$3
    local group vifs cache igmpfile proto
    if [ "$fam" = v4 ]; then
        group=239.1.2.3; vifs=/proc/net/ip_mr_vif; cache=/proc/net/ip_mr_cache; igmpfile=/proc/net/igmp; proto=igmp
    else
        group=ff15::1:2:3; vifs=/proc/net/ip6_mr_vif; cache=/proc/net/ip6_mr_cache; igmpfile=/proc/net/igmp6; proto=mld
    fi
    topo_basic
    force_version c1 eth0 "$proto" "$version"
    force_version c2 eth0 "$proto" "$version"
    printf '%s\n' "$conf_text" > "$WORK/mcproxy.conf"
    # Watch c2's link from before the start: the proxy's first query must be of the configured
    # version (not always v3: mcproxy #13), with TTL/hop limit 1 and Router Alert.
    ip netns exec "${P}c2" "$MCTOOL" cap -i eth0 -t 20 > "$WORK/queries.out" &
    PIDS+=("$!"); local cappid=$!
    sleep 0.2
    start_proxy px "$WORK/mcproxy.conf" -v

    # The first query goes out as the proxy starts (within 10 s even on a slow emulated machine).
    wait_line "$WORK/queries.out" '^query ' 10
    kill "$cappid" 2>/dev/null
    local want q
    want=$(grep -o 'IGMPv[123]\|MLDv[12]' <<<"$conf_text" | head -1)
    q=$(grep '^query ' "$WORK/queries.out" | head -1)
    [ -n "$q" ] || { cat "$WORK/queries.out"; fail "no query seen on c2's link within 10 s of the start"; }
    if [ "$fam" = v4 ]; then
        grep -q "^query 10.3.0.1 $want 0.0.0.0 ttl=1 ra=1$" <<<"$q" || fail "first query should be a $want general query from 10.3.0.1 with TTL 1 and RA: $q"
    else
        grep -Eq "^query fe80::[0-9a-f:]+ $want :: hoplimit=1 ra=1$" <<<"$q" || fail "first query should be a $want general query from a link-local address with hop limit 1 and RA: $q"
    fi
    log "ok: first query on the wire: $q"

    # The kernel has one vif per configured interface.
    local nvif
    nvif=$(ns px cat "$vifs" | tail -n +2 | wc -l)
    assert_eq "$nvif" 3 "vifs in $vifs"
    ns px cat "$vifs" | grep -q up0 || fail "up0 has no vif"
    ns px cat "$vifs" | grep -q dn0 || fail "dn0 has no vif"

    # c1 joins, leaves at 6 s and keeps watching until 10 s; c2 only watches its link. The source
    # sends until about 12 s, so data is on the wire after the leave (the checks below take time
    # under emulation; the leave is late enough not to race them).
    recv_bg c1 c1 -i eth0 -g "$group" -t 30 -L 6000
    sleep 0.5
    ns c2 "$MCTOOL" sniff -i eth0 -g "$group" -t 3 > "$WORK/c2.out" &
    PIDS+=("$!")
    local c2pid=$!
    send_bg src -i eth0 -g "$group" -n 1500 -r 20
    local src_pid=$SEND_PID
    sleep 2.5

    # Upstream subscription: the proxy's host stack on up0 is a member of the group.
    if [ "$fam" = v4 ]; then
        local hex
        hex=$(printf '%02X%02X%02X%02X' 3 2 1 239)
        ns px awk -v g="$hex" '/up0/{on=1; next} /^[0-9]/{on=0} on && $1==g {found=1} END{exit !found}' "$igmpfile" \
            || { ns px cat "$igmpfile"; fail "no upstream membership of $group on up0"; }
    else
        ns px grep -q "up0 *ff150000000000000000000100020003" "$igmpfile" \
            || { ns px cat "$igmpfile"; fail "no upstream membership of $group on up0"; }
    fi
    log "ok: upstream membership of $group on up0"

    # The forwarding cache holds (S,G) with dn0's vif as an output.
    ns px cat "$cache" | tail -n +2 | grep -qi . || { ns px cat "$cache"; fail "no (S,G) entry in $cache"; }
    if [ "$fam" = v4 ]; then
        ns px ip mroute show | grep -q "(10.1.0.2,$group).*Iif: up0.*Oifs: dn0" \
            || { ns px ip mroute show; fail "ip mroute lacks (10.1.0.2,$group) up0 -> dn0"; }
    else
        ns px ip -6 mroute show | grep -q "(fd01::2,$group).*Iif: up0.*Oifs: dn0" \
            || { ns px ip -6 mroute show; fail "ip -6 mroute lacks (fd01::2,$group) up0 -> dn0"; }
    fi
    log "ok: forwarding entry up0 -> dn0"

    wait "$c2pid"
    assert_eq "$(value seen < "$WORK/c2.out")" 0 "packets on the non-joined client's link"

    # After the leave the stream must stop within the last member query time (2 s) + margin:
    # nothing on c1's link from 2.5 s to 3.5 s after the leave, while the source still sends.
    local i
    for i in $(seq 150); do grep -q '^left_at=' "$WORK/c1.out" && break; sleep 0.1; done
    grep -q '^left_at=' "$WORK/c1.out" || fail "c1 did not leave"
    sleep 2.5
    kill -0 "$SEND_PID" 2>/dev/null || fail "test setup: the source stopped before the after-leave window"
    ns c1 "$MCTOOL" sniff -i eth0 -g "$group" -t 1 > "$WORK/c1-after.out"
    stop_recv "$c1_PID"
    kill "$src_pid" 2>/dev/null
    local received first
    received=$(value received < "$WORK/c1.out")
    first=$(value first_ms < "$WORK/c1.out")
    assert_ge "$received" 100 "packets received by the joined client before its leave"
    # (A channel change a viewer accepts; bench/latency.sh measures this latency precisely.)
    assert_le "$first" 3000 "join -> first packet (ms; the source starts 0.5 s after the join)"
    assert_eq "$(value seen < "$WORK/c1-after.out")" 0 "packets on c1's link 2.5 s after its leave"

    # Clean shutdown: exit 0, the kernel's vif and cache tables are empty.
    stop_proxy "$PROXY_PID"
    assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
    assert_eq "$(ns px cat "$vifs" | tail -n +2 | wc -l)" 0 "vifs left after exit"
    assert_eq "$(ns px cat "$cache" | tail -n +2 | wc -l)" 0 "cache entries left after exit"
    log "PASS"
}
