#!/usr/bin/env bash
# A test VM with a kernel of our own: Debian's kernel package booted by qemu, the host's root
# read-only over virtio-9p, one command run inside. See tests/vm/README.md.
#
#   vm.sh prepare [--kernel K]              download, extract, build the initramfs (cached)
#   vm.sh run [OPTIONS] -- COMMAND [ARGS]   run COMMAND in the VM; exit status = COMMAND's
#   vm.sh kernels                           the kernels this runner knows
#   vm.sh host-has-mroute                   exit 0 if the running kernel has multicast routing
#
# run options: --kernel K (5.10, 6.1, 6.12; default $MCPROXY_VM_KERNEL or 6.12),
#   --timeout SECONDS (default 3600), --mem MiB (default 2048), --cpus N (default: host cores,
#   at most 2), --share DIR (read-write at the same path in the guest; repeatable).
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
        *) echo "vm: unknown kernel '$1' (known: $(kernels))" >&2; exit 64 ;;
    esac
}
kernels() { echo "5.10 6.1 6.12"; }

# What the tests load: links for the topologies, tunnels, the 9p transport.
MODULES="virtio_pci 9pnet_virtio 9p veth bridge 8021q vxlan ip_gre ip6_gre gre tun dummy ipip sit"

say() { echo "vm: $*" >&2; }

# apt with a private configuration for SUITE: own sources list, state and cache under $CACHE;
# the machine's apt sources and package state are never touched.
papt() {
    local suite=$1 tool=$2; shift 2
    local d=$CACHE/apt/$suite
    "$tool" -o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State="$d/state" -o Dir::Cache="$d/cache" -o Dir::State::status=/dev/null \
        -o APT::Sandbox::User=root -o Debug::NoLocking=1 "$@"
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

# The cache is keyed by kernel series and by what goes into the initramfs (init, module list).
stamp() { { cat "$VM_DIR/init.sh"; echo "$MODULES"; } | sha256sum | cut -c1-16; }
ready() { [ "$(cat "$1/ready" 2>/dev/null)" = "$(stamp)" ]; }

prepare() {
    local kernel=$1 refresh=${2:-}
    local suite dir
    suite=$(suite_of "$kernel")
    dir=$CACHE/$ARCH-$kernel
    [ -z "$refresh" ] && ready "$dir" && return 0
    mkdir -p "$CACHE"
    exec 8>"$CACHE/.lock-$ARCH-$kernel"
    flock 8
    [ -z "$refresh" ] && ready "$dir" && { exec 8>&-; return 0; }
    need_tools
    say "preparing the $kernel kernel (Debian $suite) in $dir"
    local a=$CACHE/apt/$suite
    mkdir -p "$a/state/lists/partial" "$a/cache/archives/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" >"$a/sources.list"
    papt "$suite" apt-get -qq update
    local pkg
    pkg=$(papt "$suite" apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')
    [ -n "$pkg" ] || { say "no kernel package found for $suite"; exit 69; }
    local tmp
    tmp=$(mktemp -d "$CACHE/.prep.XXXX")
    (cd "$tmp" && papt "$suite" apt-get -qq download "$pkg")
    dpkg-deb -x "$tmp"/*.deb "$tmp/x"
    # Newer packages put the modules under usr/ (merged /usr).
    local kver mroot=$tmp/x
    [ -d "$mroot/lib/modules" ] || { mkdir -p "$mroot/lib"; ln -s ../usr/lib/modules "$mroot/lib/modules"; }
    kver=$(ls "$mroot/lib/modules")
    mkdir -p "$tmp/initrd/bin" "$tmp/initrd/modules" "$tmp/initrd"/{proc,sys,dev,newroot}
    cp /bin/busybox "$tmp/initrd/bin/busybox"
    cp "$VM_DIR/init.sh" "$tmp/initrd/init"
    chmod 755 "$tmp/initrd/init"
    stage_modules "$tmp/x" "$kver" "$tmp/initrd/modules"
    (cd "$tmp/initrd" && find . | cpio -o -H newc --quiet | gzip -1) >"$tmp/initrd.gz"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "$tmp/x/boot/vmlinuz-$kver" "$dir/vmlinuz"
    cp "$tmp/x/boot/config-$kver" "$dir/config"
    mv "$tmp/initrd.gz" "$dir/initrd.gz"
    printf '%s %s\n' "$kver" "$(dpkg-deb -f "$tmp"/*.deb Version)" >"$dir/version"
    rm -rf "$tmp"
    stamp >"$dir/ready"
    say "kernel $(cat "$dir/version") ready"
    exec 8>&-
}

# Host tools, installed from Debian's packages when missing.
need_tools() {
    local pkgs=() c
    for c in qemu-system-x86_64:qemu-system-x86 busybox:busybox-static cpio:cpio depmod:kmod \
             zstd:zstd xz:xz-utils flock:util-linux; do
        command -v "${c%%:*}" >/dev/null || pkgs+=("${c#*:}")
    done
    case $(ldd /bin/busybox 2>&1) in *'not a dynamic'*) ;; *) pkgs+=(busybox-static) ;; esac
    [ ${#pkgs[@]} -eq 0 ] && return 0
    say "installing ${pkgs[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

# KVM only where the CPU advertises it and /dev/kvm opens; TCG otherwise.
accel() {
    if [ -n "${MCPROXY_VM_ACCEL:-}" ]; then echo "$MCPROXY_VM_ACCEL"; return; fi
    if grep -qwE 'vmx|svm' /proc/cpuinfo && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then echo kvm
    else echo tcg; fi
}

run() {
    local kernel=${MCPROXY_VM_KERNEL:-6.12} timeout=3600 mem=2048 cpus shares=()
    cpus=$(nproc); [ "$cpus" -gt 2 ] && cpus=2
    while [ $# -gt 0 ]; do
        case $1 in
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
    prepare "$kernel"
    local dir=$CACHE/$ARCH-$kernel io acc
    io=$(mktemp -d /tmp/mcproxy-vm.XXXX)
    trap 'rm -rf "$io"' EXIT
    acc=$(accel)
    # The command runs where it was started, with the caller's exported environment, plus
    # MCPROXY_VM_DESC (what it runs on, for benchmark reports).
    {
        export -p | grep -vE '^declare -x (BASH[A-Z_]*|SHELLOPTS|SHLVL|PWD|OLDPWD|_|MCPROXY_VM_DESC)='
        printf 'export MCPROXY_VM_DESC=%q\n' "test VM: Debian kernel $(cut -d' ' -f1 "$dir/version") under qemu/$acc, $cpus vCPU, $mem MiB"
        printf 'cd %q || exit 125\n' "$PWD"
        printf 'exec'; printf ' %q' "$@"; printf '\n'
    } >"$io/cmd.sh"
    local args=() i=0 tags=()
    for s in "${shares[@]}"; do
        args+=(-virtfs "local,path=$s,mount_tag=share$i,security_model=none")
        echo "$s" >"$io/share$i.path"; tags+=("share$i"); i=$((i + 1))
    done
    local tagl
    tagl=$(IFS=,; echo "${tags[*]}")
    say "$(cut -d' ' -f1 "$dir/version") on qemu/$acc, $cpus CPU, $mem MiB: $*"
    local rc=0 smp=$cpus
    [ "$acc" = tcg ] && acc="tcg,thread=multi"
    timeout -k 10 "$timeout" qemu-system-x86_64 -nodefaults -no-user-config -display none \
        -machine pc -cpu max -accel "$acc" -smp "$smp" -m "$mem" -no-reboot \
        -serial "file:$io/console.log" -chardev stdio,id=out,signal=off -serial chardev:out \
        -kernel "$dir/vmlinuz" -initrd "$dir/initrd.gz" \
        -append "console=ttyS0 quiet loglevel=1 panic=-1 mcvm.shares=$tagl" \
        -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
        -virtfs "local,path=$io,mount_tag=vmio,security_model=none" \
        "${args[@]}" </dev/null || rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        say "the guest did not finish within $timeout s: killed; its console:"
        tail -30 "$io/console.log" >&2; exit 124
    fi
    if [ ! -s "$io/rc" ]; then
        say "the guest ended without the command's exit status (qemu exit $rc); its console:"
        tail -30 "$io/console.log" >&2
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

cmd=${1:-}; shift || true
case $cmd in
    prepare)
        k=${MCPROXY_VM_KERNEL:-6.12} r=
        while [ $# -gt 0 ]; do
            case $1 in --kernel) k=$2; shift 2 ;; --refresh) r=1; shift ;; *) say "unknown option $1"; exit 64 ;; esac
        done
        if [ "$k" = all ]; then for k in $(kernels); do prepare "$k" "$r"; done; else prepare "$k" "$r"; fi ;;
    run) run "$@" ;;
    kernels) kernels ;;
    host-has-mroute) host_has_mroute ;;
    *) sed -n '2,14s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
esac
