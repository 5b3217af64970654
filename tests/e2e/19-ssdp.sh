#!/usr/bin/env bash
# SSDP (239.255.255.250) is LAN chatter: without proxy_ssdp (the default) it crosses no upstream
# in either direction; between downstreams it flows like any group. With proxy_ssdp = true it
# is an ordinary group both ways.
#   src -- up0 [px] dn0 -- c1 (joins SSDP)
#                   dn1 -- c2 (sends SSDP)
# Asserts, default: nothing from the upstream's SSDP source reaches c1, nothing of c2's SSDP
# reaches the upstream link, c2's SSDP reaches c1. proxy_ssdp = true: the upstream's SSDP
# reaches c1 and c2's reaches the upstream link.
source "$(dirname "$0")/lib.sh"
topo_basic
SSDP=239.255.255.250

# run_case NAME CONFIG: one daemon; c1 listens; c2 sends 60 datagrams while the upstream link
# is watched (4 s), then src sends 60 (bounded: 1.2 s each).
run_case() {
    local name=$1
    printf '%s\n' "$2" > "$WORK/$name.toml"
    start_proxy px "$WORK/$name.toml"
    recv_bg c1 "c1$name" -i eth0 -g "$SSDP" -t 20
    sleep 1
    ns src "$MCTOOL" sniff -i eth0 -g "$SSDP" -t 4 > "$WORK/up-$name.out" &
    PIDS+=("$!"); local sniff=$!
    ns c2 "$MCTOOL" send -i eth0 -g "$SSDP" -n 60 -r 20 >> "$WORK/send.out" 2>&1
    wait "$sniff"
    ns src "$MCTOOL" send -i eth0 -g "$SSDP" -n 60 -r 20 >> "$WORK/send.out" 2>&1
    local pid_var="c1${name}_PID"
    stop_recv "${!pid_var}"
    stop_proxy "$PROXY_PID"; assert_eq "$STOP_RC" 0 "proxy exit status ($name)"
}

# config PROXY_SSDP: the instance, with proxy_ssdp = PROXY_SSDP.
config() { printf 'protocol = "IGMPv3"\nproxy_ssdp = %s\n[[instance]]\nname = "p"\nupstreams = ["up0"]\ndownstreams = ["dn0", "dn1"]\n' "$1"; }

run_case off "$(config false)"
sources=$(value sources < "$WORK/c1off.out")
assert_eq "$(grep -c 10.1.0.2 <<<"$sources")" 0 "c1 got SSDP from the upstream's source without proxy_ssdp (senders: ${sources:-none})"
assert_ge "$(grep -c 10.3.0.2 <<<"$sources")" 1 "c1 gets c2's SSDP (downstream to downstream)"
assert_eq "$(value seen < "$WORK/up-off.out")" 0 "c2's SSDP datagrams on the upstream link without proxy_ssdp"

run_case on "$(config true)"
sources=$(value sources < "$WORK/c1on.out")
assert_ge "$(grep -c 10.1.0.2 <<<"$sources")" 1 "c1 gets the upstream's SSDP with proxy_ssdp (senders: ${sources:-none})"
assert_ge "$(value seen < "$WORK/up-on.out")" 20 "c2's SSDP datagrams on the upstream link with proxy_ssdp"
log "PASS"
