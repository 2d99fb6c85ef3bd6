import RTCWire
import SFUCore
import Testing

/// Packets for the forwarding tests, built with `RTPPacketBuilder` and offered to a rewriter in a
/// buffer of their own, so each test reads back exactly what the rewriter wrote.
enum ForwardingTest {
    static let opus = PayloadType(truncating: 111)
    static let vp8 = PayloadType(truncating: 96)
    static let vp8RTX = PayloadType(truncating: 97)
    static let h264 = PayloadType(truncating: 102)

    /// A VP8 payload that starts a key frame: descriptor with S=1, partition 0, then a frame tag
    /// with P=0 and the start code, a 640x480 size, and a few bytes of data.
    static let vp8KeyFrame: [UInt8] = [0x10, 0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01, 0xAA, 0xBB]
    /// A VP8 payload that starts a delta frame (P=1).
    static let vp8DeltaFrame: [UInt8] = [0x10, 0x11, 0x02, 0x00, 0xAA, 0xBB, 0xCC]
    /// A VP8 payload that continues a frame (S=0).
    static let vp8Continuation: [UInt8] = [0x00, 0xDE, 0xAD, 0xBE, 0xEF]

    /// An audio/video map: Opus 111 → 100 (48 kHz), VP8 96 → 120 with RTX 97 → 121, H.264 102 → 122.
    static func payloadTypes() throws -> PayloadTypeMap {
        try PayloadTypeMap([
            .init(inputPayloadType: opus, mapping: .init(outputPayloadType: PayloadType(truncating: 100),
                                                         clockRate: 48_000, codec: .other)),
            .init(inputPayloadType: vp8, mapping: .init(outputPayloadType: PayloadType(truncating: 120),
                                                        clockRate: 90_000, codec: .vp8)),
            .init(inputPayloadType: vp8RTX, mapping: .init(outputPayloadType: PayloadType(truncating: 121),
                                                           clockRate: 90_000, codec: .vp8, retransmittedPayloadType: vp8)),
            .init(inputPayloadType: h264, mapping: .init(outputPayloadType: PayloadType(truncating: 122),
                                                         clockRate: 90_000, codec: .h264)),
        ])
    }

    /// One RTP packet to offer.
    struct Packet {
        var ssrc: UInt32 = 0x1111_1111
        var sequence: UInt16
        var timestamp: UInt32
        var payloadType = ForwardingTest.opus
        var marker = false
        var payload: [UInt8] = [0xF8, 0xFF, 0xFE]
        var paddingLength = 0
        var extensions: [RTPHeaderExtensionValue] = []

        /// The packet's bytes.
        func bytes() throws -> [UInt8] {
            var builder = RTPPacketBuilder(payloadType: payloadType, sequenceNumber: SequenceNumber(sequence),
                                           timestamp: timestamp, ssrc: SSRC(ssrc))
            builder.marker = marker
            builder.extensions = extensions
            var storage = [UInt8](repeating: 0, count: 1500)
            let length = try storage.withUnsafeMutableBytes { buffer in
                try payload.withUnsafeBytes { try builder.write(into: buffer, payload: $0, paddingLength: paddingLength).get() }
            }
            return Array(storage[0..<length])
        }
    }

    /// What the rewriter answered, and the packet's fields and bytes afterwards.
    struct Result: CustomStringConvertible {
        let outcome: RTPStreamRewriter.Outcome
        let sequence: UInt16
        let timestamp: UInt32
        let ssrc: UInt32
        let payloadType: UInt8
        let marker: Bool
        let bytes: [UInt8]

        var description: String { "\(outcome) seq \(sequence) ts \(timestamp) ssrc \(ssrc) pt \(payloadType)" }
    }
}

extension RTPStreamRewriter {
    /// Offers `packet` at `now` and reads back what the rewriter made of it.
    mutating func offer(_ packet: ForwardingTest.Packet, now: Int64) throws -> ForwardingTest.Result {
        var bytes = try packet.bytes()
        let outcome = try bytes.withUnsafeMutableBytes { buffer in
            let parsed = try RTPPacket.parse(buffer).get()
            return rewrite(parsed, now: now)
        }
        return try bytes.withUnsafeBytes { buffer in
            let view = try RTPPacketView.parse(buffer).get()
            return ForwardingTest.Result(outcome: outcome, sequence: view.sequenceNumber.rawValue, timestamp: view.timestamp,
                                         ssrc: view.ssrc.rawValue, payloadType: view.payloadType.rawValue,
                                         marker: view.marker, bytes: bytes)
        }
    }

    /// Offers `packet` and returns only the outcome.
    mutating func outcome(of packet: ForwardingTest.Packet, now: Int64) throws -> Outcome {
        try offer(packet, now: now).outcome
    }
}

/// SplitMix64: a small seeded generator, so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
