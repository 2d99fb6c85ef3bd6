#!/usr/bin/env bash
# Builds one libFuzzer entry point from Fuzz/NAME.swift together with a module's sources, with
# AddressSanitizer, and runs it for a bounded time. Crashes land in .build-fuzz/NAME/artifacts.
# Usage: scripts/fuzz.sh NAME [SECONDS]      e.g. scripts/fuzz.sh RTP 60
#        NAME is a file name in Fuzz/ without .swift (RTP, RTCP, STUN, DCEP).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/fuzz.sh NAME [SECONDS]}
seconds=${2:-20}
entry=Fuzz/$name.swift
[ -f "$entry" ] || { echo "fuzz: no entry point $entry" >&2; exit 2; }
out=.build-fuzz/$name
mkdir -p "$out/corpus" "$out/artifacts"
# The module sources an entry is built with: its `// fuzz-sources: DIR …` line, else RTCWire.
directories=$(sed -n 's|^// fuzz-sources: ||p' "$entry")
mapfile -t sources < <(find ${directories:-Sources/RTCWire} -name '*.swift' | sort)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz$name" \
    "${sources[@]}" "$entry" -o "$out/fuzz-$name" 2> >(grep -v 'Cannot export local symbol' >&2)
echo "fuzz $name: running for $seconds s"
status=0
"$out/fuzz-$name" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/" \
    "$out/corpus" > "$out/log" 2>&1 || status=$?
grep -E '^(stat::number_of_executed_units|Done )' "$out/log" || true
if [ "$status" -ne 0 ]; then
    tail -n 60 "$out/log" >&2
    echo "fuzz $name: FAILED (exit $status); reproducer in $out/artifacts" >&2
fi
exit "$status"
