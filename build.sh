#!/usr/bin/env bash
# McProxy build and test driver.
#   ./build.sh publish [RID]   Native AOT binary -> out/mcproxy (default RID linux-x64)
#   ./build.sh test            every test: unit (xunit) and end-to-end (network namespaces, root)
#   ./build.sh unit            unit tests only
#   ./build.sh e2e             end-to-end tests (network namespaces) and the OpenWrt package
#                              tests; publishes first; root
#   ./build.sh demo            the newcomer demo in network namespaces (root)
#   ./build.sh bench [NAME]    benchmarks in bench/ (figures, not pass/fail)
# Environment: MCPROXY_TFM (default net9.0: the AOT target this package source can build;
# net10.0 needs the .NET 10 NativeAOT runtime pack), CONFIGURATION (default Release).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
TFM=${MCPROXY_TFM:-net9.0}
CONFIGURATION=${CONFIGURATION:-Release}

publish() {
    local rid=${1:-linux-x64}
    dotnet publish McProxy.csproj -nologo -v:q -f "$TFM" -r "$rid" -c "$CONFIGURATION" \
        -p:McProxyAot=true -p:McProxyAotTfm="$TFM" -o out >&2
    rm -f out/*.dbg
    check_fences
    printf 'published out/mcproxy (%s, %s): %s bytes\n' "$TFM" "$rid" "$(stat -c %s out/mcproxy)"
}

# The architecture's fences (docs/architecture.md), checked on every publish and test run:
# unsafe code and [LibraryImport] only under src/Interop; Protocol/ and Config/ pure; and the
# layer order: a layer names no layer above or beside it (comment lines aside).
check_fences() {
    local bad
    bad=$(grep -rlE '\bunsafe\b|LibraryImport|DllImport' src --include=*.cs | grep -v '^src/Interop/' || true)
    if [ -n "$bad" ]; then echo "fence: unsafe/interop outside src/Interop: $bad" >&2; exit 1; fi
    bad=$(grep -rlE 'McProxy\.Interop|McProxy\.Platform|McProxy\.Runtime|System\.IO\b|Environment\.TickCount|DateTime\.(Utc)?Now|Stopwatch' src/Protocol src/Config --include=*.cs \
          | grep -v '^src/Config/ConfigLoader.cs$' || true)
    if [ -n "$bad" ]; then echo "fence: I/O or clock in pure layers: $bad" >&2; exit 1; fi
    local core='Protocol\.(Membership|Downstream|Routing|Proxying|Instance)'
    fence_layer src/Net "McProxy\.(Config|Protocol|Platform|Runtime|Cli|Interop)\b"
    fence_layer src/Interop "McProxy\.(Config|Protocol|Platform|Runtime|Cli)\b"
    fence_layer src/Config "McProxy\.(Protocol|Platform|Runtime|Cli|Interop)\b"
    fence_layer src/Protocol "McProxy\.(Platform|Runtime|Cli|Interop)\b"
    fence_layer src/Protocol/Wire "McProxy\.(Config|$core)\b"
    fence_files "$(ls src/Protocol/*.cs)" "McProxy\.(Config|$core)\b"
    fence_layer src/Protocol/Membership "McProxy\.Protocol\.(Downstream|Routing|Proxying|Instance)\b"
    fence_layer src/Protocol/Downstream "McProxy\.Protocol\.(Routing|Proxying|Instance)\b"
    fence_layer src/Protocol/Routing "McProxy\.Protocol\.(Membership|Downstream|Proxying|Instance)\b"
    fence_layer src/Protocol/Proxying "McProxy\.Protocol\.(Membership|Downstream|Instance)\b"
    fence_layer src/Platform "McProxy\.(Config|Runtime|Cli|$core)\b"
    fence_layer src/Cli "McProxy\.(Config|Protocol|Platform|Runtime|Interop)\b"
    check_text_files
}

# .editorconfig for every tracked text file (the C# rules are checked by the build itself):
# LF line ends, no trailing white space, a final newline.
check_text_files() {
    local files f bad
    files=$(git ls-files 2>/dev/null | while read -r f; do [ -f "$f" ] && echo "$f"; done | xargs -r grep -lI '' || true)
    [ -n "$files" ] || return 0
    # shellcheck disable=SC2086 # tracked paths have no spaces
    bad=$(grep -nE $'\r|[[:blank:]]$' $files /dev/null || true)
    for f in $files; do
        [ -s "$f" ] && [ -n "$(tail -c1 "$f")" ] && bad+=$'\n'"$f: no newline at the end"
    done
    if [ -n "${bad//$'\n'/}" ]; then echo "style (.editorconfig): CR, trailing white space or no final newline:" >&2; echo "$bad" >&2; exit 1; fi
}

# fence_layer DIR REGEX: no .cs file under DIR may name what REGEX matches (comment lines aside).
fence_layer() { fence_files "$(find "$1" -name '*.cs')" "$2"; }

fence_files() {
    local files=$1 pattern=$2 bad
    # shellcheck disable=SC2086 # a list of paths without spaces
    bad=$(grep -nE "$pattern" $files /dev/null | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(//|\*)' || true)
    if [ -n "$bad" ]; then echo "fence: layer order (docs/architecture.md) broken by:" >&2; echo "$bad" >&2; exit 1; fi
}

# Totals across suites, printed as the last line: "N passed, N failed, N skipped".
PASSED=0; FAILED=0; SKIPPED=0

unit() {
    local log
    log=$(mktemp)
    set +e
    dotnet test tests/McProxy.Tests -nologo -c Debug 2>&1 | tee "$log" | grep -vE '^\s*$' | grep -E 'Failed |error|Passed!|Failed!|Skipped ' >&2
    local rc=${PIPESTATUS[0]}
    set -e
    local line
    line=$(grep -E '(Passed|Failed)!' "$log" | tail -1 || true)
    if [ -z "$line" ]; then
        echo "unit tests did not run (build failed?)" >&2
        tail -30 "$log" >&2
        FAILED=$((FAILED + 1))
    else
        PASSED=$((PASSED + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")))
        FAILED=$((FAILED + $(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")))
        SKIPPED=$((SKIPPED + $(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")))
        [ "$rc" -eq 0 ] || [ "$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")" -gt 0 ] || FAILED=$((FAILED + 1))
    fi
    rm -f "$log"
}

# Shell test suites: each script gets the binary's path, exits 0 pass, 77 skip, else fail.
shell_suite() {
    local pattern=$1 script rc name
    for script in $pattern; do
        [ -e "$script" ] || continue
        name=$(basename "$script" .sh)
        set +e
        timeout 300 bash "$script" "$ROOT/out/mcproxy" > "/tmp/mcproxy-e2e-$name.log" 2>&1
        rc=$?
        set -e
        case $rc in
            0) PASSED=$((PASSED + 1)); echo "e2e PASS $name" >&2 ;;
            77) if [ "${CI:-}" = true ]; then
                    FAILED=$((FAILED + 1)); echo "e2e FAIL $name (skipped, not allowed in CI)" >&2
                else
                    SKIPPED=$((SKIPPED + 1)); echo "e2e SKIP $name" >&2
                fi
                tail -5 "/tmp/mcproxy-e2e-$name.log" >&2 ;;
            *) FAILED=$((FAILED + 1)); echo "e2e FAIL $name (exit $rc), log:" >&2
               tail -40 "/tmp/mcproxy-e2e-$name.log" >&2 ;;
        esac
    done
}

e2e() {
    publish >&2
    shell_suite "tests/e2e/[0-9]*.sh"
    shell_suite "tests/openwrt/[0-9]*.sh"
}

summary() {
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    [ "$FAILED" -eq 0 ]
}

cmd=${1:-publish}
shift || true
case $cmd in
    publish) publish "$@" ;;
    unit) check_fences; unit; summary ;;
    e2e) e2e; summary ;;
    test) check_fences; unit; e2e; summary ;;
    demo) publish >&2; exec bash tests/e2e/demo.sh "$ROOT/out/mcproxy" ;;
    bench) publish >&2; exec bash bench/run.sh "$@" ;;
    *) echo "usage: $0 publish [RID] | test | unit | e2e | demo | bench [NAME]" >&2; exit 64 ;;
esac
