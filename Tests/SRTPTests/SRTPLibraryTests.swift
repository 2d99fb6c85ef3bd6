import CSwitchboardShims
import SRTP
import TestSupport
import Testing

@Suite("libsrtp build and the allocation-free HMAC-SHA1")
struct SRTPLibraryTests {
    @Test("libsrtp uses OpenSSL for its ciphers")
    func backendIsOpenSSL() throws {
        try SRTPLibrary.initialize()
        let backend = SRTPLibrary.cryptoBackend
        #expect(
            backend == .openssl,
            backend == .nss
                ? "libsrtp2 is Debian's NSS build: run scripts/setup.sh, and build with PKG_CONFIG_PATH=.deps/libsrtp2-openssl/lib/pkgconfig (scripts/test.sh does)"
                : "libsrtp2 uses the \(backend) backend ('\(SRTPLibrary.cipherDescription)'), not OpenSSL: run scripts/setup.sh, and build with PKG_CONFIG_PATH=.deps/libsrtp2-openssl/lib/pkgconfig (scripts/test.sh does)")
    }

    /// The descriptions libsrtp 2.5's cipher files give `srtp_aes_icm_128`.
    @Test("the backend is read from libsrtp's AES-128 counter mode description", arguments: [
        ("AES-128 counter mode using openssl", SRTPCryptoBackend.openssl),
        ("AES-128 counter mode using NSS", .nss),
        ("AES-128 counter mode using mbedtls", .mbedtls),
        ("AES-128 integer counter mode", .builtIn),
        ("AES-256 counter mode using openssl", .unknown),
        ("", .unknown),
    ])
    func backendFromDescription(description: String, backend: SRTPCryptoBackend) {
        #expect(SRTPCryptoBackend(cipherDescription: description) == backend)
    }

    @Test("after initialisation libsrtp's HMAC-SHA1 is the replacement")
    func replacementIsInstalled() throws {
        try SRTPLibrary.initialize()
        #expect(CSwitchboardShims_srtp_hmac_sha1_is_installed() == 1)
    }

    static let rfc2202 = HMACTestVectors.rfc2202

    /// Full 160-bit tags, RFC 2202's 96-bit truncation, and SRTP's 80- and 32-bit tags.
    @Test("RFC 2202 known answers through libsrtp's auth harness", arguments: 0..<rfc2202.count, [20, 12, 10, 4])
    func knownAnswer(index: Int, tagLength: Int) throws {
        let (key, data, digestHex) = Self.rfc2202[index]
        let digest = try #require(Hex.decode(digestHex))
        let status = Self.check(key: key, data: data, tag: Array(digest.prefix(tagLength)))
        #expect(status == 0, "RFC 2202 case \(index + 1), \(tagLength)-byte tag: \(SRTPStatus(code: status))")
    }

    @Test("a wrong expected tag fails the harness", arguments: [0, 3, 9])
    func wrongTagFails(flippedByte: Int) throws {
        let (key, data, digestHex) = Self.rfc2202[0]
        var tag = Array(try #require(Hex.decode(digestHex)).prefix(10))
        tag[flippedByte] ^= 0x01
        #expect(Self.check(key: key, data: data, tag: tag) == 11, "srtp_err_status_algo_fail")
    }

    static func check(key: [UInt8], data: [UInt8], tag: [UInt8]) -> Int32 {
        key.withUnsafeBufferPointer { key in
            data.withUnsafeBufferPointer { data in
                tag.withUnsafeBufferPointer { tag in
                    CSwitchboardShims_srtp_hmac_sha1_test(
                        key.baseAddress, Int32(key.count), data.baseAddress, Int32(data.count),
                        tag.baseAddress, Int32(tag.count))
                }
            }
        }
    }
}
