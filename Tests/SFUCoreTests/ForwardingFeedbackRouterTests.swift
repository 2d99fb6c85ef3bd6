import RTCWire
import SFUCore
import Testing

@Suite("RTCPFeedbackRouter: a subscriber's feedback to its consumers")
struct ForwardingFeedbackRouterTests {
    static let subscriber = SSRC(0x5AB5_0001)
    static let consumerA = SSRC(0xA0A0_0001)
    static let consumerB = SSRC(0xB0B0_0002)
    static let stranger = SSRC(0xDEAD_BEEF)

    /// Runs one RTCWire writer into a fresh buffer and returns its bytes.
    static func packet(_ write: (UnsafeMutableRawBufferPointer) -> Int?) throws -> [UInt8] {
        var storage = [UInt8](repeating: 0, count: 512)
        let length = try #require(storage.withUnsafeMutableBytes { write($0) })
        return Array(storage[0..<length])
    }

    static func block(_ ssrc: SSRC) -> ReportBlock {
        ReportBlock(ssrc: ssrc, fractionLost: 0, cumulativeLost: 0, extendedHighestSequence: 1000, jitter: 3,
                    lastSenderReport: 0, delaySinceLastSenderReport: 0)
    }

    static func pli(_ media: SSRC) throws -> [UInt8] {
        try packet { PictureLossIndication.write(into: $0, senderSSRC: subscriber, mediaSSRC: media) }
    }

    static func fir(_ media: [SSRC]) throws -> [UInt8] {
        try packet {
            FullIntraRequest.write(into: $0, senderSSRC: subscriber,
                                   entries: media.map { FullIntraRequest.Entry(ssrc: $0, sequenceNumber: 4) })
        }
    }

    static func nack(_ media: SSRC, _ lost: [UInt16]) throws -> [UInt8] {
        try packet { GenericNack.write(into: $0, senderSSRC: subscriber, mediaSSRC: media, lost: lost.map { SequenceNumber($0) }) }
    }

    static func receiverReport(_ blocks: [SSRC]) throws -> [UInt8] {
        try packet { ReceiverReport.write(into: $0, senderSSRC: subscriber, reportBlocks: blocks.map(block)) }
    }

    static func senderReport(_ blocks: [SSRC]) throws -> [UInt8] {
        try packet {
            SenderReport.write(into: $0, senderSSRC: subscriber, ntpTimestamp: 1, rtpTimestamp: 2, packetCount: 3,
                               octetCount: 4, reportBlocks: blocks.map(block))
        }
    }

    static let router = RTCPFeedbackRouter(consumers: [consumerA: 3, consumerB: 7])

    /// Routes `compound` with room for `capacity` indices; returns the indices written and the result.
    static func route(_ compound: [UInt8], capacity: Int = 8,
                      with router: RTCPFeedbackRouter = router) -> ([Int32], RTCPFeedbackRouter.Routing) {
        var output = [Int32](repeating: -1, count: capacity)
        let routing = compound.withUnsafeBytes { bytes in
            output.withUnsafeMutableBufferPointer { router.route(bytes, keyFrameRequests: $0) }
        }
        return (Array(output.prefix(routing.keyFrameRequestCount)), routing)
    }

    static func mixedCompound() throws -> [UInt8] {
        try receiverReport([consumerA]) + pli(consumerA) + fir([consumerB, stranger]) + nack(consumerA, [100, 101, 105])
            + pli(consumerA) + pli(stranger) + senderReport([consumerA, consumerB])
    }

    @Test("PLIs and FIR entries name consumers once each, in order; NACKs and reports are counted")
    func mixedCompound() throws {
        let (indices, routing) = Self.route(try Self.mixedCompound())
        #expect(indices == [3, 7])
        #expect(routing.error == nil)
        var expected = RTCPFeedbackCounts()
        expected.pictureLossIndications = 2
        expected.fullIntraRequests = 1
        expected.genericNacks = 1
        expected.nackedPackets = 3
        expected.receiverReports = 1
        expected.reportBlocks = 3
        expected.unknownMediaSSRC = 2
        #expect(routing.counts == expected)

        let (reversed, _) = Self.route(try Self.fir([Self.consumerB]) + Self.pli(Self.consumerA))
        #expect(reversed == [7, 3])
    }

    @Test("Requests that do not fit in the output are counted, never written past it")
    func capacity() throws {
        let (one, routing) = Self.route(try Self.mixedCompound(), capacity: 1)
        #expect(one == [3])
        #expect(routing.counts.droppedKeyFrameRequests == 1)
        let (none, empty) = Self.route(try Self.mixedCompound(), capacity: 0)
        #expect(none.isEmpty)
        // Each request is lost: the PLI for A, the FIR entry for B, the second PLI for A.
        #expect(empty.counts.droppedKeyFrameRequests == 3)
    }

    @Test("A malformed packet ends the walk; what came before it still counts")
    func malformed() throws {
        let truncated: [UInt8] = [0x81, 0xCE, 0x00]
        let (indices, routing) = Self.route(try Self.pli(Self.consumerB) + truncated)
        #expect(indices == [7])
        #expect(routing.error == .truncatedHeader(offset: 12, available: 3))
        #expect(routing.counts.malformedCompounds == 1)
        #expect(routing.counts.pictureLossIndications == 1)

        let (nothing, garbage) = Self.route([0x00, 0x01, 0x02, 0x03, 0x04])
        #expect(nothing.isEmpty)
        #expect(garbage.error == .unsupportedVersion(0))
    }

    @Test("The table changes on the control path: added, replaced and removed consumers")
    func tableUpdates() throws {
        var router = RTCPFeedbackRouter()
        #expect(Self.route(try Self.pli(Self.consumerA), with: router).0.isEmpty)
        router.setConsumer(11, for: Self.consumerA)
        #expect(router.consumer(for: Self.consumerA) == 11)
        #expect(Self.route(try Self.pli(Self.consumerA), with: router).0 == [11])
        router.setConsumer(12, for: Self.consumerA)
        #expect(Self.route(try Self.pli(Self.consumerA), with: router).0 == [12])
        router.removeConsumer(for: Self.consumerA)
        #expect(router.consumer(for: Self.consumerA) == nil)
        let (indices, routing) = Self.route(try Self.pli(Self.consumerA) + Self.nack(Self.consumerA, [1]), with: router)
        #expect(indices.isEmpty)
        #expect(routing.counts.unknownMediaSSRC == 2)
    }

    @Test("Counts add up across compounds")
    func countsAdd() throws {
        var total = RTCPFeedbackCounts()
        total.add(Self.route(try Self.mixedCompound()).1.counts)
        total.add(Self.route(try Self.mixedCompound()).1.counts)
        #expect(total.pictureLossIndications == 4)
        #expect(total.nackedPackets == 6)
        #expect(total.reportBlocks == 6)
    }
}
