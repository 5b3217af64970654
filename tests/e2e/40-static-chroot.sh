#!/usr/bin/env bash
# The published executable is static and needs nothing from the system it runs on: no program
# interpreter, no shared library, no /etc (user names, time zone), as on an OpenWrt router whose
# C library is musl. Run in an empty chroot: --version, -t and -c there (no /proc either); then the
# daemon itself in a chroot holding only /proc and /sys, dropping to a numeric UID:GID, forwards
# a stream and cleans the kernel up on SIGTERM. A user name with no /etc/passwd is a clear refusal.
source "$(dirname "$0")/lib.sh"
command -v readelf >/dev/null || skip "readelf (binutils) is missing"

if readelf -lW "$MCPROXY" | grep -q 'Requesting program interpreter'; then fail "the executable has a program interpreter"; fi
if readelf -dW "$MCPROXY" | grep -q '(NEEDED)'; then fail "the executable needs shared libraries: $(readelf -dW "$MCPROXY" | grep NEEDED)"; fi
log "ok: no interpreter, no NEEDED entries"

EMPTY=$WORK/empty
mkdir -p "$EMPTY"
cp "$MCPROXY" "$EMPTY/mcproxy"
printf 'protocol IGMPv3;\npinstance p: up0 ==> dn0 dn1;\n' >"$EMPTY/p.conf"
[ "$(find "$EMPTY" | wc -l)" -eq 3 ] || fail "test setup: the chroot holds more than the binary and its configuration"

out=$(chroot "$EMPTY" /mcproxy --version) || fail "--version in an empty chroot: exit $?"
grep -q "^mcproxy [0-9]" <<<"$out" || fail "--version in an empty chroot printed '$out'"
log "ok: --version in an empty chroot: $out"
out=$(chroot "$EMPTY" /mcproxy -t -f /p.conf 2>&1) || fail "-t in an empty chroot: $out"
grep -q "configuration ok" <<<"$out" || fail "-t in an empty chroot printed '$out'"
log "ok: -t in an empty chroot"
rc=0; out=$(unshare -n chroot "$EMPTY" /mcproxy -c 2>&1) || rc=$?
assert_eq "$rc" 0 "-c in an empty chroot (own network namespace)"
grep -q "All kernel features mcproxy needs are present" <<<"$out" || { echo "$out"; fail "-c in an empty chroot did not find every feature"; }

# The daemon: only /proc and /sys besides the binary (mounted in the proxy's namespace by ip netns exec).
topo_basic
mkdir -p "$EMPTY/proc" "$EMPTY/sys"
G=239.6.6.6
chroot_proxy() {  # chroot_proxy ARGS...: the daemon in the chroot, in namespace px (replaces the shell)
    # shellcheck disable=SC2016  # expanded by the inner shell
    exec ip netns exec "${P}px" sh -c 'mount -t proc proc "$1/proc" || exit 1; mount -t sysfs sys "$1/sys" || exit 1; exec chroot "$@"' \
        sh "$EMPTY" /mcproxy -f /p.conf "$@"
}
chroot_proxy -u 65534:65534 >"$WORK/proxy-chroot.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
for _ in $(seq 100); do grep -q "running" "$WORK/proxy-chroot.log" && break; sleep 0.05; done
grep -q "running as 65534:65534" "$WORK/proxy-chroot.log" || { cat "$WORK/proxy-chroot.log"; fail "the chrooted daemon did not drop to 65534:65534"; }
log "ok: the daemon runs in the chroot as 65534:65534"
recv_bg c1 c1 -i eth0 -g "$G" -t 3
sleep 0.3
send_bg src -i eth0 -g "$G" -n 120 -r 20
wait "$c1_PID"
assert_ge "$(value received < "$WORK/c1.out")" 50 "packets through the chrooted daemon"
stop_proxy "$PROXY_PID"
assert_eq "$STOP_RC" 0 "exit status after SIGTERM"
assert_eq "$(ns px cat /proc/net/ip_mr_vif | tail -n +2 | wc -l)" 0 "vifs left after exit"

# A user name needs /etc/passwd: without it, a clear refusal (exit 77) before serving.
rc=0; (chroot_proxy -u nobody) >"$WORK/nouser.log" 2>&1 || rc=$?
assert_eq "$rc" 77 "exit status for -u nobody without /etc/passwd"
grep -q "/etc/passwd is missing" "$WORK/nouser.log" || { cat "$WORK/nouser.log"; fail "no clear message for a user name without /etc/passwd"; }
log "PASS"
