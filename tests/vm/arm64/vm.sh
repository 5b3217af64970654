#!/usr/bin/env bash
# An arm64 test VM: Debian 12's arm64 kernel under qemu-system-aarch64 (TCG), with an arm64
# userspace: an unconfigured `debootstrap --foreign --arch=arm64` tree (bash, iproute2, procps,
# coreutils of Debian 12) on the host, shared read-only over virtio-9p. The e2e scripts of
# tests/e2e run there unchanged. See tests/vm/README.md ("arm64").
#
#   tests/vm/arm64/vm.sh prepare                 download and build kernel, initramfs, root (cached)
#   tests/vm/arm64/vm.sh run [--timeout S] [--mem MiB] -- COMMAND [ARGS]
#        COMMAND runs as root in the guest with the repository at /src (read-write) and /src as
#        its working directory; exit status = COMMAND's.
# Environment: MCPROXY_VM_CACHE (default /var/cache/mcproxy-vm).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
CACHE=${MCPROXY_VM_CACHE:-/var/cache/mcproxy-vm}
DIR=$CACHE/arm64-6.1
TOOLCHAIN=$REPO/tools/toolchain.sh
# virtio transport and 9p for the root and shares; veth, bridge, VLAN and VXLAN for the topologies.
MODULES="virtio_mmio virtio_pci 9pnet_virtio 9p veth bridge 8021q vxlan dummy"
# What the e2e scripts use besides the essential packages.
PACKAGES="iproute2,procps,mawk"

say() { echo "vm-arm64: $*" >&2; }

stamp() { { cat "$HERE/init.sh"; echo "$MODULES $PACKAGES"; } | sha256sum | cut -c1-16; }

need_tools() {
    local pkgs=() c
    for c in qemu-system-aarch64:qemu-system-arm debootstrap:debootstrap cpio:cpio depmod:kmod \
             zstd:zstd xz:xz-utils flock:util-linux; do
        command -v "${c%%:*}" >/dev/null || pkgs+=("${c#*:}")
    done
    [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || pkgs+=(debian-archive-keyring)
    if [ ${#pkgs[@]} -gt 0 ]; then
        say "installing ${pkgs[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
    fi
}

# Modules of the extracted kernel in load order, decompressed (host depmod/modprobe read any arch).
stage_modules() {
    local root=$1 kver=$2 dest=$3 m line path name
    depmod -b "$root" "$kver"
    : >"$dest/order"
    for m in $MODULES; do
        modprobe -d "$root" -S "$kver" --show-depends "$m" >"$dest/deps" 2>/dev/null || { say "$m: built in or absent"; continue; }
        while read -r line; do
            case $line in insmod\ *) ;; *) continue ;; esac
            path=${line#insmod }; path=${path%% *}
            name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}
            grep -qx "$name" "$dest/order" && continue
            case $path in
                *.xz) xz -dc "$path" >"$dest/$name" ;;
                *.zst) zstd -qdc "$path" >"$dest/$name" ;;
                *) cp "$path" "$dest/$name" ;;
            esac
            echo "$name" >>"$dest/order"
        done <"$dest/deps"
    done
    rm -f "$dest/deps"
}

# The guest's root: debootstrap's first stage (no arm64 code runs on the host), then the packages
# it left for the second stage unpacked too; no maintainer scripts run, so the few files they
# would write (accounts, the awk alternative) are added by hand.
make_root() {
    local root=$1
    debootstrap --foreign --arch=arm64 --variant=minbase --include="$PACKAGES" \
        bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 \
        || { tail -20 "$root.log" >&2; say "debootstrap failed"; exit 69; }
    local deb
    for deb in "$root"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$root"; done
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root/debootstrap"
    cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
    cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
    ln -sf mawk "$root/usr/bin/awk"
    [ -e "$root/usr/bin/sh" ] || ln -sf dash "$root/usr/bin/sh"
    mkdir -p "$root/src"
    rm -f "$root.log"
}

prepare() {
    [ "$(cat "$DIR/ready" 2>/dev/null)" = "$(stamp)" ] && return 0
    mkdir -p "$CACHE"
    exec 8>"$CACHE/.lock-arm64"
    flock 8
    [ "$(cat "$DIR/ready" 2>/dev/null)" = "$(stamp)" ] && { exec 8>&-; return 0; }
    need_tools
    say "preparing the arm64 guest in $DIR"
    local tmp pkg kver
    tmp=$(mktemp -d "$CACHE/.prep-arm64.XXXX")
    "$TOOLCHAIN" arm64-download "$tmp" busybox-static
    pkg=$("$TOOLCHAIN" arm64-apt apt-cache depends linux-image-arm64 | awk '/Depends: linux-image-/ { print $2; exit }')
    [ -n "$pkg" ] || { say "no arm64 kernel package found"; exit 69; }
    "$TOOLCHAIN" arm64-download "$tmp" "$pkg"
    dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/k"
    dpkg-deb -x "$tmp"/busybox-static_*.deb "$tmp/bb"
    [ -d "$tmp/k/lib/modules" ] || { mkdir -p "$tmp/k/lib"; ln -s ../usr/lib/modules "$tmp/k/lib/modules"; }
    kver=$(ls "$tmp/k/lib/modules")
    mkdir -p "$tmp/initrd/bin" "$tmp/initrd/modules" "$tmp/initrd"/{proc,sys,dev,newroot}
    cp "$tmp/bb/bin/busybox" "$tmp/initrd/bin/busybox"
    cp "$HERE/init.sh" "$tmp/initrd/init"
    chmod 755 "$tmp/initrd/init"
    stage_modules "$tmp/k" "$kver" "$tmp/initrd/modules"
    (cd "$tmp/initrd" && find . | cpio -o -H newc --quiet | gzip -1) >"$tmp/initrd.gz"
    make_root "$tmp/root"
    rm -rf "$DIR"
    mkdir -p "$DIR"
    cp "$tmp/k/boot/vmlinuz-$kver" "$DIR/vmlinuz"
    mv "$tmp/initrd.gz" "$tmp/root" "$DIR/"
    printf '%s %s\n' "$kver" "$(dpkg-deb -f "$tmp"/linux-image-*.deb Version)" >"$DIR/version"
    rm -rf "$tmp"
    stamp >"$DIR/ready"
    say "arm64 kernel $(cat "$DIR/version") and root ready"
    exec 8>&-
}

run() {
    local timeout=3600 mem=1536
    while [ $# -gt 0 ]; do
        case $1 in
            --timeout) timeout=$2; shift 2 ;;
            --mem) mem=$2; shift 2 ;;
            --) shift; break ;;
            *) say "unknown option $1"; exit 64 ;;
        esac
    done
    [ $# -gt 0 ] || { say "run needs -- COMMAND"; exit 64; }
    prepare
    local io rc=0
    io=$(mktemp -d /tmp/mcproxy-vm-arm64.XXXX)
    trap 'rm -rf "$io"' EXIT
    {
        echo 'export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8'
        for v in CI MCPROXY_ARM64_TESTS; do [ -n "${!v:-}" ] && printf 'export %s=%q\n' "$v" "${!v}"; done
        echo 'cd /src || exit 125'
        printf 'exec'; printf ' %q' "$@"; printf '\n'
    } >"$io/cmd.sh"
    echo /src >"$io/share0.path"
    say "$(cut -d' ' -f1 "$DIR/version") on qemu-system-aarch64/tcg (cortex-a57), 2 CPU, $mem MiB: $*"
    timeout -k 10 "$timeout" qemu-system-aarch64 -nodefaults -no-user-config -display none \
        -machine virt -cpu cortex-a57 -accel tcg,thread=multi -smp 2 -m "$mem" -no-reboot \
        -chardev stdio,id=out,signal=off -serial chardev:out \
        -kernel "$DIR/vmlinuz" -initrd "$DIR/initrd.gz" \
        -append "console=ttyAMA0 quiet loglevel=1 panic=-1 mcvm.shares=share0" \
        -virtfs "local,path=$DIR/root,mount_tag=guestroot,security_model=none,readonly=on,multidevs=remap" \
        -virtfs "local,path=$io,mount_tag=vmio,security_model=none" \
        -virtfs "local,path=$REPO,mount_tag=share0,security_model=none" \
        </dev/null || rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then say "the guest did not finish within $timeout s: killed"; exit 124; fi
    [ -s "$io/rc" ] || { say "the guest ended without the command's exit status (qemu exit $rc)"; exit 125; }
    exit "$(cat "$io/rc")"
}

cmd=${1:-}; shift || true
case $cmd in
    prepare) prepare ;;
    run) run "$@" ;;
    *) sed -n '2,12s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
esac
