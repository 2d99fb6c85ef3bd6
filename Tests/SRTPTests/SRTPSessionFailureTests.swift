import SRTP
import Testing

@Suite("SRTP session failures")
struct SRTPSessionFailureTests {
    @Test("a tampered byte fails authentication", arguments: SRTPProfile.allCases)
    func tampered(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        let rtp = TestPackets.rtp(sequence: 100, payloadLength: 160)
        // A header byte (the payload type), a payload byte, and the last tag byte.
        for position in [1, 40, rtp.count + profile.rtpTrailerLength - 1] {
            var slot = PacketSlot(rtp)
            #expect(slot.run(.protectRTP, pair.client) == .ok(length: rtp.count + profile.rtpTrailerLength))
            slot.storage[position] ^= 0x01
            #expect(slot.run(.unprotectRTP, pair.server) == .authenticationFailed)
        }
        let rtcp = TestPackets.rtcpApp(dataLength: 160)
        for position in [4, 40, rtcp.count + profile.rtcpTrailerLength - 5] {
            var slot = PacketSlot(rtcp)
            _ = slot.run(.protectRTCP, pair.client)
            slot.storage[position] ^= 0x80
            #expect(slot.run(.unprotectRTCP, pair.server) == .authenticationFailed)
        }
    }

    @Test("the same packet received twice is a replay", arguments: SRTPProfile.allCases)
    func replayed(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        for (plain, protect, unprotect) in [
            (TestPackets.rtp(sequence: 5, payloadLength: 160), SRTPOperation.protectRTP, SRTPOperation.unprotectRTP),
            (TestPackets.rtcpApp(dataLength: 160), .protectRTCP, .unprotectRTCP),
        ] {
            var slot = PacketSlot(plain)
            _ = slot.run(protect, pair.server)
            var copy = slot
            #expect(slot.run(unprotect, pair.client) == .ok(length: plain.count))
            #expect(copy.run(unprotect, pair.client) == .replayed)
        }
    }

    @Test("re-sending the same RTP packet is protected again, identically", arguments: SRTPProfile.allCases)
    func repeatedTransmission(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        let plain = TestPackets.rtp(sequence: 300, payloadLength: 160)
        var first = PacketSlot(plain), second = PacketSlot(plain)
        #expect(first.run(.protectRTP, pair.client) == .ok(length: plain.count + profile.rtpTrailerLength))
        #expect(second.run(.protectRTP, pair.client) == .ok(length: plain.count + profile.rtpTrailerLength))
        #expect(first.packet == second.packet)
    }

    @Test("the replay window is the configured one")
    func replayWindow() throws {
        for (window, lateResult) in [(64, SRTPResult.replayed), (1024, .ok(length: 12 + 160))] {
            let pair = try SessionPair(.aes128CmHmacSha1_80, replayWindow: window)
            var protected: [PacketSlot] = []
            for sequence in UInt16(0)...200 {
                var slot = PacketSlot(TestPackets.rtp(sequence: sequence, payloadLength: 160))
                _ = slot.run(.protectRTP, pair.client)
                protected.append(slot)
            }
            #expect(protected[200].run(.unprotectRTP, pair.server) == .ok(length: 12 + 160))
            #expect(protected[100].run(.unprotectRTP, pair.server) == lateResult, "window \(window)")
        }
    }

    @Test("a buffer without room for the trailer is refused untouched", arguments: SRTPProfile.allCases)
    func bufferTooSmall(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        let rtp = TestPackets.rtp(sequence: 1, payloadLength: 160)
        var slot = PacketSlot(rtp, capacity: rtp.count + profile.rtpTrailerLength - 1)
        #expect(slot.run(.protectRTP, pair.client) == .bufferTooSmall)
        #expect(slot.packet == rtp)
        let rtcp = TestPackets.rtcpApp(dataLength: 160)
        slot = PacketSlot(rtcp, capacity: rtcp.count + profile.rtcpTrailerLength - 1)
        #expect(slot.run(.protectRTCP, pair.client) == .bufferTooSmall)
        #expect(slot.packet == rtcp)

        var buffer = [UInt8](repeating: 0, count: 100)
        for length in [-1, 101] {
            for operation in SRTPOperation.allCases {
                let result = buffer.withUnsafeMutableBytes { bytes in
                    switch operation {
                    case .protectRTP: pair.client.protectRTP(bytes, length: length)
                    case .protectRTCP: pair.client.protectRTCP(bytes, length: length)
                    case .unprotectRTP: pair.client.unprotectRTP(bytes, length: length)
                    case .unprotectRTCP: pair.client.unprotectRTCP(bytes, length: length)
                    }
                }
                #expect(result == .bufferTooSmall, "\(operation) with length \(length)")
            }
        }
        #expect(pair.client.unprotectRTP(UnsafeMutableRawBufferPointer(start: nil, count: 0), length: 0) == .bufferTooSmall)
    }

    @Test("packets shorter than their header are refused as bad parameters", arguments: SRTPProfile.allCases)
    func truncated(profile: SRTPProfile) throws {
        let pair = try SessionPair(profile)
        let badParameter = SRTPResult.failed(SRTPStatus(code: 2))
        var slot = PacketSlot(Array(TestPackets.rtp(sequence: 1, payloadLength: 0).prefix(11)))
        #expect(slot.run(.unprotectRTP, pair.server) == badParameter)
        #expect(slot.run(.protectRTP, pair.client) == badParameter)
        slot = PacketSlot(Array(TestPackets.rtcpApp(dataLength: 0).prefix(7)))
        #expect(slot.run(.unprotectRTCP, pair.server) == badParameter)
    }

    @Test("a replay window libsrtp refuses is a typed error")
    func badReplayWindow() throws {
        let material = try SRTPKeyingMaterial(
            exported: TestPackets.exported(length: 60), profile: .aes128CmHmacSha1_80, role: .client)
        for window in [0, 63, 0x8000] {
            #expect(throws: SRTPError.replayWindowSize(requested: window, allowed: 64...0x7FFF)) {
                try SRTPSession(keyingMaterial: material, replayWindow: window)
            }
        }
        #expect(throws: Never.self) { try SRTPSession(keyingMaterial: material, replayWindow: 64) }
    }
}
