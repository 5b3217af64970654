#!/bin/sh
# Runs a benchmark by name (or all .NET benchmarks):
#   bench/run.sh NAME [ARGS...]   bench/NAME.sh with the published binary when that script
#                                 exists (latency, peer, fuzz-long, attacks), else the .NET bench NAME
#                                 (config-load, config-fuzz, pipeline)
set -eu
cd "$(dirname "$0")/.."
if [ $# -gt 0 ] && [ -f "bench/$1.sh" ]; then
    name=$1
    shift
    exec bash "bench/$name.sh" "$PWD/out/mcproxy" "$@"
fi
exec dotnet run -c Release --project bench/McProxy.Bench -- "$@"
