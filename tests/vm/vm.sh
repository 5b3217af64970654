#!/usr/bin/env bash
# A test VM with a kernel of our own: Debian's kernel package booted by qemu, running one command.
# x86_64: the host's root read-only over virtio-9p. arm64: an arm64 root tree (an unconfigured
# `debootstrap --foreign` of Debian 12) read-only over 9p. See tests/vm/README.md.
#
#   vm.sh prepare [--arch A] [--kernel K|all] [--refresh]   download, extract, build (cached)
#   vm.sh run [OPTIONS] -- COMMAND [ARGS]   run COMMAND in the VM; exit status = COMMAND's
#   vm.sh kernels                           the kernel series this runner knows
#   vm.sh host-has-mroute                   exit 0 if the running kernel has multicast routing
#
# run options: --arch x86_64|arm64 (default x86_64), --kernel 5.10|6.1|6.12|bpo (default
#   $MCPROXY_VM_KERNEL, else 6.12 on x86_64 and 6.1 on arm64), --timeout SECONDS (default 3600),
#   --mem MiB (default 2048), --cpus N (default: host cores, at most 2), --share DIR (read-write
#   at the same path in the guest; repeatable; the working directory must be in one on arm64).
# Environment: MCPROXY_VM_CACHE (default /var/cache/mcproxy-vm), MCPROXY_VM_ACCEL (kvm|tcg).
set -euo pipefail
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${MCPROXY_VM_CACHE:-/var/cache/mcproxy-vm}
ARCH=x86_64

# Debian release per kernel series: they bracket OpenWrt 22.03 (5.10) to 25.x (6.12).
suite_of() {
    case $1 in
        5.10) echo bullseye ;;
        6.1) echo bookworm ;;
        6.12) echo trixie ;;
        # The newest kernel Debian builds (7.x in late 2026): where kernel changes since 6.12 show
        # (e.g. the IPv4 join's hash lookup, bench/kernel-joins.sh). Not in the CI matrix.
        bpo) echo trixie-backports ;;
        *) echo "vm: unknown kernel '$1' (known: $(kernels))" >&2; exit 64 ;;
    esac
}
kernels() { echo "5.10 6.1 6.12 bpo"; }

# What differs between the architectures: qemu, machine, serial devices (kernel console, the
# command's output), Debian's architecture name, the modules (links for the topologies, tunnels,
# the 9p transport) and the guest's userspace.
set_arch() {
    ARCH=$1
    case $ARCH in
        x86_64) QEMU=qemu-system-x86_64 MACHINE=(-machine pc -cpu max) DEBARCH=amd64
                CONSOLE=ttyS0 OUT=ttyS1 QEMU_PKG=qemu-system-x86
                MODULES="virtio_pci 9pnet_virtio 9p veth bridge 8021q vxlan ip_gre ip6_gre gre tun dummy ipip sit" ;;
        # The virt machine has one UART: the kernel stays quiet and the command's output uses it.
        arm64) QEMU=qemu-system-aarch64 MACHINE=(-machine virt -cpu cortex-a57) DEBARCH=arm64
               CONSOLE=ttyAMA0 OUT=ttyAMA0 QEMU_PKG=qemu-system-arm
               MODULES="virtio_mmio virtio_pci 9pnet_virtio 9p veth bridge 8021q vxlan dummy" ;;
        *) echo "vm: unknown architecture '$ARCH' (x86_64, arm64)" >&2; exit 64 ;;
    esac
}
default_kernel() { if [ "$ARCH" = arm64 ]; then echo 6.1; else echo 6.12; fi; }

# The arm64 guest's userspace: Debian 12's essential packages plus what the e2e scripts use.
ARM64_PACKAGES="iproute2,procps,mawk"

say() { echo "vm: $*" >&2; }

# apt with a private configuration for SUITE and the guest's architecture: own sources list,
# state and cache under $CACHE; the machine's apt sources and package state are never touched.
papt() {
    local suite=$1 tool=$2; shift 2
    local d=$CACHE/apt/$suite-$DEBARCH
    "$tool" -o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State="$d/state" -o Dir::Cache="$d/cache" -o Dir::State::status=/dev/null \
        -o APT::Architecture="$DEBARCH" -o APT::Architectures="$DEBARCH" \
        -o APT::Sandbox::User=root -o Debug::NoLocking=1 "$@"
}
papt_update() {
    local d=$CACHE/apt/$1-$DEBARCH
    mkdir -p "$d/state/lists/partial" "$d/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $1 main" >"$d/sources.list"
    papt "$1" apt-get -qq update
}

# The modules, decompressed, in load order (modprobe --show-depends on the extracted tree).
stage_modules() {
    local root=$1 kver=$2 dest=$3 m line path name
    depmod -b "$root" "$kver"
    : >"$dest/order"
    for m in $MODULES; do
        if ! modprobe -d "$root" -S "$kver" --show-depends "$m" >"$dest/deps" 2>/dev/null; then
            say "module $m: not in $kver (left out)"; continue
        fi
        while read -r line; do
            case $line in insmod\ *) ;; *) continue ;; esac
            path=${line#insmod }; path=${path%% *}
            name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}; name=${name%.gz}
            grep -qx "$name" "$dest/order" && continue
            case $path in
                *.xz) xz -dc "$path" >"$dest/$name" ;;
                *.zst) zstd -qdc "$path" >"$dest/$name" ;;
                *.gz) gzip -dc "$path" >"$dest/$name" ;;
                *) cp "$path" "$dest/$name" ;;
            esac
            echo "$name" >>"$dest/order"
        done <"$dest/deps"
    done
    rm -f "$dest/deps"
}

# The cache is keyed by architecture, kernel series and what goes into the initramfs (the arm64
# root by its package list).
stamp() { { cat "$VM_DIR/init.sh"; echo "$MODULES"; } | sha256sum | cut -c1-16; }
ready() { [ "$(cat "$1/ready" 2>/dev/null)" = "$(stamp)" ]; }
root_ready() { [ "$(cat "$1/ready" 2>/dev/null)" = "$ARM64_PACKAGES" ]; }

# lock NAME: serialises preparation between concurrent runs (fd 8, released by unlock).
lock() { mkdir -p "$CACHE"; exec 8>"$CACHE/.lock-$1"; flock 8; }
unlock() { exec 8>&-; }

prepare() {
    local kernel=$1 refresh=${2:-}
    local suite dir
    suite=$(suite_of "$kernel")
    dir=$CACHE/$ARCH-$kernel
    [ "$ARCH" = arm64 ] && prepare_arm64_root
    [ -z "$refresh" ] && ready "$dir" && return 0
    lock "$ARCH-$kernel"
    [ -z "$refresh" ] && ready "$dir" && { unlock; return 0; }
    need_tools
    say "preparing the $ARCH $kernel kernel (Debian $suite) in $dir"
    papt_update "$suite"
    local pkg tmp kver
    pkg=$(papt "$suite" apt-cache depends "linux-image-$DEBARCH" | awk '/Depends: linux-image-/ { print $2; exit }')
    [ -n "$pkg" ] || { say "no kernel package found for $suite"; exit 69; }
    tmp=$(mktemp -d "$CACHE/.prep.XXXX")
    # Kernels from 7.x on split the image package: the kernel and its modules are dependencies.
    local parts
    parts=$(papt "$suite" apt-cache depends "$pkg" | awk '/Depends: linux-(binary|modules)-/ { print $2 }')
    # shellcheck disable=SC2086
    (cd "$tmp" && papt "$suite" apt-get -qq download "$pkg" $parts)
    local deb
    for deb in "$tmp"/linux-*.deb; do dpkg-deb -x "$deb" "$tmp/x"; done
    # Newer packages put the modules under usr/ (merged /usr).
    [ -d "$tmp/x/lib/modules" ] || { mkdir -p "$tmp/x/lib"; ln -s ../usr/lib/modules "$tmp/x/lib/modules"; }
    kver=$(ls "$tmp/x/lib/modules")
    mkdir -p "$tmp/initrd/bin" "$tmp/initrd/modules" "$tmp/initrd"/{proc,sys,dev,newroot}
    initrd_busybox "$tmp" "$tmp/initrd/bin/busybox"
    cp "$VM_DIR/init.sh" "$tmp/initrd/init"
    chmod 755 "$tmp/initrd/init"
    stage_modules "$tmp/x" "$kver" "$tmp/initrd/modules"
    (cd "$tmp/initrd" && find . | cpio -o -H newc --quiet | gzip -1) >"$tmp/initrd.gz"
    rm -rf "$dir"
    mkdir -p "$dir"
    # The kernel and its configuration (for reading): under boot/, or beside the modules (7.x).
    local m=$tmp/x/lib/modules/$kver
    cp "$(first_file "$tmp/x/boot/vmlinuz-$kver" "$m/vmlinuz")" "$dir/vmlinuz"
    cp "$(first_file "$tmp/x/boot/config-$kver" "$m/config" /dev/null)" "$dir/config"
    mv "$tmp/initrd.gz" "$dir/initrd.gz"
    printf '%s %s\n' "$kver" "$(dpkg-deb -f "$tmp"/linux-image-*.deb Version)" >"$dir/version"
    rm -rf "$tmp"
    stamp >"$dir/ready"
    say "kernel $(cat "$dir/version") ready"
    unlock
}

first_file() { local f; for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; echo "$1"; }

# The initramfs's busybox: the host's static one on x86_64, busybox-static:arm64 on arm64.
initrd_busybox() {
    if [ "$ARCH" = x86_64 ]; then cp /bin/busybox "$2"; return; fi
    (cd "$1" && papt bookworm apt-get -qq download busybox-static)
    dpkg-deb -x "$1"/busybox-static_*.deb "$1/bb"
    cp "$1/bb/bin/busybox" "$2"
}

# The arm64 guest's root: debootstrap's first stage (no arm64 code runs on the host), then the
# packages it left for the second stage unpacked too; no maintainer scripts run, so the few files
# they would write (accounts, the awk alternative) are added by hand. Shared by all kernels.
prepare_arm64_root() {
    local root=$CACHE/arm64-root
    root_ready "$root" && return 0
    lock arm64-root
    root_ready "$root" && { unlock; return 0; }
    need_tools
    say "preparing the arm64 root tree in $root"
    rm -rf "$root"
    mkdir -p "$root"
    debootstrap --foreign --arch=arm64 --variant=minbase --include="$ARM64_PACKAGES" \
        bookworm "$root" http://deb.debian.org/debian >"$CACHE/arm64-root.log" 2>&1 \
        || { tail -20 "$CACHE/arm64-root.log" >&2; say "debootstrap failed"; exit 69; }
    local deb
    for deb in "$root"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$root"; done
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root/debootstrap"
    cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
    cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
    ln -sf mawk "$root/usr/bin/awk"
    [ -e "$root/usr/bin/sh" ] || ln -sf dash "$root/usr/bin/sh"
    rm -f "$CACHE/arm64-root.log"
    echo "$ARM64_PACKAGES" >"$root/ready"
    unlock
}

# Host tools, installed from Debian's packages when missing.
need_tools() {
    local pkgs=() c
    for c in "$QEMU:$QEMU_PKG" cpio:cpio depmod:kmod zstd:zstd xz:xz-utils flock:util-linux; do
        command -v "${c%%:*}" >/dev/null || pkgs+=("${c#*:}")
    done
    if [ "$ARCH" = x86_64 ]; then
        case $(ldd /bin/busybox 2>&1) in *'not a dynamic'*) ;; *) pkgs+=(busybox-static) ;; esac
    else
        command -v debootstrap >/dev/null || pkgs+=(debootstrap)
    fi
    [ ${#pkgs[@]} -eq 0 ] && return 0
    say "installing ${pkgs[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

# KVM only for the host's own architecture, where the CPU advertises it and /dev/kvm opens.
accel() {
    if [ -n "${MCPROXY_VM_ACCEL:-}" ]; then echo "$MCPROXY_VM_ACCEL"; return; fi
    if [ "$ARCH" = "$(uname -m)" ] && grep -qwE 'vmx|svm' /proc/cpuinfo && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
        echo kvm
    else echo tcg; fi
}

run() {
    local kernel=${MCPROXY_VM_KERNEL:-} timeout=3600 mem=2048 cpus shares=()
    cpus=$(nproc); [ "$cpus" -gt 2 ] && cpus=2
    while [ $# -gt 0 ]; do
        case $1 in
            --arch) set_arch "$2"; shift 2 ;;
            --kernel) kernel=$2; shift 2 ;;
            --timeout) timeout=$2; shift 2 ;;
            --mem) mem=$2; shift 2 ;;
            --cpus) cpus=$2; shift 2 ;;
            --share) shares+=("$(readlink -f "$2")"); shift 2 ;;
            --) shift; break ;;
            *) say "unknown option $1"; exit 64 ;;
        esac
    done
    [ $# -gt 0 ] || { say "run needs -- COMMAND"; exit 64; }
    kernel=${kernel:-$(default_kernel)}
    prepare "$kernel"
    local dir=$CACHE/$ARCH-$kernel io acc root=/ s
    [ "$ARCH" = arm64 ] && root=$CACHE/arm64-root
    io=$(mktemp -d /tmp/mcproxy-vm.XXXX)
    trap 'rm -rf "$io"' EXIT
    acc=$(accel)
    # The command runs where it was started, with the caller's exported environment, plus
    # MCPROXY_VM_DESC (what it runs on, for benchmark reports).
    {
        export -p | grep -vE '^declare -x (BASH[A-Z_]*|SHELLOPTS|SHLVL|PWD|OLDPWD|_|MCPROXY_VM_DESC)='
        # The system's directories first, and the C locale: every exec and file crosses 9p under
        # emulation, where shims such as pyenv's cost seconds a call and loading a locale costs
        # a third of a second a command.
        # shellcheck disable=SC2016 # $PATH is the guest's, expanded there
        if [ "$ARCH" = x86_64 ]; then echo 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH'
        else echo 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root'; fi
        echo 'export LC_ALL=C'
        printf 'export MCPROXY_VM_DESC=%q\n' "test VM: Debian $ARCH kernel $(cut -d' ' -f1 "$dir/version") under qemu/$acc, $cpus vCPU, $mem MiB"
        printf 'cd %q || exit 125\n' "$PWD"
        printf 'exec'; printf ' %q' "$@"; printf '\n'
    } >"$io/cmd.sh"
    local args=() i=0 tags=()
    for s in "${shares[@]}"; do
        args+=(-virtfs "local,path=$s,mount_tag=share$i,security_model=none")
        echo "$s" >"$io/share$i.path"; tags+=("share$i"); i=$((i + 1))
        # A mount point in the arm64 tree (the tree is ours; the host's root needs none made).
        [ "$ARCH" = x86_64 ] || mkdir -p "$root$s"
    done
    local tagl
    tagl=$(IFS=,; echo "${tags[*]}")
    say "$ARCH $(cut -d' ' -f1 "$dir/version") on qemu/$acc, $cpus CPU, $mem MiB: $*"
    local rc=0 serial=(-serial "file:$io/console.log" -serial chardev:out)
    [ "$CONSOLE" = "$OUT" ] && serial=(-serial chardev:out)
    [ "$acc" = tcg ] && acc="tcg,thread=multi"
    timeout -k 10 "$timeout" "$QEMU" -nodefaults -no-user-config -display none \
        "${MACHINE[@]}" -accel "$acc" -smp "$cpus" -m "$mem" -no-reboot \
        -chardev stdio,id=out,signal=off "${serial[@]}" \
        -kernel "$dir/vmlinuz" -initrd "$dir/initrd.gz" \
        -append "console=$CONSOLE quiet loglevel=1 panic=-1 mcvm.out=$OUT mcvm.shares=$tagl" \
        -virtfs "local,path=$root,mount_tag=root,security_model=none,readonly=on,multidevs=remap" \
        -virtfs "local,path=$io,mount_tag=vmio,security_model=none" \
        "${args[@]}" </dev/null || rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        say "the guest did not finish within $timeout s: killed"
        [ -s "$io/console.log" ] && { say "its console:"; tail -30 "$io/console.log" >&2; }
        exit 124
    fi
    if [ ! -s "$io/rc" ]; then
        say "the guest ended without the command's exit status (qemu exit $rc)"
        [ -s "$io/console.log" ] && { say "its console:"; tail -30 "$io/console.log" >&2; }
        exit 125
    fi
    exit "$(cat "$io/rc")"
}

# Multicast routing in the running kernel: MRT_INIT on a raw IGMP socket (ENOPROTOOPT without it).
host_has_mroute() {
    unshare -n python3 - <<'EOF'
import socket, sys
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
    s.setsockopt(socket.IPPROTO_IP, 200, (1).to_bytes(4, "little"))  # MRT_INIT
except OSError as e:
    # EADDRINUSE: another router holds the table, so the feature is there.
    sys.exit(0 if e.errno == 98 else 1)
sys.exit(0)
EOF
}

set_arch "${MCPROXY_VM_ARCH:-x86_64}"
cmd=${1:-}; shift || true
case $cmd in
    prepare)
        k='' r=''
        while [ $# -gt 0 ]; do
            case $1 in
                --arch) set_arch "$2"; shift 2 ;;
                --kernel) k=$2; shift 2 ;;
                --refresh) r=1; shift ;;
                *) say "unknown option $1"; exit 64 ;;
            esac
        done
        k=${k:-${MCPROXY_VM_KERNEL:-$(default_kernel)}}
        if [ "$k" = all ]; then for k in $(kernels); do prepare "$k" "$r"; done; else prepare "$k" "$r"; fi ;;
    run) run "$@" ;;
    kernels) kernels ;;
    host-has-mroute) host_has_mroute ;;
    *) sed -n '2,16s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
esac
