# shellcheck shell=sh disable=SC3043
# Stand-in for /lib/functions/network.sh: network_get_device VAR IFACE gives the L3 device of a
# netifd interface that is up. The interfaces that are up, and their devices, are listed in
# $SHIM_NETDEV, one "iface device" pair a line (a fixture's "netdev" file).

network_get_device() {
	local __shim_dev
	__shim_dev=$(awk -v i="$2" '$1 == i { print $2; exit }' "$SHIM_NETDEV" 2>/dev/null)
	eval "$1=\$__shim_dev"
	[ -n "$__shim_dev" ]
}
