internal import COpenSSL
internal import CSwitchboardShims
import SRTP

/// An OpenSSL `SSL_CTX` configured for WebRTC's DTLS-SRTP, from which endpoints are made.
///
/// DTLS 1.2 only; ECDHE (X25519, P-256) with AEAD or CBC-SHA ciphers for ECDSA and RSA
/// certificates; our certificate and key; the peer must present a certificate, which is
/// accepted by fingerprint only (`HandshakeCallbacks`); no session tickets, cache,
/// compression or renegotiation; `SSL_OP_NO_QUERY_MTU` (the MTU is configured); the configured
/// SRTP profiles in preference order, the server choosing by its own order.
///
/// Invariant: the `SSL_CTX` is fully configured in `init`, never changed afterwards, and freed
/// in `deinit`; OpenSSL allows concurrent `SSL_new` on such a context, so one context may serve
/// every worker (`@unchecked Sendable`). Endpoints keep their context alive.
public final class DTLSContext: @unchecked Sendable {
    /// ECDHE suites only (forward secrecy), AEAD first; the CBC-SHA ones serve older stacks.
    static let cipherList = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305",
        "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA",
    ].joined(separator: ":")
    static let groupList = "X25519:P-256"

    public let configuration: DTLSConfiguration
    let handle: OpaquePointer

    /// The fingerprint of our certificate, for our SDP's `a=fingerprint`.
    public var localFingerprint: DTLSFingerprint { configuration.certificate.sha256Fingerprint }

    public init(configuration: DTLSConfiguration) throws(DTLSError) {
        try configuration.validate()
        OpenSSLErrorQueue.clear()
        guard let handle = SSL_CTX_new(DTLS_method()) else { throw OpenSSLErrorQueue.failure("SSL_CTX_new(DTLS_method)") }
        do {
            try Self.configure(handle, configuration)
        } catch {
            SSL_CTX_free(handle)
            throw error
        }
        self.handle = handle
        self.configuration = configuration
    }

    deinit {
        SSL_CTX_free(handle)
    }

    private static func configure(_ context: OpaquePointer, _ configuration: DTLSConfiguration) throws(DTLSError) {
        guard CSwitchboardShims_SSL_CTX_set_min_proto_version(context, DTLS1_2_VERSION) == 1,
              CSwitchboardShims_SSL_CTX_set_max_proto_version(context, DTLS1_2_VERSION) == 1
        else { throw OpenSSLErrorQueue.failure("SSL_CTX_set_min/max_proto_version(DTLS 1.2)") }
        let options = CSwitchboardShims_SSL_OP_NO_TICKET | CSwitchboardShims_SSL_OP_NO_COMPRESSION
            | CSwitchboardShims_SSL_OP_NO_RENEGOTIATION | CSwitchboardShims_SSL_OP_NO_QUERY_MTU
            | CSwitchboardShims_SSL_OP_CIPHER_SERVER_PREFERENCE | CSwitchboardShims_SSL_OP_SINGLE_ECDH_USE
        SSL_CTX_set_options(context, options)
        CSwitchboardShims_SSL_CTX_set_read_ahead(context, 0)
        CSwitchboardShims_SSL_CTX_set_session_cache_mode(context, Int(SSL_SESS_CACHE_OFF))
        guard SSL_CTX_set_cipher_list(context, cipherList) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_set_cipher_list")
        }
        guard CSwitchboardShims_SSL_CTX_set1_groups_list(context, groupList) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_set1_groups_list(\(groupList))")
        }
        let certificate = configuration.certificate
        guard SSL_CTX_use_certificate(context, certificate.x509) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_use_certificate")
        }
        guard SSL_CTX_use_PrivateKey(context, certificate.privateKey) == 1, SSL_CTX_check_private_key(context) == 1 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_use_PrivateKey")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        SSL_CTX_set_cert_verify_callback(context, HandshakeCallbacks.verifyCallback, nil)
        let profiles = configuration.srtpProfiles.map(\.openSSLName).joined(separator: ":")
        // Unlike nearly every other OpenSSL call, this one returns 0 on success.
        guard SSL_CTX_set_tlsext_use_srtp(context, profiles) == 0 else {
            throw OpenSSLErrorQueue.failure("SSL_CTX_set_tlsext_use_srtp(\(profiles))")
        }
    }
}

extension SRTPProfile {
    /// The name OpenSSL's `SSL_CTX_set_tlsext_use_srtp` accepts, which for the AES-CM profiles
    /// is not the IANA name (`SRTP_AES128_CM_SHA1_80`, not `SRTP_AES128_CM_HMAC_SHA1_80`).
    var openSSLName: String {
        switch self {
        case .aes128CmHmacSha1_80: "SRTP_AES128_CM_SHA1_80"
        case .aes128CmHmacSha1_32: "SRTP_AES128_CM_SHA1_32"
        case .aeadAes128Gcm: "SRTP_AEAD_AES_128_GCM"
        case .aeadAes256Gcm: "SRTP_AEAD_AES_256_GCM"
        }
    }
}
