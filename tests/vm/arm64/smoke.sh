#!/usr/bin/env bash
# The arm64 smoke suite: the static arm64 executable (out/linux-arm64/mcproxy) on Debian's arm64
# kernel under qemu-system-aarch64, running these tests/e2e scripts unchanged:
#   03-igmpv3-1x-syntax  IGMPv3 join -> stream -> leave; SIGTERM leaves no vif or cache entry
#   09-mldv2-ssm         MLDv2 source-specific joins, the upstream reports decoded
#   06-multi-instance    two instances, each on its own kernel table; no policy rule left
#   11-privilege-drop    -u from the guest's /etc/passwd and /etc/group (no NSS in the binary)
#
#   tests/vm/arm64/smoke.sh        run them (root); prints "arm64 PASS|FAIL NAME" per test and
#                                  "N passed, N failed, N skipped" last; logs in out/logs/arm64
# build.sh publish linux-arm64 must have run. mctool (tests/e2e/mctool.c) is cross-compiled here.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
TESTS=${MCPROXY_ARM64_TESTS:-"03-igmpv3-1x-syntax 09-mldv2-ssm 06-multi-instance 11-privilege-drop"}
LOGS=out/logs/arm64

# In the guest (cwd /src): each test with the arm64 binary and mctool; counts for the host.
guest() {
    local passed=0 failed=0 skipped=0 t rc t0
    echo "arm64 guest: $(uname -r) $(uname -m)"
    for t in $TESTS; do
        t0=$SECONDS
        rc=0
        MCPROXY_MCTOOL=$PWD/out/linux-arm64/mctool timeout 900 bash "tests/e2e/$t.sh" "$PWD/out/linux-arm64/mcproxy" \
            >"$LOGS/$t.log" 2>&1 || rc=$?
        case $rc in
            0) passed=$((passed + 1)); echo "arm64 PASS $t ($((SECONDS - t0)) s)" ;;
            77) skipped=$((skipped + 1)); echo "arm64 SKIP $t"; tail -3 "$LOGS/$t.log" ;;
            *) failed=$((failed + 1)); echo "arm64 FAIL $t (exit $rc), log $LOGS/$t.log:"; tail -30 "$LOGS/$t.log" ;;
        esac
    done
    echo "$passed $failed $skipped" >"$LOGS/counts"
}

host() {
    cd "$REPO"
    [ -x out/linux-arm64/mcproxy ] || { echo "arm64 smoke: out/linux-arm64/mcproxy is missing (./build.sh publish linux-arm64)" >&2; exit 64; }
    "$REPO/tools/toolchain.sh" install arm64
    aarch64-linux-gnu-gcc -O2 -static -o out/linux-arm64/mctool tests/e2e/mctool.c
    rm -rf "$LOGS"; mkdir -p "$LOGS"
    local rc=0
    bash "$HERE/vm.sh" run --timeout 3600 -- bash tests/vm/arm64/smoke.sh guest || rc=$?
    local p=0 f=0 k=0
    if [ -s "$LOGS/counts" ]; then read -r p f k <"$LOGS/counts"
    else echo "arm64 smoke: the VM gave no result (exit $rc)" >&2; f=1; fi
    [ "${CI:-}" = true ] && { f=$((f + k)); k=0; }
    echo "$p passed, $f failed, $k skipped"
    [ "$f" -eq 0 ]
}

case ${1:-host} in
    guest) guest ;;
    host) host ;;
    *) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
esac
