#!/usr/bin/env bash
# IGMPv3 source-specific include and exclude, two listeners, one leaves; upstream reports decoded.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/ssm.sh"
ssm_scenario v4
