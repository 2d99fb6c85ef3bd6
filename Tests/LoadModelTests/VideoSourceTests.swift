import LoadModel
import Testing

/// A VP8 RTP payload read as RFC 7741 §4.2 (payload descriptor) and RFC 6386 §9.1 (frame
/// header) lay it out, written here independently of the source under test.
struct VP8Payload {
    var startOfPartition = false
    var partitionIndex: UInt8 = 0
    var pictureID: UInt16?
    /// Offset of the VP8 payload header (after the descriptor).
    var headerOffset = 0

    init?(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return nil }
        startOfPartition = first & 0x10 != 0
        partitionIndex = first & 0x07
        var offset = 1
        if first & 0x80 != 0 {
            guard offset < bytes.count else { return nil }
            let extensions = bytes[offset]
            offset += 1
            if extensions & 0x80 != 0 {
                guard offset < bytes.count else { return nil }
                if bytes[offset] & 0x80 != 0 {
                    guard offset + 1 < bytes.count else { return nil }
                    pictureID = UInt16(bytes[offset] & 0x7F) << 8 | UInt16(bytes[offset + 1])
                    offset += 2
                } else {
                    pictureID = UInt16(bytes[offset])
                    offset += 1
                }
            }
            if extensions & 0x40 != 0 { offset += 1 }
            if extensions & 0x30 != 0 { offset += 1 }
        }
        headerOffset = offset
    }
}

@Suite("VideoSource and VideoFrame: VP8-shaped frames at a steady rate")
struct VideoSourceTests {
    static func standard(seed: UInt64 = 1) -> VideoSource {
        VideoSource(bitsPerSecond: 1_500_000, framesPerSecond: 30, maximumPayloadBytes: 1200, keyFrameIntervalSeconds: 3,
                    seed: seed)
    }

    static func firstFrame(seed: UInt64 = 1) -> VideoFrame {
        var source = standard(seed: seed)
        source.start(now: 0)
        return source.nextFrame()
    }

    @Test func theRateHoldsExactlyOverEachKeyFrameInterval() {
        var source = Self.standard()
        source.start(now: 0)
        var frames: [VideoFrame] = []
        for _ in 0..<900 { frames.append(source.nextFrame()) }
        // 1.5 Mbit/s for 3 s = 562,500 bytes per interval of 90 frames.
        for interval in 0..<10 {
            let group = frames[(interval * 90)..<((interval + 1) * 90)]
            #expect(group.reduce(0) { $0 + $1.byteCount } == 562_500)
            #expect(group.first?.isKeyFrame == true)
            #expect(group.dropFirst().allSatisfy { !$0.isKeyFrame })
        }
        // Key frames 4× the 6,250-byte average, the others share the rest.
        #expect(frames[0].byteCount == 25_000)
        #expect(frames[1...89].allSatisfy { $0.byteCount == 6_039 || $0.byteCount == 6_040 })
    }

    @Test func packetsAreEqualWithinAByteAndNeverTooLarge() {
        var source = Self.standard()
        source.start(now: 0)
        for _ in 0..<200 {
            let frame = source.nextFrame()
            let lengths = (0..<frame.packetCount).map { frame.payloadLength(ofPacket: $0) }
            #expect(lengths.reduce(0, +) == frame.byteCount)
            #expect(lengths.allSatisfy { $0 <= 1200 && $0 >= VideoFrame.minimumPacketBytes })
            #expect(lengths.max()! - lengths.min()! <= 1)
            #expect(frame.packetCount == (frame.byteCount + 1199) / 1200)
            #expect((0..<frame.packetCount).map { frame.packet($0).marker } == lengths.indices.map { $0 == lengths.count - 1 })
            #expect(frame.payloadLength(ofPacket: frame.packetCount) == 0)
            #expect(frame.payloadLength(ofPacket: -1) == 0)
        }
        let key = Self.firstFrame()
        #expect(key.packetCount == 21)
        #expect((0..<21).map { key.payloadLength(ofPacket: $0) } == Array(repeating: 1191, count: 10) + Array(repeating: 1190, count: 11))
    }

    @Test func scheduleAndTimestampsAreComputedFromTheFrameNumber() {
        var source = VideoSource(bitsPerSecond: 300_000, framesPerSecond: 7, maximumPayloadBytes: 1200,
                                 keyFrameIntervalSeconds: 2, seed: 9)
        source.start(now: 500)
        var frames: [VideoFrame] = []
        for k in 0..<70 {
            #expect(source.nextFrameAt == 500 + Int64(k) * 1_000_000_000 / 7)
            frames.append(source.nextFrame())
        }
        #expect(source.nextFrameAt == 500 + 10_000_000_000)
        let base = frames[0].rtpTimestamp
        for (k, frame) in frames.enumerated() {
            #expect(frame.rtpTimestamp &- base == UInt32(k * 90_000 / 7))
        }
        // 90 kHz: 7 frames are exactly one second.
        #expect(frames[7].rtpTimestamp &- base == 90_000)
        // A key frame every 14 frames.
        #expect(frames.indices.filter { frames[$0].isKeyFrame } == [0, 14, 28, 42, 56])
    }

    @Test func aRequestedKeyFrameComesNextAndRestartsTheInterval() {
        var source = Self.standard()
        source.start(now: 0)
        for _ in 0..<10 { _ = source.nextFrame() }
        source.requestKeyFrame()
        #expect(source.nextFrame().isKeyFrame)
        var keys: [Int] = []
        for index in 1...200 where source.nextFrame().isKeyFrame { keys.append(index) }
        #expect(keys == [90, 180])
    }

    @Test func pictureIDsCountUpAndTheSeedDecidesWhereFrom() {
        var source = Self.standard(seed: 4)
        source.start(now: 0)
        let ids = (0..<40_000).map { _ in source.nextFrame().pictureID }
        #expect(ids.allSatisfy { $0 < 0x8000 })
        #expect(zip(ids.dropFirst(), ids).allSatisfy { $0 == ($1 + 1) & 0x7FFF })
        #expect(Self.firstFrame(seed: 4) == Self.firstFrame(seed: 4))
        #expect(Self.firstFrame(seed: 5).rtpTimestamp != Self.firstFrame(seed: 4).rtpTimestamp)
        #expect(Self.firstFrame(seed: 5).pictureID != Self.firstFrame(seed: 4).pictureID)
    }

    /// What a VP8 depacketiser and Switchboard's KeyFrameDetector need to see a key frame:
    /// descriptor with S=1 and partition 0, then a frame tag with P=0, the start code
    /// 9D 01 2A and the dimensions.
    @Test func aKeyFrameStartsWithTheBytesAVP8DecoderNeeds() throws {
        let frame = Self.firstFrame()
        #expect(frame.isKeyFrame)
        let length = frame.payloadLength(ofPacket: 0)
        var bytes = [UInt8](repeating: 0xAA, count: length)
        bytes.withUnsafeMutableBytes { frame.writePayload(ofPacket: 0, into: $0) }
        #expect(bytes[(length - 24)...].allSatisfy { $0 == 0xAA }) // left for the probe trailer

        let payload = try #require(VP8Payload(bytes))
        #expect(payload.startOfPartition)
        #expect(payload.partitionIndex == 0)
        #expect(payload.pictureID == frame.pictureID)
        let header = Array(bytes[payload.headerOffset..<(payload.headerOffset + 10)])
        #expect(header[0] & 0x01 == 0)            // P = 0: key frame
        #expect((header[0] >> 1) & 0x07 == 0)     // version 0
        #expect(header[0] & 0x10 != 0)            // show_frame
        let tag = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16
        let firstPartitionSize = tag >> 5
        #expect(firstPartitionSize > 0 && firstPartitionSize < frame.byteCount)
        #expect(Array(header[3..<6]) == [0x9D, 0x01, 0x2A])
        let width = Int(header[6]) | Int(header[7] & 0x3F) << 8
        let height = Int(header[8]) | Int(header[9] & 0x3F) << 8
        #expect(width == 640)
        #expect(height == 480)
        #expect(header[7] >> 6 == 0 && header[9] >> 6 == 0) // no scaling
        // The exact bytes, as the SFU's detector reads them (descriptor X, I, 15-bit picture ID).
        let pictureIDHigh = 0x80 | UInt8(frame.pictureID >> 8)
        let pictureIDLow = UInt8(frame.pictureID & 0xFF)
        #expect(Array(bytes[0..<4]) == [0x90, 0x80, pictureIDHigh, pictureIDLow])
    }

    @Test func otherPacketsAndDeltaFramesDoNotLookLikeKeyFrameStarts() throws {
        var source = Self.standard()
        source.start(now: 0)
        let key = source.nextFrame()
        let delta = source.nextFrame()
        var second = [UInt8](repeating: 0xAA, count: key.payloadLength(ofPacket: 1))
        second.withUnsafeMutableBytes { key.writePayload(ofPacket: 1, into: $0) }
        let continuation = try #require(VP8Payload(second))
        #expect(!continuation.startOfPartition)
        #expect(continuation.pictureID == key.pictureID)
        #expect(second[continuation.headerOffset..<(second.count - 24)].allSatisfy { $0 == 0 })

        var first = [UInt8](repeating: 0xAA, count: delta.payloadLength(ofPacket: 0))
        first.withUnsafeMutableBytes { delta.writePayload(ofPacket: 0, into: $0) }
        let start = try #require(VP8Payload(first))
        #expect(start.startOfPartition)
        #expect(first[start.headerOffset] & 0x01 == 1) // P = 1: interframe
        #expect(Array(first[(start.headerOffset + 3)..<(start.headerOffset + 6)]) != [0x9D, 0x01, 0x2A])
        #expect(start.pictureID == (key.pictureID + 1) & 0x7FFF)
    }

    @Test func shortBuffersAndNonsenseArgumentsDoNotTrap() {
        let frame = Self.firstFrame()
        for count in 0...40 {
            var bytes = [UInt8](repeating: 0xAA, count: count)
            bytes.withUnsafeMutableBytes { frame.writePayload(ofPacket: 0, into: $0) }
            #expect(bytes.suffix(24).allSatisfy { $0 == 0xAA } || count < 24)
        }
        var untouched = [UInt8](repeating: 0xAA, count: 100)
        untouched.withUnsafeMutableBytes { frame.writePayload(ofPacket: 99, into: $0) }
        #expect(untouched.allSatisfy { $0 == 0xAA })

        var silly = VideoSource(bitsPerSecond: -1, framesPerSecond: 0, maximumPayloadBytes: 3, keyFrameIntervalSeconds: .nan,
                                seed: 0)
        silly.start(now: .max)
        let tiny = silly.nextFrame()
        #expect(tiny.isKeyFrame)
        #expect(tiny.packetCount == 1)
        #expect(tiny.payloadLength(ofPacket: 0) == VideoFrame.minimumPacketBytes)
        var huge = VideoSource(bitsPerSecond: .max, framesPerSecond: .max, maximumPayloadBytes: .max,
                               keyFrameIntervalSeconds: .infinity, seed: 0)
        _ = huge.nextFrame()
    }
}
