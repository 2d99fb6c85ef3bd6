import DTLS
import ICE
import RTCWire
import SDP
import SFUCore
import SRTP
import Testing

/// A publisher played in memory: its ICE checks and its DTLS client endpoint drive a
/// `TransportTable` holding one `PeerTransport`, on simulated time.
@Suite("PeerTransport and TransportTable: ICE, DTLS, SRTP, routing and counting")
struct PeerTransportTests {
    static let serverCredentials = try! ICECredentials(usernameFragment: "Srv0Srv1Srv2Srv3", password: "serverPassword0123456789abcdef")
    static let clientCredentials = try! ICECredentials(usernameFragment: "Cli0", password: "clientPassword0123456789")
    static let client = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 50_000)
    static let stranger = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 50_001)
    static let start = Timestamp(nanoseconds: 5_000_000_000)
    static let videoSSRC: UInt32 = 4_191_831_549

    /// One sendonly VP8 section with a signalled SSRC, as aiortc would offer it.
    static func offer(fingerprint: DTLSFingerprint) -> String {
        [
            "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=video 9 UDP/TLS/RTP/SAVPF 97", "c=IN IP4 0.0.0.0", "a=sendonly",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid", "a=mid:0", "a=rtcp-mux",
            "a=ssrc:\(videoSSRC) cname:publisher", "a=rtpmap:97 VP8/90000",
            "a=ice-ufrag:\(clientCredentials.usernameFragment)", "a=ice-pwd:\(clientCredentials.password)",
            "a=fingerprint:\(fingerprint.sdpValue)", "a=setup:actpass", "",
        ].joined(separator: "\r\n")
    }

    /// A Binding request from the publisher, nominating when `nominate`.
    static func check(nominate: Bool) -> [UInt8] {
        var storage = [UInt8](repeating: 0, count: 256)
        let count = storage.withUnsafeMutableBytes { buffer -> Int in
            var builder = STUNMessageBuilder(into: buffer, type: .bindingRequest,
                                             transactionID: STUNTransactionID(high: 7, low: nominate ? 2 : 1))
            Array("\(serverCredentials.usernameFragment):\(clientCredentials.usernameFragment)".utf8)
                .withUnsafeBytes { builder.appendUsername($0) }
            builder.appendPriority(0x6E00_1EFF)
            builder.appendICEControlling(tieBreaker: 42)
            if nominate { builder.appendUseCandidate() }
            builder.appendMessageIntegrity(key: STUNIntegrityKey(Array(serverCredentials.password.utf8)))
            builder.appendFingerprint()
            guard case .success(let count) = builder.finish() else { return 0 }
            return count
        }
        return Array(storage[0..<count])
    }

    /// The table with the transport in slot 0 and the answer applied, and the client endpoint.
    struct Scenario {
        var table = TransportTable()
        let slot: Int
        let clientDTLS: DTLSEndpoint
        let answer: PublishAnswer
        var now = PeerTransportTests.start

        init() throws {
            let server = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
            let clientContext = try DTLSContext(configuration: DTLSConfiguration(certificate: try DTLSCertificate.selfSigned()))
            clientDTLS = try DTLSEndpoint(context: clientContext, role: .client, remoteFingerprints: [server.localFingerprint])
            let inserted = table.insert(PeerTransport(localCredentials: serverCredentials, dtlsContext: server, now: now))
            slot = try #require(inserted)
            let offer = try SDPParser.parse(PeerTransportTests.offer(fingerprint: clientContext.localFingerprint)).get()
            let local = LocalTransportParameters(
                iceUfrag: serverCredentials.usernameFragment, icePwd: serverCredentials.password,
                fingerprint: try #require(Fingerprint(algorithm: .sha256, bytes: server.localFingerprint.digest)),
                candidates: [HostCandidate(foundation: "1", address: "127.0.0.1", port: 40_000, priority: 1)], sessionID: 1)
            answer = try PublishAnswerer.answer(offer: offer, local: local).get()
            try table.apply(slot, remote: answer.remoteTransport, media: PublishedMedia(answer: answer), now: now)
        }

        /// Delivers `bytes` from `source`; returns the slot that took it.
        mutating func deliver(_ bytes: [UInt8], from source: STUNTransportAddress = PeerTransportTests.client) -> Int? {
            var copy = bytes + [UInt8](repeating: 0, count: 64)
            return copy.withUnsafeMutableBytes { buffer in
                table.handleDatagram(UnsafeMutableRawBufferPointer(rebasing: buffer[..<bytes.count]), from: source, via: 0, now: now)?.slot
            }
        }

        /// Everything the transport wants to send, as (destination, bytes).
        mutating func drain() -> [(STUNTransportAddress, [UInt8])] {
            var sent: [(STUNTransportAddress, [UInt8])] = []
            var buffer = [UInt8](repeating: 0, count: 2048)
            while let transmit = buffer.withUnsafeMutableBytes({ table.pollTransmit(slot, into: $0) }) {
                sent.append((transmit.destination, Array(buffer[0..<transmit.byteCount])))
            }
            return sent
        }

        mutating func events() -> [PeerTransportEvent] {
            var events: [PeerTransportEvent] = []
            while let event = table.pollEvent(slot) { events.append(event) }
            return events
        }

        /// Runs the DTLS handshake between the client endpoint and the transport.
        mutating func handshake() {
            clientDTLS.start(now: UInt64(now.nanoseconds))
            for _ in 0..<10 {
                while let datagram = clientDTLS.pollTransmit() { _ = deliver(datagram) }
                for (_, datagram) in drain() {
                    datagram.withUnsafeBytes { clientDTLS.handleDatagram($0, now: UInt64(now.nanoseconds)) }
                }
            }
        }
    }

    @Test("a nominating check connects ICE and is answered to its source; unknown sources are dropped")
    func iceAndRouting() throws {
        var scenario = try Scenario()
        #expect(scenario.deliver(Self.check(nominate: false).map { $0 }, from: Self.stranger) == scenario.slot)
        #expect(scenario.deliver(Self.check(nominate: true)) == scenario.slot)
        let sent = scenario.drain()
        #expect(sent.count == 2)
        #expect(sent.last?.0 == Self.client)
        #expect(scenario.events().contains(.iceStateChanged(.connected)))

        var otherUfrag = Self.check(nominate: true)
        otherUfrag[24] ^= 0x01  // First byte of USERNAME's value: names no transport.
        #expect(scenario.deliver(otherUfrag) == nil)
        #expect(scenario.deliver([0x16, 0xFE, 0xFD, 0, 0], from: .ipv4(address: 0x0A00_0001, port: 9)) == nil)
        #expect(scenario.table.counters.droppedUnknownUsername == 1)
        #expect(scenario.table.counters.droppedUnknownSource == 1)
    }

    @Test("DTLS connects as server, and SRTP from the peer is decrypted and counted per SSRC")
    func mediaIsCounted() throws {
        var scenario = try Scenario()
        _ = scenario.deliver(Self.check(nominate: true))
        _ = scenario.drain()
        scenario.handshake()
        #expect(scenario.clientDTLS.state == .connected)
        let events = scenario.events()
        let profile = try #require(events.compactMap { event -> SRTPProfile? in
            if case .dtlsConnected(let profile, _) = event { return profile }
            return nil
        }.first, "\(events)")
        #expect(profile == DTLSConfiguration.defaultSRTPProfiles.first)

        var keys: SRTPKeyingMaterial?
        while let event = scenario.clientDTLS.pollEvent() {
            if case .connected(let material, _) = event { keys = material }
        }
        let sender = try SRTPSession(keyingMaterial: try #require(keys))
        let payload = [UInt8](repeating: 0xAB, count: 300)
        for sequence in 0..<5 {
            var packet = [UInt8](repeating: 0, count: 2048)
            let builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 97), sequenceNumber: SequenceNumber(UInt16(sequence)),
                                           timestamp: 3000 * UInt32(sequence), ssrc: SSRC(Self.videoSSRC))
            let length = try packet.withUnsafeMutableBytes { buffer -> Int in
                let plain = try payload.withUnsafeBytes { try builder.write(into: buffer, payload: $0).get() }
                guard case .ok(let protected) = sender.protectRTP(buffer, length: plain) else { return 0 }
                return protected
            }
            if sequence == 4 { packet[length - 1] ^= 0xFF }  // Break the last packet's tag.
            #expect(scenario.deliver(Array(packet[0..<length])) == scenario.slot)
        }
        let snapshot = try #require(scenario.snapshot)
        #expect(snapshot.srtpProfile == profile)
        #expect(snapshot.dtlsState == .connected)
        #expect(snapshot.dtlsCipher == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        #expect(snapshot.dtlsVersion == 0xFEFD)
        #expect(snapshot.counters.srtpAuthenticationFailures == 1)
        let stream = try #require(snapshot.streams.first)
        #expect(stream.ssrc == SSRC(Self.videoSSRC))
        #expect(stream.packetsReceived == 4)
        #expect(stream.bytesReceived == 4 * 300)
        #expect(stream.headerBytesReceived == 4 * 12)
        #expect(snapshot.media?.sections[stream.section].mid.value == "0")

        // A renegotiation keeps the DTLS association and the counters of streams still sent.
        try scenario.table.apply(scenario.slot, remote: scenario.answer.remoteTransport, media: PublishedMedia(answer: scenario.answer), now: scenario.now)
        let renegotiated = try #require(scenario.snapshot)
        #expect(renegotiated.dtlsState == .connected)
        #expect(renegotiated.streams.first?.packetsReceived == 4)
    }
}
