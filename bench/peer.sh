#!/usr/bin/env bash
# Issue 8's comparison bench: McProxy against igmpproxy (Debian package igmpproxy, the proxy
# most OpenWrt IPTV users run) in the same run, on the same namespace topology (tests/e2e/lib.sh
# topo_basic), figure by figure, medians over RUNS runs with min and max, written with the
# machine's description to bench/RESULTS.md.
#   bench/peer.sh /path/to/mcproxy [RUNS]        (./build.sh bench peer; RUNS default 5)
# Traffic stays inside the test namespaces; the report flood is bounded in rate, count and time
# (tests/e2e/inject.c caps). Takes about 5-8 minutes. Needs root; installs igmpproxy if missing.
set -u
RUNS=${2:-5}
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/../tests/e2e/lib.sh"
OUT=${RESULTS:-$BENCH_DIR/RESULTS.md}
INJECT=$(e2e_tool inject) || exit 1
command -v igmpproxy >/dev/null || { apt-get update -qq; apt-get install -y -qq igmpproxy >/dev/null; }
IGMPPROXY=$(command -v igmpproxy) || skip "igmpproxy is not installed and could not be installed"

FLOOD_RATE=5000      # reports/s
FLOOD_SECONDS=6
FLOOD_POOL=500       # groups the flood's random records draw from
GROUP=239.9.9.9
LEAVE_WINDOW=10      # s of sniffing after the join; a leave not done by then is reported as ">"

topo_basic
# igmpproxy joins upstream groups on one socket: the kernel's per-socket limit (default 20)
# would cap it at 20 groups. Raised here, for both daemons, so the figures compare daemons.
# Its memberships also live in that socket's option memory (net.core.optmem_max, per namespace
# on current kernels): at the default 128 KiB it stops near 2,700 groups with ENOBUFS.
ns px sysctl -qw net.ipv4.igmp_max_memberships=100000
ns px sysctl -qw net.core.optmem_max=8388608 2>/dev/null || log "note: cannot raise net.core.optmem_max in the namespace"

cat > "$WORK/mcproxy.toml" <<'EOF'
protocol = "IGMPv3"
[settings]
max_groups = 10000        # the default (1024) is below the 5,000-group figure
[[instance]]
name = "bench"
upstreams = ["up0"]
downstreams = ["dn0", "dn1"]
EOF
cat > "$WORK/igmpproxy.conf" <<'EOF'
phyint up0 upstream ratelimit 0 threshold 1
        altnet 0.0.0.0/0
phyint dn0 downstream ratelimit 0 threshold 1
phyint dn1 downstream ratelimit 0 threshold 1
EOF

# start_daemon mcproxy|igmpproxy: DPID set; returns when its three vifs exist.
start_daemon() {
    if [ "$1" = mcproxy ]; then
        ip netns exec "${P}px" "$MCPROXY" -f "$WORK/mcproxy.toml" >>"$WORK/mcproxy.log" 2>&1 &
    else
        ip netns exec "${P}px" "$IGMPPROXY" -n "$WORK/igmpproxy.conf" >>"$WORK/igmpproxy.log" 2>&1 &
    fi
    DPID=$!
    PIDS+=("$DPID")
    local i
    for i in $(seq 200); do
        [ "$(ns px tail -n +2 /proc/net/ip_mr_vif | wc -l)" -ge 3 ] && return 0
        kill -0 "$DPID" 2>/dev/null || fail "$1 exited at start"
        sleep 0.02
    done
    fail "$1 did not set up its vifs within 4 s"
}

stop_daemon() {
    kill -TERM "$DPID" 2>/dev/null
    local i
    for i in $(seq 50); do kill -0 "$DPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$DPID" 2>/dev/null
    wait "$DPID" 2>/dev/null
    for i in $(seq 50); do
        [ "$(ns px tail -n +2 /proc/net/ip_mr_vif | wc -l)" -eq 0 ] && break
        sleep 0.1
    done
}

rss_kb() { awk '/VmRSS/{print $2}' "/proc/$DPID/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$DPID/stat"; }
upstream_groups() {
    ns px awk '/^[0-9]/{on=($2=="up0")} on && length($1)==8 && $1 !~ /0000E0$/ && $1 ~ /^[0-9A-F]+$/ {n++} END{print n+0}' /proc/net/igmp
}
raw_igmp_drops() { ns px awk 'NR>1 && $2 ~ /:0002$/ {d += $NF} END{print d+0}' /proc/net/raw; }
now_ms() { date +%s%3N; }
record() { echo "$3" >> "$WORK/$1.$2"; }   # record DAEMON FIGURE VALUE

# wait_groups N: until up0 holds N groups (or 30 s); prints the ms it took.
wait_groups() {
    local want=$1 t0 i
    t0=$(now_ms)
    for i in $(seq 600); do
        [ "$(upstream_groups)" -ge "$want" ] && { echo $(( $(now_ms) - t0 )); return 0; }
        sleep 0.05
    done
    echo -1
}

# Phase A: start -> first query, idle RSS, join/leave latency, RSS with 1,000 / 5,000 groups.
phase_a() {
    local d=$1
    ns c1 "$INJECT" waitquery -i eth0 -t 15 > "$WORK/wq.out" &
    local wq=$!
    for _ in $(seq 100); do grep -q ready "$WORK/wq.out" 2>/dev/null && break; sleep 0.02; done
    local t0
    t0=$(now_ms)
    start_daemon "$d"
    wait "$wq"
    local q
    q=$(value query_at < "$WORK/wq.out")
    if [ "${q:--1}" -gt 0 ]; then record "$d" startq $((q - t0)); else record "$d" startq 15000; log "$d: no query within 15 s"; fi
    sleep 1
    record "$d" idle "$(rss_kb)"

    send_bg src -i eth0 -g "$GROUP" -n $(( (LEAVE_WINDOW + 2) * 200 )) -r 5
    sleep 0.5
    ns c1 "$MCTOOL" sniff -i eth0 -g "$GROUP" -t "$LEAVE_WINDOW" > "$WORK/sniff.out" &
    local spid=$!
    ns c1 "$MCTOOL" recv -i eth0 -g "$GROUP" -t 1 -L 700 > "$WORK/recv.out"
    wait "$spid"
    kill "$SEND_PID" 2>/dev/null
    local first left last
    first=$(value first_ms < "$WORK/recv.out")
    left=$(value left_at < "$WORK/recv.out")
    last=$(value last_at < "$WORK/sniff.out")
    record "$d" join "${first:--1}"
    record "$d" leave $(( ${last:-0} > 0 ? last - left : -1 ))
    # Still forwarding when the sniffer stopped: the figure is only a lower bound.
    [ "$(value last_ms < "$WORK/sniff.out")" -ge $(( LEAVE_WINDOW * 1000 - 300 )) ] && record "$d" leavecap 1

    ns c1 "$INJECT" joinmany -i eth0 -g 239.10.0.0 -n 1000 -r 200 >/dev/null
    record "$d" ready1k "$(wait_groups 1000)"
    sleep 1
    record "$d" rss1k "$(rss_kb)"
    ns c1 "$INJECT" joinmany -i eth0 -g 239.10.3.232 -n 4000 -r 200 >/dev/null   # 239.10.0.0 + 1000
    record "$d" ready5k "$(wait_groups 5000)"
    sleep 1
    record "$d" rss5k "$(rss_kb)"
    log "$d: start->query $(tail -1 "$WORK/$d.startq") ms, idle $(tail -1 "$WORK/$d.idle") KiB, join $(tail -1 "$WORK/$d.join") ms, leave $(tail -1 "$WORK/$d.leave") ms, 1k $(tail -1 "$WORK/$d.rss1k") KiB, 5k $(tail -1 "$WORK/$d.rss5k") KiB ($(upstream_groups) groups upstream)"
    stop_daemon
}

# Phase B: a bounded flood of valid random reports into dn0 of a fresh daemon.
phase_b() {
    local d=$1
    start_daemon "$d"
    sleep 1
    local rss0 t0 drops0
    rss0=$(rss_kb); t0=$(cpu_ticks); drops0=$(raw_igmp_drops)
    ns c1 "$INJECT" flood -i eth0 -r "$FLOOD_RATE" -t "$FLOOD_SECONDS" -c $((FLOOD_RATE * FLOOD_SECONDS)) \
        -G "$FLOOD_POOL" -S 4 -H -x "$RANDOM" > "$WORK/flood.out"
    sleep 1
    local sent ticks drops handled
    sent=$(value sent < "$WORK/flood.out")
    ticks=$(( $(cpu_ticks) - t0 ))
    drops=$(( $(raw_igmp_drops) - drops0 ))
    handled=$(( sent - drops ))
    [ "$ticks" -gt 0 ] || ticks=1
    record "$d" floodrate $(( handled * 100 / ticks ))          # USER_HZ = 100
    record "$d" floodrss $(( $(rss_kb) - rss0 ))
    record "$d" flooddrop "$drops"
    log "$d: flood $sent sent, $drops dropped by the socket, $((ticks * 10)) ms CPU, RSS +$(tail -1 "$WORK/$d.floodrss") KiB, $(upstream_groups) groups upstream"
    stop_daemon
}

log "McProxy vs igmpproxy, $RUNS runs"
for r in $(seq "$RUNS"); do
    log "run $r/$RUNS"
    for d in mcproxy igmpproxy; do
        phase_a "$d"
        phase_b "$d"
    done
done

# ---------- the table ----------
stat3() {  # stat3 FILE -> "median min max"
    sort -n "$1" | awk '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s %s %s", m, a[1], a[NR]}'
}
capped() { [ -s "$WORK/$1.$2cap" ]; }   # some sample of FIGURE was cut off by its window
cell() {  # cell DAEMON FIGURE
    local m lo hi pre=""
    read -r m lo hi <<< "$(stat3 "$WORK/$1.$2")"
    capped "$1" "$2" && pre="> "
    printf '%s%s (%s–%s)' "$pre" "$(fmt "$m")" "$(fmt "$lo")" "$(fmt "$hi")"
}
# Thousands separators without relying on a locale.
fmt() { awk -v x="$1" 'BEGIN{ s = (x == int(x)) ? sprintf("%d", x) : sprintf("%.1f", x); n = index(s, "."); i = n ? substr(s, 1, n - 1) : s; f = n ? substr(s, n) : "";
    neg = substr(i, 1, 1) == "-"; if (neg) i = substr(i, 2); o = ""; while (length(i) > 3) { o = "," substr(i, length(i) - 2) o; i = substr(i, 1, length(i) - 3) } printf "%s%s%s%s", neg ? "-" : "", i, o, f }'; }
ratio() {  # McProxy / igmpproxy of the medians ("<" when igmpproxy's figure is a lower bound)
    local a b pre=""
    a=$(stat3 "$WORK/mcproxy.$1" | cut -d' ' -f1); b=$(stat3 "$WORK/igmpproxy.$1" | cut -d' ' -f1)
    capped igmpproxy "$1" && pre="< "
    capped mcproxy "$1" && pre="> "
    awk -v a="$a" -v b="$b" -v p="$pre" 'BEGIN{ if (b == 0) { print "–"; exit } r = a / b; printf (r < 0.1 ? "%s%.4f" : "%s%.2f"), p, r }'
}
row() {  # row LABEL FIGURE BETTER
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$(cell mcproxy "$2")" "$(cell igmpproxy "$2")" "$(ratio "$2")" "$3"
}
MC_SIZE=$(stat -c %s "$MCPROXY"); IP_SIZE=$(stat -c %s "$IGMPPROXY")
CPU=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
MC_VERSION=$("$MCPROXY" --version 2>/dev/null | head -1)
IP_VERSION=$(dpkg-query -W -f '${Version}' igmpproxy 2>/dev/null || echo unknown)
{
    echo "# McProxy vs igmpproxy"
    echo
    echo "Written by \`./build.sh bench peer\` (bench/peer.sh). Numbers from one machine; rerun to compare on yours."
    echo
    echo "* Date: $(date -u '+%F %H:%M UTC')"
    echo "* Machine: $CPU, $(nproc) cores (shared with other work while measuring), kernel $(uname -r), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
    [ -z "${MCPROXY_VM_DESC:-}" ] || echo "* Ran in the $MCPROXY_VM_DESC (the host kernel has no multicast routing); both daemons in the same VM"
    echo "* McProxy: $MC_VERSION; igmpproxy: Debian package $IP_VERSION"
    echo "* $RUNS runs; each cell is the median (min–max). Ratio = McProxy / igmpproxy of the medians."
    echo
    echo "| Figure | McProxy | igmpproxy | Ratio | Better |"
    echo "|---|---|---|---|---|"
    printf '| binary size (bytes) | %s | %s | %s | lower |\n' "$(fmt "$MC_SIZE")" "$(fmt "$IP_SIZE")" "$(awk -v a="$MC_SIZE" -v b="$IP_SIZE" 'BEGIN{printf "%.2f", a/b}')"
    row "idle RSS (KiB)" idle lower
    row "RSS, 1,000 joined groups (KiB)" rss1k lower
    row "RSS, 5,000 joined groups (KiB)" rss5k lower
    row "1,000 groups joined → all subscribed upstream (ms)" ready1k lower
    row "5,000 groups joined → all subscribed upstream (ms)" ready5k lower
    row "join → first packet (ms)" join lower
    row "leave → last packet, default settings (ms)" leave lower
    row "report flood: reports handled per CPU-second" floodrate higher
    row "report flood: RSS growth (KiB)" floodrss lower
    row "report flood: reports dropped by the socket" flooddrop lower
    row "start → first query sent (ms)" startq lower
    echo
    echo "## How it was measured"
    echo
    echo "* Topology: network namespaces src — (up0) proxy (dn0, dn1) — c1, c2 (tests/e2e/lib.sh \`topo_basic\`). Both daemons run"
    echo "  in the same namespace one after the other, with upstream up0 and downstreams dn0, dn1."
    echo "* McProxy: TOML config, protocol IGMPv3, defaults except \`max_groups = 10000\` (the default limit, 1,024, is below the"
    echo "  5,000-group figure). igmpproxy: \`phyint up0 upstream ratelimit 0 threshold 1\` + \`altnet 0.0.0.0/0\`, \`phyint dn0/dn1"
    echo "  downstream ratelimit 0 threshold 1\`, run as \`igmpproxy -n CONF\` (no -d/-v: logging would cost it CPU in the flood)."
    echo "* \`net.ipv4.igmp_max_memberships\` is raised to 100,000 in the proxy namespace for both daemons: igmpproxy joins every"
    echo "  upstream group on one socket and would otherwise stop at the kernel default of 20 groups; for the same reason"
    echo "  \`net.core.optmem_max\` (per namespace) is raised to 8 MiB, without which igmpproxy stops near 2,700 groups (ENOBUFS)."
    echo "  McProxy spreads its upstream memberships over several sockets and needs neither."
    echo "* Binary size: the files as installed (McProxy: one Native AOT executable; igmpproxy: dynamically linked C)."
    echo "* Idle RSS: VmRSS 1 s after start. RSS with N groups: c1 sends IGMPv3 reports (40 TO_EX {} records each, 200 reports/s,"
    echo "  tests/e2e/inject.c joinmany) for N groups; VmRSS 1 s after up0's membership count in /proc/net/igmp reached N. The"
    echo "  \"→ all subscribed upstream\" rows time that wait from the end of the sending."
    echo "* Join → first packet: the source sends to $GROUP every 5 ms; c1 joins through a socket (its kernel sends the IGMPv3"
    echo "  report); time to the first datagram. Leave → last packet: c1 leaves 700 ms later; time from the leave to the last"
    echo "  datagram seen on c1's link (AF_PACKET), which is watched for $LEAVE_WINDOW s from the join; \"> N\" means data was still"
    echo "  forwarded when the window closed. Default settings for both."
    echo "* Report flood: a fresh daemon; c1 sends $FLOOD_RATE valid IGMPv3 reports/s for $FLOOD_SECONDS s (one record each: random"
    echo "  type, one of $FLOOD_POOL groups, 0–4 random sources, random reporter in c1's /24). Reports handled = sent − drops of the"
    echo "  daemons' raw IGMP socket (/proc/net/raw); per CPU-second = handled / (utime + stime) of the daemon. RSS growth ="
    echo "  VmRSS 1 s after the flood − before it."
    echo "* Start → first query: from launching the process (\`ip netns exec\` included) to the first IGMP query seen on c1's link."
    echo "* Report flood RSS growth: McProxy keeps the reported sources per group and host (bounded by max_sources_per_group"
    echo "  and max_hosts_per_group); igmpproxy ignores sources. Reports/CPU-second include the kernel work each daemon causes"
    echo "  (McProxy changes upstream source filters and forwarding entries as the random records demand)."
    echo "* The machine is shared: CPU-bound figures vary between runs (see min–max)."
    if [ "${PIPELINE:-1}" = 1 ] && command -v dotnet >/dev/null; then
        echo
        echo "## The pure pipeline (issue 4)"
        echo
        echo "\`bench/run.sh pipeline\` (JIT, one thread; target: at least 200,000 single-record reports/s):"
        echo
        echo '```'
        (cd "$BENCH_DIR/.." && dotnet run -c Release --project bench/McProxy.Bench -- pipeline 2 2>&1 | grep -v '^==')
        echo '```'
    fi
    echo
    bash "$BENCH_DIR/sizes.sh"
} > "$OUT"
log "wrote $OUT"
cat "$OUT"
