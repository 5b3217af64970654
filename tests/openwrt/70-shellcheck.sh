#!/bin/sh
# The init script is POSIX sh as busybox ash runs it: shellcheck -s sh must pass, and busybox
# sh / dash must parse it. shellcheck is required (CI installs it): missing = failure.
. "$(dirname "$0")/lib/common.sh"
FAILURES=0
if ! command -v shellcheck > /dev/null 2>&1; then
	echo "FAIL: shellcheck is not installed (apt-get install shellcheck)"
	exit 1
fi
if shellcheck -s sh "$INIT"; then
	pass "shellcheck -s sh $(basename "$INIT")"
else
	fail "shellcheck -s sh $(basename "$INIT")"
fi
# The test files share variables across sourced files, which shellcheck cannot follow (SC2034).
if shellcheck -s sh -e SC2034,SC1091 "$HERE"/lib/*.sh "$HERE"/[0-9]*.sh; then
	pass "shellcheck of the test stand-in and tests"
else
	fail "shellcheck of the test stand-in and tests"
fi
for sh in "busybox sh" dash; do
	command -v "${sh%% *}" > /dev/null 2>&1 || continue
	# shellcheck disable=SC2086
	if $sh -n "$INIT"; then pass "$sh -n"; else fail "$sh -n"; fi
done
if grep -n "$(printf '\r')" "$INIT" "$ROOT/openwrt/files/mcproxy.config" "$ROOT/openwrt/Makefile"; then
	fail "CRLF line endings"
fi
[ "$FAILURES" -eq 0 ]
