#!/usr/bin/env bash
# Long fuzz runs (issue 8): the receive-pipeline mutation fuzz (tests/McProxy.Tests/Pipeline,
# the same code CI runs with 4,000 cases per seed) and the configuration-reader fuzz, with many
# more cases. Not pass/fail in CI; exits non-zero when a case fails (printed with its input).
#   bench/fuzz-long.sh [BINARY]          (./build.sh bench fuzz-long)
# Environment: FUZZ_CASES (pipeline cases per seed and protocol, default 200000),
#              CONFIG_FUZZ_CASES (default 1000000), FUZZ_SEED (default: today's date).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${FUZZ_CASES:-200000}
CONFIG_CASES=${CONFIG_FUZZ_CASES:-1000000}
SEED=${FUZZ_SEED:-$(date +%Y%m%d)}
echo "pipeline fuzz: $CASES cases x 7 runs, seed offset $SEED"
start=$(date +%s)
set +e
MCPROXY_FUZZ_CASES=$CASES MCPROXY_FUZZ_SEED=$SEED \
    dotnet test tests/McProxy.Tests -nologo -c Release --filter "FullyQualifiedName~McProxy.Tests.Pipeline" 2>&1 |
    grep -E 'Passed!|Failed!|\[FAIL\]|seed |Exception'
rc=${PIPESTATUS[0]}
set -e
echo "pipeline fuzz: exit $rc after $(( $(date +%s) - start )) s"
echo "config fuzz: $CONFIG_CASES cases, seed $SEED"
dotnet run -c Release --project bench/McProxy.Bench -- config-fuzz "$CONFIG_CASES" "$SEED"
exit "$rc"
