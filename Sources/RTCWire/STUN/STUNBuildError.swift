// Why a STUN message could not be written.

/// The first problem a `STUNMessageBuilder` met; later appends are skipped once one occurs.
public enum STUNBuildError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The caller's buffer cannot hold the message.
    case bufferTooSmall(needed: Int, capacity: Int)
    /// An attribute value is longer than its type allows.
    case valueTooLong(STUNAttributeType, byteCount: Int, limit: Int)
    /// The attributes would exceed the 16-bit message length field.
    case messageTooLong(byteCount: Int)
    /// Only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT may follow MESSAGE-INTEGRITY, and only
    /// FINGERPRINT may follow MESSAGE-INTEGRITY-SHA256; receivers would ignore anything else.
    case attributeAfterIntegrity(STUNAttributeType)
    /// FINGERPRINT must be the last attribute.
    case attributeAfterFingerprint(STUNAttributeType)

    public var description: String {
        switch self {
        case .bufferTooSmall(let needed, let capacity):
            "STUN message needs \(needed) bytes but the buffer holds \(capacity)"
        case .valueTooLong(let type, let byteCount, let limit):
            "\(type) value of \(byteCount) bytes exceeds its limit of \(limit)"
        case .messageTooLong(let byteCount):
            "STUN attributes of \(byteCount) bytes exceed the 65532-byte maximum"
        case .attributeAfterIntegrity(let type):
            "\(type) may not follow MESSAGE-INTEGRITY"
        case .attributeAfterFingerprint(let type):
            "\(type) may not follow FINGERPRINT, which must be last"
        }
    }
}
