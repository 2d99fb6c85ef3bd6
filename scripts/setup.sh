#!/usr/bin/env bash
# Installs what Switchboard needs to build, run and test, only where it is missing:
# Debian packages (C libraries, pkg-config, a C toolchain, headless Chromium), libsrtp2 built
# from Debian's source with OpenSSL (scripts/build-libsrtp.sh, into .deps/), and a Python venv
# (.venv) with the interop peers.
# Idempotent: a second run changes nothing and takes a second or two.
# Usage: scripts/setup.sh [--no-venv]
set -euo pipefail
cd "$(dirname "$0")/.."

# libsrtp2 is not among them: Debian's binary uses NSS (slow, allocates per packet), so
# scripts/build-libsrtp.sh builds Debian's source with OpenSSL instead (docs/ARCHITECTURE.md).
# chromium and chromium-driver: the headless browser of the dashboard test (dashboard_check.py).
# janus: Janus 1.1.2, the SFU switchboard-load compares Switchboard with (scripts/janus.sh starts it).
apt_packages=(pkg-config libssl-dev libusrsctp-dev libjemalloc-dev python3-venv dpkg-dev gcc make libc6-dev chromium chromium-driver janus)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
fi

if ! command -v swift >/dev/null; then
    echo "setup: swift is not on PATH; Switchboard needs Swift 6.2 or newer (swift.org toolchain)" >&2
    exit 1
fi

scripts/build-libsrtp.sh
# SwiftPM does not relink when a static library changes: after a new libsrtp2 build, start the
# Swift build folders afresh (only then; the recipe stamp changes with each new build).
recipe=.deps/libsrtp2-openssl/.build-recipe
for build_dir in .build Benchmarks/.build; do
    if [ -d "$build_dir" ] && ! cmp -s "$recipe" "$build_dir/.libsrtp2-recipe"; then
        echo "setup: libsrtp2 was rebuilt; removing $build_dir so that everything relinks"
        rm -rf "$build_dir"
    fi
    mkdir -p "$build_dir" && cp "$recipe" "$build_dir/.libsrtp2-recipe"
done

[ "${1:-}" = "--no-venv" ] && exit 0

# Interop peers: the venv is rebuilt only when requirements change.
requirements=scripts/requirements-interop.txt
stamp=.venv/.requirements.sha256
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: preparing .venv from $requirements"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$want" > "$stamp"
fi
