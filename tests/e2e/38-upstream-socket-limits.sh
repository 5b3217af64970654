#!/usr/bin/env bash
# Issue 13 item 8: a refused upstream join must not cost the proxy its group-per-socket packing or
# leak descriptors. While net.ipv4.igmp_max_memberships is 0 in the proxy's namespace, c1 joins 10
# groups (every upstream join is refused with ENOBUFS, on fresh sockets); with the limit back at
# 20 it joins 200 others.
# Asserts: the 200 groups are subscribed on up0; the daemon holds at most ~200/20 sockets more
# than before (it packed one group per socket and leaked up to 64 sockets per refused join).
source "$(dirname "$0")/lib.sh"
INJECT=$(e2e_tool inject) || exit 1

topo_basic
cat > "$WORK/limits.toml" <<EOF
protocol = "IGMPv3"

[[instance]]
name = "limits"
upstreams = ["up0"]
downstreams = ["dn0", "dn1"]
EOF
start_proxy px "$WORK/limits.toml"
sleep 0.5
fds() { find "/proc/$PROXY_PID/fd" -mindepth 1 -maxdepth 1 | wc -l; }
upstream_count() {  # groups on up0 other than 224.0.0.x
    ns px awk '/^[0-9]/{on=($2=="up0")} on && length($1)==8 && $1 !~ /0000E0$/ && $1 ~ /^[0-9A-F]+$/ {n++} END{print n+0}' /proc/net/igmp
}
FDS0=$(fds)

ns px sysctl -qw net.ipv4.igmp_max_memberships=0
ns c1 "$INJECT" joinmany -i eth0 -g 239.60.0.1 -n 10 -r 50 > /dev/null || fail "joinmany (refused) failed"
sleep 1
assert_eq "$(upstream_count)" 0 "groups on up0 while the kernel refuses every join"
ns px sysctl -qw net.ipv4.igmp_max_memberships=20

ns c1 "$INJECT" joinmany -i eth0 -g 239.61.0.1 -n 200 -r 50 > /dev/null || fail "joinmany failed"
for _ in $(seq 100); do [ "$(upstream_count)" -ge 200 ] && break; sleep 0.1; done
assert_ge "$(upstream_count)" 200 "groups on up0 once the kernel accepts joins again"
assert_le "$(( $(fds) - FDS0 ))" 12 "descriptors the daemon added for 200 upstream groups (20 per socket)"
kill -0 "$PROXY_PID" 2>/dev/null || fail "daemon died"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
