#!/usr/bin/env bash
# Issue 17, the "20,000 groups subscribed upstream in 1 s" row: what the kernel's own IPv4 join
# costs as an interface's group count grows, without any daemon. In a fresh namespace with one
# veth end, a Python client joins N groups (IP_ADD_MEMBERSHIP, 20 a socket as the daemon does,
# the default igmp_max_memberships) and prints the time per block of 2,000 joins. Kernels before
# 6.13 find an existing group by walking the interface's whole list on every join (net/ipv4/igmp.c
# ____ip_mc_inc_group; the hash lookup came with "net: ipv4: igmp: optimize ____ip_mc_inc_group()
# using mc_hash"), so the time per block grows with the groups already held: any program that
# leaves its memberships to the kernel pays it.
#   bench/kernel-joins.sh [/path/to/mcproxy] [N]   (./build.sh bench kernel-joins; in the VM)
# Nothing is sent: the joins' own reports stay on a veth whose peer is in the same namespace.
set -u
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
source "$BENCH_DIR/../tests/e2e/lib.sh"
N=${2:-20000}
[ "$N" -le 40000 ] || fail "at most 40,000 groups"

add_ns j
ns j ip link add a0 type veth peer name a1 || fail "veth"
ns j ip link set a0 up; ns j ip link set a1 up
addr j a0 10.9.0.1/24
log "kernel $(uname -r): $N IPv4 joins on one interface, 20 a socket"
ns j /usr/bin/python3 - "$N" <<'PY'
import socket, struct, sys, time
n = int(sys.argv[1]); block = 2000
ifaddr = socket.inet_aton("10.9.0.1")
socks, start, t0 = [], time.monotonic(), time.monotonic()
print("| groups held | ms for the next %d joins |" % block)
print("|---|---|")
for i in range(n):
    if i % 20 == 0:
        socks.append(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    g = socket.inet_aton("239.%d.%d.%d" % (10 + (i >> 16), (i >> 8) & 255, i & 255))
    socks[-1].setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, g + ifaddr)
    if (i + 1) % block == 0:
        t = time.monotonic()
        print("| %d | %.0f |" % (i + 1 - block, (t - t0) * 1000))
        t0 = t
print("total %.0f ms for %d joins" % ((time.monotonic() - start) * 1000, n))
PY
rc=$?
[ "$rc" = 0 ] || fail "the join client failed ($rc)"
log "PASS"
