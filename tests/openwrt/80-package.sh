#!/bin/sh
# The package Makefile follows the feed conventions, its PKG_VERSION is the project version,
# and the binary prints it for "--version" (OpenWrt's CI runs every packaged executable so).
MCPROXY=$1
. "$(dirname "$0")/lib/common.sh"
MK="$ROOT/openwrt/Makefile"
FAILURES=0

pkg_version=$(sed -n 's/^PKG_VERSION:=//p' "$MK")
csproj_version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$ROOT/McProxy.csproj" | head -1)
if [ -n "$pkg_version" ] && [ "$pkg_version" = "$csproj_version" ]; then
	pass "PKG_VERSION $pkg_version = McProxy.csproj <Version>"
else
	fail "PKG_VERSION '$pkg_version' differs from McProxy.csproj <Version> '$csproj_version'"
fi

if [ -x "$MCPROXY" ]; then
	out=$("$MCPROXY" --version 2>&1)
	case "$out" in
		*"$pkg_version"*) pass "mcproxy --version prints $pkg_version" ;;
		*) fail "mcproxy --version prints '$out', not $pkg_version" ;;
	esac
else
	fail "mcproxy binary '$MCPROXY' not found (pass it as \$1)"
fi

# shellcheck disable=SC2016  # Makefile text, not shell expansions
for line in \
	'include $(TOPDIR)/rules.mk' \
	'PKG_NAME:=mcproxy' \
	'PKG_RELEASE:=1' \
	'include $(INCLUDE_DIR)/package.mk' \
	'define Package/mcproxy' \
	'  SECTION:=net' \
	'  CATEGORY:=Network' \
	'  SUBMENU:=Routing and Redirection' \
	'define Package/mcproxy/conffiles' \
	'/etc/config/mcproxy' \
	'	$(INSTALL_BIN) $(PKG_BUILD_DIR)/mcproxy $(1)/usr/sbin/' \
	'	$(INSTALL_CONF) ./files/mcproxy.config $(1)/etc/config/mcproxy' \
	'	$(INSTALL_BIN) ./files/mcproxy.init $(1)/etc/init.d/mcproxy' \
	'$(eval $(call BuildPackage,mcproxy))'
do
	expect_line "$MK" "$line"
done
expect "$MK" 'PKG_MAINTAINER:='
# A licence that allows redistribution in OpenWrt feeds, and the file that states it.
expect_line "$MK" 'PKG_LICENSE:=MIT'
expect_line "$MK" 'PKG_LICENSE_FILES:=LICENSE'
if grep -q '^MIT License' "$ROOT/LICENSE"; then pass "LICENSE is the MIT licence"; else fail "LICENSE is not the MIT licence"; fi
# The two architectures the project builds and tests, from the executables ./build.sh publishes
# (the same files ./build.sh package ships; the SDK's strip must leave them alone).
expect_line "$MK" '  DEPENDS:=@(x86_64||aarch64)'
expect_line "$MK" 'MCPROXY_RID_x86_64:=linux-x64'
expect_line "$MK" 'MCPROXY_RID_aarch64:=linux-arm64'
# shellcheck disable=SC2016  # Makefile text
expect_line "$MK" 'MCPROXY_BINARY?=$(realpath $(CURDIR))/../out/$(MCPROXY_RID)/mcproxy'
expect_line "$MK" 'RSTRIP:=:'
for rid in linux-x64 linux-arm64; do
	expect "$ROOT/openwrt/README.md" "$rid"
done
for f in files/mcproxy.init files/mcproxy.config README.md; do
	if [ -f "$ROOT/openwrt/$f" ]; then pass "openwrt/$f exists"; else fail "openwrt/$f is missing"; fi
done
if [ -x "$ROOT/openwrt/files/mcproxy.init" ]; then pass "the init is executable"; else fail "the init is not executable"; fi
if [ "$(head -1 "$ROOT/openwrt/files/mcproxy.init")" = '#!/bin/sh /etc/rc.common' ]; then
	pass "rc.common shebang"
else
	fail "the init does not start with #!/bin/sh /etc/rc.common"
fi
expect_line "$ROOT/openwrt/files/mcproxy.init" 'USE_PROCD=1'
expect_line "$ROOT/openwrt/files/mcproxy.init" 'START=99'
[ "$FAILURES" -eq 0 ]
