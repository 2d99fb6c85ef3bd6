import Testing
import RTCWire

@Suite("RTCP transport-wide congestion control feedback")
struct RTCPTransportWideFeedbackTests {
    typealias Result = TransportWideFeedback.PacketResult

    /// TWCC (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), RTPFB FMT 15:
    /// base sequence 65534, 21 packets, reference time -2 (0xFFFFFE), feedback count 42.
    /// Chunks:
    /// - 0x2003: run length (T=0), symbol 01 (small delta), run 3 → 65534, 65535, 0.
    /// - 0xA7C1: 1-bit vector (T=1, S=0), symbols 1 0 0 1 1 1 1 1 0 0 0 0 0 1 → 1...14.
    /// - 0xE180: 2-bit vector (T=1, S=1), symbols 10 00 01 10 (00 00 00 unused) → 15...18.
    /// Deltas: 04 08 FF | 01 … 07 | FFFC (-4) 0A (10) 03E8 (1000); 15 bytes. 20 + 6 + 15 = 41,
    /// zero-padded to 44 bytes, length 10.
    static let feedback = RTCPTest.bytes("""
        8F CD 00 0A  0A 0B 0C 0D  01 02 03 04
        FF FE 00 15  FF FF FE 2A
        20 03 A7 C1 E1 80
        04 08 FF  01 02 03 04 05 06 07  FF FC 0A 03 E8
        00 00 00
        """)

    static let feedbackResults: [Result] = {
        func small(_ sequence: UInt16, _ delta: Int16) -> Result {
            Result(sequence: SequenceNumber(sequence), status: .receivedSmallDelta, receiveDelta: delta)
        }
        func large(_ sequence: UInt16, _ delta: Int16) -> Result {
            Result(sequence: SequenceNumber(sequence), status: .receivedLargeOrNegativeDelta, receiveDelta: delta)
        }
        func lost(_ sequence: UInt16) -> Result {
            Result(sequence: SequenceNumber(sequence), status: .notReceived, receiveDelta: nil)
        }
        return [small(65534, 4), small(65535, 8), small(0, 255),
                small(1, 1), lost(2), lost(3), small(4, 2), small(5, 3), small(6, 4), small(7, 5), small(8, 6),
                lost(9), lost(10), lost(11), lost(12), lost(13), small(14, 7),
                large(15, -4), lost(16), small(17, 10), large(18, 1000)]
    }()

    @Test func handWrittenFeedbackDecodesEveryPacket() {
        RTCPTest.withSinglePacket(Self.feedback) { packet in
            guard case .transportWideFeedback(let twcc) = packet else {
                Issue.record("not TWCC: \(packet)")
                return
            }
            #expect(twcc.senderSSRC == SSRC(0x0A0B_0C0D))
            #expect(twcc.mediaSSRC == SSRC(0x0102_0304))
            #expect(twcc.baseSequence == SequenceNumber(65534))
            #expect(twcc.statusCount == 21)
            #expect(twcc.referenceTime == -2)
            #expect(twcc.referenceTimeMicroseconds == -128_000)
            #expect(twcc.feedbackPacketCount == 42)
            #expect(twcc.receiveDeltasOffset == 26)
            #expect(twcc.chunks.map(\.kind) == [.runLength, .oneBitVector, .twoBitVector])
            #expect(twcc.chunks.map(\.rawValue) == [0x2003, 0xA7C1, 0xE180])
            #expect(Array(twcc.packetResults) == Self.feedbackResults)
        }
    }

    @Test func builderChoosesRunLengthThenOneBitThenTwoBitChunks() {
        // 20 small deltas: one run-length chunk 0x2000 | 20 = 0x2014.
        // Then 0 1 0 1 1 1 1 1 1 1 1 1 1 1 (no large delta in 14): 1-bit vector 0x97FF.
        // Then large, lost, small (3 left, mixed, one large): 2-bit 11 10 00 01 000000 = 0xE100.
        var deltas: [Int16?] = Array(repeating: 1, count: 20)
        deltas += [nil] + Array(repeating: 2, count: 1) + [nil] + Array(repeating: 3, count: 11)
        deltas += [300, nil, 5]
        let built = RTCPTest.build {
            TransportWideFeedback.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2),
                                        baseSequence: SequenceNumber(100), referenceTime: 5,
                                        feedbackPacketCount: 7, receiveDeltas: deltas)
        }
        // 20 + 3 chunks * 2 + deltas (20 + 12 small, 1 large, 1 small = 35) = 61, padded to 64.
        #expect(built?.count == 64)
        RTCPTest.withSinglePacket(built ?? []) { packet in
            guard case .transportWideFeedback(let twcc) = packet else {
                Issue.record("not TWCC: \(packet)")
                return
            }
            #expect(twcc.chunks.map(\.rawValue) == [0x2014, 0x97FF, 0xE100])
            #expect(twcc.referenceTime == 5)
            #expect(twcc.feedbackPacketCount == 7)
            #expect(twcc.packetResults.map(\.receiveDelta) == deltas)
            #expect(twcc.packetResults.map(\.sequence.rawValue) == Array(100..<137))
        }
    }

    @Test func builderReproducesTheHandWrittenPacket() {
        let deltas = Self.feedbackResults.map(\.receiveDelta)
        let built = RTCPTest.build {
            TransportWideFeedback.write(into: $0, senderSSRC: SSRC(0x0A0B_0C0D), mediaSSRC: SSRC(0x0102_0304),
                                        baseSequence: SequenceNumber(65534), referenceTime: -2,
                                        feedbackPacketCount: 42, receiveDeltas: deltas)
        }
        // The greedy encoder may pick other chunks than the hand-written ones; the packet must
        // still decode to the same results.
        RTCPTest.withSinglePacket(built ?? []) { packet in
            guard case .transportWideFeedback(let twcc) = packet else { return }
            #expect(Array(twcc.packetResults) == Self.feedbackResults)
            #expect(twcc.referenceTime == -2)
        }
    }

    @Test func longLossRunsSplitIntoMaximalRunLengthChunks() {
        // 1 small, 10000 lost, 1 small. First chunk: a 1-bit vector of the small one and 13
        // lost; then 9987 lost = 8191 + 1796 as run-length chunks; then the last small alone.
        let deltas: [Int16?] = [1] + Array(repeating: nil, count: 10000) + [2]
        let built = RTCPTest.build(capacity: 200) {
            TransportWideFeedback.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2),
                                        baseSequence: SequenceNumber(0), referenceTime: 0,
                                        feedbackPacketCount: 0, receiveDeltas: deltas)
        }
        RTCPTest.withSinglePacket(built ?? []) { packet in
            guard case .transportWideFeedback(let twcc) = packet else {
                Issue.record("not TWCC: \(packet)")
                return
            }
            #expect(twcc.chunks.map(\.rawValue) == [0xA000, 0x1FFF, 0x0704, 0x2001])
            #expect(twcc.statusCount == 10002)
            #expect(twcc.packetResults.map(\.receiveDelta) == deltas)
        }
    }

    @Test func referenceTimeKeepsItsLowTwentyFourBits() {
        let built = RTCPTest.build {
            TransportWideFeedback.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2),
                                        baseSequence: SequenceNumber(0), referenceTime: 0x0180_0001,
                                        feedbackPacketCount: 0, receiveDeltas: [nil])
        }
        // 0x01800001 & 0xFFFFFF = 0x800001, read back as -8388607.
        #expect(built.map { Array($0[16...18]) } == [0x80, 0x00, 0x01])
        RTCPTest.withSinglePacket(built ?? []) { packet in
            guard case .transportWideFeedback(let twcc) = packet else { return }
            #expect(twcc.referenceTime == -8_388_607)
        }
    }

    @Test func builderRefusesEmptyOrOversizedInput() {
        #expect(RTCPTest.build {
            TransportWideFeedback.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2), baseSequence: SequenceNumber(0),
                                        referenceTime: 0, feedbackPacketCount: 0, receiveDeltas: [])
        } == nil)
        #expect(RTCPTest.build(capacity: 30) {
            TransportWideFeedback.write(into: $0, senderSSRC: SSRC(1), mediaSSRC: SSRC(2), baseSequence: SequenceNumber(0),
                                        referenceTime: 0, feedbackPacketCount: 0,
                                        receiveDeltas: Array(repeating: 1000, count: 10))
        } == nil)
    }

    @Test func reservedSymbolIsRejected() {
        // Run-length chunk with symbol 11: 0x6001.
        var bytes = Self.feedback
        bytes[20] = 0x60
        bytes[21] = 0x01
        #expect(RTCPTest.firstError(bytes) == .reservedStatusSymbol(chunkOffset: 20))
    }

    @Test func chunksOrDeltasBeyondThePacketAreRejected() {
        // Status count 21 with no room for a chunk after the 20 fixed bytes.
        let noChunks = RTCPTest.bytes("8F CD 00 04  00 00 00 01  00 00 00 02  00 00 00 15  00 00 00 00")
        #expect(RTCPTest.firstError(noChunks) == .truncatedBody(packetType: 205, needed: 22, available: 20))
        // A run of 100 small deltas needs 100 delta bytes after 2 bytes of chunk.
        let runOfSmall = RTCPTest.bytes("8F CD 00 05  00 00 00 01  00 00 00 02  00 00 00 64  00 00 00 00  20 64 00 00")
        #expect(RTCPTest.firstError(runOfSmall) == .truncatedBody(packetType: 205, needed: 122, available: 24))
    }
}
