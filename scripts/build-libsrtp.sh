#!/usr/bin/env bash
# Builds libsrtp2 from Debian 12's source package with the OpenSSL crypto backend, as a static
# library, and installs it with a pkg-config file into .deps/libsrtp2-openssl:
#   lib/libsrtp2-switchboard.a   lib/pkgconfig/libsrtp2-switchboard.pc   include/srtp2/{srtp,auth,...}.h
# Both names differ from Debian's libsrtp2 (.so, .pc), so the linker can never pick Debian's
# NSS build by search order, and a build that cannot find this one fails instead of falling back.
# Debian's own libsrtp2 binary uses NSS, which is several times slower and allocates per packet.
#
# Use it with:  PKG_CONFIG_PATH="$PWD/.deps/libsrtp2-openssl/lib/pkgconfig" swift build
#
# The source comes through apt with a private state under .deps/src/apt (the system's apt sources
# and lists are not touched): apt checks the archive's signed Release file and the hashes of the
# .dsc and tarballs; this script also pins the upstream tarball's SHA-256. dpkg-source unpacks it
# and applies Debian's patches. libsrtp's own validation drivers run before anything is installed.
#
# Idempotent: when the installed build matches this script and libcrypto (stamp file), it exits at once.
# Needs: apt, dpkg-dev, gcc, make, libc6-dev, libssl-dev, pkg-config (network only for the download).
# Usage: scripts/build-libsrtp.sh [--force]
set -euo pipefail

debian_version=2.5.0-3
upstream_version=2.5.0
orig_sha256=8a43ef8e9ae2b665292591af62aa1a4ae41e468b6d98d8258f91478735da4e09
configure_flags=(--enable-openssl --disable-pcap)
cflags="-O2 -fPIC"
repo=$(cd "$(dirname "$0")/.." && pwd)
deps=$repo/.deps
src=$deps/src
prefix=$deps/libsrtp2-openssl
stamp=$prefix/.build-recipe
logs=$src/logs

# Writes the system's apt archives (deb822 .sources files and one-line sources.list entries) into
# folder $1 as deb-src entries, so that the source comes from wherever this machine's packages do.
system_sources_as_deb_src() {
    local out=$1 file found=0
    for file in /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] || continue
        sed -E 's/^Types:.*$/Types: deb-src/' "$file" >"$out/$(basename "$file")"
        found=1
    done
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$file" ] || continue
        grep -E '^deb ' "$file" | sed -E 's/^deb /deb-src /' >"$out/$(basename "$file" .list).list" || true
        [ -s "$out/$(basename "$file" .list).list" ] && found=1
    done
    [ "$found" = 1 ] || fail "no Debian archive is configured for apt (/etc/apt/sources.list*)"
}

fail() {
    echo "build-libsrtp: error: $*" >&2
    exit 1
}

# Runs a step with its output in a log file; on failure shows the log's tail.
step() {
    local name=$1
    shift
    if ! "$@" >"$logs/$name.log" 2>&1; then
        echo "build-libsrtp: step '$name' failed; last lines of $logs/$name.log:" >&2
        tail -n 25 "$logs/$name.log" >&2
        exit 1
    fi
}

force=false
case "${1:-}" in
"") ;;
--force) force=true ;;
*) fail "unknown argument '$1' (usage: $0 [--force])" ;;
esac

for tool in apt-get dpkg-source gcc make pkg-config sha256sum flock; do
    command -v "$tool" >/dev/null ||
        fail "'$tool' is missing; install: apt-get install -y dpkg-dev gcc make libc6-dev libssl-dev pkg-config"
done
libcrypto_version=$(pkg-config --modversion libcrypto 2>/dev/null) ||
    fail "pkg-config finds no libcrypto; install: apt-get install -y libssl-dev"

# Any edit of this script (version, flags, .pc text) or a new libcrypto makes the next run rebuild.
recipe="libsrtp2 $debian_version libcrypto $libcrypto_version script $(sha256sum <"$0" | cut -d' ' -f1)"

mkdir -p "$src"
exec 9>"$deps/.build-libsrtp.lock"
flock 9 # one build at a time; a second caller waits, then sees the stamp

if ! $force && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$recipe" ] &&
    [ -f "$prefix/lib/libsrtp2-switchboard.a" ] && [ -f "$prefix/lib/pkgconfig/libsrtp2-switchboard.pc" ] &&
    [ -f "$prefix/include/srtp2/srtp.h" ]; then
    echo "build-libsrtp: up to date ($prefix, libsrtp2 $debian_version, OpenSSL $libcrypto_version)"
    exit 0
fi

mkdir -p "$logs"
dsc=$src/libsrtp2_$debian_version.dsc
orig=$src/libsrtp2_$upstream_version.orig.tar.gz

orig_matches() {
    [ -f "$orig" ] && [ -f "$dsc" ] && echo "$orig_sha256  $orig" | sha256sum --check --status
}

if ! orig_matches; then
    echo "build-libsrtp: downloading Debian source package libsrtp2 $debian_version"
    apt_dir=$src/apt
    rm -rf "$apt_dir"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts" "$apt_dir/cache/archives/partial"
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    [ -f "$keyring" ] || fail "$keyring is missing (package debian-archive-keyring)"
    # The system's own Debian archives (as configured for apt), as source archives.
    system_sources_as_deb_src "$apt_dir/parts"
    # Private sources, lists and cache; the system's update hooks (cache cleaners, PackageKit and
    # AppStream refreshes) are cleared, since they are about the system's lists, not these.
    cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::SourceList "/dev/null";
Dir::Etc::SourceParts "$apt_dir/parts";
Dir::State::Lists "$apt_dir/lists";
Dir::Cache "$apt_dir/cache";
Acquire::Languages "none";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
EOF
    apt_options=(-c "$apt_dir/apt.conf")
    # The download directory is not writable by apt's unprivileged '_apt' user; say so instead of
    # letting apt warn about it.
    [ "$(id -u)" -ne 0 ] || apt_options+=(-o "APT::Sandbox::User=root")
    step apt-update apt-get "${apt_options[@]}" update
    rm -f "$src"/libsrtp2_*
    if ! (cd "$src" && apt-get "${apt_options[@]}" source --download-only "libsrtp2=$debian_version" \
        >"$logs/apt-source.log" 2>&1); then
        tail -n 10 "$logs/apt-source.log" >&2
        fail "apt could not fetch libsrtp2 $debian_version from the system's Debian archives (see /etc/apt/sources.list*); if Debian has moved on, update debian_version and orig_sha256 in $0"
    fi
    rm -rf "$apt_dir"
    [ -f "$orig" ] && [ -f "$dsc" ] || fail "apt did not leave $orig and $dsc"
    orig_matches || fail "$orig does not have the pinned SHA-256 $orig_sha256"
fi

tree=$src/libsrtp2-$upstream_version
rm -rf "$tree"
# The .dsc is signed by its uploader, whose key is in debian-keyring (not installed); dpkg-source
# warns about that and still checks every file's hash against the .dsc, which apt has verified.
step unpack dpkg-source -x "$dsc" "$tree"

staging=$prefix.staging
rm -rf "$staging"
echo "build-libsrtp: building libsrtp2 $upstream_version with OpenSSL $libcrypto_version (logs in $logs)"
cd "$tree"
step configure ./configure --prefix="$staging" "${configure_flags[@]}" CFLAGS="$cflags"
grep -q '^#define OPENSSL 1' crypto/include/config.h || fail "configure did not select the OpenSSL backend"
grep -q '^#define GCM 1' crypto/include/config.h || fail "configure did not enable AES-GCM"
step make make -j"$(nproc)" libsrtp2.a
# libsrtp's validation drivers (known-answer tests of the ciphers, HMAC and SRTP transforms);
# the slow ROC and replay drivers do not depend on the crypto backend and are skipped.
step make-tests make -j"$(nproc)" crypto/test/cipher_driver crypto/test/kernel_driver test/srtp_driver test/test_srtp
for driver in crypto/test/cipher_driver crypto/test/kernel_driver test/srtp_driver; do
    step "test-${driver##*/}" "$driver" -v
done
step test-test_srtp test/test_srtp
step install make install

# Swift finds the library through this file: static libsrtp2 plus the system's libcrypto.
mv "$staging/lib/libsrtp2.a" "$staging/lib/libsrtp2-switchboard.a"
rm -f "$staging/lib/pkgconfig/libsrtp2.pc"
cat >"$staging/lib/pkgconfig/libsrtp2-switchboard.pc" <<EOF
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: libsrtp2-switchboard
Description: libSRTP $upstream_version (Debian source $debian_version), OpenSSL backend, static
Version: $upstream_version
Libs: -L\${libdir} -lsrtp2-switchboard -lcrypto
Cflags: -I\${includedir}
EOF
[ ! -e "$staging/lib/libsrtp2.so" ] || fail "a shared libsrtp2 was installed; only the static library is wanted"
echo "$recipe" >"$staging/.build-recipe"

rm -rf "$prefix"
mv "$staging" "$prefix"
echo "build-libsrtp: installed $prefix (libsrtp2-switchboard.a, include/srtp2, lib/pkgconfig/libsrtp2-switchboard.pc)"
