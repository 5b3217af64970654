#!/usr/bin/env bash
# McProxy build and test driver.
#   ./build.sh publish [RID]   Native AOT binary -> out/mcproxy (default RID linux-x64)
#   ./build.sh test            every test: unit (xunit) and end-to-end (network namespaces, root)
#   ./build.sh unit            unit tests only
#   ./build.sh e2e [--kernel K|all] [--smoke]
#                              end-to-end tests (network namespaces) and the OpenWrt package
#                              tests; publishes first; root
#   ./build.sh demo            the newcomer demo in network namespaces (root)
#   ./build.sh bench [NAME]    benchmarks in bench/ (figures, not pass/fail)
# Kernel-facing work (e2e, demo, kernel benchmarks) runs in the test VM (tests/vm: Debian's
# kernel under qemu) when the host kernel has no multicast routing, on the host otherwise.
#   MCPROXY_VM=auto|always|never (default auto); --kernel 5.10|6.1|6.12|all picks the VM kernel
#   (default 6.12; `test` runs the whole suite on 6.12 and the smoke subset on 5.10 and 6.1).
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

# The architecture's fences, checked on every publish and test run:
# unsafe code and [LibraryImport] only under src/Interop; Protocol/ and Config/ pure.
check_fences() {
    local bad
    bad=$(grep -rlE '\bunsafe\b|LibraryImport|DllImport' src --include=*.cs | grep -v '^src/Interop/' || true)
    if [ -n "$bad" ]; then echo "fence: unsafe/interop outside src/Interop: $bad" >&2; exit 1; fi
    bad=$(grep -rlE 'McProxy\.Interop|McProxy\.Platform|McProxy\.Runtime|System\.IO\b|Environment\.TickCount|DateTime\.(Utc)?Now|Stopwatch' src/Protocol src/Config --include=*.cs \
          | grep -v '^src/Config/ConfigLoader.cs$' || true)
    if [ -n "$bad" ]; then echo "fence: I/O or clock in pure layers: $bad" >&2; exit 1; fi
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
        timeout 600 bash "$script" "$ROOT/out/mcproxy" > "$LOGS/$name.log" 2>&1
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
    if [ "${1:-}" = smoke ]; then for s in $SMOKE; do echo "tests/e2e/$s.sh"; done
    else ls tests/e2e/[0-9]*.sh; fi
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

# In the VM: the e2e scripts of one kernel (mode full|smoke|none), after the kernel unit tests
# when $3 is "unit"; counts come back through out/logs (a shared folder).
vm_e2e() {
    local kernel=$1 mode=$2 counts=out/logs/$1/counts
    rm -rf "out/logs/$kernel"; mkdir -p "out/logs/$kernel"
    bash tests/vm/vm.sh run --kernel "$kernel" --share "$ROOT" --timeout 2700 -- \
        ./build.sh e2e-here "$kernel" "$mode" "${3:-}" || true
    if [ ! -s "$counts" ]; then
        echo "e2e on $kernel: the VM gave no result" >&2; FAILED=$((FAILED + 1)); return
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
            *) echo "e2e: unknown option $1" >&2; exit 64 ;;
        esac
    done
    publish >&2
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
    # The OpenWrt package tests need no multicast routing: they run on the host.
    LOGS=out/logs/openwrt
    shell_suite openwrt tests/openwrt/[0-9]*.sh
}

# Inside the VM: the kernel unit tests (if asked), the e2e scripts; "passed failed skipped" for
# the host.
e2e_here() {
    local kernel=$1 mode=$2 with_unit=${3:-}
    LOGS=out/logs/$kernel
    mkdir -p "$LOGS"
    [ "$with_unit" = unit ] && kernel_unit_here
    if [ "$mode" != none ]; then
        echo "e2e on $(uname -r) ($mode)" >&2
        # shellcheck disable=SC2046
        shell_suite "e2e[$kernel]" $(e2e_scripts "$mode")
    fi
    echo "$PASSED $FAILED $SKIPPED" >"$LOGS/counts"
}

# What the kernel benchmarks need from the host's packages, installed before the VM starts
# (the guest's root is the host's, read-only).
bench_prereqs() {
    if [ "${1:-}" = peer ] && ! command -v igmpproxy >/dev/null; then
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
    unit) check_fences; unit
          [ "${KERNEL_UNIT:-}" = vm ] && vm_e2e "${MCPROXY_VM_KERNEL:-6.12}" none unit
          summary ;;
    e2e) e2e "$@"; summary ;;
    e2e-here) e2e_here "$@" ;;
    test) check_fences; unit; e2e --matrix; summary ;;
    demo) publish >&2; kernel_side bash tests/e2e/demo.sh "$ROOT/out/mcproxy" ;;
    bench) publish >&2
           # The .NET benchmarks are pure; the shell ones (bench/NAME.sh) drive the kernel.
           if [ -f "bench/${1:-}.sh" ]; then bench_prereqs "$1"; kernel_side bash bench/run.sh "$@"; fi
           exec bash bench/run.sh "$@" ;;
    *) echo "usage: $0 publish [RID] | test | unit | e2e [--kernel K|all] [--smoke] | demo | bench [NAME]" >&2; exit 64 ;;
esac
