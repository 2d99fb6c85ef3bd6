// USERNAME as ICE fills it (RFC 8445 §7.2.2): "<recipient ufrag>:<sender ufrag>".

/// The two username fragments of an ICE connectivity check, borrowed from the message.
///
/// Invariants: both fragments are non-empty, `recipient` holds no colon (the split is at the
/// first colon), and both point into the USERNAME value.
public struct ICEUsernameFragments {
    /// The fragment of the agent receiving the check (before the colon).
    public let recipient: UnsafeRawBufferPointer
    /// The fragment of the agent sending the check (after the colon).
    public let sender: UnsafeRawBufferPointer

    /// Splits `username` at its first colon; nil if there is none or a side is empty.
    public init?(splitting username: UnsafeRawBufferPointer) {
        guard let colon = username.firstIndex(of: UInt8(ascii: ":")),
              colon > 0, colon < username.count - 1
        else { return nil }
        recipient = UnsafeRawBufferPointer(rebasing: username[0..<colon])
        sender = UnsafeRawBufferPointer(rebasing: username[(colon + 1)...])
    }
}

/// The attribute types listed in an UNKNOWN-ATTRIBUTES value (RFC 8489 §14.9).
///
/// Invariant: `value.count` is even; each 16-bit word is one attribute type.
public struct STUNUnknownAttributeList: Sequence {
    let value: UnsafeRawBufferPointer

    public var count: Int { value.count / 2 }

    public func makeIterator() -> Iterator { Iterator(value: value) }

    /// Reads the listed types in order.
    ///
    /// Invariant: `offset` is even and at most `value.count`.
    public struct Iterator: IteratorProtocol {
        let value: UnsafeRawBufferPointer
        var offset = 0

        public mutating func next() -> STUNAttributeType? {
            guard offset <= value.count - 2 else { return nil }
            defer { offset += 2 }
            return STUNAttributeType(rawValue: value.u16(offset))
        }
    }
}
