#!/usr/bin/env bash
# Runs every test: installs what is missing (apt packages, libsrtp2 with OpenSSL, .venv with the
# interop peers), builds, runs the Swift test suites (unit, robustness, process and interop
# tests), checks with the benchmarks that the packet path makes no heap allocation, then builds
# each libFuzzer entry point and runs it for a bounded time.
# Environment: FUZZ_SECONDS (default 20) per fuzz target; SKIP_FUZZ=1 to leave the fuzzers out.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
scripts/setup.sh
source scripts/env.sh

echo "== build"
swift build --build-tests

echo "== swift test"
swift test --skip-build

echo "== benchmarks: zero allocations per packet"
scripts/bench.sh --check

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
    echo "== fuzz (${FUZZ_SECONDS:-20} s per target)"
    for target in Fuzz/*.swift; do
        scripts/fuzz.sh "$(basename "$target" .swift)" "${FUZZ_SECONDS:-20}"
    done
fi
echo "== all tests passed in $((SECONDS - started)) s"
