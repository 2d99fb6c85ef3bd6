/// One synthetic VP8 frame, split into RTP packets as a VP8 packetiser would (RFC 7741):
/// `byteCount` payload bytes (descriptors, VP8 header, filler and probe trailers together)
/// divided into `packetCount` packets of equal length, the first `byteCount % packetCount` one
/// byte longer.
///
/// Each packet's payload starts with a 4-byte payload descriptor: X=1, S=1 on packet 0 only,
/// partition index 0, then I=1 with a 15-bit picture ID (the same in every packet of the
/// frame). Packet 0 continues with the VP8 frame header (RFC 6386 §9.1): a 3-byte frame tag
/// (P=0 on a key frame, 1 otherwise; version 0; show_frame 1) and, on a key frame, the start
/// code 9D 01 2A and 640×480. The rest up to the probe trailer is zero filler.
///
/// Invariants: `packetCount ≥ 1`; every packet length is in
/// `minimumPacketBytes...maximumPayloadBytes`; the marker bit belongs on packet
/// `packetCount - 1` only.
public struct VideoFrame: Sendable, Hashable {
    /// The payload descriptor: X|S|PID, I, M|picture ID high bits, picture ID low bits.
    public static let descriptorByteCount = 4
    /// Frame tag (3), start code (3), width and height (2 each).
    public static let keyFrameHeaderByteCount = 10
    /// The frame tag alone.
    public static let interFrameHeaderByteCount = 3
    /// The shortest packet: a descriptor, a key frame header and a probe trailer.
    public static let minimumPacketBytes = descriptorByteCount + keyFrameHeaderByteCount + ProbeTrailer.byteCount
    public static let width: UInt16 = 640
    public static let height: UInt16 = 480

    public let rtpTimestamp: UInt32
    public let isKeyFrame: Bool
    public let packetCount: Int
    /// The payload bytes of all the frame's packets together.
    public let byteCount: Int
    /// The VP8 picture ID (15 bits).
    public let pictureID: UInt16
    public let maximumPayloadBytes: Int

    /// A frame of `byteCount` bytes (raised to `minimumPacketBytes`) in packets of at most
    /// `maximumPayloadBytes` (raised to twice `minimumPacketBytes`, so that equal packets never
    /// fall below the minimum).
    public init(rtpTimestamp: UInt32, isKeyFrame: Bool, byteCount: Int, pictureID: UInt16, maximumPayloadBytes: Int) {
        let maximum = max(maximumPayloadBytes, 2 * Self.minimumPacketBytes)
        let total = max(byteCount, Self.minimumPacketBytes)
        self.rtpTimestamp = rtpTimestamp
        self.isKeyFrame = isKeyFrame
        self.byteCount = total
        self.pictureID = pictureID & 0x7FFF
        self.maximumPayloadBytes = maximum
        packetCount = total / maximum + (total % maximum == 0 ? 0 : 1)
    }

    /// The payload length of packet `index` (probe trailer included); 0 outside
    /// `0..<packetCount`.
    public func payloadLength(ofPacket index: Int) -> Int {
        guard index >= 0, index < packetCount else { return 0 }
        return byteCount / packetCount + (index < byteCount % packetCount ? 1 : 0)
    }

    /// Packet `index` as the sender schedules it (marker on the last packet).
    public func packet(_ index: Int) -> MediaPacket {
        MediaPacket(payloadLength: payloadLength(ofPacket: index), marker: index == packetCount - 1,
                    rtpTimestamp: rtpTimestamp)
    }

    /// Writes the VP8 payload descriptor (and the VP8 frame header on packet 0) and zero filler
    /// into `payload[0..<payload.count - ProbeTrailer.byteCount]`; the caller writes the probe
    /// trailer at the end. Writes only what fits: nothing into a payload no longer than the
    /// trailer, and nothing for an index outside `0..<packetCount`. Marker: `index == packetCount - 1`.
    public func writePayload(ofPacket index: Int, into payload: UnsafeMutableRawBufferPointer) {
        let end = payload.count - ProbeTrailer.byteCount
        guard end > 0, index >= 0, index < packetCount else { return }
        let body = UnsafeMutableRawBufferPointer(rebasing: payload[0..<end])
        body.initializeMemory(as: UInt8.self, repeating: 0)
        var writer = BoundedWriter(body)
        writer.put(index == 0 ? 0x90 : 0x80)            // X=1, S on the first packet, PID 0
        writer.put(0x80)                                  // I=1
        writer.put(0x80 | UInt8(truncatingIfNeeded: pictureID >> 8)) // M=1: 15-bit picture ID
        writer.put(UInt8(truncatingIfNeeded: pictureID))
        guard index == 0 else { return }
        let tag = (isKeyFrame ? 0 : 1) | 1 << 4 | UInt32(firstPartitionSize) << 5
        writer.put(UInt8(truncatingIfNeeded: tag))
        writer.put(UInt8(truncatingIfNeeded: tag >> 8))
        writer.put(UInt8(truncatingIfNeeded: tag >> 16))
        guard isKeyFrame else { return }
        writer.put(0x9D)
        writer.put(0x01)
        writer.put(0x2A)
        writer.put(UInt8(truncatingIfNeeded: Self.width))  // 14-bit width, scale 0, little-endian
        writer.put(UInt8(truncatingIfNeeded: Self.width >> 8))
        writer.put(UInt8(truncatingIfNeeded: Self.height))
        writer.put(UInt8(truncatingIfNeeded: Self.height >> 8))
    }

    /// The frame tag's first_part_size: the frame's filler bytes, capped at 19 bits.
    private var firstPartitionSize: Int {
        let header = isKeyFrame ? Self.keyFrameHeaderByteCount : Self.interFrameHeaderByteCount
        let overhead = packetCount * (Self.descriptorByteCount + ProbeTrailer.byteCount) + header
        return min(max(byteCount - overhead, 0), 0x7FFFF)
    }
}

/// Sequential byte writes that stop silently at the end of the buffer.
private struct BoundedWriter {
    let buffer: UnsafeMutableRawBufferPointer
    var offset = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    mutating func put(_ byte: UInt8) {
        guard offset < buffer.count else { return }
        buffer[offset] = byte
        offset += 1
    }
}
