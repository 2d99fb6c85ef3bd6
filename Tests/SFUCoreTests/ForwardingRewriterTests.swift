import RTCWire
import SFUCore
import Testing

/// `RTPStreamRewriter` within one input run: numbering, loss, reordering, wrap-around, drops,
/// header extension IDs and counters.
@Suite("RTPStreamRewriter: one input run")
struct ForwardingRewriterTests {
    static let outputSSRC: UInt32 = 0xABCD_0001
    static let start: Int64 = 10_000_000_000
    static let frame: Int64 = 20_000_000

    static func audio(initialSequence: UInt16 = 1000, initialTimestamp: UInt32 = 50_000,
                      extensionIDs: RTPExtensionIDMap = RTPExtensionIDMap()) throws -> RTPStreamRewriter {
        RTPStreamRewriter(outputSSRC: SSRC(outputSSRC), payloadTypes: try ForwardingTest.payloadTypes(),
                          extensionIDs: extensionIDs, isVideo: false, initialSequence: SequenceNumber(initialSequence),
                          initialTimestamp: initialTimestamp)
    }

    static func packet(_ sequence: UInt16, _ timestamp: UInt32 = 0) -> ForwardingTest.Packet {
        ForwardingTest.Packet(sequence: sequence, timestamp: timestamp)
    }

    @Test("The first packet gets the initial numbers; the rest keep the input's spacing, SSRC and PT become the consumer's")
    func numbering() throws {
        var rewriter = try Self.audio()
        var first = Self.packet(500, 96_000)
        first.marker = true
        let a = try rewriter.offer(first, now: Self.start)
        let b = try rewriter.offer(Self.packet(501, 96_960), now: Self.start + Self.frame)
        let c = try rewriter.offer(Self.packet(502, 97_920), now: Self.start + 2 * Self.frame)
        #expect([a.outcome, b.outcome, c.outcome] == [.forward, .forward, .forward])
        #expect([a.sequence, b.sequence, c.sequence] == [1000, 1001, 1002])
        #expect([a.timestamp, b.timestamp, c.timestamp] == [50_000, 50_960, 51_920])
        #expect([a.ssrc, b.ssrc, c.ssrc] == [Self.outputSSRC, Self.outputSSRC, Self.outputSSRC])
        #expect([a.payloadType, b.payloadType, c.payloadType] == [100, 100, 100])
        #expect(a.marker && !b.marker)
        // The payload is untouched.
        #expect(Array(c.bytes[12...]) == [0xF8, 0xFF, 0xFE])
        #expect(rewriter.counters.packetsForwarded == 3)
        #expect(rewriter.counters.bytesForwarded == 9)
        #expect(rewriter.counters.headerBytesForwarded == 36)
        #expect(rewriter.counters.reanchors == 1)
        #expect(rewriter.counters.packetsDropped == 0)
        #expect(!rewriter.needsKeyFrame)
    }

    @Test("Loss stays a hole; late packets keep their place within 64; duplicates and packets before the anchor are dropped")
    func lossAndReordering() throws {
        var rewriter = try Self.audio()
        func offer(_ sequence: UInt16) throws -> ForwardingTest.Result {
            try rewriter.offer(Self.packet(sequence, UInt32(sequence) * 960), now: Self.start)
        }
        #expect(try offer(10).sequence == 1000)
        #expect(try offer(11).sequence == 1001)
        let afterLoss = try offer(13)
        #expect(afterLoss.sequence == 1003)
        #expect(afterLoss.timestamp == 50_000 + 3 * 960)
        let late = try offer(12)
        #expect(late.outcome == .forward)
        #expect(late.sequence == 1002)
        #expect(late.timestamp == 50_000 + 2 * 960)
        #expect(try offer(12).outcome == .drop(.duplicateOrOld))
        #expect(try offer(13).outcome == .drop(.duplicateOrOld))
        #expect(try offer(9).outcome == .drop(.duplicateOrOld))
        #expect(try offer(14).sequence == 1004)
        #expect(try offer(80).sequence == 1070)
        #expect(try offer(16).outcome == .drop(.duplicateOrOld))   // 64 behind the newest
        let lastInWindow = try offer(17)                               // 63 behind
        #expect(lastInWindow.outcome == .forward)
        #expect(lastInWindow.sequence == 1007)
        #expect(rewriter.counters.droppedDuplicateOrOld == 4)
        #expect(rewriter.counters.packetsForwarded == 7)
    }

    @Test("Sequence numbers and timestamps wrap on input and output, late packets across the wrap included")
    func wrapAround() throws {
        var rewriter = try Self.audio(initialSequence: 65535, initialTimestamp: 4_294_966_296)
        let inputs: [(UInt16, UInt32)] = [(65534, 4_294_966_000), (65535, 4_294_966_960), (0, 624), (1, 1584)]
        var outputs: [(UInt16, UInt32)] = []
        for (index, (sequence, timestamp)) in inputs.enumerated() {
            let result = try rewriter.offer(Self.packet(sequence, timestamp), now: Self.start + Int64(index) * Self.frame)
            #expect(result.outcome == .forward)
            outputs.append((result.sequence, result.timestamp))
        }
        #expect(outputs.map(\.0) == [65535, 0, 1, 2])
        #expect(outputs.map(\.1) == [4_294_966_296, 4_294_967_256, 920, 1880])

        var reordered = try Self.audio(initialSequence: 65535)
        #expect(try reordered.offer(Self.packet(65534), now: Self.start).sequence == 65535)
        #expect(try reordered.offer(Self.packet(0), now: Self.start).sequence == 1)
        let late = try reordered.offer(Self.packet(65535), now: Self.start)
        #expect(late.outcome == .forward)
        #expect(late.sequence == 0)
    }

    @Test("RTX, unmapped payload types and padding-only packets are dropped and left untouched")
    func drops() throws {
        var rewriter = try Self.audio()
        #expect(try rewriter.offer(Self.packet(10), now: Self.start).sequence == 1000)

        var rtx = Self.packet(5000)
        rtx.ssrc = 0x3333_3333
        rtx.payloadType = ForwardingTest.vp8RTX
        let rtxBytes = try rtx.bytes()
        let rtxResult = try rewriter.offer(rtx, now: Self.start)
        #expect(rtxResult.outcome == .drop(.retransmission))
        #expect(rtxResult.bytes == rtxBytes)

        var unmapped = Self.packet(11)
        unmapped.payloadType = PayloadType(truncating: 8)
        let unmappedResult = try rewriter.offer(unmapped, now: Self.start)
        #expect(unmappedResult.outcome == .drop(.unmappedPayloadType))
        #expect(unmappedResult.bytes == (try unmapped.bytes()))

        var padding = Self.packet(12)
        padding.payload = []
        padding.paddingLength = 40
        #expect(try rewriter.offer(padding, now: Self.start).outcome == .drop(.paddingOnly))
        // The unmapped packet (11) leaves a hole; the padding (12) does not.
        #expect(try rewriter.offer(Self.packet(13), now: Self.start).sequence == 1002)

        #expect(rewriter.counters.droppedRetransmission == 1)
        #expect(rewriter.counters.droppedUnmappedPayloadType == 1)
        #expect(rewriter.counters.droppedPaddingOnly == 1)
        #expect(rewriter.counters.packetsDropped == 3)
        #expect(rewriter.counters.packetsForwarded == 2)
    }

    @Test("Skipped padding moves later packets down; packets older than the padding keep their own number")
    func paddingWithReordering() throws {
        var rewriter = try Self.audio()
        var padding = Self.packet(0)
        padding.payload = []
        padding.paddingLength = 8

        // Padding before anything was forwarded does not anchor the output.
        padding.sequence = 19
        #expect(try rewriter.outcome(of: padding, now: Self.start) == .drop(.paddingOnly))
        #expect(try rewriter.offer(Self.packet(20), now: Self.start).sequence == 1000)
        padding.sequence = 22
        #expect(try rewriter.outcome(of: padding, now: Self.start) == .drop(.paddingOnly))
        padding.sequence = 23
        #expect(try rewriter.outcome(of: padding, now: Self.start) == .drop(.paddingOnly))
        #expect(try rewriter.offer(Self.packet(24), now: Self.start).sequence == 1002)
        // 21 was late: it takes the number it had before the padding.
        #expect(try rewriter.offer(Self.packet(21), now: Self.start).sequence == 1001)
        #expect(try rewriter.offer(Self.packet(25), now: Self.start).sequence == 1003)
        // A padding packet that comes late cannot give its number back: its hole stays.
        #expect(try rewriter.offer(Self.packet(27), now: Self.start).sequence == 1005)
        padding.sequence = 26
        #expect(try rewriter.outcome(of: padding, now: Self.start) == .drop(.paddingOnly))
        #expect(try rewriter.offer(Self.packet(28), now: Self.start).sequence == 1006)
        // A repeated skipped number is a duplicate, even with a payload.
        #expect(try rewriter.outcome(of: Self.packet(22), now: Self.start) == .drop(.duplicateOrOld))
        #expect(rewriter.counters.droppedPaddingOnly == 4)
    }

    @Test("A gap of 3000 is loss; a gap of 3001 re-anchors right after the last packet")
    func jumps() throws {
        var rewriter = try Self.audio()
        #expect(try rewriter.offer(Self.packet(100, 1000), now: Self.start).sequence == 1000)
        let loss = try rewriter.offer(Self.packet(3100, 1960), now: Self.start + Self.frame)
        #expect(loss.sequence == 4000)
        #expect(loss.timestamp == 50_960)
        #expect(rewriter.counters.reanchors == 1)

        let jump = try rewriter.offer(Self.packet(6101, 900_000), now: Self.start + 2 * Self.frame)
        #expect(jump.outcome == .forward)
        #expect(jump.sequence == 4001)
        #expect(jump.timestamp == 50_960 + 960)
        #expect(try rewriter.offer(Self.packet(6102, 900_960), now: Self.start + 3 * Self.frame).sequence == 4002)
        #expect(rewriter.counters.reanchors == 2)
        // A late packet of the run before the jump is dropped, not taken for another jump.
        #expect(try rewriter.outcome(of: Self.packet(3099), now: Self.start + 3 * Self.frame) == .drop(.duplicateOrOld))
        #expect(try rewriter.offer(Self.packet(6103, 901_920), now: Self.start + 4 * Self.frame).sequence == 4003)
        #expect(rewriter.counters.reanchors == 2)
    }

    @Test("A replaced payload type map applies from the next packet; the numbering carries on")
    func renegotiation() throws {
        var rewriter = try Self.audio()
        #expect(try rewriter.offer(Self.packet(10, 960), now: Self.start).payloadType == 100)
        rewriter.payloadTypes = try PayloadTypeMap([
            .init(inputPayloadType: ForwardingTest.opus,
                  mapping: .init(outputPayloadType: PayloadType(truncating: 109), clockRate: 48_000, codec: .other)),
        ])
        let next = try rewriter.offer(Self.packet(11, 1920), now: Self.start + Self.frame)
        #expect(next.payloadType == 109)
        #expect(next.sequence == 1001)
        #expect(next.timestamp == 50_960)
        #expect(rewriter.counters.reanchors == 1)
    }

    @Test("Extension IDs are renamed, unmapped elements erased; payload, header and padding bytes are counted")
    func extensionsAndCounters() throws {
        let ids = try #require(RTPExtensionIDMap([1: 3, 2: 4]))
        var rewriter = try Self.audio(extensionIDs: ids)
        var packet = Self.packet(10)
        packet.extensions = [
            RTPHeaderExtensionValue(id: 1, data: [0xAA]),
            RTPHeaderExtensionValue(id: 5, data: [0xDD]),
            RTPHeaderExtensionValue(id: 2, data: [0xBB, 0xCC]),
        ]
        packet.paddingLength = 4
        let result = try rewriter.offer(packet, now: Self.start)
        #expect(result.outcome == .forward)
        // Block: header BEDE 0002, then 1 0 AA | 5 0 DD | 2 1 BB CC | pad.
        #expect(Array(result.bytes[12..<24]) == [0xBE, 0xDE, 0x00, 0x02, 0x30, 0xAA, 0x00, 0x00, 0x41, 0xBB, 0xCC, 0x00])
        try result.bytes.withUnsafeBytes { buffer in
            let view = try RTPPacketView.parse(buffer).get()
            #expect(view.extensionElement(id: 3).map { Array($0.data) } == [0xAA])
            #expect(view.extensionElement(id: 4).map { Array($0.data) } == [0xBB, 0xCC])
            #expect(view.extensionElement(id: 5) == nil)
            #expect(Array(view.payload) == [0xF8, 0xFF, 0xFE])
        }
        #expect(rewriter.counters.bytesForwarded == 3)
        #expect(rewriter.counters.headerBytesForwarded == 24)
        #expect(rewriter.counters.paddingBytesForwarded == 4)
    }
}
