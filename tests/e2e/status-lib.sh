# shellcheck shell=bash
# Helpers for the status and control tests (20-status.sh, 21-control.sh).

# ifindex_of NS IF: the interface's ifindex as the kernel numbers it in that namespace.
ifindex_of() { ns "$1" cat "/sys/class/net/$2/ifindex"; }

# check_vifs TEXT: every vif in /proc/net/ip_mr_vif appears in the status text as
# "vif N  NAME  ifindex X" with the kernel's vif number and the interface's ifindex.
check_vifs() {
    local text=$1 idx name rest n=0
    while read -r idx name rest; do
        idx=${idx%:}
        local want="vif $idx  $name  ifindex $(ifindex_of px "$name")"
        grep -qF "$want" <<<"$text" || { printf '%s\n' "$text"; ns px cat /proc/net/ip_mr_vif; fail "status lacks '$want'"; }
        n=$((n + 1))
    done < <(ns px cat /proc/net/ip_mr_vif | tail -n +2)
    assert_eq "$n" 3 "vifs in /proc/net/ip_mr_vif matched in the status"
}

# kernel_pkts SOURCE_HEX GROUP_HEX: Pkts of the (S,G) entry in /proc/net/ip_mr_cache.
kernel_pkts() { ns px awk -v s="$1" -v g="$2" '$1==g && $2==s {print $4}' /proc/net/ip_mr_cache; }

# block TEXT START: the lines of TEXT from the first line starting with START up to the next
# line that starts without indentation.
block() { awk -v s="$2" 'index($0, s)==1 {on=1; print; next} on && /^[^ ]/ {exit} on {print}' <<<"$1"; }

# last_dump FILE: the last complete -s dump in FILE (the daemon's stdout).
last_dump() {
    awk '/^##-- mcproxy status --##/ {n++} {d[n]=d[n] $0 "\n"} END {printf "%s", (n > 1 ? d[n-1] : d[n])}' "$1"
}

# vif_of NAME: the vif number the kernel gave NAME in namespace px (IPv4 table).
vif_of() { ns px awk -v n="$1" '$2==n {sub(":", "", $1); print $1}' /proc/net/ip_mr_vif; }
