// Why a datagram is not a well-formed STUN message.

/// The first rule of RFC 8489 §5/§6.3 (and §14 for attribute framing) that a datagram breaks.
public enum STUNParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer than the 20 bytes of a STUN header.
    case tooShort(byteCount: Int)
    /// One of the two most significant bits of the message is set (RFC 7983 sends those
    /// datagrams elsewhere).
    case leadingBitsNotZero(firstByte: UInt8)
    /// Bytes 4–7 are not 0x2112A442.
    case wrongMagicCookie(UInt32)
    /// The header's message length is not a multiple of 4.
    case lengthNotMultipleOfFour(UInt16)
    /// The header's message length disagrees with the datagram size minus 20.
    case lengthMismatch(declared: Int, available: Int)
    /// The attribute starting at `offset` (header, value or padding) runs past the message end.
    case truncatedAttribute(offset: Int)

    public var description: String {
        switch self {
        case .tooShort(let byteCount):
            "STUN message too short: \(byteCount) bytes, the header alone needs 20"
        case .leadingBitsNotZero(let firstByte):
            "not STUN: the two leading bits must be zero, first byte is \(firstByte)"
        case .wrongMagicCookie(let cookie):
            "not STUN: magic cookie is 0x\(String(cookie, radix: 16)), expected 0x2112a442"
        case .lengthNotMultipleOfFour(let length):
            "STUN message length \(length) is not a multiple of 4"
        case .lengthMismatch(let declared, let available):
            "STUN header declares \(declared) bytes of attributes but the datagram has \(available)"
        case .truncatedAttribute(let offset):
            "STUN attribute at offset \(offset) runs past the end of the message"
        }
    }
}
