#!/usr/bin/env bash
# Builds Switchboard (release) and runs it on the default config (config/switchboard.yaml).
# Installs missing build dependencies first. Extra arguments go to the server, e.g.
#   scripts/run.sh --http 0.0.0.0:8080 --workers 2
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-venv
source scripts/env.sh
swift build -c release --product switchboard
exec .build/release/switchboard "$@"
