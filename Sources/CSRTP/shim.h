// libsrtp2 2.5.0 from Debian's source package, built with OpenSSL by scripts/build-libsrtp.sh.
// The link flags come from its pkg-config file (libsrtp2-switchboard.pc), not from this module
// map, so that Debian's NSS-backed libsrtp2.so can never be linked in its place.
#include <srtp2/srtp.h>
