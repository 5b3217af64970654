#!/usr/bin/env bash
# Installs what ./build.sh publish and package need, from Debian's packages only:
#   clang, lld            the C driver ILCompiler links with
#   binutils (objcopy)    symbol split of the static executable (llvm-objcopy 14 rejects it)
#   musl-dev              the C library of the static x86-64 executable
#   gcc-aarch64-linux-gnu, binutils-aarch64-linux-gnu, libc6-dev-arm64-cross
#                         the arm64 cross linker, libgcc and crt objects (and glibc for a
#                         dynamic or static-glibc arm64 build)
#   qemu-user-static      runs arm64 binaries on the build machine (--version, ABI probe)
#   musl-dev:arm64        the arm64 C library: downloaded with a private apt configuration and
#                         unpacked into $MCPROXY_TOOLCHAIN_CACHE/musl-arm64 (the machine's
#                         architectures and apt sources are left alone)
#
#   tools/toolchain.sh install [x64|arm64|all]   (default all; root; idempotent and quick
#                                                 when everything is there)
#   tools/toolchain.sh musl-sysroot ARCH         print the musl library directory of ARCH
#                                                 (x86_64 or aarch64)
#   tools/toolchain.sh arm64-download DIR PKG..  download arm64 packages of Debian 12 into DIR
#   tools/toolchain.sh arm64-apt TOOL ARGS..     apt-get/apt-cache on that private configuration
set -euo pipefail
CACHE=${MCPROXY_TOOLCHAIN_CACHE:-/var/cache/mcproxy-toolchain}
SUITE=bookworm

say() { echo "toolchain: $*" >&2; }

# Debian packages for the host side of an architecture: "command:package" pairs.
host_needs() {
    local pkgs=() c
    local want="clang:clang ld.lld:lld objcopy:binutils"
    case $1 in
        x64) want+=" x86_64-linux-musl-gcc:musl-tools" ;;
        arm64) want+=" aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu aarch64-linux-gnu-objcopy:binutils-aarch64-linux-gnu qemu-aarch64-static:qemu-user-static" ;;
    esac
    for c in $want; do
        command -v "${c%%:*}" >/dev/null || pkgs+=("${c#*:}")
    done
    case $1 in
        x64) [ -f /usr/lib/x86_64-linux-musl/libc.a ] || pkgs+=(musl-dev) ;;
        arm64) [ -f /usr/aarch64-linux-gnu/lib/libc.a ] || pkgs+=(libc6-dev-arm64-cross) ;;
    esac
    echo "${pkgs[@]}"
}

# apt with a private configuration for arm64 packages of $SUITE (own sources, state, cache).
papt() {
    local d=$CACHE/apt-arm64 tool=$1; shift
    "$tool" -o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State="$d/state" -o Dir::Cache="$d/cache" -o Dir::State::status=/dev/null \
        -o APT::Architecture=arm64 -o APT::Architectures=arm64 \
        -o APT::Sandbox::User=root -o Debug::NoLocking=1 "$@"
}

# Downloads arm64 packages by name into DIR (musl for the arm64 link).
arm64_download() {
    local dir=$1; shift
    local d=$CACHE/apt-arm64
    mkdir -p "$d/state/lists/partial" "$d/cache/archives/partial" "$dir"
    if [ ! -f "$d/updated" ] || [ -n "$(find "$d/updated" -mmin +1440)" ]; then
        echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main" >"$d/sources.list"
        papt apt-get -qq update
        touch "$d/updated"
    fi
    (cd "$dir" && papt apt-get -qq download "$@")
}

musl_arm64() {
    local root=$CACHE/musl-arm64
    [ -f "$root/ready" ] && return 0
    say "unpacking musl-dev:arm64 into $root"
    local tmp
    tmp=$(mktemp -d "$CACHE/.musl.XXXX")
    arm64_download "$tmp" musl-dev musl
    rm -rf "$root"
    mkdir -p "$root"
    for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$root"; done
    rm -rf "$tmp"
    [ -f "$root/usr/lib/aarch64-linux-musl/libc.a" ] || { say "musl-dev:arm64 has no libc.a"; exit 69; }
    touch "$root/ready"
}

install() {
    local which=${1:-all} arches pkgs=()
    case $which in
        x64) arches=x64 ;;
        arm64) arches=arm64 ;;
        all) arches="x64 arm64" ;;
        *) say "unknown architecture '$which' (x64, arm64, all)"; exit 64 ;;
    esac
    local a
    for a in $arches; do
        # shellcheck disable=SC2207
        pkgs+=($(host_needs "$a"))
    done
    if [ ${#pkgs[@]} -gt 0 ]; then
        say "installing ${pkgs[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
    fi
    case " $arches " in
        *" arm64 "*)
            [ -f "$CACHE/musl-arm64/ready" ] && return 0
            mkdir -p "$CACHE"
            exec 9>"$CACHE/.lock"
            flock 9
            musl_arm64
            exec 9>&- ;;
    esac
}

musl_sysroot() {
    case $1 in
        x86_64) echo /usr/lib/x86_64-linux-musl ;;
        aarch64) echo "$CACHE/musl-arm64/usr/lib/aarch64-linux-musl" ;;
        *) say "no musl for '$1'"; exit 64 ;;
    esac
}

cmd=${1:-}; shift || true
case $cmd in
    install) install "$@" ;;
    musl-sysroot) musl_sysroot "$@" ;;
    arm64-download) arm64_download "$@" ;;
    arm64-apt) papt "$@" ;;
    *) sed -n '2,21s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
esac
