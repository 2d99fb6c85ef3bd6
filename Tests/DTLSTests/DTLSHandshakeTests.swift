import DTLS
import SRTP
import Testing

@Suite("DTLS-SRTP handshake in memory")
struct DTLSHandshakeTests {
    @Test("client and server connect with complementary keys that really protect RTP")
    func handshakeExportsWorkingKeys() throws {
        let pair = try EndpointPair()
        pair.run()
        #expect(pair.client.state == .connected)
        #expect(pair.server.state == .connected)
        let clientKeys = try #require(pair.clientKeys)
        let serverKeys = try #require(pair.serverKeys)
        #expect(clientKeys.profile == .aeadAes128Gcm)
        #expect(serverKeys.profile == .aeadAes128Gcm)
        #expect(clientKeys.local == serverKeys.remote)
        #expect(clientKeys.remote == serverKeys.local)
        #expect(clientKeys.local != clientKeys.remote)

        let clientSRTP = try SRTPSession(keyingMaterial: clientKeys)
        let serverSRTP = try SRTPSession(keyingMaterial: serverKeys)
        try expectRoundTrip(from: clientSRTP, to: serverSRTP, profile: clientKeys.profile)
        try expectRoundTrip(from: serverSRTP, to: clientSRTP, profile: clientKeys.profile)
    }

    @Test("each side reports the other's certificate fingerprint")
    func peerFingerprints() throws {
        let pair = try EndpointPair()
        pair.run()
        var clientSaw: DTLSFingerprint?
        for case let .connected(_, fingerprint) in pair.clientEvents { clientSaw = fingerprint }
        var serverSaw: DTLSFingerprint?
        for case let .connected(_, fingerprint) in pair.serverEvents { serverSaw = fingerprint }
        #expect(clientSaw == pair.serverCertificate.sha256Fingerprint)
        #expect(serverSaw == pair.clientCertificate.sha256Fingerprint)
    }

    @Test("the cipher suite has its IANA name and the version is DTLS 1.2's wire value, on both sides")
    func cipherSuiteAndVersion() throws {
        let pair = try EndpointPair()
        #expect(pair.client.cipherSuite == nil)
        #expect(pair.client.protocolVersion == nil)
        pair.run()
        // RFC 8422 §6 names suite {0xC0,0x2B}; RFC 6347 §4.1 gives DTLS 1.2 as {254, 253}.
        for endpoint in [pair.client, pair.server] {
            #expect(endpoint.cipherSuite == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
            #expect(endpoint.protocolVersion == 0xFEFD)
        }
    }

    @Test("the server picks the first of its own profiles that the client offers", arguments: ProfileCase.all)
    func profilePreference(_ preference: ProfileCase) throws {
        let pair = try EndpointPair(clientProfiles: preference.client, serverProfiles: preference.server)
        pair.run()
        let expected = try #require(preference.server.first(where: preference.client.contains))
        #expect(pair.clientKeys?.profile == expected)
        #expect(pair.serverKeys?.profile == expected)
        let clientKeys = try #require(pair.clientKeys)
        let serverKeys = try #require(pair.serverKeys)
        try expectRoundTrip(
            from: SRTPSession(keyingMaterial: clientKeys), to: SRTPSession(keyingMaterial: serverKeys), profile: expected)
    }

    @Test("no SRTP profile in common: both sides fail and neither exports keys")
    func noCommonProfile() throws {
        let pair = try EndpointPair(clientProfiles: [.aes128CmHmacSha1_80], serverProfiles: [.aeadAes128Gcm])
        pair.run()
        #expect(pair.clientKeys == nil)
        #expect(pair.serverKeys == nil)
        #expect(EndpointPair.failure(in: pair.clientEvents) == .srtpNotNegotiated)
        #expect(EndpointPair.failure(in: pair.serverEvents) == .srtpNotNegotiated)
    }

    @Test("a full handshake is ClientHello then three flights, alternating")
    func flights() throws {
        let pair = try EndpointPair()
        pair.run()
        var flights: [EndpointPair.Direction] = []
        for (direction, _) in pair.sent where flights.last != direction {
            flights.append(direction)
        }
        #expect(flights == [.clientToServer, .serverToClient, .clientToServer, .serverToClient])
    }

    private func expectRoundTrip(from sender: SRTPSession, to receiver: SRTPSession, profile: SRTPProfile) throws {
        let plain: [UInt8] = [0x80, 0x60, 0x12, 0x34, 0, 0, 0x03, 0xE8, 0xCA, 0xFE, 0xBA, 0xBE]
            + (0..<160).map { UInt8(truncatingIfNeeded: $0 &* 3) }
        var buffer = [UInt8](repeating: 0, count: plain.count + profile.rtpTrailerLength)
        buffer.replaceSubrange(0..<plain.count, with: plain)
        let protected = buffer.withUnsafeMutableBytes { sender.protectRTP($0, length: plain.count) }
        #expect(protected == .ok(length: plain.count + profile.rtpTrailerLength))
        #expect(Array(buffer[12..<plain.count]) != Array(plain[12...]))
        let unprotected = buffer.withUnsafeMutableBytes { receiver.unprotectRTP($0, length: plain.count + profile.rtpTrailerLength) }
        #expect(unprotected == .ok(length: plain.count))
        #expect(Array(buffer.prefix(plain.count)) == plain)
    }
}

/// One client and one server SRTP profile preference list.
struct ProfileCase: Sendable, CustomTestStringConvertible {
    let client: [SRTPProfile]
    let server: [SRTPProfile]

    var testDescription: String { "client \(client) / server \(server)" }

    /// Every profile as the server's favourite against a client listing all of them in the
    /// opposite order, every profile alone on both sides, and partial overlaps.
    static let all: [ProfileCase] = {
        let profiles = DTLSConfiguration.defaultSRTPProfiles
        var cases: [ProfileCase] = []
        for (index, favourite) in profiles.enumerated() {
            var server = profiles
            server.swapAt(0, index)
            cases.append(ProfileCase(client: server.reversed(), server: server))
            cases.append(ProfileCase(client: [favourite], server: [favourite]))
        }
        cases.append(ProfileCase(client: [.aes128CmHmacSha1_32, .aeadAes256Gcm], server: profiles))
        cases.append(ProfileCase(client: profiles, server: [.aes128CmHmacSha1_80, .aes128CmHmacSha1_32]))
        cases.append(ProfileCase(client: [.aes128CmHmacSha1_80], server: profiles.reversed()))
        return cases
    }()
}
