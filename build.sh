#!/usr/bin/env bash
# McProxy build and test driver.
#   ./build.sh publish [RID..] static Native AOT executable -> out/RID/mcproxy (linux-x64, the
#                              default, also -> out/mcproxy; linux-arm64; all)
#   ./build.sh package         OpenWrt .ipk per architecture and .tar.gz -> out/packages
#   ./build.sh e2e-arm64       the arm64 smoke suite in an emulated arm64 VM (tests/vm --arch arm64); root
#   ./build.sh test            every test: unit (xunit) and end-to-end (network namespaces, root)
#   ./build.sh unit            unit tests only
#   ./build.sh e2e [--kernel K|all] [--smoke]
#                              end-to-end tests (network namespaces) and the OpenWrt package
#                              tests; publishes first; root
#   ./build.sh demo            the newcomer demo in network namespaces (root)
#   ./build.sh bench [NAME]    benchmarks in bench/ (figures, not pass/fail)
# Kernel-facing work (e2e, demo, kernel benchmarks) runs in the test VM (tests/vm: Debian's
# kernel under qemu) when the host kernel has no multicast routing, on the host otherwise.
#   MCPROXY_VM=auto|always|never (default auto); --kernel 5.10|6.1|6.12|bpo|all picks the VM kernel
#   (default 6.12; `test` runs the whole suite on 6.12 and the smoke subset on 5.10 and 6.1).
# Environment: CONFIGURATION (default Release), MCPROXY_LINK, MCPROXY_LIBC (see publish).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
CONFIGURATION=${CONFIGURATION:-Release}

# publish [RID...]: one executable per RID (linux-x64, linux-arm64 or all) -> out/RID/mcproxy;
# linux-x64's is also out/mcproxy (what e2e, demo and bench run). Static on musl by default
# (no interpreter, no NEEDED: runs on OpenWrt and any other Linux of its architecture);
# MCPROXY_LINK=dynamic links against this machine's glibc, MCPROXY_LIBC=glibc makes the static
# build use glibc. The toolchain comes from tools/toolchain.sh (Debian packages).
publish() {
    [ $# -gt 0 ] || set -- linux-x64
    [ "$1" = all ] && set -- linux-x64 linux-arm64
    local rid arch link=${MCPROXY_LINK:-static} libc=${MCPROXY_LIBC:-} bin
    [ -n "$libc" ] || if [ "$link" = static ]; then libc=musl; else libc=glibc; fi
    for rid in "$@"; do
        case $rid in
            linux-x64) arch=x64 ;;
            linux-arm64) arch=arm64 ;;
            *) echo "publish: RID is linux-x64, linux-arm64 or all (the static executables run on musl and glibc systems alike)" >&2
               exit 64 ;;
        esac
        tools/toolchain.sh install "$arch"
        dotnet publish McProxy.csproj -nologo -v:q -r "$rid" -c "$CONFIGURATION" \
            -p:McProxyLink="$link" -p:McProxyLibc="$libc" -o "out/$rid" >&2
        rm -f "out/$rid"/*.dbg
        bin=out/$rid/mcproxy
        [ "$link" = static ] && check_static "$bin"
        [ "$rid" = linux-x64 ] && cp "$bin" out/mcproxy
        printf 'published %s (net10.0, %s, %s %s): %s bytes\n' "$bin" "$rid" "$link" "$libc" "$(stat -c %s "$bin")"
    done
    check_fences
}

# A static executable has no program interpreter and no NEEDED entries (readelf reads any arch).
check_static() {
    if readelf -lW "$1" | grep -q 'Requesting program interpreter' || readelf -dW "$1" | grep -q '(NEEDED)'; then
        echo "publish: $1 is not static:" >&2; readelf -dW "$1" | grep NEEDED >&2 || true; exit 1
    fi
}

# The arm64 smoke suite: the static arm64 executable on Debian's arm64 kernel under
# qemu-system-aarch64 (tests/vm --arch arm64), the tests/e2e scripts unchanged in an arm64 root
# tree; mctool cross-compiled. What each proves: tests/vm/README.md ("arm64").
ARM64_SMOKE="03-igmpv3-1x-syntax 09-mldv2-ssm 06-multi-instance 11-privilege-drop"
e2e_arm64() {
    publish linux-arm64 >&2
    tools/toolchain.sh install arm64
    e2e_tools out/linux-arm64/e2e-tools aarch64-linux-gnu-gcc -static
    vm_e2e arm64 arm64 "" --arch arm64
}

# package: .ipk per OpenWrt architecture and .tar.gz per RID from the static executables
# (tools/package.sh) -> out/packages/.
package() {
    publish linux-x64 linux-arm64
    bash tools/package.sh out/packages
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
    fence_layer src/Protocol/Proxying "McProxy\.Protocol\.(Downstream|Instance)\b"
    fence_layer src/Platform "McProxy\.(Config|Runtime|Cli|$core)\b"
    fence_layer src/Cli "McProxy\.(Config|Protocol|Platform|Runtime|Interop)\b"
    check_text_files
}

# .editorconfig for every tracked text file (the C# rules are checked by the build itself):
# LF line ends, no trailing white space, a final newline. Vendored test data (tests/toml-test)
# is kept byte for byte.
check_text_files() {
    local files f bad
    files=$(git ls-files 2>/dev/null | grep -v '^tests/toml-test/' | while read -r f; do [ -f "$f" ] && echo "$f"; done | xargs -r grep -lI '' || true)
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

# Adds the counts of a "Passed!/Failed!" line of dotnet test/vstest to the totals.
add_counts() {
    local line=$1 f
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")
    PASSED=$((PASSED + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")))
    FAILED=$((FAILED + f))
    SKIPPED=$((SKIPPED + $(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")))
}

# Unit tests (xunit) on the host. Those marked [Trait("Kernel", "mroute")] need the kernel's
# multicast routing: where the host lacks it they run in the test VM (KERNEL_UNIT=vm), inside
# the e2e VM run for `test`, in a VM of their own for `unit`.
unit() {
    local log filter=() rc line
    log=$(mktemp)
    if [ "$(where)" = vm ]; then
        filter=(--filter "Kernel!=mroute"); KERNEL_UNIT=vm
        echo "the host kernel has no multicast routing: the kernel unit tests run in the test VM" >&2
    fi
    set +e
    dotnet test tests/McProxy.Tests -nologo -c Debug "${filter[@]}" 2>&1 | tee "$log" | grep -vE '^\s*$' | grep -E 'Failed |error|Passed!|Failed!|Skipped ' >&2
    rc=${PIPESTATUS[0]}
    set -e
    line=$(grep -E '(Passed|Failed)!' "$log" | tail -1 || true)
    if [ -z "$line" ]; then
        echo "unit tests did not run (build failed?)" >&2
        tail -30 "$log" >&2
        FAILED=$((FAILED + 1))
    else
        add_counts "$line"
        [ "$rc" -eq 0 ] || grep -qE 'Failed: *[1-9]' <<<"$line" || FAILED=$((FAILED + 1))
    fi
    rm -f "$log"
}

# Inside the VM: the kernel unit tests of the already built test assembly (vstest: no MSBuild in
# the guest).
kernel_unit_here() {
    local log line
    log=$(mktemp)
    set +e
    DOTNET_CLI_HOME=/tmp DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 TERM=dumb \
        dotnet vstest tests/McProxy.Tests/bin/Debug/net10.0/McProxy.Tests.dll --TestCaseFilter:"Kernel=mroute" \
        >"$log" 2>&1
    set -e
    grep -E '^\s*Failed |Passed!|Failed!' "$log" >&2 || true
    line=$(grep -E '(Passed|Failed)!' "$log" | tail -1 || true)
    if [ -z "$line" ]; then
        echo "kernel unit tests did not run:" >&2; tail -20 "$log" >&2; FAILED=$((FAILED + 1))
    else
        echo "kernel unit tests on $(uname -r): $line" >&2
        add_counts "$line"
    fi
    rm -f "$log"
}

# Shell test suites: each script gets the binary's path, exits 0 pass, 77 skip, else fail.
# Logs go to $LOGS/NAME.log (out/logs/KERNEL in the VM, kept for the reader).
shell_suite() {
    local label=$1 script rc name t0; shift
    mkdir -p "$LOGS"
    for script in "$@"; do
        [ -e "$script" ] || continue
        name=$(basename "$script" .sh)
        t0=$SECONDS
        set +e
        timeout 900 bash "$script" "${E2E_BIN:-$ROOT/out/mcproxy}" > "$LOGS/$name.log" 2>&1
        rc=$?
        set -e
        case $rc in
            0) PASSED=$((PASSED + 1)); echo "$label PASS $name ($((SECONDS - t0)) s)" >&2 ;;
            77) if [ "${CI:-}" = true ]; then
                    FAILED=$((FAILED + 1)); echo "$label FAIL $name (skipped, not allowed in CI)" >&2
                else
                    SKIPPED=$((SKIPPED + 1)); echo "$label SKIP $name" >&2
                fi
                tail -5 "$LOGS/$name.log" >&2 ;;
            *) FAILED=$((FAILED + 1)); echo "$label FAIL $name (exit $rc), log $LOGS/$name.log:" >&2
               tail -40 "$LOGS/$name.log" >&2 ;;
        esac
    done
}

# The smoke subset run on the other kernels of the matrix: join, SSM, IPv6, lifecycle.
SMOKE="03-igmpv3-1x-syntax 04-mldv2-1x-syntax 05-lifecycle 08-igmpv3-ssm 09-mldv2-ssm"
e2e_scripts() {
    local s
    case ${1:-} in
        smoke) for s in $SMOKE; do echo "tests/e2e/$s.sh"; done ;;
        arm64) for s in $ARM64_SMOKE; do echo "tests/e2e/$s.sh"; done ;;
        only) for s in $MCPROXY_E2E_ONLY; do ls tests/e2e/"$s"*.sh; done ;;
        *) ls tests/e2e/[0-9]*.sh ;;
    esac
}

# e2e_tools DIR CC [FLAGS]: the e2e test tools (tests/e2e/*.c) built once for all scripts
# (lib.sh's e2e_tool finds them through MCPROXY_E2E_TOOLS).
e2e_tools() {
    local dir=$1 cc=$2 t; shift 2
    mkdir -p "$dir"
    for t in mctool inject; do "$cc" -O2 "$@" -o "$dir/$t" "tests/e2e/$t.c"; done
    export MCPROXY_E2E_TOOLS=$ROOT/$dir
}

# Where kernel-facing work runs: "host" or "vm" (MCPROXY_VM=auto|always|never).
where() {
    case ${MCPROXY_VM:-auto} in
        always) echo vm ;;
        never) echo host ;;
        auto) if bash tests/vm/vm.sh host-has-mroute; then echo host; else echo vm; fi ;;
        *) echo "MCPROXY_VM must be auto, always or never" >&2; exit 64 ;;
    esac
}
say_where() {
    if [ "$1" = vm ]; then
        if [ "${MCPROXY_VM:-auto}" = always ]; then echo "MCPROXY_VM=always: kernel-facing work runs in the test VM (tests/vm)" >&2
        else echo "the host kernel has no multicast routing: kernel-facing work runs in the test VM (tests/vm)" >&2; fi
    fi
}

# vm_e2e LABEL MODE [unit] [VM OPTIONS]: in the VM (by default the x86_64 kernel LABEL), the e2e
# scripts of MODE (full|smoke|arm64|none), after the kernel unit tests when $3 is "unit"; logs
# and counts come back through out/logs/LABEL (a shared folder).
vm_e2e() {
    local label=$1 mode=$2 unit=${3:-} counts=out/logs/$1/counts
    shift 3 || shift $#
    [ $# -gt 0 ] || set -- --kernel "$label"
    rm -rf "out/logs/$label"; mkdir -p "out/logs/$label"
    bash tests/vm/vm.sh run "$@" --share "$ROOT" --timeout 2700 -- \
        ./build.sh e2e-here "$label" "$mode" "$unit" || true
    if [ ! -s "$counts" ]; then
        echo "e2e $label: the VM gave no result" >&2; FAILED=$((FAILED + 1)); return
    fi
    local p f k
    read -r p f k <"$counts"
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + k))
}

# e2e [--kernel K|all] [--smoke]; "test" passes --matrix: all of e2e on 6.12, the smoke subset
# on the other kernels.
e2e() {
    local kernel=${MCPROXY_VM_KERNEL:-6.12} mode=full
    while [ $# -gt 0 ]; do
        case $1 in
            --kernel) kernel=$2; shift 2 ;;
            --smoke) mode=smoke; shift ;;
            --matrix) kernel=matrix; shift ;;
            # --only "13 32": the scripts whose names start so (the guest sees the variable).
            --only) export MCPROXY_E2E_ONLY=$2; mode=only; shift 2 ;;
            *) echo "e2e: unknown option $1" >&2; exit 64 ;;
        esac
    done
    publish >&2
    e2e_tools out/e2e-tools cc
    local w k
    w=$(where); say_where "$w"
    if [ "$w" = host ]; then
        LOGS=out/logs/host
        # shellcheck disable=SC2046
        shell_suite e2e $(e2e_scripts "$mode")
    else
        case $kernel in
            matrix) vm_e2e 6.12 "$mode" "${KERNEL_UNIT:+unit}"
                    for k in 5.10 6.1; do vm_e2e "$k" smoke; done ;;
            all) for k in $(bash tests/vm/vm.sh kernels); do vm_e2e "$k" "$mode"; done ;;
            *) vm_e2e "$kernel" "$mode" ;;
        esac
    fi
    [ "$mode" = only ] && return
    # The OpenWrt package tests need no multicast routing: they run on the host.
    LOGS=out/logs/openwrt
    shell_suite openwrt tests/openwrt/[0-9]*.sh
}

# Inside the VM: the kernel unit tests (if asked), the e2e scripts; "passed failed skipped" for
# the host.
e2e_here() {
    local label=$1 mode=$2 with_unit=${3:-}
    LOGS=out/logs/$label
    mkdir -p "$LOGS"
    [ "$with_unit" = unit ] && kernel_unit_here
    if [ "$mode" = arm64 ]; then
        export E2E_BIN=$ROOT/out/linux-arm64/mcproxy MCPROXY_E2E_TOOLS=$ROOT/out/linux-arm64/e2e-tools
    fi
    if [ "$mode" != none ]; then
        echo "e2e on $(uname -m) $(uname -r) ($mode)" >&2
        # shellcheck disable=SC2046
        shell_suite "e2e[$label]" $(e2e_scripts "$mode")
    fi
    echo "$PASSED $FAILED $SKIPPED" >"$LOGS/counts"
}

# What the kernel benchmarks need from the host's packages, installed before the VM starts
# (the guest's root is the host's, read-only).
bench_prereqs() {
    if { [ "${1:-}" = peer ] || [ "${1:-}" = startup-latency ]; } && ! command -v igmpproxy >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq igmpproxy >/dev/null
    fi
}

# Kernel-facing commands (demo, kernel benchmarks) on the host or in the VM.
kernel_side() {
    local w
    w=$(where); say_where "$w"
    if [ "$w" = host ]; then exec "$@"; fi
    exec bash tests/vm/vm.sh run --share "$ROOT" -- "$@"
}

summary() {
    echo "(${SECONDS} s)" >&2
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    [ "$FAILED" -eq 0 ]
}

cmd=${1:-publish}
shift || true
case $cmd in
    publish) publish "$@" ;;
    package) package ;;
    e2e-arm64) e2e_arm64; summary ;;
    unit) check_fences; unit
          [ "${KERNEL_UNIT:-}" = vm ] && vm_e2e "${MCPROXY_VM_KERNEL:-6.12}" none unit
          summary ;;
    e2e) e2e "$@"; summary ;;
    e2e-here) e2e_here "$@" ;;
    test) check_fences; unit; package >&2; e2e --matrix; e2e_arm64; summary ;;
    demo) publish >&2; e2e_tools out/e2e-tools cc; kernel_side bash tests/e2e/demo.sh "$ROOT/out/mcproxy" ;;
    bench) publish >&2; e2e_tools out/e2e-tools cc
           # The .NET benchmarks are pure; the shell ones (bench/NAME.sh) drive the kernel.
           if [ -f "bench/${1:-}.sh" ]; then bench_prereqs "$1"; kernel_side bash bench/run.sh "$@"; fi
           exec bash bench/run.sh "$@" ;;
    *) echo "usage: $0 publish [RID..] | package | e2e-arm64 | test | unit | e2e [--kernel K|all] [--smoke] [--only "NN NN"] | demo | bench [NAME]" >&2; exit 64 ;;
esac
