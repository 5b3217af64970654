#!/usr/bin/env bash
# Scenario 1 in the 1.x statement syntax with IGMPv3 clients (the kernel's default).
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/basic.sh"
basic_scenario v4 "protocol IGMPv3;
pinstance myProxy: up0 ==> dn0 dn1;" 3
