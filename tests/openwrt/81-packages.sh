#!/bin/sh
# The packages ./build.sh package wrote (out/packages), unpacked as opkg and a user would: each
# OpenWrt .ipk (outer gzip'd tar of debian-binary, data.tar.gz, control.tar.gz, as OpenWrt's
# ipkg-build writes it) has the control fields, conffiles, maintainer scripts, files, modes and
# owners OpenWrt expects, and its executable is the static one of its architecture, runs
# (--version, arm64 through qemu-user) and reports the package version; each .tar.gz carries the
# same executable with README, LICENSE and the licences of what is linked into it.
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
MK="$ROOT/openwrt/Makefile"
PKGS=${MCPROXY_PACKAGES:-$ROOT/out/packages}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mcproxy-pkg.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

mkvar() { sed -n "s/^$1:=//p" "$MK" | head -1; }
VERSION=$(mkvar PKG_VERSION)
RELEASE=$(mkvar PKG_RELEASE)
LICENSE=$(mkvar PKG_LICENSE)
# build.sh test packages first; alone (./build.sh e2e) this is a skip, which CI counts as failed.
[ -d "$PKGS" ] || { echo "SKIP: $PKGS does not exist: run ./build.sh package"; exit 77; }
HOSTVER=$("$MCPROXY" --version | awk '{ print $2 }')
if [ "$HOSTVER" = "$VERSION" ]; then pass "mcproxy --version ($HOSTVER) = PKG_VERSION"; else fail "mcproxy --version says '$HOSTVER', PKG_VERSION is '$VERSION'"; fi

# run_bin FILE ARGS: run an executable of either architecture.
run_bin() {
	f=$1; shift
	case $(readelf -hW "$f" | sed -n 's/^ *Machine: *//p') in
		*AArch64*) qemu-aarch64-static "$f" "$@" ;;
		*) "$f" "$@" ;;
	esac
}

# check_binary FILE RID WHAT: static, of RID's machine, prints the package version.
check_binary() {
	f=$1 rid=$2 what=$3
	machine=$(readelf -hW "$f" | sed -n 's/^ *Machine: *//p')
	case $rid in
		linux-x64) want="Advanced Micro Devices X86-64" ;;
		linux-arm64) want="AArch64" ;;
	esac
	if [ "$machine" = "$want" ]; then pass "$what: $machine executable"; else fail "$what: machine '$machine', want '$want'"; fi
	if readelf -lW "$f" | grep -q 'Requesting program interpreter' || readelf -dW "$f" | grep -q '(NEEDED)'; then
		fail "$what: not a static executable"
	else
		pass "$what: static (no interpreter, no NEEDED)"
	fi
	out=$(run_bin "$f" --version 2>&1)
	case $out in
		"mcproxy $VERSION ("*"$rid"*) pass "$what: --version: $out" ;;
		*) fail "$what: --version printed '$out'" ;;
	esac
	# Every package of an architecture carries the same file (the SDK Makefile installs it too:
	# out/RID/mcproxy, checked by 80-package.sh).
	ref="$WORK/ref-$rid"
	if [ ! -f "$ref" ]; then
		cp "$f" "$ref"
	elif cmp -s "$f" "$ref"; then
		pass "$what: the same executable as the other $rid packages"
	else
		fail "$what: a different executable than the other $rid packages"
	fi
}

# field FILE NAME: a control field's value.
field() { sed -n "s/^$2: //p" "$1" | head -1; }

for pair in x86_64:linux-x64 aarch64_generic:linux-arm64 aarch64_cortex-a53:linux-arm64 \
	aarch64_cortex-a72:linux-arm64 aarch64_cortex-a76:linux-arm64; do
	arch=${pair%%:*} rid=${pair#*:}
	ipk="$PKGS/mcproxy_$VERSION-r${RELEASE}_$arch.ipk"
	what=$(basename "$ipk")
	if [ ! -f "$ipk" ]; then fail "$what is missing"; continue; fi
	d="$WORK/$arch"
	mkdir -p "$d/outer" "$d/control" "$d/data"
	members=$(tar -tzf "$ipk" 2>/dev/null | tr '\n' ' ')
	if [ "$members" = "./debian-binary ./data.tar.gz ./control.tar.gz " ]; then
		pass "$what: gzip'd tar of debian-binary, data.tar.gz, control.tar.gz"
	else
		fail "$what: members '$members'"; continue
	fi
	tar -xzf "$ipk" -C "$d/outer"
	if [ "$(cat "$d/outer/debian-binary")" = "2.0" ]; then pass "$what: debian-binary 2.0"; else fail "$what: debian-binary '$(cat "$d/outer/debian-binary")'"; fi
	tar -xzf "$d/outer/control.tar.gz" -C "$d/control"
	tar -xzf "$d/outer/data.tar.gz" -C "$d/data"
	c="$d/control/control"
	for kv in "Package=mcproxy" "Version=$VERSION-r$RELEASE" "Architecture=$arch" "Depends=libc" \
		"License=$LICENSE" "LicenseFiles=LICENSE" "Section=net" "Maintainer=$(mkvar PKG_MAINTAINER)"; do
		k=${kv%%=*} v=${kv#*=}
		if [ "$(field "$c" "$k")" = "$v" ]; then pass "$what: $k: $v"; else fail "$what: $k is '$(field "$c" "$k")', want '$v'"; fi
	done
	size=$(find "$d/data" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	if [ "$(field "$c" Installed-Size)" = "$size" ]; then pass "$what: Installed-Size $size"; else fail "$what: Installed-Size '$(field "$c" Installed-Size)', files hold $size bytes"; fi
	if grep -q '^Description: .' "$c" && [ "$(grep -c '^ ' "$c")" -ge 3 ]; then pass "$what: description"; else fail "$what: no description"; fi
	if [ "$(cat "$d/control/conffiles")" = "/etc/config/mcproxy" ]; then pass "$what: conffiles /etc/config/mcproxy"; else fail "$what: conffiles '$(cat "$d/control/conffiles")'"; fi
	for s in postinst:default_postinst prerm:default_prerm; do
		f="$d/control/${s%%:*}"
		if [ -x "$f" ] && grep -q "${s#*:} \$0 \$@" "$f"; then pass "$what: ${s%%:*} runs ${s#*:}"; else fail "$what: ${s%%:*} missing or not OpenWrt's"; fi
	done
	# Files, modes and owners as opkg will install them; nothing else.
	listing=$(tar -tvzf "$d/outer/data.tar.gz" | awk '$6 !~ /\/$/ { print $1, $2, $6 }' | sort | tr '\n' ';')
	want="-rw-r--r-- 0/0 ./etc/config/mcproxy;-rwxr-xr-x 0/0 ./etc/init.d/mcproxy;-rwxr-xr-x 0/0 ./usr/sbin/mcproxy;"
	if [ "$listing" = "$want" ]; then pass "$what: files, modes and owners"; else fail "$what: data is '$listing', want '$want'"; fi
	if tar -tvzf "$d/outer/data.tar.gz" | awk '$6 ~ /\/$/' | grep -qv '^drwxr-xr-x 0/0 '; then fail "$what: a directory is not 0755 root"; else pass "$what: directories 0755 root"; fi
	if cmp -s "$d/data/etc/init.d/mcproxy" "$ROOT/openwrt/files/mcproxy.init"; then pass "$what: the init script is openwrt/files/mcproxy.init"; else fail "$what: init script differs from openwrt/files/mcproxy.init"; fi
	if cmp -s "$d/data/etc/config/mcproxy" "$ROOT/openwrt/files/mcproxy.config"; then pass "$what: UCI defaults are openwrt/files/mcproxy.config"; else fail "$what: /etc/config/mcproxy differs from openwrt/files/mcproxy.config"; fi
	check_binary "$d/data/usr/sbin/mcproxy" "$rid" "$what"
done

for rid in linux-x64 linux-arm64; do
	name="mcproxy-$VERSION-$rid"
	tgz="$PKGS/$name.tar.gz"
	what=$(basename "$tgz")
	if [ ! -f "$tgz" ]; then fail "$what is missing"; continue; fi
	d="$WORK/$rid"
	mkdir -p "$d"
	tar -xzf "$tgz" -C "$d"
	if tar -tzf "$tgz" | grep -qv "^$name/"; then fail "$what: files outside $name/"; else pass "$what: everything under $name/"; fi
	for f in mcproxy README.md LICENSE licenses/dotnet-LICENSE.txt licenses/dotnet-THIRD-PARTY-NOTICES.txt licenses/musl-COPYRIGHT.txt configs/iptv.toml; do
		if [ -s "$d/$name/$f" ]; then pass "$what: $f"; else fail "$what: $f missing"; fi
	done
	if [ "$(stat -c %a "$d/$name/mcproxy")" = 755 ]; then pass "$what: mcproxy is 0755"; else fail "$what: mcproxy mode $(stat -c %a "$d/$name/mcproxy")"; fi
	check_binary "$d/$name/mcproxy" "$rid" "$what"
done

n=$(find "$PKGS" -maxdepth 1 -type f | wc -l)
if [ "$n" -eq 7 ]; then pass "7 packages, nothing else"; else fail "$n files in $PKGS, want 7 (5 .ipk, 2 .tar.gz)"; fi
[ "$FAILURES" -eq 0 ]
