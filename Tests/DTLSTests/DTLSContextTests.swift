import DTLS
import SRTP
import Testing

@Suite("Context configuration and library facts")
struct DTLSContextTests {
    @Test("the library reports OpenSSL 3")
    func version() {
        #expect(OpenSSLLibrary.version.hasPrefix("OpenSSL 3."))
        #expect(OpenSSLLibrary.headerVersionNumber >> 28 == 3)
    }

    @Test("the context's fingerprint is its certificate's")
    func localFingerprint() throws {
        let certificate = try DTLSCertificate.selfSigned()
        let context = try DTLSContext(configuration: DTLSConfiguration(certificate: certificate))
        #expect(context.localFingerprint == certificate.sha256Fingerprint)
        #expect(context.configuration.srtpProfiles == [.aeadAes128Gcm, .aeadAes256Gcm, .aes128CmHmacSha1_80, .aes128CmHmacSha1_32])
        #expect(context.configuration.mtu == 1200)
    }

    @Test("unusable configurations are refused", arguments: [
        BadConfiguration(profiles: [], mtu: 1200, timeout: 1_000_000_000),
        BadConfiguration(profiles: [.aeadAes128Gcm, .aeadAes128Gcm], mtu: 1200, timeout: 1_000_000_000),
        BadConfiguration(profiles: [.aeadAes128Gcm], mtu: 255, timeout: 1_000_000_000),
        BadConfiguration(profiles: [.aeadAes128Gcm], mtu: 65_508, timeout: 1_000_000_000),
        BadConfiguration(profiles: [.aeadAes128Gcm], mtu: 1200, timeout: 999_999),
        BadConfiguration(profiles: [.aeadAes128Gcm], mtu: 1200, timeout: 60_000_000_001),
    ])
    func refused(_ bad: BadConfiguration) throws {
        let configuration = DTLSConfiguration(
            certificate: try DTLSCertificate.selfSigned(), srtpProfiles: bad.profiles, mtu: bad.mtu,
            initialRetransmissionTimeout: bad.timeout)
        let error = #expect(throws: DTLSError.self) { try DTLSContext(configuration: configuration) }
        guard case .invalidConfiguration = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }
}

struct BadConfiguration: Sendable, CustomTestStringConvertible {
    let profiles: [SRTPProfile]
    let mtu: Int
    let timeout: UInt64

    var testDescription: String { "profiles \(profiles), MTU \(mtu), timeout \(timeout) ns" }
}
