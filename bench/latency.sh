#!/usr/bin/env bash
# Issue 5's figures for the published binary, measured in network namespaces (root):
#   join -> first packet at the client (median of RUNS), leave -> last packet on the client's
#   link with default timers and with fast leave, idle RSS of the daemon, binary size.
# Usage: bench/latency.sh /path/to/mcproxy [RUNS]   (./build.sh bench latency)
# The source sends every 5 ms for a bounded time; everything stays inside the namespaces.
set -u
RUNS=${2:-7}
source "$(cd "$(dirname "$0")" && pwd)/../tests/e2e/lib.sh"

median() { sort -n | awk '{a[NR]=$1} END{if(NR==0){print "n/a"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s (min %s, max %s, n=%d)", m, a[1], a[NR], NR}'; }

topo_basic
GROUP=239.9.9.9

run_series() {  # run_series LABEL CONFIG_TEXT -> appends "join_ms leave_ms" lines to $WORK/LABEL.txt
    local label=$1 conf=$2 i
    printf '%s\n' "$conf" > "$WORK/$label.conf"
    start_proxy px "$WORK/$label.conf"
    # Idle RSS after start-up (nothing joined yet).
    sleep 1
    grep VmRSS "/proc/$PROXY_PID/status" | awk '{print $2}' > "$WORK/$label.rss"
    send_bg src -i eth0 -g "$GROUP" -n $((RUNS * 1000 + 2000)) -r 5
    sleep 0.5
    for i in $(seq "$RUNS"); do
        ns c1 "$MCTOOL" sniff -i eth0 -g "$GROUP" -t 6 > "$WORK/sniff.out" &
        local spid=$!
        ns c1 "$MCTOOL" recv -i eth0 -g "$GROUP" -t 1 -L 700 > "$WORK/recv.out"
        wait "$spid"
        local first left last
        first=$(value first_ms < "$WORK/recv.out")
        left=$(value left_at < "$WORK/recv.out")
        last=$(value last_at < "$WORK/sniff.out")
        echo "$first $((last - left))" >> "$WORK/$label.txt"
        sleep 0.3
    done
    kill "$SEND_PID" 2>/dev/null
    stop_proxy "$PROXY_PID"
}

run_series default "protocol IGMPv3;
pinstance bench: up0 ==> dn0 dn1;"

FAST_TOML="protocol = \"IGMPv3\"
[[instance]]
name = \"bench\"
upstreams = [\"up0\"]
downstreams = [\"dn0\", \"dn1\"]
[settings]
fast_leave = true"
run_series fastleave "$FAST_TOML"

size=$(stat -c %s "$MCPROXY")
echo
echo "McProxy latency bench, $(date -u +%F), $(uname -r), $(nproc) cores, runs=$RUNS${MCPROXY_VM_DESC:+, in the $MCPROXY_VM_DESC}"
echo "binary size:                        $size bytes"
echo "idle RSS (after start):             $(cat "$WORK/default.rss") KiB"
echo "join -> first packet (ms):          $(awk '{print $1}' "$WORK/default.txt" | median)"
echo "leave -> last packet, default (ms): $(awk '{print $2}' "$WORK/default.txt" | median)"
echo "leave -> last packet, fast (ms):    $(awk '{print $2}' "$WORK/fastleave.txt" | median)"
