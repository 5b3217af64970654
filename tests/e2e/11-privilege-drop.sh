#!/usr/bin/env bash
# -u USER (and TOML "user"): after set-up the daemon runs as that user with only CAP_NET_ADMIN and
# CAP_NET_RAW, and still proxies: a join gets data, leave stops it, SIGTERM cleans the kernel up
# (deleting vifs and rules, restoring rp_filter all need just CAP_NET_ADMIN).
source "$(dirname "$0")/lib.sh"
topo_basic
G=239.4.4.4
check_dropped() {  # check_dropped PID
    local uid capeff
    uid=$(awk '/^Uid:/{print $2 "/" $3 "/" $4}' "/proc/$1/status")
    capeff=$(awk '/^CapEff:/{print $2}' "/proc/$1/status")
    assert_eq "$uid" "65534/65534/65534" "real/effective/saved uid of the daemon"
    assert_eq "$capeff" "0000000000003000" "effective capabilities (CAP_NET_ADMIN|CAP_NET_RAW)"
    assert_eq "$(awk '/^CapPrm:/{print $2}' "/proc/$1/status")" "0000000000003000" "permitted capabilities"
}
printf 'protocol IGMPv3;\npinstance p: up0 ==> dn0 dn1;\n' > "$WORK/p.conf"
chmod 644 "$WORK/p.conf"
ns px sysctl -qw net.ipv4.conf.up0.rp_filter=2
start_proxy px "$WORK/p.conf" -u nobody -r
grep -q "running as nobody" "$WORK/proxy-px.log" || fail "no 'running as nobody' line"
check_dropped "$PROXY_PID"
assert_eq "$(ns px cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 0 "rp_filter of up0 while running with -r"
recv_bg c1 c1 -i eth0 -g "$G" -t 3
sleep 0.3
send_bg src -i eth0 -g "$G" -n 120 -r 20
wait "$c1_PID"
assert_ge "$(value received < "$WORK/c1.out")" 50 "packets through the unprivileged daemon"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
assert_eq "$(ns px cat /proc/net/ip_mr_vif | tail -n +2 | wc -l)" 0 "vifs left after exit"
assert_eq "$(ns px cat /proc/sys/net/ipv4/conf/up0/rp_filter)" 2 "rp_filter of up0 restored (to 2) by the unprivileged daemon"
# The control socket is made before the privilege drop: 'show' reaches the unprivileged daemon,
# and a stale root-owned socket left by a SIGKILL in a directory others may traverse (as
# /var/run) is replaced at the next start, not taken for a live daemon (exit 69 at every start:
# procd's crash loop).
chmod 755 "$WORK"
start_proxy px "$WORK/p.conf" -u nobody
ns px "$MCPROXY" show interfaces > /dev/null || fail "show does not reach the unprivileged daemon"
kill -KILL "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null
[ -S "$MCPROXY_SOCKET" ] || fail "expected a stale socket after SIGKILL"
start_proxy px "$WORK/p.conf" -u nobody
ns px "$MCPROXY" show interfaces > /dev/null || fail "show does not reach the restarted daemon (stale socket not replaced)"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM (restarted over a stale socket)"
log "ok: control socket made before the privilege drop; a stale one is replaced"
# The same through the TOML key.
cat > "$WORK/p.toml" <<CONF
protocol = "IGMPv3"
user = "nobody"
[[instance]]
name = "p"
upstreams = ["up0"]
downstreams = ["dn0"]
CONF
start_proxy px "$WORK/p.toml"
check_dropped "$PROXY_PID"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM (TOML user)"
# Numeric UID:GID and USER:GROUP, resolved from /etc/passwd and /etc/group without NSS.
start_proxy px "$WORK/p.conf" -u 65534:65534
grep -q "running as 65534:65534 (uid 65534, gid 65534)" "$WORK/proxy-px.log" || fail "no 'running as 65534:65534' line"
check_dropped "$PROXY_PID"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM (-u UID:GID)"
nogroup=$(awk -F: '$3 == 65534 { print $1; exit }' /etc/group)
start_proxy px "$WORK/p.conf" -u "nobody:$nogroup"
check_dropped "$PROXY_PID"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM (-u USER:GROUP)"
# An unknown user: a clear refusal before serving, exit 77.
rc=0; ns px "$MCPROXY" -f "$WORK/p.conf" -u no-such-user-xyz > "$WORK/nouser.log" 2>&1 || rc=$?
assert_eq "$rc" 77 "exit status for an unknown user"
grep -q "unknown user" "$WORK/nouser.log" || fail "no clear message for an unknown user"
log "PASS"
