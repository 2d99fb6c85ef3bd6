import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dtls.certificateFile` / `dtls.privateKeyFile`: the server uses the configured certificate
/// (checked against the fingerprint the `openssl` command computes on its own), and refuses
/// files that do not hold one with exit code 2.
@Suite("switchboard process: DTLS certificate from files")
struct DTLSCertificateFileTests {
    /// Runs `openssl` with `arguments`; its standard output.
    static func openssl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self)
    }

    @Test("a configured ECDSA P-256 certificate is the one whose fingerprint the server announces")
    func configuredCertificate() async throws {
        let config = try SwitchboardProcessTests.configFile("")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        let certificate = config.directory.appendingPathComponent("cert.pem").path
        let key = config.directory.appendingPathComponent("key.pem").path
        _ = try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "30",
            "-subj", "/CN=switchboard-test", "-keyout", key, "-out", certificate,
        ])
        // "sha256 Fingerprint=AB:CD:..." (upper-case hex, colon-separated, as in SDP).
        let printed = try Self.openssl(["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256"])
        let expected = try #require(printed.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(expected.count == 95)

        let server = try SwitchboardBinary.start(
            arguments: ["--config", config.path, "--http", "127.0.0.1:0"],
            environment: ["SWITCHBOARD_DTLS_CERTIFICATE_FILE": certificate, "SWITCHBOARD_DTLS_PRIVATE_KEY_FILE": key])
        _ = try await server.waitForLine(containing: SwitchboardProcessTests.readyMarker, timeout: .seconds(20))
        #expect(server.output.contains("media: DTLS fingerprint sha-256 \(expected)"), "output: \(server.output)")
        #expect(server.output.contains("config: dtls.certificateFile = \(certificate) (from environment variable SWITCHBOARD_DTLS_CERTIFICATE_FILE)"))
        server.send(SIGTERM)
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("without configured files every start makes a certificate of its own")
    func generatedCertificate() async throws {
        let config = try SwitchboardProcessTests.configFile("")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        var fingerprints: [String] = []
        for _ in 0..<2 {
            let server = try SwitchboardBinary.start(arguments: ["--config", config.path, "--http", "127.0.0.1:0"])
            _ = try await server.waitForLine(containing: SwitchboardProcessTests.readyMarker, timeout: .seconds(20))
            let line = server.output.split(separator: "\n").first { $0.contains("media: DTLS fingerprint sha-256 ") }
            fingerprints.append(try #require(line.map(String.init)))
            server.send(SIGTERM)
            #expect(try await server.waitForExit(timeout: .seconds(10)) == 0)
        }
        #expect(fingerprints[0] != fingerprints[1])
    }

    @Test("files that hold no PEM certificate and key stop start-up with exit 2")
    func unusableFiles() async throws {
        let config = try SwitchboardProcessTests.configFile("")
        defer { try? FileManager.default.removeItem(at: config.directory) }
        let certificate = config.directory.appendingPathComponent("cert.pem").path
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: certificate))
        let server = try SwitchboardBinary.start(
            arguments: ["--config", config.path, "--http", "127.0.0.1:0"],
            environment: ["SWITCHBOARD_DTLS_CERTIFICATE_FILE": certificate, "SWITCHBOARD_DTLS_PRIVATE_KEY_FILE": certificate])
        #expect(try await server.waitForExit(timeout: .seconds(10)) == 2)
        #expect(server.errorOutput.contains("config error: dtls.certificateFile \"\(certificate)\""), "stderr: \(server.errorOutput)")
        #expect(!server.output.contains(SwitchboardProcessTests.readyMarker))
    }
}
