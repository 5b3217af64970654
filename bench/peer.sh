#!/usr/bin/env bash
# Issue 8's comparison bench: McProxy against igmpproxy (Debian package igmpproxy, the proxy
# most OpenWrt IPTV users run) in the same run, on the same namespace topology (tests/e2e/lib.sh
# topo_basic), figure by figure, medians over RUNS runs with min and max, written with the
# machine's description to bench/RESULTS.md.
#   bench/peer.sh /path/to/mcproxy [RUNS]        (./build.sh bench peer; RUNS default 5)
# Traffic stays inside the test namespaces; the report flood is bounded in rate, count and time
# (tests/e2e/inject.c caps). Takes about 5-8 minutes natively, 20-30 under TCG. Needs root;
# installs igmpproxy if missing. Also writes the cost curve (RSS and CPU per refreshed record at
# 1k / 5k / 20k groups, both daemons) as bench/cost-curve.png (python3-matplotlib) and appends
# bench/NOTES.md (the hand-written reading of the goals) when present.
set -u
RUNS=${2:-5}
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/../tests/e2e/lib.sh"
OUT=${RESULTS:-$BENCH_DIR/RESULTS.md}
INJECT=$(e2e_tool inject) || exit 1
command -v igmpproxy >/dev/null || { apt-get update -qq; apt-get install -y -qq igmpproxy >/dev/null; }
IGMPPROXY=$(command -v igmpproxy) || skip "igmpproxy is not installed and could not be installed"
# Both executables run from $WORK (tmpfs in the test VM; see in_work in tests/e2e/lib.sh).
MCPROXY=$(in_work "$MCPROXY") || exit 1
IGMPPROXY=$(in_work "$IGMPPROXY") || exit 1

FLOOD_RATE=5000      # reports/s
FLOOD_SECONDS=6
FLOOD_POOL=500       # groups the flood's random records draw from
GROUP=239.9.9.9
LEAVE_WINDOW=10      # s of sniffing after the join; a leave not done by then is reported as ">"
REFRESH_RECORDS=20000  # records of the CPU probe at each group count (TO_EX {} for groups held)
FAST_RATE=20000      # reports/s of the short second flood (the "CPU at 20,000 reports/s" row)

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
max_groups = 30000        # the default (1024) is below the 5,000- and 20,000-group figures
host_share = 100          # one client (c1) joins them all
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

# start_daemon mcproxy|igmpproxy [nowait]: DPID set; returns when its three vifs exist (nowait: at once).
start_daemon() {
    if [ "$1" = mcproxy ]; then
        ip netns exec "${P}px" "$MCPROXY" -f "$WORK/mcproxy.toml" >>"$WORK/mcproxy.log" 2>&1 &
    else
        ip netns exec "${P}px" "$IGMPPROXY" -n "$WORK/igmpproxy.conf" >>"$WORK/igmpproxy.log" 2>&1 &
    fi
    DPID=$!
    PIDS+=("$DPID")
    [ "${2:-}" = nowait ] || wait_vifs "$1"
}

# wait_vifs DAEMON: until the daemon has its three vifs (each look forks ip, tail and wc: under TCG
# that competes for the CPU with a starting daemon, so phase A looks only after the first query).
wait_vifs() {
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

# wait_groups N [S]: until up0 holds N groups (or S s, default 30); prints the ms it took, -1 if not.
wait_groups() {
    local want=$1 t0 i
    t0=$(now_ms)
    while [ $(( $(now_ms) - t0 )) -lt $(( ${2:-30} * 1000 )) ]; do
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
    start_daemon "$d" nowait
    wait "$wq"
    wait_vifs "$d"
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
    ready "$d" ready1k 1000 30
    sleep 1
    record "$d" rss1k "$(rss_kb)"
    refresh_cpu "$d" 1000 cpu1k
    ns c1 "$INJECT" joinmany -i eth0 -g 239.10.3.232 -n 4000 -r 200 >/dev/null   # 239.10.0.0 + 1000
    ready "$d" ready5k 5000 30
    sleep 1
    record "$d" rss5k "$(rss_kb)"
    refresh_cpu "$d" 5000 cpu5k
    ns c1 "$INJECT" joinmany -i eth0 -g 239.10.19.136 -n 15000 -r 200 >/dev/null  # 239.10.0.0 + 5000
    local r20
    r20=$(wait_groups 20000 60)
    if [ "$r20" -ge 0 ]; then
        record "$d" ready20k "$r20"
        sleep 1
        refresh_cpu "$d" 20000 cpu20k
    else
        record "$d" ready20k 60000; record "$d" ready20kcap 1
        log "$d: 20,000 groups not all subscribed within 60 s ($(upstream_groups))"
    fi
    record "$d" rss20k "$(rss_kb)"
    # Marginal RSS per group (bytes), from the medians' neighbours of each run.
    record "$d" per1k5k $(( ($(tail -1 "$WORK/$d.rss5k") - $(tail -1 "$WORK/$d.rss1k")) * 1024 / 4000 ))
    record "$d" per5k20k $(( ($(tail -1 "$WORK/$d.rss20k") - $(tail -1 "$WORK/$d.rss5k")) * 1024 / 15000 ))
    log "$d: start->query $(tail -1 "$WORK/$d.startq") ms, idle $(tail -1 "$WORK/$d.idle") KiB, join $(tail -1 "$WORK/$d.join") ms, leave $(tail -1 "$WORK/$d.leave") ms, 1k $(tail -1 "$WORK/$d.rss1k") KiB, 5k $(tail -1 "$WORK/$d.rss5k") KiB, 20k $(tail -1 "$WORK/$d.rss20k") KiB in $(tail -1 "$WORK/$d.ready20k") ms ($(upstream_groups) groups upstream)"
    stop_daemon
}

# ready DAEMON FIGURE N S: the ms until up0 holds N groups, or S s recorded as a lower bound.
ready() {
    local r
    r=$(wait_groups "$3" "$4")
    if [ "$r" -ge 0 ]; then record "$1" "$2" "$r"; else record "$1" "$2" $(( $4 * 1000 )); record "$1" "$2cap" 1; fi
}

# refresh_cpu DAEMON N FIGURE: REFRESH_RECORDS TO_EX {} records for the N groups held (40 a report,
# 500 reports/s; no state changes), the daemon's CPU per record in microseconds.
refresh_cpu() {
    local d=$1 n=$2 t0 r
    t0=$(cpu_ticks)
    for r in $(seq $(( REFRESH_RECORDS / n ))); do
        ns c1 "$INJECT" joinmany -i eth0 -g 239.10.0.0 -n "$n" -r 500 >/dev/null
    done
    sleep 1
    record "$d" "$3" "$(awk -v t=$(( $(cpu_ticks) - t0 )) -v n="$REFRESH_RECORDS" 'BEGIN{printf "%.1f", t * 10000 / n}')"   # ticks of 10 ms
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
    # A short flood at FAST_RATE offered: the daemon's CPU as a share of one core.
    t0=$(cpu_ticks); drops0=$(raw_igmp_drops)
    ns c1 "$INJECT" flood -i eth0 -r "$FAST_RATE" -t 3 -c $((FAST_RATE * 3)) \
        -G "$FLOOD_POOL" -S 4 -H -x "$RANDOM" > "$WORK/flood.out"
    local elapsed
    elapsed=$(value elapsed_ms < "$WORK/flood.out")
    sleep 0.5
    ticks=$(( $(cpu_ticks) - t0 ))
    record "$d" fastcpu $(( ticks * 10 * 100 / (elapsed + 500) ))
    record "$d" fastdrop $(( ($(raw_igmp_drops) - drops0) * 100 / $(value sent < "$WORK/flood.out") ))
    log "$d: $(value sent < "$WORK/flood.out") reports in $elapsed ms: $(tail -1 "$WORK/$d.fastcpu") % of a core, $(tail -1 "$WORK/$d.fastdrop") % dropped by the socket"
    stop_daemon
}

# cost_curve_png: RSS and CPU per record against groups held, both daemons (medians).
cost_curve_png() {
    local py=/usr/bin/python3
    "$py" -c 'import matplotlib' 2>/dev/null || { log "no python3-matplotlib: cost-curve.png not drawn"; return 0; }
    local d n args=()
    for d in mcproxy igmpproxy; do
        for n in 1k 5k 20k; do
            args+=("$d" "$n" "$(median "$d" "rss$n")" "$( [ -s "$WORK/$d.cpu$n" ] && median "$d" "cpu$n" || echo nan)")
        done
    done
    MPLCONFIGDIR=$WORK "$py" - "${PNG:-$BENCH_DIR/cost-curve.png}" "${args[@]}" <<'PY'
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
out, rest = sys.argv[1], sys.argv[2:]
groups = {"1k": 1000, "5k": 5000, "20k": 20000}
data = {}
for i in range(0, len(rest), 4):
    d, n, rss, cpu = rest[i:i + 4]
    data.setdefault(d, []).append((groups[n], float(rss) / 1024, float(cpu)))
fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.6))
for d, style in (("mcproxy", "o-"), ("igmpproxy", "s--")):
    pts = sorted(data.get(d, []))
    a.plot([p[0] for p in pts], [p[1] for p in pts], style, label=d)
    b.plot([p[0] for p in pts], [p[2] for p in pts], style, label=d)
a.set(xlabel="groups held", ylabel="RSS (MiB)", title="memory")
b.set(xlabel="groups held", ylabel="CPU per refreshed record (µs)", title="CPU", yscale="log")
for ax in (a, b):
    ax.set_xscale("log")
    ax.grid(True, alpha=0.3)
    ax.legend()
fig.tight_layout()
fig.savefig(out, dpi=100)
PY
    log "wrote ${PNG:-$BENCH_DIR/cost-curve.png}"
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
    [ -s "$WORK/$1.$2" ] || { printf '–'; return; }
    read -r m lo hi <<< "$(stat3 "$WORK/$1.$2")"
    capped "$1" "$2" && pre="> "
    printf '%s%s (%s–%s)' "$pre" "$(fmt "$m")" "$(fmt "$lo")" "$(fmt "$hi")"
}
# Thousands separators without relying on a locale.
fmt() { awk -v x="$1" 'BEGIN{ s = (x == int(x)) ? sprintf("%d", x) : sprintf("%.1f", x); n = index(s, "."); i = n ? substr(s, 1, n - 1) : s; f = n ? substr(s, n) : "";
    neg = substr(i, 1, 1) == "-"; if (neg) i = substr(i, 2); o = ""; while (length(i) > 3) { o = "," substr(i, length(i) - 2) o; i = substr(i, 1, length(i) - 3) } printf "%s%s%s%s", neg ? "-" : "", i, o, f }'; }
median() { [ -s "$WORK/$1.$2" ] && stat3 "$WORK/$1.$2" | cut -d' ' -f1; }
ratio() {  # McProxy / igmpproxy of the medians ("<" when igmpproxy's figure is a lower bound)
    local a b pre=""
    a=$(median mcproxy "$1"); b=$(median igmpproxy "$1")
    [ -n "$a" ] && [ -n "$b" ] || { echo "–"; return; }
    capped igmpproxy "$1" && pre="< "
    capped mcproxy "$1" && pre="> "
    awk -v a="$a" -v b="$b" -v p="$pre" 'BEGIN{ if (b == 0) { print "–"; exit } r = a / b; printf (r < 0.1 ? "%s%.4f" : "%s%.2f"), p, r }'
}
# row LABEL FIGURE BETTER [GOAL CHECK]: CHECK is an awk condition on m (McProxy's median), i
# (igmpproxy's) and r (their ratio); the last column says whether the goal (issue 17) is met.
row() {
    local met=""
    if [ -n "${5:-}" ]; then
        met=$(awk -v m="$(median mcproxy "$2")" -v i="$(median igmpproxy "$2")" "BEGIN{ r = (i == 0) ? 0 : m / i; print (${5}) ? \"met\" : \"**missed**\" }")
        capped mcproxy "$2" && met="**missed**"
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(cell mcproxy "$2")" "$(cell igmpproxy "$2")" "$(ratio "$2")" "$3" "${4:-}" "$met"
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
    echo "* Machine: $CPU, $(nproc) cores (what else ran on the host meanwhile: see the reading below), kernel $(uname -r), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
    [ -z "${MCPROXY_VM_DESC:-}" ] || echo "* Ran in the $MCPROXY_VM_DESC (the host kernel has no multicast routing); both daemons in the same VM"
    echo "* McProxy: $MC_VERSION; igmpproxy: Debian package $IP_VERSION"
    echo "* $RUNS runs; each cell is the median (min–max). Ratio = McProxy / igmpproxy of the medians."
    echo
    echo "| Figure | McProxy | igmpproxy | Ratio | Better | Goal (issue 17) | |"
    echo "|---|---|---|---|---|---|---|"
    printf '| binary size (bytes) | %s | %s | %s | lower | | |\n' "$(fmt "$MC_SIZE")" "$(fmt "$IP_SIZE")" "$(awk -v a="$MC_SIZE" -v b="$IP_SIZE" 'BEGIN{printf "%.2f", a/b}')"
    row "idle RSS (KiB)" idle lower "≤ 3,584" "m <= 3584"
    row "RSS, 1,000 joined groups (KiB)" rss1k lower
    row "RSS, 5,000 joined groups (KiB)" rss5k lower "≤ 6,144" "m <= 6144"
    row "RSS per group, 1k → 5k groups (bytes)" per1k5k lower "≤ 410" "m <= 410"
    row "RSS, 20,000 joined groups (KiB)" rss20k lower "≤ 12,288" "m <= 12288"
    row "RSS per group, 5k → 20k groups (bytes)" per5k20k lower "≤ 410" "m <= 410"
    row "1,000 groups joined → all subscribed upstream (ms)" ready1k lower
    row "5,000 groups joined → all subscribed upstream (ms)" ready5k lower
    row "20,000 groups joined → all subscribed upstream (ms)" ready20k lower "≤ 1,000" "m <= 1000"
    row "CPU per refreshed record, 1,000 groups held (µs)" cpu1k lower
    row "CPU per refreshed record, 20,000 groups held (µs)" cpu20k lower "flat: ≤ 1.25 × the 1k figure" "m <= 1.25 * $(median mcproxy cpu1k)"
    row "join → first packet (ms)" join lower "≤ 1.0 × igmpproxy" "r <= 1.0"
    row "leave → last packet, default settings (ms)" leave lower
    row "report flood: reports handled per CPU-second" floodrate higher "≥ 100,000 and ≥ 10 × igmpproxy" "m >= 100000 && r >= 10"
    row "report flood: RSS growth (KiB)" floodrss lower "≤ 1,024" "m <= 1024"
    row "report flood: reports dropped by the socket" flooddrop lower
    row "CPU with $(fmt "$FAST_RATE") reports/s offered (% of one core)" fastcpu lower "≤ 20" "m <= 20"
    row "reports dropped by the socket at $(fmt "$FAST_RATE")/s (%)" fastdrop lower
    row "start → first query sent (ms)" startq lower "≤ 1.0 × igmpproxy" "r <= 1.0"
    echo
    echo "## How it was measured"
    echo
    echo "* Topology: network namespaces src — (up0) proxy (dn0, dn1) — c1, c2 (tests/e2e/lib.sh \`topo_basic\`). Both daemons run"
    echo "  in the same namespace one after the other, with upstream up0 and downstreams dn0, dn1."
    echo "* McProxy: TOML config, protocol IGMPv3, defaults except \`max_groups = 30000\` and \`host_share = 100\` (the default"
    echo "  limits, 1,024 groups and a quarter of them per host, are below the 5,000- and 20,000-group figures). igmpproxy: \`phyint up0 upstream ratelimit 0 threshold 1\` + \`altnet 0.0.0.0/0\`, \`phyint dn0/dn1"
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
    echo "* Both executables run from the run's scratch folder (tmpfs in the test VM), not from the VM's 9p view of the host's disk, which reads a 2.2 MB executable's pages again at every start."
    echo "* Start → first query: from launching the process (\`ip netns exec\` included) to the first IGMP query seen on c1's link; nothing else is started meanwhile (the vifs are looked at after it)."
    echo "* Report flood RSS growth: McProxy keeps the reported sources per group and host (bounded by max_sources_per_group"
    echo "  and max_hosts_per_group); igmpproxy ignores sources. Reports/CPU-second include the kernel work each daemon causes"
    echo "  (McProxy changes upstream source filters and forwarding entries as the random records demand)."
    echo "* The machine is shared: CPU-bound figures vary between runs (see min–max)."
    echo "* RSS per group: (RSS at the larger count − RSS at the smaller) / groups added, per run. CPU per refreshed record:"
    echo "  $(fmt "$REFRESH_RECORDS") TO_EX {} records (40 a report, 500 reports/s) for groups already held, i.e. no state change;"
    echo "  the daemon's utime + stime / records. 20,000 groups: up to 60 s are waited for; \"> \" when not all arrived."
    echo "* CPU with $(fmt "$FAST_RATE") reports/s: the same random records offered for 3 s to the daemon after the first flood;"
    echo "  its CPU time / (3 s + 0.5 s drain), and the share of them its socket dropped."
    echo "* Cost curve: [cost-curve.png](cost-curve.png) (medians)."
    echo
    echo "## Cost curve (medians)"
    echo
    echo "| Groups held | McProxy RSS (KiB) | igmpproxy RSS (KiB) | McProxy CPU/record (µs) | igmpproxy CPU/record (µs) |"
    echo "|---|---|---|---|---|"
    for n in 1k 5k 20k; do
        printf '| %s | %s | %s | %s | %s |\n' "$n" "$(fmt "$(median mcproxy rss$n)")" "$(fmt "$(median igmpproxy rss$n)")" \
            "$(median mcproxy cpu$n)" "$( [ -s "$WORK/igmpproxy.cpu$n" ] && median igmpproxy cpu$n || echo "–")"
    done
    # Under emulation the JIT benchmarks say nothing: they are run on the host (bench/run.sh).
    if [ "${PIPELINE:-1}" = 1 ] && [ -z "${MCPROXY_VM_DESC:-}" ] && command -v dotnet >/dev/null; then
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
    [ -f "$BENCH_DIR/NOTES.md" ] && { echo; cat "$BENCH_DIR/NOTES.md"; }
} > "$OUT"
cost_curve_png
log "wrote $OUT"
cat "$OUT"
