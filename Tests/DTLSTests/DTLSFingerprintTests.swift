import DTLS
import Testing

@Suite("Certificate fingerprints for SDP")
struct DTLSFingerprintTests {
    @Test("fingerprints equal what the openssl tool computes over the same certificate",
          arguments: DTLSFingerprint.Algorithm.allCases)
    func matchesOpenSSLTool(_ algorithm: DTLSFingerprint.Algorithm) throws {
        let certificate = try DTLSCertificate.selfSigned()
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write(certificate.certificatePEM(), to: "certificate.pem")
        let digestOption = "-" + algorithm.sdpName.replacingOccurrences(of: "-", with: "")
        // Prints e.g. "sha256 Fingerprint=AB:CD:…" (the prefix's case varies between versions).
        let line = try OpenSSLCommand.run(["x509", "-noout", "-fingerprint", digestOption, "-in", file])
        let hex = try #require(line.split(separator: "=").last).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try certificate.fingerprint(algorithm).sdpValue == "\(algorithm.sdpName) \(hex)")
    }

    @Test("sdpValue is the algorithm, a space, and upper-case hex pairs joined by colons")
    func format() throws {
        let fingerprint = try DTLSFingerprint(algorithm: .sha256, digest: Array(0..<32).map { UInt8($0 * 8 + 5) })
        #expect(fingerprint.sdpValue == "sha-256 05:0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:"
            + "85:8D:95:9D:A5:AD:B5:BD:C5:CD:D5:DD:E5:ED:F5:FD")
        #expect(fingerprint.description == fingerprint.sdpValue)
        let certificate = try DTLSCertificate.selfSigned()
        let value = certificate.sha256Fingerprint.sdpValue
        #expect(value.hasPrefix("sha-256 "))
        #expect(value.count == "sha-256 ".count + 32 * 3 - 1)
        #expect(value.dropFirst(8).allSatisfy { "0123456789ABCDEF:".contains($0) })
    }

    @Test("parsing accepts what browsers write and round-trips", arguments: DTLSFingerprint.Algorithm.allCases)
    func parse(_ algorithm: DTLSFingerprint.Algorithm) throws {
        let fingerprint = try DTLSCertificate.selfSigned().fingerprint(algorithm)
        #expect(try DTLSFingerprint(sdpValue: fingerprint.sdpValue) == fingerprint)
        #expect(try DTLSFingerprint(sdpValue: fingerprint.sdpValue.lowercased()) == fingerprint)
        #expect(try DTLSFingerprint(sdpValue: fingerprint.sdpValue.uppercased()) == fingerprint)
    }

    static func pairs(_ count: Int, _ pair: String = "AB", separator: String = ":") -> String {
        Array(repeating: pair, count: count).joined(separator: separator)
    }

    static let malformed: [String] = [
        "", "sha-256", "sha-256 ", "AB:CD", "md5 AB:CD", "sha-1 " + pairs(20),
        "sha-256 " + pairs(31), "sha-256 " + pairs(33), "sha-256 " + pairs(31) + ":+F", "sha-256 " + pairs(31) + ":G0",
        "sha-256 " + pairs(32, "ABC"), "sha-256 " + pairs(32) + ":", "sha-256 " + pairs(32, separator: "-"),
        "sha-256 " + pairs(32) + " extra",
    ]

    @Test("parsing refuses malformed values", arguments: malformed)
    func refuses(_ text: String) {
        #expect(throws: DTLSError.self) { try DTLSFingerprint(sdpValue: text) }
    }

    @Test("a digest of the wrong length is refused")
    func wrongLength() {
        #expect(throws: DTLSError.invalidFingerprint("a sha-384 digest has 48 bytes, got 32")) {
            try DTLSFingerprint(algorithm: .sha384, digest: Array(repeating: 1, count: 32))
        }
    }
}
