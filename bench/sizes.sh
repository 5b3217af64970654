#!/usr/bin/env bash
# Binary and package sizes (issue 12's goal: each static executable at most 2.5 MB), as a
# Markdown section; bench/peer.sh appends it to RESULTS.md. Reads what ./build.sh publish all
# and ./build.sh package left in out/ (absent files are reported as such); igmpproxy's size is
# that of Debian's package when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
GOAL=2500000
fmt() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
row() {  # row LABEL FILE [GOAL]
    local s verdict=""
    if [ ! -f "$2" ]; then printf '| %s | (not built) | |\n' "$1"; return; fi
    s=$(stat -c %s "$2")
    if [ -n "${3:-}" ]; then
        if [ "$s" -le "$3" ]; then verdict="within"; else verdict="**over**"; fi
    fi
    printf '| %s | %s | %s |\n' "$1" "$(fmt "$s")" "$verdict"
}
echo "## Sizes (issue 12)"
echo
echo "Written by \`bash bench/sizes.sh\` from \`./build.sh publish all\` and \`./build.sh package\`."
echo
echo "| File | Bytes | Goal (2.5 MB per static executable) |"
echo "|---|---|---|"
row "McProxy linux-x64, static (musl), stripped" out/linux-x64/mcproxy "$GOAL"
row "McProxy linux-arm64, static (musl), stripped" out/linux-arm64/mcproxy "$GOAL"
for f in out/packages/*.ipk out/packages/*.tar.gz; do [ -e "$f" ] && row "package $(basename "$f")" "$f"; done
if command -v igmpproxy >/dev/null; then
    row "igmpproxy (Debian, dynamically linked; needs libc)" "$(command -v igmpproxy)"
fi
echo
echo "$(out/linux-x64/mcproxy --version 2>/dev/null || echo "mcproxy: not built")"
