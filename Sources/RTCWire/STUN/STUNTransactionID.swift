// The 96-bit STUN transaction ID (RFC 8489 §5, §6).

/// A STUN transaction ID: 96 bits chosen uniformly at random by the requester.
///
/// Invariant: `high` is wire bytes 8–11 of the message and `low` bytes 12–19, both read
/// big-endian, so equal IDs have equal wire bytes.
public struct STUNTransactionID: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt32
    public let low: UInt64

    public init(high: UInt32, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A fresh ID from `generator` (use a cryptographically secure one on the wire).
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> STUNTransactionID {
        STUNTransactionID(high: UInt32.random(in: .min ... .max, using: &generator),
                          low: UInt64.random(in: .min ... .max, using: &generator))
    }

    /// A fresh ID from the system's secure generator.
    public static func random() -> STUNTransactionID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// Reads the ID from the 12 bytes at `offset` (the caller checked the bounds).
    init(reading bytes: UnsafeRawBufferPointer, at offset: Int) {
        high = bytes.u32(offset)
        low = bytes.u64(offset + 4)
    }

    /// Writes the ID's 12 bytes at `offset` (the caller checked the bounds).
    func write(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        bytes.setU32(high, at: offset)
        bytes.setU64(low, at: offset + 4)
    }

    /// Twenty-four lowercase hexadecimal digits, in wire order.
    public var description: String {
        let highText = String(high, radix: 16)
        let lowText = String(low, radix: 16)
        return String(repeating: "0", count: 8 - highText.count) + highText
            + String(repeating: "0", count: 16 - lowText.count) + lowText
    }
}
