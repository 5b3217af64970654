#!/usr/bin/env bash
# Issue 17 item 3: what upstream membership at scale costs with one UDP socket per
# igmp_max_memberships (20) IPv4 groups, at the kernel's default limits. For 1k / 5k / 20k groups
# joined on dn0 (inject joinmany, TO_EX {}): the time until up0 holds them all, the daemon's
# descriptors and RSS, and the kernel's slab memory (/proc/meminfo Slab) against the idle daemon;
# then the slab cost of 1,000 idle UDP sockets alone (python3), to split sockets from memberships.
#   bench/upstream-sockets.sh /path/to/mcproxy     (./build.sh bench upstream-sockets; in the VM)
# Traffic stays inside the test namespaces; bounded: at most 20,000 groups at 200 reports/s.
set -u
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/../tests/e2e/lib.sh"
INJECT=$(e2e_tool inject) || exit 1

topo_basic
cat > "$WORK/up.toml" <<EOF
protocol = "IGMPv3"
[settings]
max_groups = 30000
# One reporting host (c1) holds every group: without this it may hold a quarter (7,500).
host_share = 100
[[instance]]
name = "bench"
upstreams = ["up0"]
downstreams = ["dn0", "dn1"]
EOF
slab_kb() { awk '/^Slab:/{print $2}' /proc/meminfo; }
upstream_groups() {
    ns px awk '/^[0-9]/{on=($2=="up0")} on && length($1)==8 && $1 !~ /0000E0$/ && $1 ~ /^[0-9A-F]+$/ {n++} END{print n+0}' /proc/net/igmp
}
now_ms() { date +%s%3N; }

start_proxy px "$WORK/up.toml"
sleep 1
SLAB0=$(slab_kb)
FDS0=$(find "/proc/$PROXY_PID/fd" -mindepth 1 | wc -l)
echo "| groups | → all upstream (ms) | descriptors | RSS (KiB) | kernel slab vs idle (KiB) |"
echo "|---|---|---|---|---|"
printf '| 0 | – | %s | %s | 0 |\n' "$FDS0" "$(awk '/VmRSS/{print $2}' "/proc/$PROXY_PID/status")"
have=0
for n in 1000 5000 20000; do
    a=$(printf '239.%d.%d.%d' $(( 10 + (have >> 16) )) $(( (have >> 8) & 255 )) $(( have & 255 )))
    ns c1 "$INJECT" joinmany -i eth0 -g "$a" -n $(( n - have )) -r 200 > /dev/null
    t0=$(now_ms); ms=-1
    for _ in $(seq 1200); do [ "$(upstream_groups)" -ge "$n" ] && { ms=$(( $(now_ms) - t0 )); break; }; sleep 0.05; done
    sleep 1
    printf '| %s | %s | %s | %s | %s |\n' "$n" "$ms" "$(find "/proc/$PROXY_PID/fd" -mindepth 1 | wc -l)" \
        "$(awk '/VmRSS/{print $2}' "/proc/$PROXY_PID/status")" "$(( $(slab_kb) - SLAB0 ))"
    have=$n
done
stop_proxy "$PROXY_PID"

# 1,000 idle UDP sockets, nothing joined: the kernel's cost of a socket alone. The daemon's
# sockets are freed after an RCU grace period: let the slab settle first.
sleep 3
s0=$(slab_kb)
ns px /usr/bin/python3 -c '
import socket, sys, time
s = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(1000)]
sys.stdout.write("open\n"); sys.stdout.flush(); time.sleep(2)' > "$WORK/py.out" &
PY=$!
for _ in $(seq 100); do grep -q open "$WORK/py.out" 2>/dev/null && break; sleep 0.05; done
sleep 0.5
log "1,000 idle UDP sockets: kernel slab +$(( $(slab_kb) - s0 )) KiB"
wait "$PY"
