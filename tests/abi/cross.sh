#!/usr/bin/env bash
# Builds tests/abi/probe.c for another target the executables are linked for, runs it (arm64
# through qemu-user) and prints its output: the layouts and constants of that target's C library
# and kernel headers. AbiCrossTargetTests compares them with the host's (which AbiLayoutTests
# proves against the managed structs). Toolchain: tools/toolchain.sh install.
#   tests/abi/cross.sh x86_64-musl|aarch64-gnu|aarch64-musl
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROBE=$ROOT/tests/abi/probe.c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flags=(-Wall -Wextra -Werror -O1)
case ${1:-} in
    x86_64-musl)
        musl=/usr/include/x86_64-linux-musl
        clang --target=x86_64-linux-musl -nostdinc -isystem "$(clang -print-resource-dir)/include" \
            -isystem "$musl" -isystem /usr/include/x86_64-linux-gnu -isystem /usr/include \
            "${flags[@]}" -c "$PROBE" -o "$tmp/probe.o"
        "$ROOT/tools/musl-cc" -static -fuse-ld=bfd "$tmp/probe.o" -o "$tmp/probe"
        "$tmp/probe" ;;
    aarch64-gnu)
        aarch64-linux-gnu-gcc -static "${flags[@]}" "$PROBE" -o "$tmp/probe"
        qemu-aarch64-static "$tmp/probe" ;;
    aarch64-musl)
        musl=$("$ROOT/tools/toolchain.sh" musl-sysroot aarch64)/../../include/aarch64-linux-musl
        clang --target=aarch64-linux-musl -nostdinc -isystem "$(clang -print-resource-dir)/include" \
            -isystem "$musl" -isystem /usr/aarch64-linux-gnu/include \
            "${flags[@]}" -c "$PROBE" -o "$tmp/probe.o"
        "$ROOT/tools/musl-cc" --target=aarch64-linux-gnu -static -fuse-ld=bfd "$tmp/probe.o" -o "$tmp/probe"
        qemu-aarch64-static "$tmp/probe" ;;
    *) sed -n '2,7s/^# \{0,1\}//p' "$0" >&2; exit 64 ;;
esac
