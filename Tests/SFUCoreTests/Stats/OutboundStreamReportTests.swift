import ICE
import RTCWire
import SFUCore
import SRTP
import Testing

/// A consumer's sending-side stats: the sender reports the server writes about its stream
/// (contents, cadence, SRTCP that a peer session decrypts), and what the subscriber's RTCP
/// says back (feedback counts, report blocks, round-trip times).
@Suite("outbound-rtp and remote-inbound-rtp: sender reports and the subscriber's reports")
struct OutboundStreamReportTests {
    static let consumerSSRC: UInt32 = 0xC0C0_0001
    static let inputSSRC: UInt32 = 0x1111_1111
    static let transportSlot = 3
    static let start: Int64 = 50_000_000_000
    static let ntp = NTPTimestamp(unixNanoseconds: 1_750_000_000_000_000_000)

    /// A table with one Opus consumer (48 kHz; initial timestamp 5000) on `transportSlot`.
    static func table(cname: String = "alice") throws -> (FanoutTable, Int) {
        var table = FanoutTable()
        let plain = try FanoutTableTests.spec(7, ssrc: consumerSSRC)
        let spec = ConsumerSpec(
            producer: plain.producer, producerWorker: 0, isVideo: false, ssrc: plain.ssrc, payloadTypes: plain.payloadTypes,
            extensionIDs: plain.extensionIDs, paused: false, initialSequence: plain.initialSequence,
            initialTimestamp: plain.initialTimestamp, cname: cname)
        table.setConsumers([spec], transportSlot: transportSlot)
        return (table, try #require(table.consumers(ofTransport: transportSlot).first))
    }

    /// Offers `count` Opus packets (20 ms apart from `start`, 3 payload bytes each) to the consumer.
    static func forward(_ count: Int, in table: inout FanoutTable, consumer: Int, firstSequence: UInt16 = 0) throws {
        for index in 0..<count {
            let packet = ForwardingTest.Packet(ssrc: inputSSRC, sequence: firstSequence + UInt16(index),
                                               timestamp: 90_000 + UInt32(index) * 960)
            var bytes = try packet.bytes()
            let now = start + Int64(index) * 20_000_000
            let outcome = try bytes.withUnsafeMutableBytes { buffer -> RTPStreamRewriter.Outcome? in
                let parsed = try RTPPacket.parse(buffer).get()
                return table.withConsumer(consumer) { $0.rewriter.rewrite(parsed, now: now) }
            }
            #expect(outcome == .forward)
        }
    }

    /// The SR and SDES of a compound the table wrote.
    static func read(_ bytes: [UInt8]) -> (sr: (ssrc: UInt32, ntp: UInt64, rtp: UInt32, packets: UInt32, octets: UInt32)?, cname: [UInt8]?) {
        bytes.withUnsafeBytes { buffer in
            var sr: (UInt32, UInt64, UInt32, UInt32, UInt32)?
            var cname: [UInt8]?
            for result in RTCPCompoundPacket(buffer) {
                switch result {
                case .success(.senderReport(let report)):
                    sr = (report.senderSSRC.rawValue, report.ntpTimestamp, report.rtpTimestamp, report.packetCount, report.octetCount)
                case .success(.sourceDescription(let description)):
                    for chunk in description.chunks where chunk.ssrc.rawValue == consumerSSRC {
                        for item in chunk.items where item.type == .cname { cname = Array(item.value) }
                    }
                default:
                    Issue.record("unexpected packet in \(bytes)")
                }
            }
            return (sr.map { (ssrc: $0.0, ntp: $0.1, rtp: $0.2, packets: $0.3, octets: $0.4) }, cname)
        }
    }

    static func statistics(_ table: inout FanoutTable, _ consumer: Int) -> OutboundStreamStatistics? {
        table.withConsumer(consumer) { $0.statistics }
    }

    static func writeReport(_ table: inout FanoutTable, consumer: Int, now: Int64, ntp: NTPTimestamp = ntp) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let length = buffer.withUnsafeMutableBytes { table.writeSenderReport(of: consumer, into: $0, ntp: ntp, now: now) }
        return length.map { Array(buffer[0..<$0]) }
    }

    @Test("an SR names the consumer's SSRC, what it sent, and the RTP time of now; an SDES gives its CNAME")
    func senderReportContents() throws {
        var (table, consumer) = try Self.table()
        let early = Self.writeReport(&table, consumer: consumer, now: Self.start)
        #expect(early == nil, "nothing forwarded yet")
        try Self.forward(5, in: &table, consumer: consumer)
        // The last packet (output timestamp 5000 + 4·960) went out at start + 80 ms; 420 ms
        // later the stream's clock is 0.42 s · 48 kHz = 20160 ticks further.
        let written = Self.writeReport(&table, consumer: consumer, now: Self.start + 500_000_000)
        let bytes = try #require(written)
        let (sr, cname) = Self.read(bytes)
        let report = try #require(sr)
        #expect(report.ssrc == Self.consumerSSRC)
        #expect(report.ntp == Self.ntp.rawValue)
        #expect(report.rtp == 5000 + 4 * 960 + 20160)
        #expect(report.packets == 5)
        #expect(report.octets == 15)
        #expect(cname == Array("alice".utf8))
        #expect(bytes.count == 28 + 16)  // SR without blocks; SDES: 4 + 4 + 2 + 5 + 1 → 16.
    }

    @Test("with the publisher's sender report, the RTP time follows its clock mapped by the consumer's offset")
    func senderReportFollowsTheSourceClock() throws {
        var (table, consumer) = try Self.table()
        try Self.forward(3, in: &table, consumer: consumer)
        // The publisher said RTP 200_000 at start + 100 ms; the consumer's offset is
        // 5000 - 90_000 (its first output timestamp minus the input's).
        table.setSourceClock(SourceClockReference(ssrc: SSRC(Self.inputSSRC), rtpTimestamp: 200_000, receivedAt: Self.start + 100_000_000),
                             of: ProducerID(rawValue: 7))
        let written = Self.writeReport(&table, consumer: consumer, now: Self.start + 600_000_000)
        let bytes = try #require(written)
        let offset = UInt32(5000) &- 90_000
        #expect(Self.read(bytes).sr?.rtp == 200_000 &+ 24_000 &+ offset)

        // A clock of another input SSRC is not used.
        table.setSourceClock(SourceClockReference(ssrc: SSRC(5), rtpTimestamp: 1, receivedAt: Self.start), of: ProducerID(rawValue: 7))
        let writtenLater = Self.writeReport(&table, consumer: consumer, now: Self.start + 1_600_000_000)
        let other = try #require(writtenLater)
        // Last output 5000 + 2·960 at start + 40 ms: 1.56 s later is 74_880 ticks on.
        #expect(Self.read(other).sr?.rtp == UInt32(5000 + 2 * 960 + 74_880))
    }

    @Test("cadence: at most one SR per 500 ms per stream, each remembered")
    func cadence() throws {
        var (table, consumer) = try Self.table()
        try Self.forward(2, in: &table, consumer: consumer)
        var sentAt: [Int64] = []
        for tick in stride(from: Self.start + 1_000_000_000, through: Self.start + 4_000_000_000, by: 250_000_000) {
            if Self.writeReport(&table, consumer: consumer, now: tick) != nil { sentAt.append(tick) }
        }
        #expect(sentAt == [1_000_000_000, 1_500_000_000, 2_000_000_000, 2_500_000_000, 3_000_000_000, 3_500_000_000, 4_000_000_000]
                    .map { Self.start + $0 })
        let statistics = try #require(Self.statistics(&table, consumer))
        #expect(statistics.senderReportsSent == 7)
        #expect(statistics.lastSenderReportAt == Self.start + 4_000_000_000)
    }

    @Test("the SR compound goes out as SRTCP that the subscriber's SRTP session decrypts")
    func senderReportOverSRTP() throws {
        var scenario = try PeerTransportTests.Scenario()
        let peer = try scenario.connect()
        var (table, consumer) = try Self.table(cname: "pub")
        try Self.forward(4, in: &table, consumer: consumer)
        var buffer = [UInt8](repeating: 0, count: 512)
        let transmit = try buffer.withUnsafeMutableBytes { bytes -> PeerTransmit? in
            let written = table.writeSenderReport(of: consumer, into: bytes, ntp: Self.ntp, now: Self.start + 1_000_000_000)
            let length = try #require(written)
            return scenario.table.protectRTCP(scenario.slot, bytes, length: length)
        }
        let sent = try #require(transmit)
        #expect(sent.destination == PeerTransportTests.client)
        let decrypted = buffer.withUnsafeMutableBytes { peer.unprotectRTCP($0, length: sent.byteCount) }
        guard case .ok(let length) = decrypted else {
            Issue.record("the peer could not decrypt the SR: \(decrypted)")
            return
        }
        let (sr, cname) = Self.read(Array(buffer[0..<length]))
        #expect(sr?.ssrc == Self.consumerSSRC)
        #expect(sr?.packets == 4)
        #expect(sr?.ntp == Self.ntp.rawValue)
        #expect(cname == Array("pub".utf8))
    }

    /// An RR from the subscriber with one block per `blocks` entry.
    static func receiverReport(_ blocks: [ReportBlock]) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 512)
        let length = try buffer.withUnsafeMutableBytes { try #require(ReceiverReport.write(into: $0, senderSSRC: SSRC(77), reportBlocks: blocks)) }
        return Array(buffer[0..<length])
    }

    static func block(ssrc: UInt32 = consumerSSRC, lsr: UInt32, dlsr: UInt32, lost: Int32 = 3, fraction: UInt8 = 64) -> ReportBlock {
        ReportBlock(ssrc: SSRC(ssrc), fractionLost: fraction, cumulativeLost: lost, extendedHighestSequence: 1004, jitter: 480,
                    lastSenderReport: lsr, delaySinceLastSenderReport: dlsr)
    }

    @Test("RTT = arrival − LSR's send time − DLSR, from a crafted RR naming the server's SR")
    func roundTripTime() throws {
        var (table, consumer) = try Self.table()
        try Self.forward(2, in: &table, consumer: consumer)
        let sentAt = Self.start + 1_000_000_000
        let first = Self.writeReport(&table, consumer: consumer, now: sentAt)
        #expect(first != nil)
        let lsr = Self.ntp.middle32
        // The subscriber held the SR 0.5 s (DLSR 32768/65536 s); its RR arrives 520 ms after
        // the SR left: RTT 20 ms.
        let rr = try Self.receiverReport([Self.block(lsr: lsr, dlsr: 32768), Self.block(ssrc: 5, lsr: lsr, dlsr: 0)])
        rr.withUnsafeBytes { table.recordFeedback($0, transportSlot: Self.transportSlot, now: sentAt + 520_000_000) }
        var statistics = try #require(Self.statistics(&table, consumer))
        #expect(statistics.roundTripTime == 20_000_000)
        #expect(statistics.roundTripTimeMeasurements == 1)
        #expect(statistics.latestReport?.cumulativeLost == 3)
        #expect(statistics.latestReport?.fractionLost == 64)
        #expect(statistics.latestReportAt == sentAt + 520_000_000)

        // A second SR 1 s later; an RR naming the first one again (a late RR) still measures
        // against it; one naming no SR of ours (or LSR 0) measures nothing.
        let secondNTP = NTPTimestamp(unixNanoseconds: 1_750_000_001_000_000_000)
        let second = Self.writeReport(&table, consumer: consumer, now: sentAt + 1_000_000_000, ntp: secondNTP)
        #expect(second != nil)
        for (block, at) in [(Self.block(lsr: lsr, dlsr: 65536), sentAt + 1_030_000_000),
                            (Self.block(lsr: 0xDEAD_BEEF, dlsr: 0), sentAt + 1_100_000_000),
                            (Self.block(lsr: 0, dlsr: 0), sentAt + 1_200_000_000),
                            (Self.block(lsr: secondNTP.middle32, dlsr: 6554), sentAt + 1_150_000_000)] {
            let bytes = try Self.receiverReport([block])
            bytes.withUnsafeBytes { table.recordFeedback($0, transportSlot: Self.transportSlot, now: at) }
        }
        statistics = try #require(Self.statistics(&table, consumer))
        // 1.03 s − 1 s = 30 ms; then 150 ms − 6554/65536 s (100.006 ms, rounded down to ns).
        let last = 150_000_000 - Int64(6554) * 1_000_000_000 / 65536
        #expect(statistics.roundTripTimeMeasurements == 3)
        #expect(statistics.roundTripTime == last)
        #expect(statistics.totalRoundTripTime == 20_000_000 + 30_000_000 + last)
        #expect(statistics.reportsReceived == 5)
    }

    @Test("a DLSR longer than the time since the SR gives 0, not a negative round trip")
    func negativeRoundTripIsClamped() throws {
        var (table, consumer) = try Self.table()
        try Self.forward(1, in: &table, consumer: consumer)
        let report = Self.writeReport(&table, consumer: consumer, now: Self.start + 1_000_000_000)
        #expect(report != nil)
        let rr = try Self.receiverReport([Self.block(lsr: Self.ntp.middle32, dlsr: UInt32.max)])
        rr.withUnsafeBytes { table.recordFeedback($0, transportSlot: Self.transportSlot, now: Self.start + 1_001_000_000) }
        let clamped = Self.statistics(&table, consumer)
        #expect(clamped?.roundTripTime == 0)
    }

    @Test("PLI, FIR and NACK from the subscriber are counted per consumer; a malformed packet ends the walk")
    func feedbackCounts() throws {
        var (table, consumer) = try Self.table()
        var buffer = [UInt8](repeating: 0, count: 512)
        let subscriber = SSRC(77)
        let ssrc = SSRC(Self.consumerSSRC)
        let length = buffer.withUnsafeMutableBytes { bytes -> Int in
            var at = 0
            func append(_ written: Int?) { at += written ?? 0 }
            append(PictureLossIndication.write(into: UnsafeMutableRawBufferPointer(rebasing: bytes[at...]), senderSSRC: subscriber, mediaSSRC: ssrc))
            append(PictureLossIndication.write(into: UnsafeMutableRawBufferPointer(rebasing: bytes[at...]), senderSSRC: subscriber, mediaSSRC: SSRC(9)))
            append(FullIntraRequest.write(into: UnsafeMutableRawBufferPointer(rebasing: bytes[at...]), senderSSRC: subscriber,
                                          entries: [.init(ssrc: ssrc, sequenceNumber: 1), .init(ssrc: SSRC(9), sequenceNumber: 1)]))
            append(GenericNack.write(into: UnsafeMutableRawBufferPointer(rebasing: bytes[at...]), senderSSRC: subscriber, mediaSSRC: ssrc,
                                     lost: [SequenceNumber(10), SequenceNumber(12), SequenceNumber(40)]))
            return at
        }
        // Then an RR whose header announces a block that is not there, then a PLI never read.
        let truncated: [UInt8] = [0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 77]
        var compound = Array(buffer[0..<length]) + truncated
        compound += buffer[0..<12]
        compound.withUnsafeBytes { table.recordFeedback($0, transportSlot: Self.transportSlot, now: Self.start) }
        let statistics = try #require(Self.statistics(&table, consumer))
        #expect(statistics.pliCount == 1)
        #expect(statistics.firCount == 1)
        #expect(statistics.nackCount == 1)
        #expect(statistics.nackedPackets == 3)
        #expect(statistics.reportsReceived == 0)

        // Feedback on another transport's slot reaches nobody.
        compound.withUnsafeBytes { table.recordFeedback($0, transportSlot: 99, now: Self.start) }
        let afterOtherSlot = Self.statistics(&table, consumer)
        #expect(afterOtherSlot?.pliCount == 1)
    }

    @Test("snapshots carry each consumer's counters, statistics, payload type and clock rate")
    func snapshots() throws {
        var (table, consumer) = try Self.table()
        try Self.forward(3, in: &table, consumer: consumer)
        let snapshots = table.outboundSnapshots(transportSlot: Self.transportSlot)
        let none = table.outboundSnapshots(transportSlot: 99)
        #expect(snapshots.count == 1)
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.ssrc == SSRC(Self.consumerSSRC))
        #expect(snapshot.producer == ProducerID(rawValue: 7))
        #expect(snapshot.counters.packetsForwarded == 3)
        #expect(snapshot.payloadType == PayloadType(truncating: 100))
        #expect(snapshot.clockRate == 48_000)
        #expect(!snapshot.isPaused)
        #expect(none.isEmpty)
    }
}
