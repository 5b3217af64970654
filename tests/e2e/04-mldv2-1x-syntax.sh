#!/usr/bin/env bash
# Scenario 1 in the 1.x statement syntax with MLDv2 clients.
source "$(dirname "$0")/lib.sh"
source "$E2E_DIR/basic.sh"
basic_scenario v6 "protocol MLDv2;
pinstance v6: \"up0\" ==> \"dn0\" \"dn1\";" 2
