// STUN attributes (RFC 8489 §14): type-length-value records padded to 4 bytes.

/// One attribute of a parsed message, borrowed from the message bytes.
///
/// Invariants: `value` is exactly the attribute's declared length (padding excluded) and
/// lies inside the message; `offset` is where the attribute's 4-byte header starts.
public struct STUNAttribute {
    public let type: STUNAttributeType
    /// Offset of the attribute header from the start of the message.
    public let offset: Int
    public let value: UnsafeRawBufferPointer
}

/// The attributes of a message that a receiver must consider, in wire order.
///
/// RFC 8489 §14.5/§14.6/§14.7: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and
/// FINGERPRINT count, after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT, and nothing after
/// FINGERPRINT; the attributes that do not count are skipped. Iteration stops at the first
/// attribute that would run past the end, so it never reads out of bounds.
public struct STUNAttributes: Sequence {
    let message: UnsafeRawBufferPointer

    public func makeIterator() -> Iterator { Iterator(message: message) }

    /// Walks the attribute records, tracking which ones still count.
    ///
    /// Invariant: `offset` is the start of the next record to read (4-byte aligned).
    public struct Iterator: IteratorProtocol {
        private enum Stage { case open, afterIntegrity, afterIntegritySHA256, closed }

        private let message: UnsafeRawBufferPointer
        private var offset = STUNMessage.headerByteCount
        private var stage = Stage.open

        init(message: UnsafeRawBufferPointer) { self.message = message }

        public mutating func next() -> STUNAttribute? {
            while stage != .closed, offset <= message.count - 4 {
                let start = offset
                let type = STUNAttributeType(rawValue: message.u16(start + 0))
                let length = Int(message.u16(start + 2))
                let valueStart = start + 4
                guard length <= message.count - valueStart else { break }
                offset = valueStart + ((length + 3) & ~3)
                guard counts(type) else { continue }
                let value = UnsafeRawBufferPointer(rebasing: message[valueStart..<(valueStart + length)])
                return STUNAttribute(type: type, offset: start, value: value)
            }
            stage = .closed
            return nil
        }

        /// Whether an attribute of `type` at the current position counts, advancing the stage.
        private mutating func counts(_ type: STUNAttributeType) -> Bool {
            if type == .fingerprint {
                stage = .closed
                return true
            }
            switch stage {
            case .open:
                if type == .messageIntegrity { stage = .afterIntegrity }
                if type == .messageIntegritySHA256 { stage = .afterIntegritySHA256 }
                return true
            case .afterIntegrity:
                guard type == .messageIntegritySHA256 else { return false }
                stage = .afterIntegritySHA256
                return true
            case .afterIntegritySHA256, .closed:
                return false
            }
        }
    }
}
