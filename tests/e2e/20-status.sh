#!/usr/bin/env bash
# -s status on stdout (docs/status.md): the instance, vif numbers and ifindexes as in
# /proc/net/ip_mr_vif, the joined group on dn0 with its mode, the forwarding entry with the
# kernel's packet counter; SIGUSR1 writes a full dump into the log.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/status-lib.sh"


topo_basic
group=239.1.2.3
printf 'protocol IGMPv3;\npinstance myProxy: up0 ==> dn0 dn1;\n' > "$WORK/mcproxy.conf"
start_proxy px "$WORK/mcproxy.conf" -s -v
out=$WORK/proxy-px.log

# The start dump: header and the instance with every vif, nothing joined yet.
sleep 0.3
grep -q '^##-- mcproxy status --##' "$out" || fail "no status at start"
grep -qE "^mcproxy .*  protocol IGMPv3  config $WORK/mcproxy.conf  pid $PROXY_PID  up [0-9]+s  instances 1$" "$out" \
    || fail "status header line"
log "ok: status printed at start"

# c1 stays joined for the whole test (cleanup stops it): the dumps below expect its membership.
recv_bg c1 c1 -i eth0 -g "$group" -t 300
sleep 0.5
send_bg src -i eth0 -g "$group" -n 40 -r 50
sleep 2.5
wait "$SEND_PID"
# Two more periods (2 s each) so the last dump was made after the last packet.
sleep 4.5

dump=$(last_dump "$out")
vup=$(vif_of up0); vdn0=$(vif_of dn0)
grep -qF "##-- instance myProxy (table 0, IPv4) --##" <<<"$dump" || { printf '%s\n' "$dump"; fail "instance heading"; }
check_vifs "$dump"
grep -qF "  1  up0 (vif $vup)  $group  EXCLUDE  {}" <<<"$dump" || { printf '%s\n' "$dump"; fail "upstream subscription of $group"; }
log "ok: upstream up0 subscribed to $group EXCLUDE {}"

dn0=$(block "$dump" "downstream dn0 ")
grep -qE "^  querier: IGMPv3  querier  own address " <<<"$dn0" || { printf '%s\n' "$dn0"; fail "querier line on dn0"; }
grep -qE "^  group $group  EXCLUDE  timer [0-9]+s  compat IGMPv3" <<<"$dn0" || { printf '%s\n' "$dn0"; fail "group $group EXCLUDE on dn0"; }
grep -qE "^    forwarded EXCLUDE  \{\}" <<<"$dn0" || fail "-v detail (forwarded view) on dn0"
reports=$(sed -nE 's/^  counters: reports ([0-9]+) .*/\1/p' <<<"$dn0")
assert_ge "$reports" 1 "reports counted on dn0"
dn1=$(block "$dump" "downstream dn1 ")
grep -q "^  groups: 0" <<<"$dn1" || { printf '%s\n' "$dn1"; fail "dn1 should have no groups"; }
log "ok: $group EXCLUDE on dn0, none on dn1"

route=$(grep -F "  (10.1.0.2, $group)  iif up0 (vif $vup)  oifs dn0 (vif $vdn0)  packets " <<<"$dump") \
    || { printf '%s\n' "$dump"; fail "route (10.1.0.2, $group) up0 -> dn0"; }
pkts=$(sed -nE 's/.*  packets ([0-9]+)  bytes ([0-9]+)  wrong-if ([0-9]+)$/\1/p' <<<"$route")
kpkts=$(kernel_pkts 0200010A "$(printf '%02X%02X%02X%02X' 3 2 1 239)")
assert_ge "$pkts" 30 "packets of the route in the status"
assert_eq "$pkts" "$kpkts" "status packets = /proc/net/ip_mr_cache Pkts"

# SIGUSR1: one full dump (-vv detail: hosts) in the log (stderr, "<5>" = notice).
kill -USR1 "$PROXY_PID"
sleep 0.5
grep -q "received SIGUSR1" "$out" || fail "SIGUSR1 not logged"
grep -q '^<5>##-- mcproxy status --##' "$out" || fail "no status dump in the log after SIGUSR1"
grep -q '^<5>##-- instance myProxy (table 0, IPv4) --##' "$out" || fail "dump lacks the instance"
grep -qE "^<5>    hosts 1  10.2.0.2$" "$out" || { grep '^<5>' "$out" | tail -40; fail "dump lacks -vv detail (hosts on dn0)"; }
log "ok: SIGUSR1 dump in the log"

stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
[ -e "$MCPROXY_SOCKET" ] && fail "control socket left behind"
log "PASS"
