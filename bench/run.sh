#!/bin/sh
# Runs a benchmark by name (or all): bench/run.sh config-load [rules]
set -eu
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/McProxy.Bench -- "$@"
