/// A synchronization source identifier (RFC 3550 §3): 32 bits naming one RTP stream.
///
/// Invariant: any 32-bit value is a valid SSRC; equality is bitwise.
public struct SSRC: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt32) { self.rawValue = value }
    public var description: String { String(rawValue) }
}

/// An RTP payload type (RFC 3550 §5.1): 7 bits.
///
/// Invariant: `rawValue < 128`; the failable initializer refuses larger values.
public struct PayloadType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    @inlinable public init?(rawValue: UInt8) {
        guard rawValue < 128 else { return nil }
        self.rawValue = rawValue
    }
    /// Builds a payload type from the low 7 bits of `bits` (the RTP header's PT field).
    @inlinable public init(truncating bits: UInt8) { self.rawValue = bits & 0x7F }
    public var description: String { String(rawValue) }
}

/// A 16-bit RTP sequence number that compares with wrap-around (RFC 3550 Appendix A.1).
///
/// `a < b` when `b` is ahead of `a` by less than half the number space, so 65535 < 0.
/// Invariant: the order is not transitive over the whole space; compare only numbers known to
/// be within 32767 of each other, or unwrap them first with `SequenceUnwrapper`.
public struct SequenceNumber: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    @inlinable public init(_ value: UInt16) { self.rawValue = value }

    @inlinable public static func < (lhs: SequenceNumber, rhs: SequenceNumber) -> Bool {
        lhs != rhs && (rhs.rawValue &- lhs.rawValue) < 0x8000
    }

    /// The signed distance from `self` to `other`, in -32768...32767.
    @inlinable public func distance(to other: SequenceNumber) -> Int {
        Int(Int16(bitPattern: other.rawValue &- rawValue))
    }

    /// The number `count` steps ahead (wrapping).
    @inlinable public func advanced(by count: Int) -> SequenceNumber {
        SequenceNumber(rawValue &+ UInt16(truncatingIfNeeded: count))
    }

    public var description: String { String(rawValue) }
}

/// Extends 16-bit sequence numbers to a monotonic 64-bit count (roll-over counting as in
/// RFC 3711 §3.3.1), tolerating reordering within half the number space.
///
/// Invariant: after the first packet, `highest` is the largest extended number seen; a packet
/// that arrives late maps to the cycle it belongs to, never beyond `highest`'s cycle plus one.
public struct SequenceUnwrapper: Sendable {
    /// The largest extended sequence number seen, or nil before the first packet.
    public internal(set) var highest: UInt64?

    public init() {}

    /// Returns the 64-bit extended value of `sequence` and updates `highest`.
    public mutating func unwrap(_ sequence: SequenceNumber) -> UInt64 {
        guard let last = highest else {
            // Start one cycle up so that early reordered packets never go below zero.
            let first = UInt64(1 << 16) + UInt64(sequence.rawValue)
            highest = first
            return first
        }
        let lastLow = SequenceNumber(UInt16(truncatingIfNeeded: last))
        let delta = lastLow.distance(to: sequence)
        let extended = UInt64(Int64(last) + Int64(delta))
        if extended > last { highest = extended }
        return extended
    }
}

/// A media stream identification tag (RFC 8843 `a=mid`, RTP header extension `sdes:mid`).
///
/// Invariant: 1–16 bytes of printable ASCII (token characters), as RFC 8843 allows on the wire.
public struct Mid: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init?(_ value: String) {
        guard Mid.isValidToken(value) else { return nil }
        self.value = value
    }
    public var description: String { value }

    static func isValidToken(_ value: String) -> Bool {
        let bytes = value.utf8
        guard (1...16).contains(bytes.count) else { return false }
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

/// An RTP stream identifier (RFC 8851 `a=rid`, header extension `sdes:rtp-stream-id`).
///
/// Invariant: 1–16 characters of `[A-Za-z0-9_-]` (RFC 8851 §10 `rid-syntax`).
public struct Rid: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init?(_ value: String) {
        let bytes = value.utf8
        guard (1...16).contains(bytes.count),
              bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A)
                  || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D })
        else { return nil }
        self.value = value
    }
    public var description: String { value }
}
