# shellcheck shell=bash
# End-to-end test library: network namespaces joined by veth pairs, the published AOT binary
# as a real daemon, clients joining through real sockets. Sourced by tests/e2e/NN-*.sh.
#
# Safety: every namespace and link is created here with a per-run unique prefix and removed on
# exit (also on failure); processes are stopped by PID; traffic stays inside these namespaces.
#
# Exit codes of a test script: 0 pass, 1 fail, 77 skip (not allowed in CI: build.sh counts it failed).

set -u
MCPROXY=${1:?usage: $0 /path/to/mcproxy}
MCPROXY=$(readlink -f "$MCPROXY")
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Short unique prefix: interface names are limited to 15 characters.
P=${E2E_PREFIX:-m$(printf '%04x' $((RANDOM % 65536)))$$}
P=${P:0:9}
WORK=$(mktemp -d "/tmp/mcproxy-e2e-$P.XXXX")
# Daemons started here keep their control socket in $WORK, never in /var/run (docs/status.md).
export MCPROXY_SOCKET=$WORK/mcproxy.sock
NAMESPACES=()
PIDS=()

log() { printf '[%s] %s\n' "$(date +%T.%3N)" "$*"; }
fail() { log "FAIL: $*"; exit 1; }
skip() { log "SKIP: $*"; exit 77; }

cleanup() {
    local rc=$?
    set +e
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    local ns
    for ns in "${NAMESPACES[@]}"; do
        ip netns del "$ns" 2>/dev/null
    done
    if [ "$rc" -ne 0 ] && [ -d "$WORK" ]; then
        for f in "$WORK"/*.log; do [ -e "$f" ] && { echo "--- $f"; tail -60 "$f"; }; done
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

[ "$(id -u)" -eq 0 ] || skip "end-to-end tests need root (network namespaces)"
command -v ip >/dev/null || skip "iproute2 (ip) is missing"
# The test tools (mctool.c, inject.c): prebuilt by build.sh into $MCPROXY_E2E_TOOLS (compiling
# costs seconds under emulation, and the arm64 guest has no compiler), else built here.
e2e_tool() {
    local path
    if [ -n "${MCPROXY_E2E_TOOLS:-}" ]; then
        path=$MCPROXY_E2E_TOOLS/$1
        [ -x "$path" ] || fail "MCPROXY_E2E_TOOLS has no $1"
    else
        command -v cc >/dev/null || skip "a C compiler (cc) is missing"
        path=$WORK/$1
        [ -x "$path" ] || cc -O2 -o "$path" "$E2E_DIR/$1.c" || fail "cannot build $1"
    fi
    echo "$path"
}
MCTOOL=$(e2e_tool mctool) || exit 1

# ns NAME CMD...: run a command in namespace $P-NAME.
ns() { local n=$1; shift; ip netns exec "$P$n" "$@"; }

add_ns() {
    local n=$P$1
    ip netns add "$n" || fail "ip netns add $n"
    NAMESPACES+=("$n")
    ip netns exec "$n" ip link set lo up
    # No duplicate address detection: IPv6 addresses are usable at once.
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.forwarding=1 2>/dev/null
}

# link NS1 IF1 NS2 IF2: a veth pair between two namespaces.
link() {
    ip link add "$P-t" type veth peer name "$P-u" || fail "ip link add veth"
    ip link set "$P-t" netns "$P$1" || fail "move veth"
    ip link set "$P-u" netns "$P$3" || fail "move veth"
    ns "$1" ip link set "$P-t" name "$2"
    ns "$3" ip link set "$P-u" name "$4"
    ns "$1" ip link set "$2" up
    ns "$3" ip link set "$4" up
}

addr() { ns "$1" ip addr add "$3" dev "$2" nodad 2>/dev/null || ns "$1" ip addr add "$3" dev "$2"; }

# The basic topology (the Startup Guide's scenario 1, plus a second client):
#   src(eth0 10.1.0.2, fd01::2) -- (up0 10.1.0.1) proxy (dn0 10.2.0.1) -- c1(eth0 10.2.0.2)
#                                                       (dn1 10.3.0.1) -- c2(eth0 10.3.0.2)
topo_basic() {
    add_ns src; add_ns px; add_ns c1; add_ns c2
    link src eth0 px up0
    link px dn0 c1 eth0
    link px dn1 c2 eth0
    addr src eth0 10.1.0.2/24; addr px up0 10.1.0.1/24
    addr px dn0 10.2.0.1/24;   addr c1 eth0 10.2.0.2/24
    addr px dn1 10.3.0.1/24;   addr c2 eth0 10.3.0.2/24
    addr src eth0 fd01::2/64;  addr px up0 fd01::1/64
    addr px dn0 fd02::1/64;    addr c1 eth0 fd02::2/64
    addr px dn1 fd03::1/64;    addr c2 eth0 fd03::2/64
    ns src ip route add default via 10.1.0.1
    ns src ip -6 route add default via fd01::1
    ns c1 ip route add default via 10.2.0.1
    ns c2 ip route add default via 10.3.0.1
    ns c1 ip -6 route add default via fd02::1
    ns c2 ip -6 route add default via fd03::1
    ns px sysctl -qw net.ipv4.ip_forward=1
    # Multicast routes for the senders' default interface (no route = EHOSTUNREACH on send).
    local n
    for n in src c1 c2; do
        ns "$n" ip route add 224.0.0.0/4 dev eth0 2>/dev/null
    done
    # Wait until IPv6 link-local addresses exist (no DAD, but the kernel adds them on link up).
    local i
    for i in $(seq 50); do
        ns px ip -6 addr show dev dn0 scope link | grep -q fe80 && ns c1 ip -6 addr show dev eth0 scope link | grep -q fe80 && return 0
        sleep 0.05
    done
}

# force_version NS IF igmp|mld N: the host-side protocol version a client's kernel speaks.
force_version() {
    if [ "$3" = igmp ]; then ns "$1" sysctl -qw "net.ipv4.conf.$2.force_igmp_version=$4"
    else ns "$1" sysctl -qw "net.ipv6.conf.$2.force_mld_version=$4"; fi
}

# start_proxy NS CONFIGFILE [ARGS...]: runs the daemon in the foreground in namespace NS, output to
# $WORK/proxy-NS.log; sets PROXY_PID. Waits until it has said it is running (or died).
start_proxy() {
    local n=$1 conf=$2; shift 2
    ip netns exec "$P$n" "$MCPROXY" -f "$conf" "$@" >"$WORK/proxy-$n.log" 2>&1 &
    PROXY_PID=$!
    PIDS+=("$PROXY_PID")
    local i
    for i in $(seq 100); do
        grep -q "running" "$WORK/proxy-$n.log" 2>/dev/null && return 0
        kill -0 "$PROXY_PID" 2>/dev/null || { cat "$WORK/proxy-$n.log"; fail "proxy in $n exited at start"; }
        sleep 0.05
    done
    cat "$WORK/proxy-$n.log"
    fail "proxy in $n did not report running within 5 s"
}

# stop_proxy PID: SIGTERM, wait up to 5 s; the exit status is left in STOP_RC.
# (Not for $(...): a subshell cannot wait for the daemon.)
stop_proxy() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "proxy $pid ignored SIGTERM"; }
    STOP_RC=0
    wait "$pid" || STOP_RC=$?
}

# in_work PATH: a copy of the executable PATH in $WORK (tmpfs in the test VM), printed. Benchmarks
# that time a start run from it: the VM sees the host's root over virtio-9p, where every start of a
# 2.2 MB executable reads its pages again (McProxy's start -> first query: 218 ms from 9p, 78 ms
# from tmpfs; igmpproxy's 51 KB: 75 vs 86 ms). A router runs it with its pages cached.
in_work() { cp "$1" "$WORK/$(basename "$1").bin" || fail "copy $1 to $WORK"; echo "$WORK/$(basename "$1").bin"; }

# value KEY < mctool output
value() { sed -n "s/^$1=//p" | tail -1; }

# recv_bg NS NAME ARGS...: a client receiving in the background; output in $WORK/NAME.out.
# (ip netns exec, not the ns function: the PID is then mctool's own, so signals reach it.)
recv_bg() {
    local n=$1 name=$2; shift 2
    ip netns exec "$P$n" "$MCTOOL" recv "$@" >"$WORK/$name.out" 2>&1 &
    PIDS+=("$!")
    eval "${name}_PID=$!"
}

# wait_line FILE REGEX SECONDS: waits until a line of FILE matches REGEX (grep -E); 1 if none in time.
wait_line() {
    local i
    for i in $(seq $(($3 * 10))); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}

# stop_recv PID: end a background receiver early; its summary is in its .out file afterwards.
stop_recv() { kill -TERM "$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# send_bg NS ARGS...: a bounded source in the background.
send_bg() {
    local n=$1; shift
    ip netns exec "$P$n" "$MCTOOL" send "$@" >>"$WORK/send.out" 2>&1 &
    PIDS+=("$!")
    SEND_PID=$!
}

assert_ge() { [ "${1:-0}" -ge "$2" ] || fail "$3: got ${1:-none}, want >= $2"; log "ok: $3 (${1})"; }
assert_eq() { [ "${1:-}" = "$2" ] || fail "$3: got '${1:-}', want '$2'"; log "ok: $3 ($1)"; }
assert_le() { [ "${1:-999999}" -le "$2" ] || fail "$3: got ${1:-none}, want <= $2"; log "ok: $3 (${1})"; }
