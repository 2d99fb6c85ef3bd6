// C wrappers for what Swift cannot import directly. Each function is named
// `CSwitchboardShims_<what it wraps>` and exists for the reason given beside it.
#ifndef CSWITCHBOARD_SHIMS_H
#define CSWITCHBOARD_SHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

// MARK: - OpenSSL 3 (macros over SSL_ctrl / BIO_ctrl, or variadic helpers)

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct bio_st BIO;
typedef struct evp_pkey_st EVP_PKEY;

/// `SSL_CTX_set_mode` is a macro over `SSL_CTX_ctrl`.
long CSwitchboardShims_SSL_CTX_set_mode(SSL_CTX *ctx, long mode);
/// `SSL_set_mode` is a macro over `SSL_ctrl`.
long CSwitchboardShims_SSL_set_mode(SSL *ssl, long mode);
/// `SSL_CTX_set_read_ahead` is a macro over `SSL_CTX_ctrl`.
long CSwitchboardShims_SSL_CTX_set_read_ahead(SSL_CTX *ctx, int yes);
/// `SSL_CTX_set_session_cache_mode` is a macro over `SSL_CTX_ctrl`.
long CSwitchboardShims_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode);
/// `SSL_CTX_set_min_proto_version` is a macro over `SSL_CTX_ctrl`.
int CSwitchboardShims_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
/// `SSL_CTX_set_max_proto_version` is a macro over `SSL_CTX_ctrl`.
int CSwitchboardShims_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version);
/// `SSL_CTX_set1_groups_list` is a macro over `SSL_CTX_ctrl`.
int CSwitchboardShims_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list);
/// `SSL_CTX_set1_sigalgs_list` is a macro over `SSL_CTX_ctrl`.
int CSwitchboardShims_SSL_CTX_set1_sigalgs_list(SSL_CTX *ctx, const char *list);
/// `DTLS_set_link_mtu` is a macro over `SSL_ctrl`.
int CSwitchboardShims_DTLS_set_link_mtu(SSL *ssl, long mtu);
/// `SSL_set_mtu` is a macro over `SSL_ctrl`.
int CSwitchboardShims_SSL_set_mtu(SSL *ssl, long mtu);
/// `DTLSv1_get_timeout` is a macro over `SSL_ctrl` that fills a `struct timeval`; this returns
/// the time left in microseconds, or -1 when no retransmission timer runs.
int64_t CSwitchboardShims_DTLSv1_get_timeout_us(SSL *ssl);
/// `DTLSv1_handle_timeout` is a macro over `SSL_ctrl`.
int CSwitchboardShims_DTLSv1_handle_timeout(SSL *ssl);
/// `BIO_pending` is a macro over `BIO_ctrl`.
long CSwitchboardShims_BIO_pending(BIO *bio);
/// `BIO_wpending` is a macro over `BIO_ctrl`.
long CSwitchboardShims_BIO_wpending(BIO *bio);
/// `BIO_set_mem_eof_return` is a macro over `BIO_ctrl`.
long CSwitchboardShims_BIO_set_mem_eof_return(BIO *bio, int value);
/// `BIO_reset` is a macro over `BIO_ctrl`.
int CSwitchboardShims_BIO_reset(BIO *bio);
/// `BIO_get_mem_data` is a macro over `BIO_ctrl`.
long CSwitchboardShims_BIO_get_mem_data(BIO *bio, char **data);
/// `EVP_EC_gen` is a macro over the variadic `EVP_PKEY_Q_keygen`.
EVP_PKEY *CSwitchboardShims_EVP_EC_gen(const char *curve);
/// `OPENSSL_free` is a macro over `CRYPTO_free` that passes the call site.
void CSwitchboardShims_OPENSSL_free(void *pointer);
/// `OPENSSL_VERSION_NUMBER` is a preprocessor constant.
unsigned long CSwitchboardShims_OPENSSL_VERSION_NUMBER(void);

/// `SSL_OP_*` constants are macros of a 64-bit type that Swift does not import.
extern const uint64_t CSwitchboardShims_SSL_OP_NO_QUERY_MTU;
extern const uint64_t CSwitchboardShims_SSL_OP_NO_TICKET;
extern const uint64_t CSwitchboardShims_SSL_OP_NO_COMPRESSION;
extern const uint64_t CSwitchboardShims_SSL_OP_CIPHER_SERVER_PREFERENCE;
extern const uint64_t CSwitchboardShims_SSL_OP_NO_RENEGOTIATION;
extern const uint64_t CSwitchboardShims_SSL_OP_SINGLE_ECDH_USE;

// MARK: - Batched datagram syscalls

/// `struct mmsghdr` is declared only under `_GNU_SOURCE`, which Swift's Glibc module is built
/// without, so Swift cannot see it. Same layout (shim.c checks that at compile time).
typedef struct CSwitchboardShims_mmsghdr {
    struct msghdr msg_hdr;
    unsigned int msg_len;
} CSwitchboardShims_mmsghdr;

/// `recvmmsg` needs `_GNU_SOURCE` (see above). Retries EINTR.
int CSwitchboardShims_recvmmsg(int fd, CSwitchboardShims_mmsghdr *messages, unsigned int count, int flags,
                               struct timespec *timeout);
/// `sendmmsg` needs `_GNU_SOURCE` (see above). Retries EINTR.
int CSwitchboardShims_sendmmsg(int fd, CSwitchboardShims_mmsghdr *messages, unsigned int count, int flags);

// MARK: - usrsctp

/// usrsctp's debug printer is a C variadic function pointer, which Swift cannot implement.
/// Pass this to `usrsctp_init` to have its debug output go to standard error.
void CSwitchboardShims_usrsctp_debug_printf(const char *format, ...);

// MARK: - libsrtp (srtp_hmac_sha1.c)

/// Replaces libsrtp's HMAC-SHA1 auth type (used by the AES-CM profiles) with one that does not
/// allocate per packet: libsrtp 2.5's OpenSSL backend allocates twice per packet inside
/// OpenSSL 3's HMAC. Call once, after `srtp_init` and before any `srtp_create`; libsrtp runs
/// RFC 2202 known answers first. Returns the `srtp_err_status_t` (0 when installed).
int CSwitchboardShims_srtp_install_hmac_sha1(void);
/// 1 when libsrtp's kernel serves HMAC-SHA1 with the replacement, else 0.
int CSwitchboardShims_srtp_hmac_sha1_is_installed(void);
/// Runs libsrtp's auth-type test harness (`srtp_auth_type_test`: alloc, init, start, compute,
/// dealloc) over the replacement HMAC-SHA1 with one caller-given known answer, `tag_length`
/// bytes being the expected (possibly truncated) tag. Returns the `srtp_err_status_t`: 0 when
/// the tag matches, `srtp_err_status_algo_fail` (11) when it does not. For the tests.
int CSwitchboardShims_srtp_hmac_sha1_test(const uint8_t *key, int key_length, const uint8_t *data, int data_length,
                                          const uint8_t *tag, int tag_length);
/// The description of libsrtp's AES-128 counter mode cipher (`srtp_aes_icm_128`), which names
/// the crypto backend libsrtp was built with, e.g. "AES-128 counter mode using openssl".
const char *CSwitchboardShims_srtp_cipher_backend_description(void);

// MARK: - Worker (epoll, eventfd, UDP GSO, thread placement)

// Swift's Glibc module does not cover these headers; including them here makes `epoll_*`,
// `struct epoll_event`, `eventfd`, `EFD_*`, `SOL_UDP` and `UDP_SEGMENT` visible to the Worker.
#include <netinet/udp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

/// Bytes of control buffer one `UDP_SEGMENT` control message takes (`CMSG_SPACE` is a macro).
size_t CSwitchboardShims_udp_segment_cmsg_space(void);
/// Writes one `SOL_UDP`/`UDP_SEGMENT` control message carrying `segment_size` at the start of
/// `control` (the `CMSG_*` layout macros are not importable). Returns the byte count to store in
/// `msg_controllen`, or 0 when `capacity` is smaller than
/// `CSwitchboardShims_udp_segment_cmsg_space()`.
size_t CSwitchboardShims_udp_segment_cmsg_write(void *control, size_t capacity, uint16_t segment_size);
/// Makes threads created with `attributes` run on one CPU only: `cpu_set_t` is filled by macros
/// (`CPU_ZERO`, `CPU_SET`) and `pthread_attr_setaffinity_np` needs `_GNU_SOURCE`. Returns 0, or
/// the errno value (`pthread_create` then fails with EINVAL if that CPU is not available).
int CSwitchboardShims_pthread_attr_set_cpu(pthread_attr_t *attributes, int cpu);
/// Names the calling thread for `top -H` and debuggers: `pthread_setname_np` needs
/// `_GNU_SOURCE`. The name is cut to the kernel's 15 bytes. Returns 0, or the errno value.
int CSwitchboardShims_set_current_thread_name(const char *name);

#endif
