# shellcheck shell=sh
# Helpers for tests/openwrt/NN-*.sh. Each test: . lib/common.sh; setup FIXTURE; run_init;
# then expect/refuse checks; finish (exit 0 = pass, 1 = fail).
# $MCPROXY is the binary under test ($1 of the test script).

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
INIT="$ROOT/openwrt/files/mcproxy.init"
FAILURES=0

# The shell OpenWrt runs init scripts in is busybox ash; dash is the next closest.
# MCPROXY_TEST_SH overrides the choice.
if [ -n "${MCPROXY_TEST_SH:-}" ]; then
	TEST_SH="$MCPROXY_TEST_SH"
elif command -v busybox >/dev/null 2>&1 && busybox sh -c 'exit 0' 2>/dev/null; then
	TEST_SH="busybox sh"
elif command -v dash >/dev/null 2>&1; then
	TEST_SH="dash"
else
	TEST_SH="sh"
fi

fail() {
	echo "FAIL: $*"
	FAILURES=$((FAILURES + 1))
}

pass() {
	echo "ok: $*"
}

# setup FIXTURE: a fresh work directory with the fixture's UCI files (@WORK@ replaced by the
# work directory), its netdev map and the two sysctls at the kernel defaults (20, 10).
setup() {
	FIXTURE="$HERE/fixtures/$1"
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/mcproxy-openwrt.XXXXXX")
	[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
	mkdir -p "$WORK/etc/config" "$WORK/var/etc" "$WORK/proc/sys/net/ipv4"
	for f in mcproxy network firewall; do
		if [ -f "$FIXTURE/$f" ]; then
			sed "s|@WORK@|$WORK|g; s|@ROOT@|$ROOT|g" "$FIXTURE/$f" > "$WORK/etc/config/$f"
		fi
	done
	[ -f "$FIXTURE/netdev" ] && cp "$FIXTURE/netdev" "$WORK/netdev"
	for f in "$FIXTURE"/*.conf; do
		[ -f "$f" ] && cp "$f" "$WORK/"
	done
	echo 20 > "$WORK/proc/sys/net/ipv4/igmp_max_memberships"
	echo 10 > "$WORK/proc/sys/net/ipv4/igmp_max_msf"
	# OpenWrt's awk is busybox's: the init's awk (TOML string escaping) runs on it here too.
	if command -v busybox >/dev/null 2>&1 && busybox awk 'BEGIN { exit 0 }' 2>/dev/null; then
		mkdir -p "$WORK/bin"
		printf '#!/bin/sh\nexec busybox awk "$@"\n' > "$WORK/bin/awk"
		chmod +x "$WORK/bin/awk"
		PATH="$WORK/bin:$PATH"
	fi
	echo "fixture $1, shell: $TEST_SH, awk: $(command -v awk)"
}

run_init() {
	# shellcheck disable=SC2086
	$TEST_SH "$HERE/lib/run-init.sh" "$INIT" "$WORK" "$MCPROXY" > "$WORK/stdout" 2> "$WORK/stderr"
	RECORD="$WORK/procd.log"
	CONF4="$WORK/var/etc/mcproxy-ipv4.toml"
	CONF6="$WORK/var/etc/mcproxy-ipv6.toml"
}

# expect FILE FIXED-STRING [what]: the file has a line containing the string.
expect() {
	if [ -f "$1" ] && grep -F -- "$2" "$1" > /dev/null; then
		pass "${3:-$(basename "$1") has: $2}"
	else
		fail "${3:-$(basename "$1") lacks: $2}"
	fi
}

# refuse FILE FIXED-STRING [what]: no line contains the string.
refuse() {
	if [ -f "$1" ] && grep -F -- "$2" "$1" > /dev/null; then
		fail "${3:-$(basename "$1") must not have: $2}"
		grep -F -- "$2" "$1" | sed 's/^/    | /'
	else
		pass "${3:-$(basename "$1") has no: $2}"
	fi
}

# expect_line FILE EXACT-LINE
expect_line() {
	if [ -f "$1" ] && grep -x -F -- "$2" "$1" > /dev/null; then
		pass "$(basename "$1") has line: $2"
	else
		fail "$(basename "$1") lacks line: $2"
	fi
}

# expect_value FILE VALUE: the sysctl file holds VALUE.
expect_value() {
	if [ "$(cat "$1")" = "$2" ]; then
		pass "$(basename "$1") = $2"
	else
		fail "$(basename "$1") = $(cat "$1"), expected $2"
	fi
}

# The procd calls every started instance must make.
expect_procd_basics() {
	expect "$RECORD" "procd_set_param respawn"
	expect "$RECORD" "procd_set_param reload_signal HUP"
	expect "$RECORD" "procd_set_param stderr 1"
	expect "$RECORD" "procd_add_reload_trigger mcproxy"
	expect "$RECORD" "procd_add_validation mcproxy_validate"
	expect "$RECORD" "procd_set_config_changed firewall"
	expect "$RECORD" "start_service returned 0"
}

# check_conf FILE: the daemon accepts the generated file (mcproxy -t exits 0).
check_conf() {
	if [ ! -f "$1" ]; then
		fail "no $1 to check"
		return
	fi
	if [ ! -x "$MCPROXY" ]; then
		fail "mcproxy binary '$MCPROXY' not found (pass it as \$1)"
		return
	fi
	if "$MCPROXY" -t -f "$1" > "$WORK/check.out" 2> "$WORK/check.err"; then
		pass "mcproxy -t accepts $(basename "$1")"
	else
		fail "mcproxy -t rejects $(basename "$1") (exit $?):"
		sed 's/^/    | /' "$WORK/check.err"
		sed 's/^/    > /' "$1"
	fi
}

# The daemon did not get started: no procd instance at all.
expect_not_started() {
	refuse "$RECORD" "procd_open_instance" "no procd instance opened"
	expect "$RECORD" "start_service returned 1"
}

finish() {
	if [ "$FAILURES" -gt 0 ]; then
		echo "$FAILURES check(s) failed; init stderr:"
		sed 's/^/    ! /' "$WORK/stderr"
		for f in "$WORK"/var/etc/*.toml "$RECORD"; do
			[ -f "$f" ] || continue
			echo "$(basename "$f"):"
			sed 's/^/    | /' "$f"
		done
		exit 1
	fi
	exit 0
}
