// A STUN message (RFC 8489 §5) parsed in place over borrowed bytes.

/// A validated view of one STUN message in a caller's buffer. Nothing is copied: every
/// accessor reads the borrowed bytes, so the view is valid only while they are, and it is
/// deliberately not `Sendable`.
///
/// Invariants established by `parse`: `bytes.count == 20 + length`, the length is a multiple
/// of 4, the two leading bits are zero, the magic cookie is 0x2112A442, and the attributes
/// (type, length, value, padding to 4 bytes) tile the body exactly. Accessors stay in
/// bounds even if the bytes change after parsing.
public struct STUNMessage {
    /// The STUN magic cookie (RFC 8489 §5).
    public static let magicCookie: UInt32 = 0x2112_A442
    /// The size of the fixed header.
    public static let headerByteCount = 20

    /// The whole message: header and attributes.
    public let bytes: UnsafeRawBufferPointer

    private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Validates the header and the attribute framing of the datagram `bytes`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<STUNMessage, STUNParseError> {
        guard bytes.count >= headerByteCount else { return .failure(.tooShort(byteCount: bytes.count)) }
        let first = bytes.u8(0)
        guard first & 0xC0 == 0 else { return .failure(.leadingBitsNotZero(firstByte: first)) }
        let cookie = bytes.u32(4)
        guard cookie == magicCookie else { return .failure(.wrongMagicCookie(cookie)) }
        let length = bytes.u16(2)
        guard length & 3 == 0 else { return .failure(.lengthNotMultipleOfFour(length)) }
        let available = bytes.count - headerByteCount
        guard Int(length) == available else {
            return .failure(.lengthMismatch(declared: Int(length), available: available))
        }
        var offset = headerByteCount
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else { return .failure(.truncatedAttribute(offset: offset)) }
            let paddedLength = (Int(bytes.u16(offset + 2)) + 3) & ~3
            guard paddedLength <= bytes.count - offset - 4 else {
                return .failure(.truncatedAttribute(offset: offset))
            }
            offset += 4 + paddedLength
        }
        return .success(STUNMessage(bytes: bytes))
    }

    /// The method and class.
    public var messageType: STUNMessageType {
        STUNMessageType(lowFourteenBits: bytes.u16(0))
    }

    /// The transaction ID (header bytes 8–19).
    public var transactionID: STUNTransactionID {
        STUNTransactionID(reading: bytes, at: 8)
    }

    /// The attributes a receiver must consider, in order (see `STUNAttributes`).
    public var attributes: STUNAttributes { STUNAttributes(message: bytes) }

    /// The first considered attribute of `type`, if any.
    public func attribute(_ type: STUNAttributeType) -> STUNAttribute? {
        for attribute in attributes where attribute.type == type { return attribute }
        return nil
    }

    /// The first considered comprehension-required attribute this module does not
    /// interpret; a request carrying one deserves a 420 (Unknown Attribute) error response.
    public var firstUnknownComprehensionRequiredAttribute: STUNAttributeType? {
        for attribute in attributes where attribute.type.isUnknownComprehensionRequired {
            return attribute.type
        }
        return nil
    }
}
