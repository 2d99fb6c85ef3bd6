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

// MARK: - Worker

#include <pthread.h>
#include <sched.h>
#include <string.h>

size_t CSwitchboardShims_udp_segment_cmsg_space(void) { return CMSG_SPACE(sizeof(uint16_t)); }

size_t CSwitchboardShims_udp_segment_cmsg_write(void *control, size_t capacity, uint16_t segment_size) {
    if (capacity < CMSG_SPACE(sizeof(uint16_t))) return 0;
    memset(control, 0, CMSG_SPACE(sizeof(uint16_t)));
    struct cmsghdr *header = (struct cmsghdr *)control;
    header->cmsg_level = SOL_UDP;
    header->cmsg_type = UDP_SEGMENT;
    header->cmsg_len = CMSG_LEN(sizeof(uint16_t));
    memcpy(CMSG_DATA(header), &segment_size, sizeof(uint16_t));
    return CMSG_SPACE(sizeof(uint16_t));
}

int CSwitchboardShims_pthread_attr_set_cpu(pthread_attr_t *attributes, int cpu) {
    if (cpu < 0 || cpu >= CPU_SETSIZE) return EINVAL;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_attr_setaffinity_np(attributes, sizeof(set), &set);
}

int CSwitchboardShims_set_current_thread_name(const char *name) {
    char truncated[16];
    strncpy(truncated, name, sizeof(truncated) - 1);
    truncated[sizeof(truncated) - 1] = '\0';
    return pthread_setname_np(pthread_self(), truncated);
}
