#define _GNU_SOURCE
#include "CSwitchboardShims.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/ssl.h>

long CSwitchboardShims_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }
long CSwitchboardShims_SSL_set_mode(SSL *ssl, long mode) { return SSL_set_mode(ssl, mode); }
long CSwitchboardShims_SSL_CTX_set_read_ahead(SSL_CTX *ctx, int yes) { return SSL_CTX_set_read_ahead(ctx, yes); }
long CSwitchboardShims_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}
int CSwitchboardShims_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
int CSwitchboardShims_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}
int CSwitchboardShims_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) {
    return (int)SSL_CTX_set1_groups_list(ctx, list);
}
int CSwitchboardShims_SSL_CTX_set1_sigalgs_list(SSL_CTX *ctx, const char *list) {
    return (int)SSL_CTX_set1_sigalgs_list(ctx, list);
}
int CSwitchboardShims_DTLS_set_link_mtu(SSL *ssl, long mtu) { return (int)DTLS_set_link_mtu(ssl, mtu); }
int CSwitchboardShims_SSL_set_mtu(SSL *ssl, long mtu) { return (int)SSL_set_mtu(ssl, mtu); }

int64_t CSwitchboardShims_DTLSv1_get_timeout_us(SSL *ssl) {
    struct timeval left;
    if (DTLSv1_get_timeout(ssl, &left) != 1) return -1;
    return (int64_t)left.tv_sec * 1000000 + (int64_t)left.tv_usec;
}
int CSwitchboardShims_DTLSv1_handle_timeout(SSL *ssl) { return (int)DTLSv1_handle_timeout(ssl); }

long CSwitchboardShims_BIO_pending(BIO *bio) { return (long)BIO_pending(bio); }
long CSwitchboardShims_BIO_wpending(BIO *bio) { return (long)BIO_wpending(bio); }
long CSwitchboardShims_BIO_set_mem_eof_return(BIO *bio, int value) { return BIO_set_mem_eof_return(bio, value); }
int CSwitchboardShims_BIO_reset(BIO *bio) { return (int)BIO_reset(bio); }
long CSwitchboardShims_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

EVP_PKEY *CSwitchboardShims_EVP_EC_gen(const char *curve) { return EVP_EC_gen(curve); }
void CSwitchboardShims_OPENSSL_free(void *pointer) { OPENSSL_free(pointer); }
unsigned long CSwitchboardShims_OPENSSL_VERSION_NUMBER(void) { return OPENSSL_VERSION_NUMBER; }

const uint64_t CSwitchboardShims_SSL_OP_NO_QUERY_MTU = SSL_OP_NO_QUERY_MTU;
const uint64_t CSwitchboardShims_SSL_OP_NO_TICKET = SSL_OP_NO_TICKET;
const uint64_t CSwitchboardShims_SSL_OP_NO_COMPRESSION = SSL_OP_NO_COMPRESSION;
const uint64_t CSwitchboardShims_SSL_OP_CIPHER_SERVER_PREFERENCE = SSL_OP_CIPHER_SERVER_PREFERENCE;
const uint64_t CSwitchboardShims_SSL_OP_NO_RENEGOTIATION = SSL_OP_NO_RENEGOTIATION;
const uint64_t CSwitchboardShims_SSL_OP_SINGLE_ECDH_USE = SSL_OP_SINGLE_ECDH_USE;

_Static_assert(sizeof(CSwitchboardShims_mmsghdr) == sizeof(struct mmsghdr), "mmsghdr layout");
_Static_assert(offsetof(CSwitchboardShims_mmsghdr, msg_len) == offsetof(struct mmsghdr, msg_len), "mmsghdr layout");

int CSwitchboardShims_recvmmsg(int fd, CSwitchboardShims_mmsghdr *messages, unsigned int count, int flags,
                               struct timespec *timeout) {
    int result;
    do {
        result = recvmmsg(fd, (struct mmsghdr *)messages, count, flags, timeout);
    } while (result < 0 && errno == EINTR);
    return result;
}

int CSwitchboardShims_sendmmsg(int fd, CSwitchboardShims_mmsghdr *messages, unsigned int count, int flags) {
    int result;
    do {
        result = sendmmsg(fd, (struct mmsghdr *)messages, count, flags);
    } while (result < 0 && errno == EINTR);
    return result;
}

void CSwitchboardShims_usrsctp_debug_printf(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
}
