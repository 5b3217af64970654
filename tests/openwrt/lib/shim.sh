# shellcheck shell=sh disable=SC3043
# A small stand-in for the OpenWrt shell API that /etc/init.d/mcproxy uses, so the init's
# configuration generation can run on any host in busybox sh (or dash):
#   /lib/functions.sh  config_load, config_get, config_get_bool, config_foreach,
#                      config_list_foreach (UCI files are read from $SHIM_UCI_DIR/<package>)
#   /lib/functions/procd.sh  uci_load_validate (records the schema), procd_* calls,
#                      json_* (jshn), all recorded one per line into $SHIM_RECORD
#   logger             recorded into $SHIM_RECORD as "logger ..."
# network_get_device lives in network.sh next to this file (the init sources it).
# Written for these tests; it follows the documented behaviour of the real functions.

SHIM_VARS=""

shim_record() {
	echo "$*" >> "$SHIM_RECORD"
}

shim_set() {
	eval "$1=\$2"
	SHIM_VARS="$SHIM_VARS $1"
}

# --- /lib/functions.sh ----------------------------------------------------------------------

# UCI files are valid shell for these three words, which is how config_load reads them.
config() {
	local name="$2"
	CONFIG_NUM_SECTIONS=$((CONFIG_NUM_SECTIONS + 1))
	[ -n "$name" ] || name=$(printf 'cfg%02x%04x' "$CONFIG_NUM_SECTIONS" "$CONFIG_NUM_SECTIONS")
	CONFIG_SECTION="$name"
	CONFIG_SECTIONS="${CONFIG_SECTIONS:+$CONFIG_SECTIONS }$name"
	shim_set "CONFIG_${name}_TYPE" "$1"
}

option() {
	shim_set "CONFIG_${CONFIG_SECTION}_$1" "$2"
}

list() {
	local len cur
	eval "len=\${CONFIG_${CONFIG_SECTION}_$1_LENGTH:-0}"
	len=$((len + 1))
	shim_set "CONFIG_${CONFIG_SECTION}_$1_LENGTH" "$len"
	shim_set "CONFIG_${CONFIG_SECTION}_$1_ITEM$len" "$2"
	eval "cur=\${CONFIG_${CONFIG_SECTION}_$1:-}"
	shim_set "CONFIG_${CONFIG_SECTION}_$1" "${cur:+$cur }$2"
}

config_load() {
	local v
	for v in $SHIM_VARS; do
		unset "$v"
	done
	SHIM_VARS=""
	CONFIG_SECTIONS=""
	CONFIG_NUM_SECTIONS=0
	CONFIG_SECTION=""
	SHIM_PACKAGE="$1"
	shim_record "config_load $1"
	[ -f "$SHIM_UCI_DIR/$1" ] || return 0
	# shellcheck source=/dev/null
	. "$SHIM_UCI_DIR/$1"
}

config_get() {
	case "$3" in
		"") eval "echo \"\${CONFIG_${1}_${2}:-}\"" ;;
		*) eval "$1=\"\${CONFIG_${2}_${3}:-\$4}\"" ;;
	esac
}

shim_bool() {
	case "$1" in
		1|on|true|yes|enabled) echo 1 ;;
		0|off|false|no|disabled) echo 0 ;;
		*) echo "" ;;
	esac
}

config_get_bool() {
	local raw val
	config_get raw "$2" "$3"
	val=$(shim_bool "$raw")
	[ -n "$val" ] || val=$(shim_bool "$4")
	eval "$1=\$val"
}

config_foreach() {
	local fn="$1" type="$2" section cfgtype
	[ $# -ge 1 ] && shift
	[ $# -ge 1 ] && shift
	for section in $CONFIG_SECTIONS; do
		config_get cfgtype "$section" TYPE
		[ -n "$type" ] && [ "$type" != "$cfgtype" ] && continue
		"$fn" "$section" "$@"
	done
}

config_list_foreach() {
	local section="$1" opt="$2" fn="$3" len i=1 val
	shift 3
	eval "len=\${CONFIG_${section}_${opt}_LENGTH:-0}"
	while [ "$i" -le "$len" ]; do
		eval "val=\${CONFIG_${section}_${opt}_ITEM$i}"
		"$fn" "$val" "$@"
		i=$((i + 1))
	done
}

# --- uci_load_validate ----------------------------------------------------------------------

# The init calls it only for "ubus call service validate" (procd_add_validation, no section):
# the schema is recorded, so that tests can check the datatypes it declares.
uci_load_validate() {
	local _package="$1" _type="$2"
	shift 4
	shim_record "validate_schema $_package $_type $*"
}

# --- procd.sh and jshn: recorded ------------------------------------------------------------

procd_open_service() { shim_record "procd_open_service $*"; }
procd_close_service() { shim_record "procd_close_service $*"; }
procd_open_instance() { shim_record "procd_open_instance $*"; }
procd_close_instance() { shim_record "procd_close_instance $*"; }
procd_set_param() { shim_record "procd_set_param $*"; }
procd_append_param() { shim_record "procd_append_param $*"; }
procd_open_data() { shim_record "procd_open_data $*"; }
procd_close_data() { shim_record "procd_close_data $*"; }
procd_add_reload_trigger() { shim_record "procd_add_reload_trigger $*"; }
procd_add_interface_trigger() { shim_record "procd_add_interface_trigger $*"; }
procd_add_reload_interface_trigger() { shim_record "procd_add_reload_interface_trigger $*"; }
procd_set_config_changed() { shim_record "procd_set_config_changed $*"; }
procd_add_validation() {
	shim_record "procd_add_validation $*"
	"$@"
}
json_add_array() { shim_record "json_add_array $*"; }
json_close_array() { shim_record "json_close_array $*"; }
json_add_object() { shim_record "json_add_object $*"; }
json_close_object() { shim_record "json_close_object $*"; }
json_add_string() { shim_record "json_add_string $*"; }
json_add_int() { shim_record "json_add_int $*"; }
json_add_boolean() { shim_record "json_add_boolean $*"; }
logger() { shim_record "logger $*"; }
