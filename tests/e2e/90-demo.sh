#!/usr/bin/env bash
# CI runs the newcomer demo exactly as the README tells a newcomer to (minus the build step).
out=$(bash "$(dirname "$0")/demo.sh" "$1" 2>&1)
rc=$?
printf '%s\n' "$out"
[ "$rc" -eq 0 ] || exit "$rc"
grep -q "Demo OK" <<<"$out" || { echo "FAIL: the demo did not say OK"; exit 1; }
grep -q "client1 (joined):      received [1-9]" <<<"$out" || { echo "FAIL: the demo's client received nothing"; exit 1; }
