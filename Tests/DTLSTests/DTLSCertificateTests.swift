import DTLS
import Foundation
import Testing

@Suite("Certificates: self-signed and PEM")
struct DTLSCertificateTests {
    @Test("a self-signed certificate is ECDSA P-256, CN as given, valid 30 days back to a year ahead")
    func selfSigned() throws {
        let certificate = try DTLSCertificate.selfSigned(commonName: "switchboard-test")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write(certificate.certificatePEM(), to: "certificate.pem")
        let text = try OpenSSLCommand.run(["x509", "-noout", "-text", "-in", file])
        #expect(text.contains("Subject: CN = switchboard-test"))
        #expect(text.contains("Issuer: CN = switchboard-test"))
        #expect(text.contains("ecdsa-with-SHA256"))
        #expect(text.contains("NIST CURVE: P-256"))
        let dates = try OpenSSLCommand.run(["x509", "-noout", "-dates", "-in", file])
        let notBefore = try #require(Self.date(after: "notBefore=", in: dates))
        let notAfter = try #require(Self.date(after: "notAfter=", in: dates))
        let day: TimeInterval = 86_400
        #expect(abs(notBefore.timeIntervalSinceNow + 30 * day) < day)
        #expect(abs(notAfter.timeIntervalSinceNow - 365 * day) < day)
    }

    /// Parses `openssl x509 -dates` output such as `notAfter=Nov  2 15:08:00 2027 GMT`.
    static func date(after prefix: String, in text: String) -> Date? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        let value = line.dropFirst(prefix.count).split(separator: " ").joined(separator: " ")
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy zzz"
        return formatter.date(from: value)
    }

    @Test("two self-signed certificates differ (fresh key and serial)")
    func fresh() throws {
        let first = try DTLSCertificate.selfSigned()
        let second = try DTLSCertificate.selfSigned()
        #expect(first.sha256Fingerprint != second.sha256Fingerprint)
        #expect(try first.privateKeyPEM() != second.privateKeyPEM())
    }

    @Test("PEM text round trip keeps the certificate and key")
    func pemRoundTrip() throws {
        let original = try DTLSCertificate.selfSigned()
        let certificatePEM = try original.certificatePEM()
        let keyPEM = try original.privateKeyPEM()
        #expect(certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(keyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let loaded = try DTLSCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM)
        #expect(loaded.sha256Fingerprint == original.sha256Fingerprint)
        #expect(try loaded.certificatePEM() == certificatePEM)
        #expect(try loaded.privateKeyPEM() == keyPEM)
    }

    @Test("PEM files made by the openssl tool load, and a handshake works with them")
    func pemFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyFile = directory.path("key.pem"), certificateFile = directory.path("certificate.pem")
        _ = try OpenSSLCommand.run(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyFile])
        _ = try OpenSSLCommand.run([
            "req", "-new", "-x509", "-key", keyFile, "-out", certificateFile, "-subj", "/CN=from-file", "-days", "2",
        ])
        let certificate = try DTLSCertificate(certificateFile: certificateFile, privateKeyFile: keyFile)
        let line = try OpenSSLCommand.run(["x509", "-noout", "-fingerprint", "-sha256", "-in", certificateFile])
        let hex = try #require(line.split(separator: "=").last).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(certificate.sha256Fingerprint.sdpValue == "sha-256 \(hex)")
        _ = try DTLSContext(configuration: DTLSConfiguration(certificate: certificate))
    }

    @Test("a key that is not the certificate's is refused with OpenSSL's reason")
    func mismatchedKey() throws {
        let first = try DTLSCertificate.selfSigned()
        let second = try DTLSCertificate.selfSigned()
        let error = #expect(throws: DTLSError.self) {
            try DTLSCertificate(certificatePEM: first.certificatePEM(), privateKeyPEM: second.privateKeyPEM())
        }
        guard case let .openSSL(operation, reasons) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(operation.hasPrefix("X509_check_private_key"))
        #expect(reasons.contains { $0.contains("key values mismatch") })
    }

    @Test("garbage PEM fails with the error queue's text, and each failure reports only its own reasons")
    func garbage() throws {
        let valid = try DTLSCertificate.selfSigned()
        let first = #expect(throws: DTLSError.self) {
            try DTLSCertificate(certificatePEM: "not a certificate", privateKeyPEM: valid.privateKeyPEM())
        }
        let second = #expect(throws: DTLSError.self) {
            try DTLSCertificate(certificatePEM: valid.certificatePEM(), privateKeyPEM: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        }
        guard case let .openSSL(firstOperation, firstReasons) = first,
              case let .openSSL(secondOperation, secondReasons) = second
        else {
            Issue.record("unexpected errors \(String(describing: first)), \(String(describing: second))")
            return
        }
        #expect(firstOperation == "PEM_read_bio_X509")
        #expect(firstReasons.contains { $0.contains("no start line") })
        #expect(secondOperation == "PEM_read_bio_PrivateKey")
        #expect(!secondReasons.isEmpty)
        #expect(!secondReasons.contains { $0.contains("no start line") }, "the first failure's reasons were drained")
    }

    @Test("a missing file is reported with its path")
    func missingFile() {
        let error = #expect(throws: DTLSError.self) {
            try DTLSCertificate(certificateFile: "/nonexistent/certificate.pem", privateKeyFile: "/nonexistent/key.pem")
        }
        #expect(error?.description.contains("/nonexistent/certificate.pem") == true)
    }
}
