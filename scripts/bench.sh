#!/usr/bin/env bash
# Builds and runs the benchmark suites (Benchmarks/, package-benchmark) and writes the results to
# .build-bench/results.md. With --check (used by scripts/test.sh), runs each benchmark briefly
# and fails unless every per-packet benchmark made zero heap allocations (parse, rewrite, iterate,
# verify, SRTP protect and unprotect, and the worker's fan-out of one packet to K subscribers,
# "Fanout 1 to K …", counted over the whole process: worker thread and harness peers). "DTLS
# handshake …" and "Data channels …" benchmarks are exempt: OpenSSL allocates per handshake and
# usrsctp per message by design (docs/PERFORMANCE.md has their counts). Egress throughput against the C floor: scripts/bench-fanout.sh.
# Usage: scripts/bench.sh [--check] [package-benchmark options, e.g. --filter 'SRTP.*']
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
check=0
if [ "${1:-}" = --check ]; then
    check=1
    shift
    export SWITCHBOARD_BENCHMARK_QUICK=1
fi
mkdir -p .build-bench
results=$PWD/.build-bench/results.md
(cd Benchmarks && swift package --disable-sandbox benchmark --no-progress --format markdown "$@") > "$results"
echo "bench: results in $results"
[ "$check" = 1 ] || exit 0
python3 - "$results" <<'PY'
import sys
name, failures, checked = None, [], 0
for line in open(sys.argv[1]):
    if line.startswith("### "):
        name = line[4:].strip()
        if name.startswith(("DTLS handshake", "Data channels")):
            name = None  # handshakes and usrsctp allocate by design; per-packet media must not
    elif line.startswith("| Malloc (total)") and name:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        checked += 1
        if any(c != "0" for c in cells[1:-1]):  # p0 … p100; the last cell is the sample count
            failures.append(f"{name}: mallocs per 1,000 packets {cells[1:-1]}")
if checked == 0:
    sys.exit("bench: no malloc figures found in the results")
for failure in failures:
    print("bench: allocates on the packet path:", failure)
print(f"bench: {checked - len(failures)} passed, {len(failures)} failed (zero allocations per packet)")
sys.exit(1 if failures else 0)
PY
