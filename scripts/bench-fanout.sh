#!/usr/bin/env bash
# The forwarding core's egress capacity next to the C floor (../shared/limits/forward_floor.c).
# Builds `fanout-throughput` (Benchmarks/, release) and the floor (a copy of ../shared/limits,
# `./build.sh ossl`), then, for each profile (gcm, cm) and K (1, 4, 16), runs interleaved RUNS
# times: the Switchboard worker, forward_floor (Debian libsrtp2, NSS) and forward_floor_ossl
# (libsrtp 2.5.0 + OpenSSL), SECS seconds each. All of them: forwarder alone on cpu1, generator
# and sinks on cpu0, closed loop, 1200-byte payloads; egress packets/s per core =
# 1e9 / (forwarder thread CPU + ksoftirqd/1 CPU per egress packet).
# Writes the raw lines to .build-bench/fanout-raw.txt and a median (min..max) table to
# .build-bench/fanout.md. Takes about RUNS × 6 × 3 × (SECS + 2) s plus the builds.
# Usage: scripts/bench-fanout.sh [RUNS=3] [SECS=3]
# Environment: KS ("1 4 16"), PROFILES ("gcm cm"), VARIANTS ("swift nss ossl"; add nss-gso and
#              ossl-gso for the floor with GSO egress, as Switchboard's Transmitter sends: one
#              UDP_SEGMENT message per subscriber per batch), LIMITS_DIR (/tmp/limits-fanout),
#              FANOUT_SCRATCH (Benchmarks/.build-fanout), FANOUT_SKIP_BUILD=1 (use the binary built there).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs=${1:-3}
secs=${2:-3}
ks=${KS:-1 4 16}
profiles=${PROFILES:-gcm cm}
variants=${VARIANTS:-swift nss ossl}
limits=${LIMITS_DIR:-/tmp/limits-fanout}
scratch=${FANOUT_SCRATCH:-$PWD/Benchmarks/.build-fanout}

if [ ! -x "$limits/forward_floor" ] || [ ! -x "$limits/forward_floor_ossl" ]; then
    echo "bench-fanout: building the C floor in $limits"
    mkdir -p "$limits"
    cp -r ../shared/limits/. "$limits/"
    chmod -R u+w "$limits"
    (cd "$limits" && ./build.sh ossl)
fi
if [ "${FANOUT_SKIP_BUILD:-0}" != 1 ]; then
    echo "bench-fanout: building fanout-throughput (release, $scratch)"
    (cd Benchmarks && swift build -c release --scratch-path "$scratch" --product fanout-throughput)
fi
swift_bin="$scratch/release/fanout-throughput"

mkdir -p .build-bench
raw=$PWD/.build-bench/fanout-raw.txt
summary=$PWD/.build-bench/fanout.md
{
    echo "# $(date -u +%FT%TZ) runs=$runs secs=$secs $(uname -r)"
    echo "# uptime before: $(uptime)"
} > "$raw"
for run in $(seq 1 "$runs"); do
    for profile in $profiles; do
        for k in $ks; do
            echo "# uptime: $(uptime)" >> "$raw"
            for variant in $variants; do
                case $variant in
                    swift) output=$("$swift_bin" "$profile" "$k" "$secs")
                           grep '^# [wf]' <<<"$output" | sed "s/^# /# swift $profile $k $run: /" >> "$raw"
                           line=$(grep -v '^#' <<<"$output") ;;
                    nss) line=$("$limits/forward_floor" "$profile" "$k" "$secs" | grep -v '^#') ;;
                    ossl) line=$("$limits/forward_floor_ossl" "$profile" "$k" "$secs" | grep -v '^#') ;;
                    nss-gso) line=$("$limits/forward_floor" "$profile" "$k" "$secs" 0 gso | grep -v '^#') ;;
                    ossl-gso) line=$("$limits/forward_floor_ossl" "$profile" "$k" "$secs" 0 gso | grep -v '^#') ;;
                esac
                echo "$variant $profile $k $run | $line" | tee -a "$raw"
            done
        done
    done
done
echo "# uptime after: $(uptime)" >> "$raw"

python3 - "$raw" "$summary" <<'PY'
import statistics, sys
cells = {}  # (variant, profile, K) -> [cap_egr]; also loss figures for Switchboard
for line in open(sys.argv[1]):
    if line.startswith("#") or "|" not in line:
        continue
    head, fields = line.split("|", 1)
    variant, profile, k, _ = head.split()
    columns = fields.split()
    # Switchboard: name takes two words; the C floor's one. cap_egr is the 10th value after K.
    values = columns[2:] if variant == "swift" else columns[1:]
    k_value, rest = values[0], values[1:]
    cap = float(rest[7])
    cells.setdefault((variant, profile, int(k)), []).append(cap)
    if variant == "swift":
        cells.setdefault(("swift-loss", profile, int(k)), []).append(float(rest[5]))
        cells.setdefault(("swift-sink", profile, int(k)), []).append(float(rest[9]))

def cell(values):
    m = statistics.median(values)
    return f"{m/1000:.0f}k ({min(values)/1000:.0f}k..{max(values)/1000:.0f}k)"

out = ["| profile | K | Switchboard | C floor, Debian libsrtp2 (NSS) | C floor, libsrtp+OpenSSL | Switchboard / NSS floor | Switchboard / OpenSSL floor | worker socket loss % | sink loss % |",
       "|---|---|---|---|---|---|---|---|---|"]
for profile in ("gcm", "cm"):
    for k in sorted({key[2] for key in cells if key[1] == profile}):
        s, n, o = (cells.get((v, profile, k), []) for v in ("swift", "nss", "ossl"))
        if not (s and n and o):
            continue
        ms, mn, mo = statistics.median(s), statistics.median(n), statistics.median(o)
        name = "AEAD_AES_128_GCM" if profile == "gcm" else "AES_CM_128_HMAC_SHA1_80"
        loss = max(cells[("swift-loss", profile, k)])
        sink = max(cells[("swift-sink", profile, k)])
        out.append(f"| {name} | {k} | {cell(s)} | {cell(n)} | {cell(o)} | {100*ms/mn:.0f} % | {100*ms/mo:.0f} % | {loss:.2f} | {sink:.2f} |")
gso = [key for key in cells if key[0].endswith("-gso")]
if gso:
    out += ["", "| profile | K | Switchboard | C floor + GSO egress, NSS | C floor + GSO egress, OpenSSL | Switchboard / NSS+GSO | Switchboard / OpenSSL+GSO |",
            "|---|---|---|---|---|---|---|"]
    for profile in ("gcm", "cm"):
        for k in sorted({key[2] for key in gso if key[1] == profile}):
            s, n, o = (cells.get((v, profile, k), []) for v in ("swift", "nss-gso", "ossl-gso"))
            if not (s and n and o):
                continue
            name = "AEAD_AES_128_GCM" if profile == "gcm" else "AES_CM_128_HMAC_SHA1_80"
            ms, mn, mo = statistics.median(s), statistics.median(n), statistics.median(o)
            out.append(f"| {name} | {k} | {cell(s)} | {cell(n)} | {cell(o)} | {100*ms/mn:.0f} % | {100*ms/mo:.0f} % |")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
echo "bench-fanout: raw lines in $raw, table in $summary"
