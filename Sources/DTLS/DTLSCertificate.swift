internal import COpenSSL
internal import CSwitchboardShims

/// The certificate and private key this server presents in every DTLS handshake.
///
/// Made at start-up (`selfSigned`: ECDSA P-256, random serial, SHA-256 signature) or loaded
/// from PEM. WebRTC peers authenticate it only by the fingerprint in our SDP, so no CA is
/// involved.
///
/// Invariants: the `X509` and `EVP_PKEY` handles stay valid until `deinit` frees them, the key
/// is the certificate's (checked at creation), and neither is modified after `init`, so one
/// certificate may be shared by every context and thread (`@unchecked Sendable`).
public final class DTLSCertificate: @unchecked Sendable {
    /// How far before its creation a self-signed certificate becomes valid (tolerates peers
    /// whose clocks lag).
    public static let backdating: Int = 30 * 24 * 3600
    /// How long after its creation a self-signed certificate stays valid.
    public static let lifetime: Int = 365 * 24 * 3600

    let x509: OpaquePointer
    let privateKey: OpaquePointer

    /// The SHA-256 fingerprint that goes into our SDP's `a=fingerprint`.
    public let sha256Fingerprint: DTLSFingerprint

    private init(x509: OpaquePointer, privateKey: OpaquePointer, sha256Fingerprint: DTLSFingerprint) {
        self.x509 = x509
        self.privateKey = privateKey
        self.sha256Fingerprint = sha256Fingerprint
    }

    /// Takes ownership of both handles: checks that the key is the certificate's and computes
    /// the SHA-256 fingerprint, freeing both handles when either fails.
    private convenience init(taking x509: OpaquePointer, privateKey: OpaquePointer) throws(DTLSError) {
        let fingerprint: DTLSFingerprint
        do throws(DTLSError) {
            guard X509_check_private_key(x509, privateKey) == 1 else {
                throw OpenSSLErrorQueue.failure("X509_check_private_key (the key does not belong to the certificate)")
            }
            fingerprint = try Self.fingerprint(of: x509, .sha256)
        } catch {
            X509_free(x509)
            EVP_PKEY_free(privateKey)
            throw error
        }
        self.init(x509: x509, privateKey: privateKey, sha256Fingerprint: fingerprint)
    }

    deinit {
        X509_free(x509)
        EVP_PKEY_free(privateKey)
    }

    /// A new ECDSA P-256 key and a self-signed certificate for it, named `commonName`, valid
    /// from `backdating` before now to `lifetime` after (OpenSSL reads the system clock here:
    /// certificate validity is calendar time, not protocol time).
    public static func selfSigned(commonName: String = "switchboard") throws(DTLSError) -> DTLSCertificate {
        guard let key = CSwitchboardShims_EVP_EC_gen("P-256") else {
            throw OpenSSLErrorQueue.failure("EVP_EC_gen(P-256)")
        }
        guard let x509 = X509_new() else {
            EVP_PKEY_free(key)
            throw OpenSSLErrorQueue.failure("X509_new")
        }
        do {
            try fillSelfSigned(x509, key: key, commonName: commonName)
        } catch {
            X509_free(x509)
            EVP_PKEY_free(key)
            throw error
        }
        return try DTLSCertificate(taking: x509, privateKey: key)
    }

    /// Loads a certificate and its private key from PEM text (the key unencrypted, any type
    /// OpenSSL reads: PKCS#8, SEC1 EC or PKCS#1 RSA).
    public convenience init(certificatePEM: String, privateKeyPEM: String) throws(DTLSError) {
        let x509 = try Self.readPEM("PEM_read_bio_X509", certificatePEM) { PEM_read_bio_X509($0, nil, nil, nil) }
        let key: OpaquePointer
        do {
            key = try Self.readPEM("PEM_read_bio_PrivateKey", privateKeyPEM) { PEM_read_bio_PrivateKey($0, nil, nil, nil) }
        } catch {
            X509_free(x509)
            throw error
        }
        try self.init(taking: x509, privateKey: key)
    }

    /// Loads a certificate and its private key from PEM files.
    public convenience init(certificateFile: String, privateKeyFile: String) throws(DTLSError) {
        let x509 = try Self.readPEMFile("PEM_read_bio_X509", certificateFile) { PEM_read_bio_X509($0, nil, nil, nil) }
        let key: OpaquePointer
        do {
            key = try Self.readPEMFile("PEM_read_bio_PrivateKey", privateKeyFile) {
                PEM_read_bio_PrivateKey($0, nil, nil, nil)
            }
        } catch {
            X509_free(x509)
            throw error
        }
        try self.init(taking: x509, privateKey: key)
    }

    /// The certificate as PEM (`-----BEGIN CERTIFICATE-----`).
    public func certificatePEM() throws(DTLSError) -> String {
        try Self.writePEM("PEM_write_bio_X509") { PEM_write_bio_X509($0, x509) }
    }

    /// The private key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). Secret.
    public func privateKeyPEM() throws(DTLSError) -> String {
        try Self.writePEM("PEM_write_bio_PrivateKey") { PEM_write_bio_PrivateKey($0, privateKey, nil, nil, 0, nil, nil) }
    }

    /// This certificate's fingerprint with `algorithm`.
    public func fingerprint(_ algorithm: DTLSFingerprint.Algorithm) throws(DTLSError) -> DTLSFingerprint {
        try Self.fingerprint(of: x509, algorithm)
    }

    /// The fingerprint of any certificate handle (ours, or a peer's during the handshake).
    static func fingerprint(of x509: OpaquePointer, _ algorithm: DTLSFingerprint.Algorithm) throws(DTLSError) -> DTLSFingerprint {
        let digestType: OpaquePointer? = switch algorithm {
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(x509, digestType, &digest, &length) == 1 else {
            throw OpenSSLErrorQueue.failure("X509_digest(\(algorithm.sdpName))")
        }
        return try DTLSFingerprint(algorithm: algorithm, digest: Array(digest.prefix(Int(length))))
    }

    // MARK: - Self-signed certificate

    private static func fillSelfSigned(_ x509: OpaquePointer, key: OpaquePointer, commonName: String) throws(DTLSError) {
        // X509_VERSION_3 is 2 (the field counts from zero).
        guard X509_set_version(x509, 2) == 1 else { throw OpenSSLErrorQueue.failure("X509_set_version") }
        var serial: UInt64 = 0
        let random = withUnsafeMutableBytes(of: &serial) { RAND_bytes($0.baseAddress, Int32($0.count)) }
        guard random == 1 else { throw OpenSSLErrorQueue.failure("RAND_bytes") }
        // A positive, non-zero serial (RFC 5280 §4.1.2.2).
        serial = (serial >> 1) | 1
        guard ASN1_INTEGER_set_uint64(X509_get_serialNumber(x509), serial) == 1 else {
            throw OpenSSLErrorQueue.failure("ASN1_INTEGER_set_uint64")
        }
        guard X509_gmtime_adj(X509_getm_notBefore(x509), -backdating) != nil,
              X509_gmtime_adj(X509_getm_notAfter(x509), lifetime) != nil
        else { throw OpenSSLErrorQueue.failure("X509_gmtime_adj") }
        guard X509_set_pubkey(x509, key) == 1 else { throw OpenSSLErrorQueue.failure("X509_set_pubkey") }
        let name = X509_get_subject_name(x509)
        let added = X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0)
        guard added == 1 else { throw OpenSSLErrorQueue.failure("X509_NAME_add_entry_by_txt(CN=\(commonName))") }
        guard X509_set_issuer_name(x509, name) == 1 else { throw OpenSSLErrorQueue.failure("X509_set_issuer_name") }
        guard X509_sign(x509, key, EVP_sha256()) > 0 else { throw OpenSSLErrorQueue.failure("X509_sign") }
    }

    // MARK: - PEM through memory and file BIOs

    private static func readPEM(
        _ operation: String,
        _ text: String,
        _ read: (OpaquePointer) -> OpaquePointer?
    ) throws(DTLSError) -> OpaquePointer {
        var bytes = Array(text.utf8)
        let result: OpaquePointer? = bytes.withUnsafeMutableBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(clamping: buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return read(bio)
        }
        guard let result else { throw OpenSSLErrorQueue.failure(operation) }
        return result
    }

    private static func readPEMFile(
        _ operation: String,
        _ path: String,
        _ read: (OpaquePointer) -> OpaquePointer?
    ) throws(DTLSError) -> OpaquePointer {
        guard let bio = BIO_new_file(path, "r") else { throw OpenSSLErrorQueue.failure("BIO_new_file(\(path))") }
        defer { BIO_free(bio) }
        guard let result = read(bio) else { throw OpenSSLErrorQueue.failure("\(operation)(\(path))") }
        return result
    }

    private static func writePEM(_ operation: String, _ write: (OpaquePointer) -> Int32) throws(DTLSError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLErrorQueue.failure("BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw OpenSSLErrorQueue.failure(operation) }
        var data: UnsafeMutablePointer<CChar>?
        let length = CSwitchboardShims_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { throw OpenSSLErrorQueue.failure("BIO_get_mem_data") }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }
}
