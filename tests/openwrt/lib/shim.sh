# shellcheck shell=sh disable=SC3043
# A small stand-in for the OpenWrt shell API that /etc/init.d/mcproxy uses, so the init's
# configuration generation can run on any host in busybox sh (or dash):
#   /lib/functions.sh  config_load, config_get, config_get_bool, config_foreach,
#                      config_list_foreach (UCI files are read from $SHIM_UCI_DIR/<package>)
#   /lib/functions/procd.sh  uci_load_validate (the datatypes the init uses), procd_* calls,
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

shim_number() {
	awk -v v="$1" 'BEGIN { exit !(v ~ /^-?[0-9]+(\.[0-9]+)?$/) }'
}

# shim_dt DATATYPE VALUE: the libvalidate datatypes the init uses.
shim_dt() {
	local expr="$1" val="$2" inner item lo hi arg rest
	case "$expr" in
		bool) [ -n "$(shim_bool "$val")" ] ;;
		uinteger) case "$val" in ''|*[!0-9]*) return 1 ;; esac ;;
		ufloat) shim_number "$val" && case "$val" in -*) false ;; esac ;;
		string) return 0 ;;
		uciname) case "$val" in ''|*[!A-Za-z0-9_]*) return 1 ;; esac ;;
		file) [ -f "$val" ] ;;
		range\(*)
			inner="${expr#range(}"; inner="${inner%)}"
			lo="${inner%%,*}"; hi="${inner#*,}"
			shim_number "$val" && awk -v v="$val" -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(v + 0 >= lo + 0 && v + 0 <= hi + 0) }'
			;;
		list\(*)
			inner="${expr#list(}"; inner="${inner%)}"
			for item in $val; do
				shim_dt "$inner" "$item" || return 1
			done
			;;
		or\(*)
			rest="${expr#or(}"; rest="${rest%)}"
			while [ -n "$rest" ]; do
				arg="${rest%%,*}"
				case "$rest" in *,*) rest="${rest#*,}" ;; *) rest="" ;; esac
				case "$arg" in
					\"*\") [ "\"$val\"" = "$arg" ] && return 0 ;;
					*) shim_dt "$arg" "$val" && return 0 ;;
				esac
			done
			return 1
			;;
		*) echo "shim: datatype '$expr' is not implemented" >&2; return 2 ;;
	esac
}

# Like /sbin/validate_data: assigns every option (default when unset), unsets invalid ones and
# prints "pkg.section.option=value validates as TYPE with false" for them; fails if any was bad.
shim_validate_section() {
	local pkg="$1" type="$2" name="$3" spec opt rest expr def val rc=0 exists
	shift 3
	if [ -z "$name" ]; then
		shim_record "validate_schema $pkg $type $*"
		return 0
	fi
	[ "$SHIM_PACKAGE" = "$pkg" ] || { echo "shim: validate $pkg while $SHIM_PACKAGE is loaded" >&2; return 1; }
	eval "exists=\${CONFIG_${name}_TYPE:-}"
	for spec in "$@"; do
		opt="${spec%%:*}"; rest="${spec#*:}"
		case "$rest" in
			*:*) expr="${rest%%:*}"; def="${rest#*:}" ;;
			*) expr="$rest"; def="" ;;
		esac
		val=""
		[ -n "$exists" ] && eval "val=\${CONFIG_${name}_${opt}:-}"
		if [ -z "$val" ]; then
			eval "$opt=\$def"
			continue
		fi
		if shim_dt "$expr" "$val"; then
			[ "$expr" = bool ] && val=$(shim_bool "$val")
			eval "$opt=\$val"
		else
			unset "$opt"
			echo "$pkg.$name.$opt=$val validates as $expr with false" >&2
			rc=1
		fi
	done
	return $rc
}

uci_load_validate() {
	local _package="$1" _type="$2" _name="$3" _function="$4" _option _result
	shift 4
	for _option in "$@"; do
		eval "local ${_option%%:*}"
	done
	shim_validate_section "$_package" "$_type" "$_name" "$@"
	_result=$?
	[ -n "$_function" ] || return $_result
	"$_function" "$_name" "$_result"
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
