#!/usr/bin/env bash
# Startup Guide scenario 1 for IPv6: old line syntax, MLDv1 clients.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/basic.sh"
basic_scenario v6 "protocol MLDv1
up0 ==> dn0 dn1" 1
