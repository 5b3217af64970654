#!/usr/bin/env bash
# The newcomer demo: `sudo ./build.sh demo`. Builds nothing itself (build.sh publishes first).
# In network namespaces it creates a multicast source, the proxy and two clients:
#
#   source (10.1.0.2) --- up0 [ mcproxy ] dn0 --- client1 (joins 239.1.1.1)
#                                         dn1 --- client2 (does not join)
#
# then starts the proxy with status output, lets client1 join, shows the stream arriving at
# client1 and not at client2, shows the kernel's multicast routes and the proxy's status,
# lets client1 leave, shows the stream stopping, and cleans everything up.
source "$(dirname "$0")/lib.sh"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
G=239.1.1.1

say "Creating the namespaces: source, proxy, client1, client2"
topo_basic
cat > "$WORK/demo.conf" <<'CONF'
# mcproxy.conf in the 1.x syntax: one instance, upstream up0, two downstreams.
protocol IGMPv3;
pinstance demo: up0 ==> dn0 dn1;
CONF
cat "$WORK/demo.conf"

say "Starting the proxy: mcproxy -s -v -f demo.conf (status every few seconds)"
start_proxy px "$WORK/demo.conf" -s -v
sed 's/^/    proxy| /' "$WORK/proxy-px.log"

say "client1 joins $G for 4 s (its kernel sends a real IGMPv3 report); the source sends 10 packets/s"
recv_bg c1 c1 -i eth0 -g "$G" -t 4
ns c2 "$MCTOOL" sniff -i eth0 -g "$G" -t 4 > "$WORK/c2.out" &
PIDS+=("$!"); c2pid=$!
sleep 0.3
send_bg src -i eth0 -g "$G" -n 70 -r 100
sleep 2

say "The kernel's multicast forwarding cache in the proxy namespace (ip mroute)"
ns px ip mroute show | sed 's/^/    /'
say "What the proxy says (its log and status so far)"
sed 's/^/    proxy| /' "$WORK/proxy-px.log" | tail -40

wait "$c1_PID"; wait "$c2pid"
say "Result"
received=$(value received < "$WORK/c1.out")
first=$(value first_ms < "$WORK/c1.out")
seen2=$(value seen < "$WORK/c2.out")
echo "    client1 (joined):      received $received packets, first after ${first} ms"
echo "    client2 (not joined):  saw $seen2 packets of $G on its link"
say "client1 left (its socket closed); after the last member queries the stream stops"
sleep 2.5
ns c1 "$MCTOOL" sniff -i eth0 -g "$G" -t 1 > "$WORK/after.out"
echo "    packets on client1's link in the second after that: $(value seen < "$WORK/after.out")"
stop_proxy "$PROXY_PID"
echo "    proxy stopped with exit status $STOP_RC; kernel vifs left: $(ns px cat /proc/net/ip_mr_vif | tail -n +2 | wc -l)"
if [ "${received:-0}" -gt 0 ] && [ "${seen2:-1}" -eq 0 ] && [ "$(value seen < "$WORK/after.out")" -eq 0 ] && [ "$STOP_RC" -eq 0 ]; then
    say "Demo OK: the proxy forwarded the stream to the client that joined, and only while it was joined."
    exit 0
fi
say "Demo FAILED (see above)"
exit 1
