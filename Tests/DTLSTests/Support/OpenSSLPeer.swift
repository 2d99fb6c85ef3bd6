import Foundation
import SRTP
import Testing

/// `openssl s_server` or `s_client` running as an independent DTLS 1.2 peer on 127.0.0.1,
/// its output collected in a file. Its standard input stays open (EOF would end the session)
/// and carries lines it sends as application data.
final class OpenSSLPeer {
    let directory: TemporaryDirectory
    let certificateFile: String
    let keyFile: String
    private var process: Process?
    private let input = Pipe()

    /// Makes an ECDSA P-256 certificate and key with the openssl tool, independently of `DTLS`.
    init() throws {
        directory = try TemporaryDirectory()
        keyFile = directory.path("peer-key.pem")
        certificateFile = directory.path("peer-certificate.pem")
        _ = try OpenSSLCommand.run(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyFile])
        _ = try OpenSSLCommand.run([
            "req", "-new", "-x509", "-key", keyFile, "-out", certificateFile, "-subj", "/CN=openssl-peer", "-days", "2",
        ])
    }

    deinit {
        stop()
        directory.remove()
    }

    /// The SDP value for the peer's certificate, as the openssl tool computes it.
    func fingerprint() throws -> String {
        let line = try OpenSSLCommand.run(["x509", "-noout", "-fingerprint", "-sha256", "-in", certificateFile])
        let hex = try #require(line.split(separator: "=").last).trimmingCharacters(in: .whitespacesAndNewlines)
        return "sha-256 \(hex)"
    }

    /// OpenSSL's name for a profile in `-use_srtp`.
    static func openSSLName(_ profile: SRTPProfile) -> String {
        switch profile {
        case .aes128CmHmacSha1_80: "SRTP_AES128_CM_SHA1_80"
        case .aes128CmHmacSha1_32: "SRTP_AES128_CM_SHA1_32"
        case .aeadAes128Gcm: "SRTP_AEAD_AES_128_GCM"
        case .aeadAes256Gcm: "SRTP_AEAD_AES_256_GCM"
        }
    }

    /// Starts `openssl mode -dtls1_2 …` with DTLS-SRTP and the exporter set up for `profile`,
    /// plus `extra` arguments.
    func start(_ mode: String, profile: SRTPProfile, _ extra: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OpenSSLCommand.path)
        process.arguments = [
            mode, "-dtls1_2", "-use_srtp", Self.openSSLName(profile),
            "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "\(profile.keyingMaterialLength)",
            "-cert", certificateFile, "-key", keyFile,
        ] + extra
        let outputFile = directory.path("output.txt")
        try #require(FileManager.default.createFile(atPath: outputFile, contents: nil))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        self.process = process
    }

    var output: String {
        (try? String(contentsOfFile: directory.path("output.txt"), encoding: .utf8)) ?? ""
    }

    /// Sends a line to the peer's standard input, which it sends as application data.
    func type(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The hex after `Keying material: `, once printed.
    var exportedKeyingMaterial: [UInt8]? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Keying material: ") }),
              let hex = line.split(separator: " ").last
        else { return nil }
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0 else { return nil }
        return stride(from: 0, to: characters.count, by: 2).compactMap {
            UInt8(String(decoding: characters[$0..<$0 + 2], as: UTF8.self), radix: 16)
        }
    }

    /// Ends the peer with SIGKILL: a child spawned from a test thread inherits that thread's
    /// signal mask, in which SIGTERM (`Process.terminate`) is blocked.
    func stop() {
        try? input.fileHandleForWriting.close()
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
