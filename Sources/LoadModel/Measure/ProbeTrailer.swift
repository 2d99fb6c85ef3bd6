/// The last bytes of every synthetic RTP payload and data-channel message: which stream it
/// belongs to, its number in that stream, and when it was sent. Receivers read it back to
/// measure one-way delay, loss, reordering and duplicates exactly (sender and receivers share
/// one process, hence one monotonic clock).
///
/// Layout (big-endian, `byteCount` bytes, at the very end of the payload): magic "SBLP",
/// stream (UInt32), sequence (UInt64), send time in monotonic nanoseconds (Int64).
///
/// Invariants: `sequence` counts only what the sender really put on the wire (from 0, no
/// gaps), so a gap at a receiver is a loss in the server or the network, never injected loss.
public struct ProbeTrailer: Sendable, Hashable {
    public static let byteCount = 24
    static let magic: UInt32 = 0x5342_4C50 // "SBLP"

    public var stream: ProbeStreamID
    public var sequence: UInt64
    public var sentAt: Int64

    public init(stream: ProbeStreamID, sequence: UInt64, sentAt: Int64) {
        self.stream = stream
        self.sequence = sequence
        self.sentAt = sentAt
    }

    /// Writes the trailer into the last `byteCount` bytes of `payload`; false (nothing written)
    /// when `payload` is shorter than that.
    @discardableResult
    public func write(atEndOf payload: UnsafeMutableRawBufferPointer) -> Bool {
        guard payload.count >= Self.byteCount else { return false }
        let base = payload.count - Self.byteCount
        payload.storeBytes(of: Self.magic.bigEndian, toByteOffset: base, as: UInt32.self)
        payload.storeBytes(of: stream.rawValue.bigEndian, toByteOffset: base + 4, as: UInt32.self)
        payload.storeBytes(of: sequence.bigEndian, toByteOffset: base + 8, as: UInt64.self)
        payload.storeBytes(of: sentAt.bigEndian, toByteOffset: base + 16, as: Int64.self)
        return true
    }

    /// The trailer at the end of `payload`; nil when it is too short or the magic is missing.
    public init?(atEndOf payload: UnsafeRawBufferPointer) {
        guard payload.count >= Self.byteCount else { return nil }
        let base = payload.count - Self.byteCount
        guard UInt32(bigEndian: payload.loadUnaligned(fromByteOffset: base, as: UInt32.self)) == Self.magic else { return nil }
        stream = ProbeStreamID(rawValue: UInt32(bigEndian: payload.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self)))
        sequence = UInt64(bigEndian: payload.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
        sentAt = Int64(bigEndian: payload.loadUnaligned(fromByteOffset: base + 16, as: Int64.self))
    }
}
