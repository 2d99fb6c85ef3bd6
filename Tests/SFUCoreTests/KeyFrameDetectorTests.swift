import SFUCore
import Testing

/// Key frame detection on payloads laid out by hand from RFC 7741 (VP8), RFC 9628 (VP9),
/// RFC 6184 (H.264) and the AV1 RTP payload format.
@Suite("KeyFrameDetector: key frame starts per payload format")
struct KeyFrameDetectorTests {
    static func detect(_ bytes: [UInt8], _ codec: VideoCodecKind) -> Bool {
        bytes.withUnsafeBytes { KeyFrameDetector.isKeyFrameStart($0, codec: codec) }
    }

    /// VP8 key frame header after the descriptor: frame tag (P=0, show_frame=1), start code,
    /// 640x480.
    static let vp8KeyHeader: [UInt8] = [0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01]
    /// VP8 interframe tag (P=1).
    static let vp8DeltaHeader: [UInt8] = [0x11, 0x02, 0x00, 0x12, 0x34, 0x56]

    static let vp8Positive: [[UInt8]] = [
        [0x10] + vp8KeyHeader,                                  // S=1, PID=0, no extensions
        [0x30] + vp8KeyHeader,                                  // N=1 (non-reference) does not matter
        [0x90, 0xE0, 0x05, 0x11, 0x40] + vp8KeyHeader,          // X: I (7-bit ID), L, T
        [0x90, 0x80, 0x81, 0x23] + vp8KeyHeader,                // X: I with M (15-bit ID)
        [0x90, 0xF0, 0xFF, 0xFF, 0x11, 0x25] + vp8KeyHeader,    // X: I (15-bit), L, T, K
        [0x90, 0x10, 0x05] + vp8KeyHeader,                      // X: K only
        [0x90, 0x00] + vp8KeyHeader,                            // X with no extension present
    ]

    static let vp8Negative: [[UInt8]] = [
        [0x10] + vp8DeltaHeader,                                // P=1: interframe
        [0x00] + vp8KeyHeader,                                  // S=0: not the start of a partition
        [0x11] + vp8KeyHeader,                                  // S=1 but partition 1
        [0x10, 0x10, 0x02, 0x00, 0x00, 0x00, 0x00],             // P=0 without the start code
        [0x90, 0x80, 0x81],                                     // 15-bit picture ID cut short
        [0x90, 0xE0, 0x05, 0x11] + vp8KeyHeader,                // T announced but its byte missing: no start code where the tag should be
        [0x10, 0x10, 0x02, 0x00, 0x9D, 0x01],                   // start code cut short
        [0x90],                                                 // X set, extension byte missing
        [],
    ]

    @Test("VP8: S=1, partition 0, P=0 and the start code, through every descriptor extension")
    func vp8() {
        for payload in Self.vp8Positive { #expect(Self.detect(payload, .vp8), "\(payload)") }
        for payload in Self.vp8Negative { #expect(!Self.detect(payload, .vp8), "\(payload)") }
    }

    /// I (15-bit picture ID), L (non-flexible: layer byte and TL0PICIDX), B, V with a
    /// scalability structure of one 640x480 layer and one picture group with one reference.
    static let vp9KeyFrameWithStructure: [UInt8] = [
        0xAA, 0x81, 0x23, 0x00, 0x07,
        0x18, 0x02, 0x80, 0x01, 0xE0, 0x01, 0x04, 0x01,
        0x82, 0x49, 0x83,
    ]

    static let vp9Positive: [[UInt8]] = [
        vp9KeyFrameWithStructure,
        [0x08, 0x82],                                           // B only, P=0
        [0x88, 0x05, 0x82],                                     // I (7-bit) and B
        [0x38, 0x00, 0x82],                                     // flexible mode, L with SID 0
        [0x28, 0x00, 0x0C, 0x82],                               // non-flexible, L with SID 0 and TL0PICIDX
        [0x0A, 0x00, 0x82],                                     // V with an empty structure
        [0x0E, 0x00, 0x82],                                     // B, E and V: a whole frame with an empty structure
    ]

    static let vp9Negative: [[UInt8]] = [
        [0x48, 0x82],                                           // P=1: inter-picture predicted
        [0x80, 0x05, 0x82],                                     // B=0: not the start of a frame
        [0x28, 0x02, 0x00, 0x82],                               // spatial layer 1
        [0x38, 0x0E, 0x82],                                     // flexible, spatial layer 7
        [0x0A, 0x18, 0x02, 0x80],                               // structure's sizes cut short
        [0x0A, 0x08],                                           // structure's N_G missing
        [0x0A, 0x08, 0x02, 0x04],                               // second picture group missing
        [0x0A, 0x00],                                           // nothing after the structure
        [0x08],                                                 // descriptor only
        [0x88],                                                 // picture ID missing
        [0x88, 0x81],                                           // 15-bit picture ID: no payload left
        [0x28],                                                 // layer byte missing
        [],
    ]

    @Test("VP9: B=1, P=0, spatial layer 0, descriptor and scalability structure inside the payload")
    func vp9() {
        for payload in Self.vp9Positive { #expect(Self.detect(payload, .vp9), "\(payload)") }
        for payload in Self.vp9Negative { #expect(!Self.detect(payload, .vp9), "\(payload)") }
    }

    static let h264Positive: [[UInt8]] = [
        [0x65, 0x88, 0x84, 0x00],                               // IDR slice (type 5)
        [0x67, 0x42, 0xC0, 0x1F],                               // SPS (type 7)
        [0x78, 0x00, 0x04, 0x67, 0x42, 0xC0, 0x1F, 0x00, 0x02, 0x68, 0xCE],   // STAP-A: SPS, PPS
        [0x78, 0x00, 0x02, 0x06, 0x05, 0x00, 0x03, 0x65, 0x88, 0x84],         // STAP-A: SEI, IDR
        [0x7C, 0x85, 0x88, 0x84],                               // FU-A start of an IDR slice
        [0x7C, 0x87, 0x42],                                     // FU-A start of an SPS
    ]

    static let h264Negative: [[UInt8]] = [
        [0x41, 0x9A, 0x00],                                     // non-IDR slice (type 1)
        [0x68, 0xCE, 0x3C, 0x80],                               // PPS alone
        [0x06, 0x05, 0xFF],                                     // SEI
        [0x78, 0x00, 0x02, 0x68, 0xCE, 0x00, 0x02, 0x41, 0x9A], // STAP-A: PPS, non-IDR
        [0x78, 0x00, 0x09, 0x65, 0x88],                         // STAP-A: unit longer than the packet
        [0x78, 0x00, 0x00, 0x65, 0x88],                         // STAP-A: zero-length unit
        [0x78, 0x00],                                           // STAP-A: size cut short
        [0x7C, 0x05, 0x88],                                     // FU-A middle of an IDR slice
        [0x7C, 0x45, 0x88],                                     // FU-A end of an IDR slice
        [0x5C, 0x81, 0x9A],                                     // FU-A start of a non-IDR slice
        [0x7C],                                                 // FU-A header missing
        [],
    ]

    @Test("H.264: IDR or SPS as a single NAL unit, in a STAP-A, or starting an FU-A")
    func h264() {
        for payload in Self.h264Positive { #expect(Self.detect(payload, .h264), "\(payload)") }
        for payload in Self.h264Negative { #expect(!Self.detect(payload, .h264), "\(payload)") }
    }

    static let av1Positive: [[UInt8]] = [
        [0x18, 0x0A, 0x0B, 0x00, 0x00, 0x00],                   // W=1, N=1: sequence header OBU follows
        [0x08, 0x0A, 0x0B],                                     // W=0, N=1
        [0x48, 0x0A],                                           // Y=1 (last element continues), N=1
    ]

    static let av1Negative: [[UInt8]] = [
        [0x10, 0x32, 0x00],                                     // N=0
        [0x98, 0x32, 0x00],                                     // Z=1: cannot start a sequence
        [0x08],                                                 // aggregation header only
        [],
    ]

    @Test("AV1: aggregation header with N=1 and Z=0")
    func av1() {
        for payload in Self.av1Positive { #expect(Self.detect(payload, .av1), "\(payload)") }
        for payload in Self.av1Negative { #expect(!Self.detect(payload, .av1), "\(payload)") }
    }

    @Test("Each format reads only its own layout, and .other never starts a key frame")
    func formatsAreNotConfused() {
        #expect(!Self.detect([0x10] + Self.vp8KeyHeader, .other))
        #expect(!Self.detect([0x65, 0x88, 0x84], .other))
        // An H.264 IDR NAL header read as VP8 is S=0: not a key frame.
        #expect(!Self.detect([0x65, 0x88, 0x84, 0x00], .vp8))
        // A VP9 key frame descriptor read as AV1 has N=1 and Z=1.
        #expect(!Self.detect(Self.vp9KeyFrameWithStructure, .av1))
    }

    @Test("Every prefix of every example is read without trapping")
    func prefixes() {
        let all: [([[UInt8]], VideoCodecKind)] = [
            (Self.vp8Positive + Self.vp8Negative, .vp8), (Self.vp9Positive + Self.vp9Negative, .vp9),
            (Self.h264Positive + Self.h264Negative, .h264), (Self.av1Positive + Self.av1Negative, .av1),
        ]
        var checked = 0
        for (payloads, codec) in all {
            for payload in payloads {
                for length in 0..<payload.count {
                    _ = Self.detect(Array(payload.prefix(length)), codec)
                    checked += 1
                }
            }
        }
        #expect(checked > 300)
        // Cutting a key frame start before its payload data turns it into a non-start.
        #expect(!Self.detect(Array(Self.vp9KeyFrameWithStructure.prefix(13)), .vp9))
        #expect(!Self.detect(Array(([0x10] + Self.vp8KeyHeader).prefix(6)), .vp8))
    }

    @Test("100,000 random payloads of every format: no trap, and only plausible starts")
    func randomPayloads() {
        var generator = SeededGenerator(seed: 0x5EED_F00D)
        let codecs: [VideoCodecKind] = [.vp8, .vp9, .h264, .av1, .other]
        var starts: [VideoCodecKind: Int] = [:]
        var storage = [UInt8](repeating: 0, count: 64)
        for round in 0..<100_000 {
            let length = Int.random(in: 0...64, using: &generator)
            for index in 0..<length { storage[index] = UInt8.random(in: 0...255, using: &generator) }
            let codec = codecs[round % codecs.count]
            let isStart = storage.withUnsafeBytes {
                KeyFrameDetector.isKeyFrameStart(UnsafeRawBufferPointer(rebasing: $0[0..<length]), codec: codec)
            }
            if isStart { starts[codec, default: 0] += 1 }
        }
        // 20,000 payloads per format. AV1 needs N=1, Z=0 (1 in 4 of the header bits) and H.264
        // about 2 NAL types in 32 plus aggregates; VP8 also needs a 3-byte start code, so random
        // bytes almost never pass.
        #expect(starts[.other, default: 0] == 0)
        #expect((3_000...7_000).contains(starts[.av1, default: 0]))
        #expect((800...3_000).contains(starts[.h264, default: 0]))
        #expect(starts[.vp8, default: 0] < 5)
        #expect((300...3_000).contains(starts[.vp9, default: 0]))
    }
}
