#!/usr/bin/env bash
# Packages the static executables (out/linux-x64/mcproxy, out/linux-arm64/mcproxy; build.sh
# package publishes them first) into OUTDIR (default out/packages):
#   mcproxy_VERSION-rRELEASE_ARCH.ipk    OpenWrt (opkg) for x86_64, aarch64_generic and the
#                                        aarch64 cortex-a53/a72/a76 targets, laid out as OpenWrt's
#                                        ipkg-build does: a gzip'd tar of debian-binary,
#                                        data.tar.gz and control.tar.gz
#   mcproxy-VERSION-RID.tar.gz           other distributions: the executable, example
#                                        configurations, README, LICENSE and the licences of what
#                                        is linked into the executable (.NET runtime, musl)
# VERSION, RELEASE, licence, maintainer and description come from openwrt/Makefile (the SDK
# package), the init script and UCI defaults from openwrt/files: both routes ship the same files.
# Reproducible: owners 0:0, times from the last commit, gzip -n.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/out/packages}
MK=$ROOT/openwrt/Makefile
# OpenWrt package architecture -> .NET runtime identifier of the executable.
ARCHES="x86_64:linux-x64 aarch64_generic:linux-arm64 aarch64_cortex-a53:linux-arm64 aarch64_cortex-a72:linux-arm64 aarch64_cortex-a76:linux-arm64"

mkvar() { sed -n "s/^$1:=//p" "$MK" | head -1; }
VERSION=$(mkvar PKG_VERSION)
RELEASE=$(mkvar PKG_RELEASE)
LICENSE=$(mkvar PKG_LICENSE)
MAINTAINER=$(mkvar PKG_MAINTAINER)
[ -n "$VERSION" ] && [ -n "$RELEASE" ] && [ -n "$LICENSE" ] || { echo "package: PKG_VERSION, PKG_RELEASE and PKG_LICENSE must be set in $MK" >&2; exit 1; }
EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}

for rid in linux-x64 linux-arm64; do
    [ -x "$ROOT/out/$rid/mcproxy" ] || { echo "package: out/$rid/mcproxy is missing (./build.sh publish $rid)" >&2; exit 1; }
done
# The version the executable reports is the package version.
got=$("$ROOT/out/linux-x64/mcproxy" --version | awk '{ print $2 }')
[ "$got" = "$VERSION" ] || { echo "package: mcproxy --version says $got, openwrt/Makefile PKG_VERSION is $VERSION" >&2; exit 1; }

tarc() {  # tarc ARCHIVE DIR [MEMBERS...]: reproducible tar.gz of DIR's MEMBERS (default: .)
    local archive=$1 dir=$2; shift 2
    [ $# -gt 0 ] || set -- .
    tar -C "$dir" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
        --format=gnu -cf - "$@" | gzip -9n >"$archive"
}

description() {  # the Makefile's description, as control-file continuation lines
    sed -n '/^define Package\/mcproxy\/description/,/^endef/p' "$MK" | sed '1d;$d' | sed 's/^[[:space:]]*/ /'
}

ipk() {
    local arch=$1 rid=$2 w
    w=$(mktemp -d)
    install -d -m 755 "$w/data/usr/sbin" "$w/data/etc/init.d" "$w/data/etc/config" "$w/control"
    install -m 755 "$ROOT/out/$rid/mcproxy" "$w/data/usr/sbin/mcproxy"
    install -m 755 "$ROOT/openwrt/files/mcproxy.init" "$w/data/etc/init.d/mcproxy"
    install -m 644 "$ROOT/openwrt/files/mcproxy.config" "$w/data/etc/config/mcproxy"
    local size
    size=$(find "$w/data" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
    {
        echo "Package: mcproxy"
        echo "Version: $VERSION-r$RELEASE"
        echo "Depends: libc"
        echo "License: $LICENSE"
        echo "LicenseFiles: LICENSE"
        echo "Section: net"
        echo "Maintainer: $MAINTAINER"
        echo "Architecture: $arch"
        echo "Installed-Size: $size"
        echo "Description: IGMP/MLD multicast proxy (RFC 4605) for IPTV"
        description
    } >"$w/control/control"
    echo /etc/config/mcproxy >"$w/control/conffiles"
    # What OpenWrt's package build adds to every package: enable and start the service on
    # install (default_postinst runs /etc/uci-defaults and the init's enable), stop it on removal.
    printf '#!/bin/sh\n[ "${IPKG_NO_SCRIPT}" = "1" ] && exit 0\n[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0\n. ${IPKG_INSTROOT}/lib/functions.sh\ndefault_postinst $0 $@\n' >"$w/control/postinst"
    printf '#!/bin/sh\n[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0\n. ${IPKG_INSTROOT}/lib/functions.sh\ndefault_prerm $0 $@\n' >"$w/control/prerm"
    chmod 644 "$w/control/control" "$w/control/conffiles"
    chmod 755 "$w/control/postinst" "$w/control/prerm"
    mkdir "$w/ipk"
    echo 2.0 >"$w/ipk/debian-binary"
    tarc "$w/ipk/data.tar.gz" "$w/data"
    tarc "$w/ipk/control.tar.gz" "$w/control"
    local name="mcproxy_$VERSION-r${RELEASE}_$arch.ipk"
    tarc "$OUT/$name" "$w/ipk" ./debian-binary ./data.tar.gz ./control.tar.gz
    rm -rf "$w"
    echo "$OUT/$name: $(stat -c %s "$OUT/$name") bytes"
}

tarball() {
    local rid=$1 w name
    name=mcproxy-$VERSION-$rid
    w=$(mktemp -d)
    install -d -m 755 "$w/$name/configs" "$w/$name/licenses"
    install -m 755 "$ROOT/out/$rid/mcproxy" "$w/$name/mcproxy"
    install -m 644 "$ROOT/README.md" "$ROOT/LICENSE" "$w/$name/"
    install -m 644 "$ROOT"/configs/*.conf "$ROOT"/configs/*.toml "$w/$name/configs/"
    # Linked into the executable: the .NET runtime (MIT, with its third-party notices) and musl (MIT).
    local pack
    pack=$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.netcore.app.runtime.nativeaot.${rid}"/*/ | sort -V | tail -1)
    install -m 644 "$pack/LICENSE.TXT" "$w/$name/licenses/dotnet-LICENSE.txt"
    install -m 644 "$pack/THIRD-PARTY-NOTICES.TXT" "$w/$name/licenses/dotnet-THIRD-PARTY-NOTICES.txt"
    install -m 644 /usr/share/doc/musl/copyright "$w/$name/licenses/musl-COPYRIGHT.txt"
    tarc "$OUT/$name.tar.gz" "$w" "$name"
    rm -rf "$w"
    echo "$OUT/$name.tar.gz: $(stat -c %s "$OUT/$name.tar.gz") bytes"
}

rm -rf "$OUT"
mkdir -p "$OUT"
for pair in $ARCHES; do ipk "${pair%%:*}" "${pair#*:}"; done
for rid in linux-x64 linux-arm64; do tarball "$rid"; done
