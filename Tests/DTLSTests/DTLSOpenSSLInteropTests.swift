import DTLS
import Foundation
import SRTP
import Testing

/// Our sans-IO endpoint against the `openssl` command-line tool over real UDP on 127.0.0.1:
/// a DTLS implementation we did not configure, with its own exporter printing the DTLS-SRTP
/// keying material. Each test is bounded to 10 s.
@Suite("Interop with openssl s_server / s_client")
struct DTLSOpenSSLInteropTests {
    static let timeLimit: UInt64 = 10_000_000_000

    static func context() throws -> DTLSContext {
        try DTLSContext(configuration: DTLSConfiguration(certificate: DTLSCertificate.selfSigned()))
    }

    @Test("our client against openssl s_server: same keys, application data arrives",
          arguments: [SRTPProfile.aeadAes128Gcm, .aes128CmHmacSha1_80])
    func client(_ profile: SRTPProfile) throws {
        let peer = try OpenSSLPeer()
        defer { peer.stop() }
        try peer.start("s_server", profile: profile, ["-accept", "127.0.0.1:0", "-naccept", "1", "-verify", "1"])
        let start = monotonicNanoseconds()
        var port: UInt16?
        while port == nil, monotonicNanoseconds() - start < Self.timeLimit {
            port = peer.output.split(separator: "\n").first { $0.hasPrefix("ACCEPT ") }
                .flatMap { $0.split(separator: ":").last }.flatMap { UInt16($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        let serverAddress = UDPSocket.loopback(port: try #require(port, "s_server did not start: \(peer.output)"))

        let socket = try UDPSocket()
        let endpoint = try DTLSEndpoint(
            context: Self.context(), role: .client, remoteFingerprints: [DTLSFingerprint(sdpValue: peer.fingerprint())])
        endpoint.start(now: monotonicNanoseconds())
        var keys: SRTPKeyingMaterial?
        var sentGreeting = false
        while monotonicNanoseconds() - start < Self.timeLimit {
            while let datagram = endpoint.pollTransmit() { socket.send(datagram, to: serverAddress) }
            if let (datagram, _) = socket.receive(waiting: 20) {
                datagram.withUnsafeBytes { endpoint.handleDatagram($0, now: monotonicNanoseconds()) }
            }
            endpoint.handleTimeout(now: monotonicNanoseconds())
            while let event = endpoint.pollEvent() {
                switch event {
                case let .connected(keyingMaterial, _): keys = keyingMaterial
                case let .failed(error): Issue.record("failed: \(error)\n\(peer.output)")
                default: break
                }
            }
            if keys != nil, !sentGreeting {
                try endpoint.send(Array("hello from switchboard\n".utf8))
                sentGreeting = true
            }
            if sentGreeting, peer.exportedKeyingMaterial != nil, peer.output.contains("hello from switchboard") { break }
            if endpoint.state == .failed { break }
        }
        let ours = try #require(keys, "no handshake: \(peer.output)")
        let theirs = try #require(peer.exportedKeyingMaterial, "s_server printed no keying material: \(peer.output)")
        #expect(ours == (try SRTPKeyingMaterial(exported: theirs, profile: profile, role: .client)))
        #expect(peer.output.contains("hello from switchboard"))
        endpoint.close()
        while let datagram = endpoint.pollTransmit() { socket.send(datagram, to: serverAddress) }
    }

    @Test("openssl s_client against our server: same keys, application data arrives",
          arguments: [SRTPProfile.aeadAes256Gcm, .aes128CmHmacSha1_32])
    func server(_ profile: SRTPProfile) throws {
        let socket = try UDPSocket()
        let peer = try OpenSSLPeer()
        defer { peer.stop() }
        let endpoint = try DTLSEndpoint(
            context: Self.context(), role: .server, remoteFingerprints: [DTLSFingerprint(sdpValue: peer.fingerprint())])
        endpoint.start(now: monotonicNanoseconds())
        try peer.start("s_client", profile: profile, ["-connect", "127.0.0.1:\(socket.localPort)"])
        let start = monotonicNanoseconds()
        var client: sockaddr_in?
        var keys: SRTPKeyingMaterial?
        var received: [UInt8] = []
        var typed = false
        while monotonicNanoseconds() - start < Self.timeLimit {
            if let (datagram, sender) = socket.receive(waiting: 20) {
                client = sender
                datagram.withUnsafeBytes { endpoint.handleDatagram($0, now: monotonicNanoseconds()) }
            }
            endpoint.handleTimeout(now: monotonicNanoseconds())
            if let client {
                while let datagram = endpoint.pollTransmit() { socket.send(datagram, to: client) }
            }
            while let event = endpoint.pollEvent() {
                switch event {
                case let .connected(keyingMaterial, _): keys = keyingMaterial
                case let .applicationData(bytes): received += bytes
                case let .failed(error): Issue.record("failed: \(error)\n\(peer.output)")
                default: break
                }
            }
            if keys != nil, !typed, peer.exportedKeyingMaterial != nil {
                peer.type("ping from openssl")
                typed = true
            }
            if String(decoding: received, as: UTF8.self).contains("ping from openssl") { break }
            if endpoint.state == .failed { break }
        }
        let ours = try #require(keys, "no handshake: \(peer.output)")
        let theirs = try #require(peer.exportedKeyingMaterial, "s_client printed no keying material: \(peer.output)")
        #expect(ours == (try SRTPKeyingMaterial(exported: theirs, profile: profile, role: .server)))
        #expect(String(decoding: received, as: UTF8.self) == "ping from openssl\n")
    }
}
