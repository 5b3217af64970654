#!/usr/bin/env bash
# Startup Guide scenario 1 in the old 0.x line syntax, IGMPv2 clients.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/basic.sh"
basic_scenario v4 "protocol IGMPv2
up0 ==> dn0 dn1" 2
