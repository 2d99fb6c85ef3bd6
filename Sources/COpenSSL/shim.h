// OpenSSL 3 (Debian's libssl-dev): what the DTLS wrapper module imports. Macros that Swift
// cannot import have function wrappers in CSwitchboardShims.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
