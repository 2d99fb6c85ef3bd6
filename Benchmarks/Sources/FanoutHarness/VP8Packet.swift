/// The RTP packets the harness's publisher sends: VP8 as RFC 7741 frames it, with a payload the
/// sinks can check after the server forwarded it.
///
/// Payload layout (`length` bytes): the VP8 payload descriptor (one byte: S set on a frame's
/// first packet, partition index 0, no extensions); on a frame's first packet the 3-byte VP8
/// payload header (frame tag, P = 0 for a key frame, 1 otherwise) and, for a key frame, the start
/// code 0x9D 0x01 0x2A and a 640×480 size; at offset 12 the publisher's sequence number (big
/// endian); from offset 14 on, the fill byte `fill(sequence)`.
///
/// Invariant: `write` and `check` allocate nothing and never trap on any bytes.
public enum VP8Packet {
    public static let headerLength = 12
    public static let payloadType: UInt8 = 96
    public static let clockRate: UInt32 = 90_000
    /// The payload must hold the descriptor, the key-frame header and the sequence number.
    public static let minimumPayload = 16
    /// One packet fits a 2048-byte slot with the SRTP trailer.
    public static let maximumPayload = 1400
    private static let sequenceOffset = 12
    private static let fillOffset = 14

    /// The fill byte of the packet the publisher numbered `sequence`.
    @inline(__always)
    public static func fill(_ sequence: UInt16) -> UInt8 { UInt8(truncatingIfNeeded: sequence) ^ 0xA5 }

    /// Writes packet `sequence` (plain RTP, header and payload) at the start of `buffer` and
    /// returns its length. `frameStart` marks a frame's first packet, `keyFrame` makes that frame
    /// a key frame, `marker` ends the frame.
    @inline(__always)
    public static func write(
        into buffer: UnsafeMutableRawBufferPointer, sequence: UInt16, timestamp: UInt32, ssrc: UInt32, payloadLength: Int,
        frameStart: Bool, keyFrame: Bool, marker: Bool
    ) -> Int {
        let length = headerLength + payloadLength
        precondition(buffer.count >= length && payloadLength >= minimumPayload, "packet does not fit")
        buffer[0] = 0x80
        buffer[1] = payloadType | (marker ? 0x80 : 0)
        store16(sequence, buffer, 2)
        store32(timestamp, buffer, 4)
        store32(ssrc, buffer, 8)
        let payload = headerLength
        UnsafeMutableRawBufferPointer(rebasing: buffer[(payload + fillOffset)..<length])
            .initializeMemory(as: UInt8.self, repeating: fill(sequence))
        buffer[payload] = frameStart ? 0x10 : 0x00
        // Frame tag: P (bit 0), version 0, show_frame (bit 4); the partition size is not read.
        buffer[payload + 1] = (keyFrame ? 0x00 : 0x01) | 0x10
        buffer[payload + 2] = 0
        buffer[payload + 3] = 0
        if keyFrame {
            buffer[payload + 4] = 0x9D
            buffer[payload + 5] = 0x01
            buffer[payload + 6] = 0x2A
            store16(UInt16(640).byteSwapped, buffer, payload + 7)
            store16(UInt16(480).byteSwapped, buffer, payload + 9)
        } else {
            for offset in 4..<sequenceOffset { buffer[payload + offset] = 0 }
        }
        buffer[payload + 11] = 0
        store16(sequence, buffer, payload + sequenceOffset)
        return length
    }

    /// What a sink found in a decrypted forwarded packet.
    public enum Check: Equatable {
        /// As sent: the publisher's sequence number `publisherSequence` travelled as `sequence`.
        case ok(sequence: UInt16, publisherSequence: UInt16)
        case wrongLength(Int)
        case wrongHeader
        case wrongSSRC(UInt32)
        case wrongPayload
    }

    /// Checks a decrypted packet `bytes` forwarded to a subscriber whose SSRC is `ssrc`.
    public static func check(_ bytes: UnsafeRawBufferPointer, ssrc: UInt32, payloadLength: Int) -> Check {
        guard bytes.count == headerLength + payloadLength else { return .wrongLength(bytes.count) }
        guard bytes[0] == 0x80, bytes[1] & 0x7F == payloadType else { return .wrongHeader }
        let received = load32(bytes, 8)
        guard received == ssrc else { return .wrongSSRC(received) }
        let publisherSequence = load16(bytes, headerLength + sequenceOffset)
        let expected = fill(publisherSequence)
        for index in (headerLength + fillOffset)..<bytes.count where bytes[index] != expected { return .wrongPayload }
        return .ok(sequence: load16(bytes, 2), publisherSequence: publisherSequence)
    }

    /// Whether `bytes` is an RTP packet (RFC 7983 range, not an RTCP packet type; RFC 5761).
    @inline(__always)
    public static func isRTP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= headerLength && bytes[0] >= 128 && bytes[0] <= 191 && !(64...95).contains(bytes[1] & 0x7F)
    }

    @inline(__always)
    public static func load16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    @inline(__always)
    static func load32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(load16(bytes, offset)) << 16 | UInt32(load16(bytes, offset + 2))
    }

    @inline(__always)
    private static func store16(_ value: UInt16, _ buffer: UnsafeMutableRawBufferPointer, _ offset: Int) {
        buffer[offset] = UInt8(truncatingIfNeeded: value >> 8)
        buffer[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    @inline(__always)
    private static func store32(_ value: UInt32, _ buffer: UnsafeMutableRawBufferPointer, _ offset: Int) {
        store16(UInt16(truncatingIfNeeded: value >> 16), buffer, offset)
        store16(UInt16(truncatingIfNeeded: value), buffer, offset + 2)
    }
}
