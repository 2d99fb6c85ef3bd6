# Sourced by the project's scripts: the build environment that `swift build` needs here.
# The OpenSSL-backed libsrtp2 that scripts/build-libsrtp.sh builds is found through pkg-config.
# To build by hand:  source scripts/env.sh && swift build
switchboard_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PKG_CONFIG_PATH="$switchboard_root/.deps/libsrtp2-openssl/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
unset switchboard_root
