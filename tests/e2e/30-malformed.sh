#!/usr/bin/env bash
# Hardening: the malformed-input corpus of inject.c (truncated packets, bad checksums, counts
# past the end, huge aux lengths, zero lengths, odd and broken IP options, unicast and
# link-local groups, queries from strange sources, MLD from global sources, wrong TTL/hop
# limit, reports with thousands of sources) is sent to a running daemon, IGMPv3 then MLDv2.
# Asserts: the daemon stays up, logs drops by reason, subscribes nothing from the corpus's
# forbidden ranges (239.66.0.0/16, ff15::66:*, 224.0.0.x, link-local scopes), keeps the
# thousands-of-sources report within max_sources_per_group, and a normal join still works.
source "$(dirname "$0")/lib.sh"
INJECT=$(e2e_tool inject) || exit 1

topo_basic

# Groups on up0 in the proxy namespace: IPv4 as dotted quads, IPv6 as /proc hex.
upstream_groups4() {
    ns px awk '/^[0-9]/{on=($2=="up0")} on && length($1)==8 && $1 ~ /^[0-9A-F]+$/ {print $1}' /proc/net/igmp |
        while read -r h; do printf '%d.%d.%d.%d\n' $((16#${h:6:2})) $((16#${h:4:2})) $((16#${h:2:2})) $((16#${h:0:2})); done
}
upstream_groups6() { ns px awk '$2=="up0" {print $3}' /proc/net/igmp6; }

# drop_reasons LOG: "reason count" lines from the daemon's rate-limited drop log.
drop_reasons() { sed -n 's/.*dropped a membership packet from [^ ]*: \([a-z-]*\).*/\1/p' "$1" | sort | uniq -c | awk '{print $2, $1}'; }

assert_reasons() {  # assert_reasons LOG REASON...
    local log=$1 r; shift
    for r in "$@"; do
        grep -q "dropped a membership packet from .*: $r" "$log" || { drop_reasons "$log"; fail "no drop logged for reason $r"; }
    done
    log "ok: drops logged for: $*"
}

normal_join() {  # normal_join GROUP: c1 joins while src sends; data must arrive
    local group=$1
    recv_bg c1 join -i eth0 -g "$group" -t 4
    sleep 0.3
    ns src "$MCTOOL" send -i eth0 -g "$group" -n 150 -r 20 >/dev/null 2>&1
    wait "$join_PID"
    assert_ge "$(value received < "$WORK/join.out")" 50 "packets for a normal join of $group after the corpus"
}

# ---------- IGMPv3 ----------
printf 'protocol IGMPv3;\npinstance hard: up0 ==> dn0 dn1;\n' > "$WORK/v4.conf"
start_proxy px "$WORK/v4.conf" -v
V4_PID=$PROXY_PID
ns c1 "$INJECT" list > "$WORK/cases.txt"
ns c1 "$INJECT" case v4 -i eth0 -n 3 > "$WORK/inject4.out" || fail "inject v4 corpus"
log "sent the IPv4 corpus: $(value sent < "$WORK/inject4.out") packets in $(grep -c '^v4-' "$WORK/cases.txt") cases"
sleep 1.5
kill -0 "$V4_PID" 2>/dev/null || fail "daemon died on the IPv4 corpus"
log "ok: daemon alive after the IPv4 corpus"
cp "$WORK/proxy-px.log" "$WORK/v4-daemon.log"
log "drops by reason (first report of each reason/source in the log):"
drop_reasons "$WORK/v4-daemon.log" | sed 's/^/    /'
assert_reasons "$WORK/v4-daemon.log" truncated bad-checksum bad-length bad-ttl not-multicast-group link-local-group invalid-query

upstream_groups4 > "$WORK/up4.txt"
bad=$(grep -E '^239\.66\.|^224\.0\.0\.|^10\.|^0\.|^255\.' "$WORK/up4.txt" | grep -vx '224.0.0.1' || true)
[ -z "$bad" ] || { cat "$WORK/up4.txt"; fail "subscribed upstream from the malformed corpus: $bad"; }
log "ok: no upstream membership from the corpus's forbidden groups ($(wc -l < "$WORK/up4.txt") groups on up0)"
for g in 239.77.0.1 239.77.0.2; do
    grep -qx "$g" "$WORK/up4.txt" || { cat "$WORK/up4.txt"; fail "valid report for $g behind odd IP options was not honoured"; }
done
log "ok: valid reports without Router Alert / behind 36 NOPs were honoured"
# The 3,000-source ALLOW for 239.77.1.1: stored sources are capped by max_sources_per_group (256).
nsrc=$(ns px awk '$2=="up0" && $3=="0xef4d0101" {n++} END{print n+0}' /proc/net/mcfilter)
assert_le "$nsrc" 256 "upstream sources of 239.77.1.1 after a 3,000-source report"
# The 6,000-source report (24 KB, in IP fragments) is received whole and capped the same way.
nsrc=$(ns px awk '$2=="up0" && $3=="0xef4d0102" {n++} END{print n+0}' /proc/net/mcfilter)
assert_ge "$nsrc" 1 "upstream sources of 239.77.1.2 after a 6,000-source report (received whole)"
assert_le "$nsrc" 256 "upstream sources of 239.77.1.2 after a 6,000-source report (capped)"
# Drops are counted where the packets arrived: on dn0 (the corpus came from c1), none on dn1.
"$MCPROXY" show interfaces --json > "$WORK/if.json" || fail "show interfaces --json failed"
python3 - "$WORK/if.json" <<'PY' || fail "per-interface drop counters are wrong"
import json, sys
doc = json.load(open(sys.argv[1]))
ifs = {f["name"]: f for i in doc["instances"] for f in i["interfaces"]}
dn0, dn1 = ifs["dn0"]["drops"], ifs["dn1"]["drops"]
print("dn0 drops:", {k: v for k, v in dn0.items() if v})
assert dn0["bad-checksum"] > 0 and dn0["truncated"] > 0, dn0
assert sum(dn1.values()) == 0, dn1
PY
log "ok: drops counted per interface (dn0 has them, dn1 none)"
normal_join 239.1.2.3
stop_proxy "$V4_PID"
assert_eq "$STOP_RC" 0 "IGMPv3 daemon exit status"

# ---------- MLDv2 ----------
printf 'protocol MLDv2;\npinstance hard6: up0 ==> dn0 dn1;\n' > "$WORK/v6.conf"
start_proxy px "$WORK/v6.conf" -v
V6_PID=$PROXY_PID
ns c1 "$INJECT" case v6 -i eth0 -n 3 > "$WORK/inject6.out" || fail "inject v6 corpus"
log "sent the IPv6 corpus: $(value sent < "$WORK/inject6.out") packets"
sleep 1.5
kill -0 "$V6_PID" 2>/dev/null || fail "daemon died on the IPv6 corpus"
log "ok: daemon alive after the IPv6 corpus"
cp "$WORK/proxy-px.log" "$WORK/v6-daemon.log"
log "drops by reason:"
drop_reasons "$WORK/v6-daemon.log" | sed 's/^/    /'
assert_reasons "$WORK/v6-daemon.log" truncated bad-length bad-ttl non-link-local-source not-multicast-group link-local-group invalid-query

upstream_groups6 > "$WORK/up6.txt"
bad=$(grep -v '^ff0200000000000000000001ff' "$WORK/up6.txt" | grep -E '0066' || true)
[ -z "$bad" ] || { cat "$WORK/up6.txt"; fail "subscribed upstream from the malformed MLD corpus: $bad"; }
log "ok: no upstream membership from the MLD corpus's forbidden groups ($(wc -l < "$WORK/up6.txt") groups on up0)"
# The 2,000-source report (32 KB, in IPv6 fragments) is received whole; its sources are capped.
nsrc=$(ns px awk '$2=="up0" && $3=="ff150000000000000000007700010002" {n++} END{print n+0}' /proc/net/mcfilter6)
assert_ge "$nsrc" 1 "upstream sources of ff15::77:1:2 after a 2,000-source report (received whole)"
assert_le "$nsrc" 256 "upstream sources of ff15::77:1:2 after a 2,000-source report (capped)"
normal_join ff15::1:2:3
stop_proxy "$V6_PID"
assert_eq "$STOP_RC" 0 "MLDv2 daemon exit status"
log "PASS"
