#!/usr/bin/env bash
# The control socket: 'mcproxy show groups|routes|interfaces|status' in text and JSON against a
# running daemon, 'mcproxy reload' (ok, then a broken file: diagnostics and exit 78, the daemon
# keeps running), non-root refused (77), mode 0600, a live socket is not stolen (69), a stale
# one is replaced, and the socket file goes away on exit.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/status-lib.sh"
export MCPROXY_SOCKET=$WORK/ctl.sock

wait_socket() {
    local i
    for i in $(seq 50); do [ -S "$MCPROXY_SOCKET" ] && return 0; sleep 0.05; done
    fail "no control socket at $MCPROXY_SOCKET"
}

topo_basic
group=239.1.2.3
printf 'protocol IGMPv3;\npinstance myProxy: up0 ==> dn0 dn1;\n' > "$WORK/mcproxy.conf"
start_proxy px "$WORK/mcproxy.conf"
wait_socket
assert_eq "$(stat -c %a "$MCPROXY_SOCKET")" 600 "control socket mode"

# c1 stays joined for the whole test (cleanup stops it): the checks below expect its membership.
recv_bg c1 c1 -i eth0 -g "$group" -t 300
sleep 0.5
send_bg src -i eth0 -g "$group" -n 30 -r 50
sleep 2
wait "$SEND_PID"

# show groups (text)
text=$(ns px "$MCPROXY" show groups) || fail "show groups: exit $?"
printf '%s\n' "$text"
grep -qF "##-- instance myProxy (table 0, IPv4) --##" <<<"$text" || fail "show groups: instance heading"
block "$text" "downstream dn0 " | grep -qE "^  group $group  EXCLUDE  timer [0-9]+s  compat IGMPv3" \
    || fail "show groups: $group EXCLUDE on dn0"
grep -q "^interfaces:" <<<"$text" && fail "show groups should not list interfaces"
log "ok: show groups"

# show groups -v adds sources/view lines
ns px "$MCPROXY" show groups -v | grep -qE "^    forwarded EXCLUDE  \{\}" || fail "show groups -v: forwarded view"
log "ok: show groups -v"

# show routes --json, compared with the kernel's counters
json=$(ns px "$MCPROXY" show routes --json) || fail "show routes --json: exit $?"
printf '%s\n' "$json"
kpkts=$(kernel_pkts 0200010A "$(printf '%02X%02X%02X%02X' 3 2 1 239)")
python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["section"] == "routes", d["section"]
i = d["instances"][0]
assert i["name"] == "myProxy" and i["table"] == 0 and i["family"] == "ipv4", i
assert "groups" not in i and "interfaces" not in i, i.keys()
r = [r for r in i["routes"] if r["source"] == "10.1.0.2" and r["group"] == sys.argv[2]]
assert len(r) == 1, i["routes"]
r = r[0]
assert r["input"] == "up0", r
assert [o["name"] for o in r["outputs"]] == ["dn0"], r
assert r["packets"] == int(sys.argv[3]), (r["packets"], sys.argv[3])
assert r["bytes"] > 0, r
' "$json" "$group" "$kpkts" || fail "show routes --json content"
log "ok: show routes --json (packets = kernel's $kpkts)"

# show interfaces (text and JSON): vifs and ifindexes as the kernel has them, counters
text=$(ns px "$MCPROXY" show interfaces) || fail "show interfaces: exit $?"
printf '%s\n' "$text"
check_vifs "$text"
block "$text" "downstream dn0 " | grep -qE "^  counters: reports [1-9]" || fail "show interfaces: counters on dn0"
json=$(ns px "$MCPROXY" show interfaces --json) || fail "show interfaces --json: exit $?"
vifs=$(ns px awk 'NR>1 {sub(":", "", $1); print $2 "=" $1}' /proc/net/ip_mr_vif | sort | tr '\n' ' ')
python3 -c '
import json, sys
d = json.loads(sys.argv[1])
i = d["instances"][0]
got = " ".join(sorted("%s=%d" % (f["name"], f["vif"]) for f in i["interfaces"])) + " "
assert got == sys.argv[2], (got, sys.argv[2])
dn0 = [f for f in i["interfaces"] if f["name"] == "dn0"][0]
assert dn0["role"] == "downstream" and dn0["attached"] and dn0["ifindex"] == int(sys.argv[3]), dn0
assert dn0["querier"]["version"] == "IGMPv3" and dn0["querier"]["is_querier"], dn0
assert dn0["counters"]["reports"] >= 1 and dn0["counters"]["queries_sent"] >= 1, dn0
up0 = [f for f in i["interfaces"] if f["name"] == "up0"][0]
assert up0["role"] == "upstream" and up0["priority"] == 1 and "querier" not in up0, up0
assert "bad-checksum" in i["drops"], i["drops"]
' "$json" "$vifs" "$(ifindex_of px dn0)" || fail "show interfaces --json content"
log "ok: show interfaces (text and JSON)"

# show status --json: everything, including the groups with their hosts
json=$(ns px "$MCPROXY" show --json) || fail "show --json: exit $?"
python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["section"] == "status" and d["protocol"] == "IGMPv3", d
i = d["instances"][0]
g = [g for g in i["groups"] if g["interface"] == "dn0" and g["group"] == sys.argv[2]]
assert len(g) == 1 and g[0]["mode"] == "exclude" and g[0]["hosts"] == ["10.2.0.2"], i["groups"]
u = i["upstreams"][0]
assert u["interface"] == "up0" and u["subscriptions"][0]["group"] == sys.argv[2], u
assert len(i["routes"]) == 1
' "$json" "$group" || fail "show --json content"
ns px "$MCPROXY" show status | grep -q "^##-- mcproxy status --##" || fail "show status (text)"
log "ok: show status (text and JSON)"

# reload: ok; then a broken file: diagnostics, exit 78, the daemon keeps running
assert_eq "$(ns px "$MCPROXY" reload)" ok "reload answer"
grep -q "reload requested on the control socket" "$WORK/proxy-px.log" || fail "reload not logged"
cp "$WORK/mcproxy.conf" "$WORK/good.conf"
printf 'protocol IGMPv3;\npinstance myProxy: up0 ==> ;\n' > "$WORK/mcproxy.conf"
rc=0; ns px "$MCPROXY" reload > "$WORK/reload.out" 2> "$WORK/reload.err" || rc=$?
assert_eq "$rc" 78 "reload of a broken configuration: exit status"
grep -q "mcproxy.conf:2:" "$WORK/reload.err" || { cat "$WORK/reload.err"; fail "reload diagnostics (file:line)"; }
kill -0 "$PROXY_PID" || fail "daemon died after a failed reload"
cp "$WORK/good.conf" "$WORK/mcproxy.conf"
log "ok: reload (ok, then diagnostics with exit 78)"

# not root: refused with a clear message and 77
chmod 711 "$WORK"
cp "$MCPROXY" "$WORK/mcproxy-copy"; chmod 755 "$WORK/mcproxy-copy"
rc=0; setpriv --reuid 65534 --regid 65534 --clear-groups "$WORK/mcproxy-copy" show groups > "$WORK/nobody.out" 2>&1 || rc=$?
assert_eq "$rc" 77 "show as nobody: exit status"
grep -q "needs root" "$WORK/nobody.out" || { cat "$WORK/nobody.out"; fail "show as nobody: message"; }
log "ok: non-root refused"

# A second daemon (IPv6, so its kernel table is free) must not take over a live socket.
printf 'protocol MLDv2;\npinstance six: up0 ==> dn0;\n' > "$WORK/six.conf"
rc=0; ns px timeout 10 "$MCPROXY" -f "$WORK/six.conf" > "$WORK/six.log" 2>&1 || rc=$?
assert_eq "$rc" 69 "second daemon on a live control socket: exit status"
grep -q "another mcproxy daemon answers on the control socket" "$WORK/six.log" || { cat "$WORK/six.log"; fail "second daemon: message"; }
ns px "$MCPROXY" show routes > /dev/null || fail "the first daemon's socket was disturbed"
log "ok: a live control socket is not taken over"

# Killed hard: the stale socket is reported, then replaced by the next daemon.
kill -KILL "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null
[ -S "$MCPROXY_SOCKET" ] || fail "expected a stale socket after SIGKILL"
rc=0; ns px "$MCPROXY" show > "$WORK/stale.out" 2>&1 || rc=$?
assert_eq "$rc" 69 "show on a stale socket: exit status"
grep -q "no daemon answers" "$WORK/stale.out" || { cat "$WORK/stale.out"; fail "stale socket: message"; }
# The killed daemon left its vifs; a fresh namespace state is not needed for IPv6.
start_proxy px "$WORK/six.conf"
wait_socket
ns px "$MCPROXY" show interfaces | grep -qF "##-- instance six (table 0, IPv6) --##" || fail "new daemon behind the replaced socket"
log "ok: stale socket replaced"

stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
[ -e "$MCPROXY_SOCKET" ] && fail "control socket left behind"

# A regular file at the socket path (connect says ECONNREFUSED for it too) is never removed:
# the daemon runs without its control socket and says why.
echo precious > "$MCPROXY_SOCKET"
start_proxy px "$WORK/six.conf"
grep -q "control socket $MCPROXY_SOCKET: the path exists and is not a stale socket" "$WORK/proxy-px.log" \
    || { cat "$WORK/proxy-px.log"; fail "no warning about the file at the socket path"; }
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM (no control socket)"
assert_eq "$(cat "$MCPROXY_SOCKET")" precious "the regular file at the control socket path"
rm -f "$MCPROXY_SOCKET"
log "ok: a regular file at the control socket path survives"
log "PASS"
