# shellcheck shell=bash
# A LAN of several hosts on one downstream, as a home router's br-lan: sourced after lib.sh.
#
#   topo_lan [PROXY_ADDR]
#     src(eth0 10.1.0.2) -- (up0 10.1.0.1) px, and in px the bridge br0 (PROXY_ADDR/24, default
#     10.2.0.1) with one port each to c1 (10.2.0.2), c2 (10.2.0.3) and atk (10.2.0.9, an
#     attacker's host). Multicast snooping is off, so every host hears every report and all
#     multicast, as on Wi-Fi (RFC 2236 §3 report suppression happens there).
topo_lan() {
    local proxy_addr=${1:-10.2.0.1} n i=0
    add_ns src; add_ns px; add_ns c1; add_ns c2; add_ns atk
    link src eth0 px up0
    addr src eth0 10.1.0.2/24; addr px up0 10.1.0.1/24
    ns px ip link add br0 type bridge mcast_snooping 0 || fail "ip link add br0 type bridge"
    ns px ip link set br0 up
    addr px br0 "$proxy_addr/24"
    for n in c1 c2 atk; do
        i=$((i + 1))
        link px "lan$i" "$n" eth0
        ns px ip link set "lan$i" master br0 || fail "enslave lan$i"
    done
    addr c1 eth0 10.2.0.2/24; addr c2 eth0 10.2.0.3/24; addr atk eth0 10.2.0.9/24
    ns src ip route add default via 10.1.0.1
    for n in c1 c2 atk; do
        ns "$n" ip route add default via "$proxy_addr"
    done
    ns px sysctl -qw net.ipv4.ip_forward=1
    for n in src c1 c2 atk; do
        ns "$n" ip route add 224.0.0.0/4 dev eth0 2>/dev/null
    done
}

# lan_config FILE [EXTRA_SETTINGS]: an IGMPv3 instance up0 ==> br0 with the given [settings] lines.
lan_config() {
    printf 'protocol = "IGMPv3"\n\n[settings]\n%s\n\n[[instance]]\nname = "lan"\nupstreams = ["up0"]\ndownstreams = ["br0"]\n' "${2:-}" > "$1"
}

# br0_status [ARGS]: the br0 block of "mcproxy show" in px (-v/-vv for counters and hosts).
br0_status() {
    ns px "$MCPROXY" show "$@" | awk 'index($0, "downstream br0 ")==1 {on=1; print; next} on && /^[^ ]/ {exit} on {print}'
}

# counter NAME < br0_status -v: one number of the counters line ("fast leaves", "forged leaves", ...).
counter() { sed -nE "s/.* $1 ([0-9]+).*/\\1/p" | head -1; }

# leave_now NAME: the receiver NAME (recv_bg) leaves its group at once (its kernel sends the leave).
leave_now() { local pid_var=${1}_PID; kill -USR1 "${!pid_var}"; }

# finish_recv NAME: the receiver NAME stops now; its results are in its .out file afterwards.
finish_recv() { local pid_var=${1}_PID; stop_recv "${!pid_var}"; }

# daemon_usage: the daemon's resident memory and CPU time so far, for the test's log.
daemon_usage() {
    local rss ticks
    rss=$(awk '/VmRSS/{print $2}' "/proc/$PROXY_PID/status")
    ticks=$(awk '{print $14 + $15}' "/proc/$PROXY_PID/stat")
    log "daemon: RSS ${rss} KiB, CPU $((ticks * 1000 / $(getconf CLK_TCK))) ms since start"
}
