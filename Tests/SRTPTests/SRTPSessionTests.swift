import SRTP
import Testing

/// A client and a server session keyed from the same exporter output, as the two ends of one
/// DTLS-SRTP association would hold them.
struct SessionPair {
    let client: SRTPSession
    let server: SRTPSession

    init(_ profile: SRTPProfile, replayWindow: Int = SRTPSession.defaultReplayWindow) throws {
        let exported = TestPackets.exported(length: profile.keyingMaterialLength)
        client = try SRTPSession(
            keyingMaterial: SRTPKeyingMaterial(exported: exported, profile: profile, role: .client),
            replayWindow: replayWindow)
        server = try SRTPSession(
            keyingMaterial: SRTPKeyingMaterial(exported: exported, profile: profile, role: .server),
            replayWindow: replayWindow)
    }
}

@Suite("SRTP session round trips")
struct SRTPSessionTests {
    static let cases: [(SRTPProfile, Int)] = SRTPProfile.allCases.flatMap { [($0, 160), ($0, 1200)] }

    @Test("RTP: client protects, server unprotects, and back", arguments: cases)
    func rtpRoundTrip(profile: SRTPProfile, payload: Int) throws {
        let pair = try SessionPair(profile)
        for (sender, receiver) in [(pair.client, pair.server), (pair.server, pair.client)] {
            for sequence in UInt16(65_530)...UInt16(65_535) {
                let plain = TestPackets.rtp(sequence: sequence, payloadLength: payload)
                var slot = PacketSlot(plain)
                #expect(slot.run(.protectRTP, sender) == .ok(length: plain.count + profile.rtpTrailerLength))
                #expect(slot.packet.prefix(12) == plain.prefix(12), "the RTP header stays in the clear")
                #expect(slot.packet[12..<plain.count] != plain[12...], "the payload is encrypted")
                #expect(slot.run(.unprotectRTP, receiver) == .ok(length: plain.count))
                #expect(slot.packet == plain)
            }
        }
    }

    @Test("RTCP: client protects, server unprotects, and back", arguments: cases)
    func rtcpRoundTrip(profile: SRTPProfile, payload: Int) throws {
        let pair = try SessionPair(profile)
        for (sender, receiver) in [(pair.client, pair.server), (pair.server, pair.client)] {
            for plain in [TestPackets.rtcpApp(dataLength: payload), TestPackets.rtcpSenderReportWithSDES(ssrc: 7)] {
                var slot = PacketSlot(plain)
                #expect(slot.run(.protectRTCP, sender) == .ok(length: plain.count + profile.rtcpTrailerLength))
                #expect(slot.packet.prefix(8) == plain.prefix(8), "the first RTCP header stays in the clear")
                #expect(slot.packet[8..<plain.count] != plain[8...], "the rest is encrypted")
                #expect(slot.run(.unprotectRTCP, receiver) == .ok(length: plain.count))
                #expect(slot.packet == plain)
            }
        }
    }

    @Test("a session does not accept its own outbound packets: directions use different keys", arguments: SRTPProfile.allCases)
    func directionsDiffer(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        var rtp = PacketSlot(TestPackets.rtp(sequence: 1, payloadLength: 160))
        _ = rtp.run(.protectRTP, pair.client)
        #expect(rtp.run(.unprotectRTP, pair.client) == .authenticationFailed)
        var rtcp = PacketSlot(TestPackets.rtcpApp(dataLength: 160))
        _ = rtcp.run(.protectRTCP, pair.server)
        #expect(rtcp.run(.unprotectRTCP, pair.server) == .authenticationFailed)
    }

    @Test("protection writes nothing past the packet plus its trailer", arguments: SRTPProfile.allCases)
    func exactCapacity(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        let canary: UInt8 = 0xA5
        for (plain, operation, trailer) in [
            (TestPackets.rtp(sequence: 9, payloadLength: 160), SRTPOperation.protectRTP, profile.rtpTrailerLength),
            (TestPackets.rtcpApp(dataLength: 160), .protectRTCP, profile.rtcpTrailerLength),
        ] {
            var slot = PacketSlot(plain, capacity: plain.count + trailer)
            slot.storage += [UInt8](repeating: canary, count: 64)
            let exact = slot.storage.count - 64
            let length = slot.length
            let result = slot.storage.withUnsafeMutableBytes { all in
                let buffer = UnsafeMutableRawBufferPointer(rebasing: all[..<exact])
                return operation == .protectRTP
                    ? pair.client.protectRTP(buffer, length: length)
                    : pair.client.protectRTCP(buffer, length: length)
            }
            #expect(result == .ok(length: exact))
            #expect(slot.storage[exact...].allSatisfy { $0 == canary })
        }
    }
}
