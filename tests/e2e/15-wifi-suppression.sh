#!/usr/bin/env bash
# Issue 14 item 1: report suppression on Wi-Fi. Two IGMPv2 set-top boxes watch one channel on
# one LAN that floods every report to every host (bridge without snooping, as an access point
# does). When the proxy queries, the box whose timer fires first reports and the other hears it
# and stays silent (RFC 2236 §3), so the proxy knows one viewer. That viewer leaves: with fast
# leave on (the OpenWrt default) the silent viewer must keep the picture: no fast leave for an
# IGMPv2 group, the group-specific query is answered by the silent box.
# Asserts: the proxy tracked exactly one host; after its leave no fast leave was counted, the
# silent viewer misses no datagram (sequence numbers), keeps receiving, and the group stays.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/lan.sh"
G=239.1.2.3
GAP_MS=${GAP_MS:-500}

topo_lan
for n in c1 c2; do
    force_version "$n" eth0 igmp 2
    # Unsolicited reports in quick succession, so both are over before the proxy starts.
    ns "$n" sysctl -qw net.ipv4.conf.eth0.igmpv2_unsolicited_report_interval=100
done
lan_config "$WORK/wifi.toml" "fast_leave = true"

# joined_quiet NS: the group is joined in NS and its report timer is idle (the unsolicited
# reports are over), per /proc/net/igmp ("Group Users running:timer"; the group in hex, host order).
joined_quiet() { ns "$1" awk -v g="$(printf '%02X%02X%02X%02X' 3 2 1 239)" '$1 == g && $3 ~ /^0:/ { ok = 1 } END { exit !ok }' /proc/net/igmp; }

# One try: both boxes join and finish their unsolicited reports before the proxy exists, then
# the proxy's startup query (Max Resp 10 s) lets each pick a random delay. The suppression needs
# the later box to hear the earlier one's report first; when the kernel's two random delays fall
# within the LAN's delivery time (a few ms, more under TCG), both report and there was nothing
# to suppress. That is the RFC's behaviour, not the proxy's: the try is made again, at most 3.
try_suppression() {
    recv_bg c1 c1 -i eth0 -g "$G" -t 120 -G "$GAP_MS"
    recv_bg c2 c2 -i eth0 -g "$G" -t 120 -G "$GAP_MS"
    local i
    for i in $(seq 50); do joined_quiet c1 && joined_quiet c2 && break; sleep 0.1; done
    joined_quiet c1 && joined_quiet c2 || fail "the boxes' joins did not settle within 5 s"
    start_proxy px "$WORK/wifi.toml" -v
    send_bg src -i eth0 -g "$G" -n 6000 -r 20
    # Wait until both boxes had their chance to answer.
    sleep 11.5
    st=$(br0_status groups -vv)
    hosts=$(sed -nE 's/^    hosts ([0-9]+) +(.*)$/\1 \2/p' <<<"$st")
    read -r nhosts reporter <<<"$hosts"
}

for attempt in 1 2 3; do
    try_suppression
    [ "${nhosts:-0}" = 2 ] && [ "$attempt" -lt 3 ] || break
    log "try $attempt: both boxes reported (their random delays coincided); again"
    stop_proxy "$PROXY_PID"
    stop_recv "$c1_PID"; stop_recv "$c2_PID"; stop_recv "$SEND_PID"
    sleep 1
done
[ "${nhosts:-0}" = 1 ] || { printf '%s\n' "$st"; fail "expected one tracked host (the other suppressed its report), got '${hosts}'"; }
case $reporter in
    10.2.0.2) leaver=c1; silent=c2 ;;
    10.2.0.3) leaver=c2; silent=c1 ;;
    *) fail "unexpected reporter '$reporter'" ;;
esac
log "ok: the proxy knows only $reporter ($leaver); $silent stayed silent"

# The reporting box leaves (its kernel sends the IGMPv2 leave: it was the last reporter).
leave_now "$leaver"
sleep 5
st=$(br0_status -vv)
leaves=$(sed -nE 's/.*  old reports [0-9]+  leaves ([0-9]+).*/\1/p' <<<"$st")
assert_ge "$leaves" 1 "leaves received from the reporting viewer"
assert_eq "$(counter 'fast leaves' <<<"$st")" 0 "fast leaves after the reporting viewer left"
silent_addr=$([ "$silent" = c1 ] && echo 10.2.0.2 || echo 10.2.0.3)
grep -qE "^    hosts 1  $silent_addr$" <<<"$st" || { printf '%s\n' "$st"; fail "the silent viewer should have answered the group-specific query"; }
log "ok: the silent viewer $silent answered the group-specific query"
grep -qE "^  group $G  EXCLUDE .* compat IGMPv2" <<<"$st" || { printf '%s\n' "$st"; fail "group $G should still be there in IGMPv2 mode"; }
ns px ip mroute show | grep -q "(10.1.0.2,$G).*Oifs: br0" || { ns px ip mroute show; fail "route to br0 gone"; }
finish_recv "$leaver"
finish_recv "$silent"
out=$WORK/$silent.out
log "silent viewer $silent: received $(value received < "$out"), longest silence $(value max_gap_ms < "$out") ms (scheduling included)"
assert_eq "$(value lost < "$out")" 0 "datagrams the silent viewer missed"
assert_ge "$(value received < "$out")" 400 "packets received by the silent viewer"
daemon_usage
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
