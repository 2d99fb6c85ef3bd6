// HMAC-SHA1 for libsrtp's AES-CM profiles without a heap allocation per packet.
//
// Why: libsrtp 2.5's OpenSSL backend authenticates through OpenSSL 3's EVP_MAC, whose
// re-initialisation and finalisation allocate twice per packet (EVP_MAC_init → HMAC_Init_ex →
// EVP_MD_CTX_copy_ex, and HMAC_Final); the NSS backend allocates too. Switchboard's packet path
// must not allocate, so this file replaces libsrtp's SRTP_HMAC_SHA1 auth type, once per process
// after srtp_init and before any srtp_create, with `srtp_replace_auth_type`.
//
// What it implements: libsrtp's `srtp_auth_type_t` (srtp2/auth.h).
// - alloc: one calloc per libsrtp auth object, holding the `srtp_auth_t` and this file's state;
//   libsrtp allocates auth objects only in srtp_create (and streams share their template's).
// - dealloc: zeroes that block and frees it.
// - init: derives the keyed states of RFC 2104: SHA-1 after the block (key ^ ipad) and after
//   the block (key ^ opad); a key longer than SHA-1's 64-byte block is hashed first.
// - start, update, compute: one packet's HMAC. start copies the inner keyed state by value,
//   update and compute absorb the message, compute finishes the inner hash, runs the outer
//   hash over it from a copy of the outer keyed state and writes the first `tag_len` bytes
//   (`srtp_auth_t.out_len`: 10 for the 80-bit tags, 4 for the 32-bit one).
// - test_data: RFC 2202 known answers with 160-, 96- and 32-bit tags. `srtp_replace_auth_type`
//   runs these and the replaced type's own case, and refuses the replacement on a mismatch.
//
// Invariants: the per-packet functions (start, update, compute) touch only the state they are
// given and the stack: no allocation, no global state, no lock. A state serves one libsrtp
// session, which is used by one thread at a time. The keyed states stay fixed from init until
// the next init; the running state is meaningful only between start and compute.
//
// The SHA1_* functions are OpenSSL's low-level digest API (SHA-NI and AVX code paths), which
// OpenSSL 3.0 deprecates in favour of EVP, whose context copies allocate. They are still
// exported by OpenSSL 3.x; OPENSSL_API_COMPAT below states the API level this file uses.
#define OPENSSL_API_COMPAT 0x10101000L

#include "CSwitchboardShims.h"

#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <srtp2/auth.h>
#include <srtp2/cipher.h>
#include <srtp2/srtp.h>

enum { sha1_block_length = SHA_CBLOCK, sha1_digest_length = SHA_DIGEST_LENGTH };

typedef struct {
    SHA_CTX inner_keyed; // SHA-1 after absorbing the block key ^ 0x36...
    SHA_CTX outer_keyed; // SHA-1 after absorbing the block key ^ 0x5c...
    SHA_CTX running;     // the current packet's inner hash, from start to compute
} hmac_sha1_state;

// The single allocation behind one `srtp_auth_t`: libsrtp frees it through `dealloc`.
typedef struct {
    srtp_auth_t auth;
    hmac_sha1_state state;
} hmac_sha1_auth;

static const srtp_auth_type_t hmac_sha1_type;

static srtp_err_status_t hmac_sha1_alloc(srtp_auth_t **auth, int key_len, int out_len) {
    if (key_len < 0 || out_len < 0 || out_len > sha1_digest_length) return srtp_err_status_bad_param;
    hmac_sha1_auth *allocation = calloc(1, sizeof *allocation);
    if (allocation == NULL) return srtp_err_status_alloc_fail;
    allocation->auth.type = &hmac_sha1_type;
    allocation->auth.state = &allocation->state;
    allocation->auth.out_len = out_len;
    allocation->auth.key_len = key_len;
    allocation->auth.prefix_len = 0;
    *auth = &allocation->auth;
    return srtp_err_status_ok;
}

static srtp_err_status_t hmac_sha1_dealloc(srtp_auth_t *auth) {
    hmac_sha1_auth *allocation = (hmac_sha1_auth *)auth;
    OPENSSL_cleanse(allocation, sizeof *allocation);
    free(allocation);
    return srtp_err_status_ok;
}

// Sets `keyed` to SHA-1 after absorbing one block of `key` (zero-padded) XOR `pad`.
static int hmac_sha1_absorb_padded_key(SHA_CTX *keyed, const uint8_t *key, size_t key_length, uint8_t pad) {
    uint8_t block[sha1_block_length];
    memset(block, pad, sizeof block);
    for (size_t index = 0; index < key_length; index++) block[index] ^= key[index];
    int ok = SHA1_Init(keyed) == 1 && SHA1_Update(keyed, block, sizeof block) == 1;
    OPENSSL_cleanse(block, sizeof block);
    return ok;
}

static srtp_err_status_t hmac_sha1_init(void *state, const uint8_t *key, int key_len) {
    hmac_sha1_state *hmac = state;
    if (key_len < 0) return srtp_err_status_bad_param;
    uint8_t hashed_key[sha1_digest_length];
    size_t key_length = (size_t)key_len;
    if (key_length > sha1_block_length) {
        if (SHA1(key, key_length, hashed_key) == NULL) return srtp_err_status_init_fail;
        key = hashed_key;
        key_length = sizeof hashed_key;
    }
    int ok = hmac_sha1_absorb_padded_key(&hmac->inner_keyed, key, key_length, 0x36) &&
             hmac_sha1_absorb_padded_key(&hmac->outer_keyed, key, key_length, 0x5c);
    OPENSSL_cleanse(hashed_key, sizeof hashed_key);
    return ok ? srtp_err_status_ok : srtp_err_status_init_fail;
}

static srtp_err_status_t hmac_sha1_start(void *state) {
    hmac_sha1_state *hmac = state;
    hmac->running = hmac->inner_keyed;
    return srtp_err_status_ok;
}

static srtp_err_status_t hmac_sha1_update(void *state, const uint8_t *message, int octets) {
    hmac_sha1_state *hmac = state;
    if (octets < 0) return srtp_err_status_bad_param;
    return SHA1_Update(&hmac->running, message, (size_t)octets) == 1 ? srtp_err_status_ok : srtp_err_status_auth_fail;
}

static srtp_err_status_t hmac_sha1_compute(void *state, const uint8_t *message, int octets, int tag_len,
                                           uint8_t *tag) {
    hmac_sha1_state *hmac = state;
    if (octets < 0 || tag_len < 0 || tag_len > sha1_digest_length) return srtp_err_status_bad_param;
    uint8_t digest[sha1_digest_length];
    SHA_CTX outer = hmac->outer_keyed;
    if (SHA1_Update(&hmac->running, message, (size_t)octets) != 1 || SHA1_Final(digest, &hmac->running) != 1 ||
        SHA1_Update(&outer, digest, sizeof digest) != 1 || SHA1_Final(digest, &outer) != 1) {
        return srtp_err_status_auth_fail;
    }
    memcpy(tag, digest, (size_t)tag_len);
    return srtp_err_status_ok;
}

// RFC 2202 §3, test case 2: a key shorter than the digest.
static const uint8_t rfc2202_case2_key[] = {'J', 'e', 'f', 'e'};
static const uint8_t rfc2202_case2_data[] = "what do ya want for nothing?";
static const uint8_t rfc2202_case2_digest[] = {0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74,
                                               0x16, 0xd5, 0xf1, 0x84, 0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79};
// RFC 2202 §3, test case 5: a 20-byte key, as SRTP's, and the digest truncated to 96 bits.
static const uint8_t rfc2202_case5_key[20] = {0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c,
                                              0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c, 0x0c};
static const uint8_t rfc2202_case5_data[] = "Test With Truncation";
static const uint8_t rfc2202_case5_digest96[] = {0x4c, 0x1a, 0x03, 0x42, 0x4b, 0x55,
                                                 0xe0, 0x7f, 0xe7, 0xf2, 0x7b, 0xe1};

// RFC 2202 §3, test case 1, truncated (RFC 2104 §5) to the 32 bits of SRTP_AES128_CM_HMAC_SHA1_32.
static const uint8_t rfc2202_case1_key[20] = {0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
                                              0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b};
static const uint8_t rfc2202_case1_data[] = "Hi There";
static const uint8_t rfc2202_case1_digest32[] = {0xb6, 0x17, 0x31, 0x86};

static const srtp_auth_test_case_t rfc2202_case1_32 = {
    sizeof rfc2202_case1_key, rfc2202_case1_key, sizeof rfc2202_case1_data - 1, rfc2202_case1_data,
    sizeof rfc2202_case1_digest32, rfc2202_case1_digest32, NULL,
};
static const srtp_auth_test_case_t rfc2202_case5 = {
    sizeof rfc2202_case5_key, rfc2202_case5_key, sizeof rfc2202_case5_data - 1, rfc2202_case5_data,
    sizeof rfc2202_case5_digest96, rfc2202_case5_digest96, &rfc2202_case1_32,
};
static const srtp_auth_test_case_t rfc2202_case2 = {
    sizeof rfc2202_case2_key, rfc2202_case2_key, sizeof rfc2202_case2_data - 1, rfc2202_case2_data,
    sizeof rfc2202_case2_digest, rfc2202_case2_digest, &rfc2202_case5,
};

static const srtp_auth_type_t hmac_sha1_type = {
    .alloc = hmac_sha1_alloc,
    .dealloc = hmac_sha1_dealloc,
    .init = hmac_sha1_init,
    .compute = hmac_sha1_compute,
    .update = hmac_sha1_update,
    .start = hmac_sha1_start,
    .description = "HMAC-SHA1 over OpenSSL SHA1 block functions, allocation-free (Switchboard)",
    .test_data = &rfc2202_case2,
    .id = SRTP_HMAC_SHA1,
};

int CSwitchboardShims_srtp_install_hmac_sha1(void) {
    return (int)srtp_replace_auth_type(&hmac_sha1_type, SRTP_HMAC_SHA1);
}

// Exported by every libsrtp 2.x build; declared in its crypto_kernel.h, which is not installed.
const srtp_auth_type_t *srtp_crypto_kernel_get_auth_type(srtp_auth_type_id_t id);

int CSwitchboardShims_srtp_hmac_sha1_is_installed(void) {
    return srtp_crypto_kernel_get_auth_type(SRTP_HMAC_SHA1) == &hmac_sha1_type;
}

int CSwitchboardShims_srtp_hmac_sha1_test(const uint8_t *key, int key_length, const uint8_t *data, int data_length,
                                          const uint8_t *tag, int tag_length) {
    const srtp_auth_test_case_t known_answer = {key_length, key, data_length, data, tag_length, tag, NULL};
    return (int)srtp_auth_type_test(&hmac_sha1_type, &known_answer);
}

// Every libsrtp 2.x crypto backend defines this cipher type; its description names the backend.
extern const srtp_cipher_type_t srtp_aes_icm_128;

const char *CSwitchboardShims_srtp_cipher_backend_description(void) {
    return srtp_aes_icm_128.description;
}
