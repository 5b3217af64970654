#!/usr/bin/env bash
# Issue 17's two latency rows, alone: start -> first query sent and join -> first packet, McProxy
# and igmpproxy alternating in one run on bench/peer.sh's topology and configuration, plus the
# CPU each start cost (/proc/PID/schedstat 1 s after launch; `ip netns exec` included, as in the
# latency). Prints every run and median/min/max per figure.
#   bench/startup-latency.sh /path/to/mcproxy [RUNS] [OUTDIR] [strace]
#   ./build.sh bench startup-latency [RUNS]      (publishes, then runs it in the test VM)
# strace: McProxy only, under `strace -f -tt --seccomp-bpf` (OUTDIR/strace.N; the timeline of
# its start-up and join path, slowed by the tracing). To keep OUTDIR, share it with the VM:
#   bash tests/vm/vm.sh run --kernel 6.12 --share "$PWD/bench/out" -- \
#       bash bench/startup-latency.sh out/mcproxy 5 "$PWD/bench/out/lat"
# Traffic stays inside the test namespaces; the source sends at most 400 datagrams a run.
set -u
RUNS=${2:-5}
OUTDIR=${3:-/tmp/startup-latency}
MODE=${4:-plain}
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/../tests/e2e/lib.sh"
INJECT=$(e2e_tool inject) || exit 1
command -v igmpproxy >/dev/null || { apt-get update -qq; apt-get install -y -qq igmpproxy >/dev/null; }
IGMPPROXY=$(command -v igmpproxy) || skip "igmpproxy is not installed and could not be installed"
# Both executables run from $WORK (tmpfs in the test VM; see in_work in tests/e2e/lib.sh).
MCPROXY=$(in_work "$MCPROXY") || exit 1
IGMPPROXY=$(in_work "$IGMPPROXY") || exit 1
[ "$MODE" = plain ] || command -v strace >/dev/null || skip "strace is not installed"
GROUP=239.9.9.9
mkdir -p "$OUTDIR"
: > "$OUTDIR/results"

topo_basic
cat > "$WORK/mcproxy.toml" <<'EOT'
protocol = "IGMPv3"
[settings]
max_groups = 30000
host_share = 100
[[instance]]
name = "bench"
upstreams = ["up0"]
downstreams = ["dn0", "dn1"]
EOT
cat > "$WORK/igmpproxy.conf" <<'EOT'
phyint up0 upstream ratelimit 0 threshold 1
        altnet 0.0.0.0/0
phyint dn0 downstream ratelimit 0 threshold 1
phyint dn1 downstream ratelimit 0 threshold 1
EOT
now_ms() { date +%s%3N; }
say() { echo "$*" | tee -a "$OUTDIR/results"; }

# one DAEMON RUN: start -> first query on c1's link, the start's CPU, join -> first packet, stop.
one() {
    local d=$1 r=$2 i
    ns c1 "$INJECT" waitquery -i eth0 -t 15 > "$WORK/wq.out" &
    local wq=$!
    for i in $(seq 100); do grep -q ready "$WORK/wq.out" 2>/dev/null && break; sleep 0.02; done
    local t0
    t0=$(now_ms)
    if [ "$d" = igmpproxy ]; then
        ip netns exec "${P}px" "$IGMPPROXY" -n "$WORK/igmpproxy.conf" >>"$WORK/igmpproxy.log" 2>&1 &
    elif [ "$MODE" = strace ]; then
        ip netns exec "${P}px" strace -f -tt --seccomp-bpf -o "$OUTDIR/strace.$r" \
            -e trace=execve,open,openat,socket,setsockopt,sendmsg,sendto,recvmsg,write,bind,ioctl,clone,exit_group \
            "$MCPROXY" -f "$WORK/mcproxy.toml" >>"$WORK/mcproxy.log" 2>&1 &
    else
        ip netns exec "${P}px" "$MCPROXY" -f "$WORK/mcproxy.toml" >>"$WORK/mcproxy.log" 2>&1 &
    fi
    local dpid=$!
    PIDS+=("$dpid")
    wait "$wq"
    local q
    q=$(value query_at < "$WORK/wq.out")
    say "$d run $r start->query $(( ${q:--1} > 0 ? q - t0 : -1 )) ms"
    sleep 1
    say "$d run $r startcpu $(( $(cut -d' ' -f1 "/proc/$dpid/schedstat") / 1000000 )) ms"
    send_bg src -i eth0 -g "$GROUP" -n 400 -r 5
    sleep 0.5
    ns c1 "$MCTOOL" recv -i eth0 -g "$GROUP" -t 1 > "$WORK/recv.out"
    kill "$SEND_PID" 2>/dev/null; wait "$SEND_PID" 2>/dev/null
    say "$d run $r join->first $(value first_ms < "$WORK/recv.out") ms"
    # Under strace the daemon is strace's child: stop it, not strace (which would detach).
    local kpid=$dpid
    [ "$d" = mcproxy ] && [ "$MODE" = strace ] && kpid=$(pgrep -P "$dpid" | head -1)
    kill -TERM "$kpid" 2>/dev/null; wait "$dpid" 2>/dev/null
    for _ in $(seq 50); do [ "$(ns px tail -n +2 /proc/net/ip_mr_vif | wc -l)" -eq 0 ] && break; sleep 0.1; done
    sleep 0.3
}

for r in $(seq "$RUNS"); do
    one mcproxy "$r"
    [ "$MODE" = strace ] || one igmpproxy "$r"
done
summary() { sort -n | awk '{a[NR]=$1} END{if (NR) printf "median %s, min %s, max %s (%d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
for d in mcproxy igmpproxy; do
    for f in "start->query" "join->first" "startcpu"; do
        v=$(grep "^$d run " "$OUTDIR/results" | grep -F " $f " | awk '{print $(NF-1)}' | summary)
        [ -n "$v" ] && echo "$d $f (ms): $v" | tee -a "$OUTDIR/summary"
    done
done
