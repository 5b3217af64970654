#!/usr/bin/env bash
# The old Startup Guide's "protocol IGMPv1" example (old line syntax, two instances): IGMPv1
# queries on the wire (RFC 1112 / RFC 2236 §4: 8 bytes, code 0), clients forced to IGMPv1 join and
# receive, each line keeps its own instance (and kernel table). IGMPv1 has no leave: membership
# ends after the group membership interval (260 s), too long to wait for here.
source "$(dirname "$0")/lib.sh"
topo_basic
add_ns src2
link src2 eth0 px up1
addr src2 eth0 10.5.0.2/24; addr px up1 10.5.0.1/24
ns src2 ip route add 224.0.0.0/4 dev eth0
force_version c1 eth0 igmp 1
force_version c2 eth0 igmp 1
printf 'protocol IGMPv1   # old syntax\nup0 ==> dn0\nup1 ==> dn1\n' > "$WORK/v1.conf"
ip netns exec "${P}c1" "$MCTOOL" cap -i eth0 -t 20 > "$WORK/q.out" &
PIDS+=("$!"); cappid=$!
sleep 0.2
start_proxy px "$WORK/v1.conf" -v
wait_line "$WORK/q.out" '^query ' 10
kill "$cappid" 2>/dev/null
grep -q "^query 10.2.0.1 IGMPv1 0.0.0.0 ttl=1 ra=1$" "$WORK/q.out" || { cat "$WORK/q.out"; fail "no IGMPv1 general query from the proxy"; }
log "ok: IGMPv1 general query on the wire"
ns px ip mrule show | grep -q "iif up1.*lookup" || { ns px ip mrule show; fail "the second line did not get its own table"; }
log "ok: each line of the old file is an instance with its own table"
G=239.6.6.6
recv_bg c1 c1 -i eth0 -g "$G" -t 3
recv_bg c2 c2 -i eth0 -g "$G" -t 3
sleep 0.3
send_bg src -i eth0 -g "$G" -n 150 -r 20
send_bg src2 -i eth0 -g "$G" -n 150 -r 20
wait "$c1_PID"; wait "$c2_PID"
assert_ge "$(value received < "$WORK/c1.out")" 50 "packets at the IGMPv1 client of the first line"
assert_eq "$(value sources < "$WORK/c1.out")" 10.1.0.2 "sources at c1 (only its instance's upstream)"
assert_ge "$(value received < "$WORK/c2.out")" 50 "packets at the IGMPv1 client of the second line"
assert_eq "$(value sources < "$WORK/c2.out")" 10.5.0.2 "sources at c2 (only its instance's upstream)"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
log "PASS"
