import ICE
import RTCWire
import SFUCore
import SRTP
import Testing

/// A publish transport's received-stream stats end to end: SRTP from a real peer session, its
/// sender reports, and the feedback the server sends it, all through `TransportTable`.
@Suite("inbound-rtp and remote-outbound-rtp figures of a publish transport")
struct InboundStreamStatsTests {
    typealias Scenario = PeerTransportTests.Scenario
    static let ssrc = SSRC(PeerTransportTests.videoSSRC)

    /// One protected RTP packet of the signalled VP8 stream (payload type 97, 90 kHz).
    static func rtp(sequence: UInt16, timestamp: UInt32, sender: SRTPSession) throws -> [UInt8] {
        var packet = [UInt8](repeating: 0, count: 2048)
        let builder = RTPPacketBuilder(payloadType: PayloadType(truncating: 97), sequenceNumber: SequenceNumber(sequence),
                                       timestamp: timestamp, ssrc: ssrc)
        let payload = [UInt8](repeating: 0x5A, count: 100)
        let length = try packet.withUnsafeMutableBytes { buffer -> Int in
            let plain = try payload.withUnsafeBytes { try builder.write(into: buffer, payload: $0).get() }
            guard case .ok(let protected) = sender.protectRTP(buffer, length: plain) else { return 0 }
            return protected
        }
        return Array(packet[0..<length])
    }

    /// `write` run on a fresh buffer, then protected as SRTCP by `sender`.
    static func rtcp(sender: SRTPSession, _ write: (UnsafeMutableRawBufferPointer) -> Int?) throws -> [UInt8] {
        var packet = [UInt8](repeating: 0, count: 2048)
        let length = try packet.withUnsafeMutableBytes { buffer -> Int in
            let plain = try #require(write(buffer))
            guard case .ok(let protected) = sender.protectRTCP(buffer, length: plain) else { return 0 }
            return protected
        }
        return Array(packet[0..<length])
    }

    @Test("loss and jitter come from the packets' sequence numbers, RTP times and arrival times")
    func lossAndJitter() throws {
        var scenario = try Scenario()
        let sender = try scenario.connect()
        let start = scenario.now
        // Sequence 10, 11, 13, 12 (reordered), 15 (14 lost), 30 ms frames arriving at
        // 0, 31, 60, 60, 95 ms after the start.
        let packets: [(UInt16, UInt32, Int64)] = [(10, 0, 0), (11, 2700, 31), (13, 8100, 60), (12, 5400, 60), (15, 13500, 95)]
        for (sequence, timestamp, arrival) in packets {
            scenario.now = Timestamp(nanoseconds: start.nanoseconds + arrival * 1_000_000)
            #expect(scenario.deliver(try Self.rtp(sequence: sequence, timestamp: timestamp, sender: sender)) == scenario.slot)
        }
        let stream = try #require(scenario.snapshot?.streams.first)
        #expect(stream.clockRate == 90_000)
        #expect(stream.reception.expected == 6)
        #expect(stream.reception.packetsLost == 1)
        // Transit times in ticks (arrival·90 − timestamp): 0, 90, -2700, 0, -4950. D: 90, 2790,
        // 2700, 4950. Scaled jitter: 90, 90+2790-6=2874, 2874+2700-180=5394, 5394+4950-337=10007.
        #expect(stream.reception.jitter == 10007 >> 4)
        #expect(stream.lastPacketReceivedAt == start.nanoseconds + 95_000_000)
    }

    @Test("a sender report about the stream is kept as the remote-outbound figures; others are ignored")
    func senderReport() throws {
        var scenario = try Scenario()
        let sender = try scenario.connect()
        _ = scenario.deliver(try Self.rtp(sequence: 1, timestamp: 90_000, sender: sender))
        let ntp = NTPTimestamp(unixNanoseconds: 1_700_000_000_250_000_000)
        for reporter in [SSRC(999), Self.ssrc, Self.ssrc] {
            let report = try Self.rtcp(sender: sender) {
                SenderReport.write(into: $0, senderSSRC: reporter, ntpTimestamp: ntp.rawValue, rtpTimestamp: 123_456,
                                   packetCount: 77, octetCount: 7700, reportBlocks: [])
            }
            scenario.now = Timestamp(nanoseconds: scenario.now.nanoseconds + 1_000_000)
            #expect(scenario.deliver(report) == scenario.slot)
        }
        let stream = try #require(scenario.snapshot?.streams.first)
        let remote = try #require(stream.remoteSender)
        #expect(remote.packetCount == 77)
        #expect(remote.octetCount == 7700)
        #expect(remote.rtpTimestamp == 123_456)
        #expect(remote.ntpTimestamp.unixMilliseconds == 1_700_000_000_250)
        #expect(remote.reportsReceived == 2)
        #expect(remote.receivedAt == scenario.now.nanoseconds)
    }

    @Test("PLI, FIR and NACK the server sends the publisher are counted on the stream they name")
    func feedbackSent() throws {
        var scenario = try Scenario()
        let peer = try scenario.connect()
        _ = scenario.deliver(try Self.rtp(sequence: 1, timestamp: 0, sender: peer))
        let server = SSRC(1)
        var writes: [(UnsafeMutableRawBufferPointer) -> Int?] = [
            { PictureLossIndication.write(into: $0, senderSSRC: server, mediaSSRC: Self.ssrc) },
            { PictureLossIndication.write(into: $0, senderSSRC: server, mediaSSRC: SSRC(42)) },
            { FullIntraRequest.write(into: $0, senderSSRC: server, entries: [.init(ssrc: Self.ssrc, sequenceNumber: 1)]) },
            { GenericNack.write(into: $0, senderSSRC: server, mediaSSRC: Self.ssrc, lost: [SequenceNumber(3), SequenceNumber(9)]) },
        ]
        writes.append { PictureLossIndication.write(into: $0, senderSSRC: server, mediaSSRC: Self.ssrc) }
        for write in writes {
            var buffer = [UInt8](repeating: 0, count: 256)
            let transmit = try buffer.withUnsafeMutableBytes { bytes -> PeerTransmit? in
                let length = try #require(write(bytes))
                return scenario.table.protectRTCP(scenario.slot, bytes, length: length)
            }
            // The peer decrypts what was sent.
            let sent = try #require(transmit)
            let plain = buffer.withUnsafeMutableBytes { peer.unprotectRTCP($0, length: sent.byteCount) }
            guard case .ok = plain else {
                Issue.record("the peer could not decrypt: \(plain)")
                return
            }
        }
        let stream = try #require(scenario.snapshot?.streams.first)
        #expect(stream.pliCount == 2)
        #expect(stream.firCount == 1)
        #expect(stream.nackCount == 1)
    }
}
