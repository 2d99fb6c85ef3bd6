import DTLS
import Foundation
import SRTP
import Testing

/// close_notify between our endpoint and an independent DTLS implementation, the `openssl`
/// tool, over real UDP on 127.0.0.1: what the server does to each peer transport when it shuts
/// down. Bounded to 10 s each.
@Suite("close_notify with openssl s_server / s_client")
struct DTLSCloseNotifyTests {
    static let timeLimit: UInt64 = 10_000_000_000

    /// Moves datagrams between `endpoint` and the peer at `address` until `done` holds or the
    /// time limit passes; true when `done` held.
    static func pump(_ endpoint: DTLSEndpoint, _ socket: UDPSocket, peer address: inout sockaddr_in?, until done: () -> Bool)
        -> Bool
    {
        let start = monotonicNanoseconds()
        while monotonicNanoseconds() - start < timeLimit {
            if let address {
                while let datagram = endpoint.pollTransmit() { socket.send(datagram, to: address) }
            }
            if done() { return true }
            if let (datagram, sender) = socket.receive(waiting: 20) {
                address = sender
                datagram.withUnsafeBytes { endpoint.handleDatagram($0, now: monotonicNanoseconds()) }
            }
            endpoint.handleTimeout(now: monotonicNanoseconds())
        }
        return done()
    }

    /// Polls `condition` for up to the time limit.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let start = monotonicNanoseconds()
        while !condition(), monotonicNanoseconds() - start < timeLimit { Thread.sleep(forTimeInterval: 0.02) }
        return condition()
    }

    @Test("our client closes: openssl s_server reads close_notify (prints DONE) only after our close")
    func clientCloses() throws {
        let peer = try OpenSSLPeer()
        defer { peer.stop() }
        try peer.start("s_server", profile: .aeadAes128Gcm, ["-accept", "127.0.0.1:0", "-naccept", "1"])
        var port: UInt16?
        #expect(Self.eventually {
            port = peer.output.split(separator: "\n").first { $0.hasPrefix("ACCEPT ") }
                .flatMap { $0.split(separator: ":").last }.flatMap { UInt16($0) }
            return port != nil
        })
        var address: sockaddr_in? = UDPSocket.loopback(port: try #require(port, "s_server did not start: \(peer.output)"))
        let socket = try UDPSocket()
        let endpoint = try DTLSEndpoint(
            context: try DTLSContext(configuration: DTLSConfiguration(certificate: DTLSCertificate.selfSigned())), role: .client,
            remoteFingerprints: [DTLSFingerprint(sdpValue: peer.fingerprint())])
        endpoint.start(now: monotonicNanoseconds())
        #expect(Self.pump(endpoint, socket, peer: &address) { endpoint.state == .connected && peer.exportedKeyingMaterial != nil },
                "no handshake: \(peer.output)")
        try endpoint.send(Array("still here\n".utf8))
        #expect(Self.pump(endpoint, socket, peer: &address) { peer.output.contains("still here") })
        #expect(!peer.output.contains("DONE"), "s_server saw an end before ours: \(peer.output)")

        endpoint.close()
        #expect(endpoint.state == .closed)
        var sent = 0
        while let datagram = endpoint.pollTransmit(), let address {
            socket.send(datagram, to: address)
            sent += 1
        }
        #expect(sent == 1, "one close_notify record")
        #expect(Self.eventually { peer.output.contains("DONE") }, "s_server never read close_notify: \(peer.output)")
    }

    @Test("our server closes: openssl s_client reads close_notify (prints closed)")
    func serverCloses() throws {
        let socket = try UDPSocket()
        let peer = try OpenSSLPeer()
        defer { peer.stop() }
        let endpoint = try DTLSEndpoint(
            context: try DTLSContext(configuration: DTLSConfiguration(certificate: DTLSCertificate.selfSigned())), role: .server,
            remoteFingerprints: [DTLSFingerprint(sdpValue: peer.fingerprint())])
        endpoint.start(now: monotonicNanoseconds())
        try peer.start("s_client", profile: .aes128CmHmacSha1_80, ["-connect", "127.0.0.1:\(socket.localPort)"])
        var address: sockaddr_in?
        #expect(Self.pump(endpoint, socket, peer: &address) { endpoint.state == .connected && peer.exportedKeyingMaterial != nil },
                "no handshake: \(peer.output)")
        #expect(!peer.output.contains("closed"))

        endpoint.close()
        let client = try #require(address)
        var sent = 0
        while let datagram = endpoint.pollTransmit() {
            socket.send(datagram, to: client)
            sent += 1
        }
        #expect(sent == 1, "one close_notify record")
        #expect(Self.eventually { peer.output.contains("closed") }, "s_client never read close_notify: \(peer.output)")
    }
}
