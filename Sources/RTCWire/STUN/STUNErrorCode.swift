// ERROR-CODE values (RFC 8489 §14.8, RFC 8445 §16.1).

/// A STUN error code: class (hundreds digit, 3–6) times 100 plus number (0–99).
///
/// Invariant: `rawValue` is in 300...699, so it always encodes into the attribute's class
/// and number fields.
public struct STUNErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init?(rawValue: UInt16) {
        guard (300...699).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(uncheckedRawValue: UInt16) { rawValue = uncheckedRawValue }

    public static let tryAlternate = STUNErrorCode(uncheckedRawValue: 300)
    public static let badRequest = STUNErrorCode(uncheckedRawValue: 400)
    public static let unauthorized = STUNErrorCode(uncheckedRawValue: 401)
    public static let unknownAttribute = STUNErrorCode(uncheckedRawValue: 420)
    public static let staleNonce = STUNErrorCode(uncheckedRawValue: 438)
    public static let roleConflict = STUNErrorCode(uncheckedRawValue: 487)
    public static let serverError = STUNErrorCode(uncheckedRawValue: 500)

    /// The hundreds digit (3–6), as the attribute's 3-bit class field.
    public var errorClass: UInt8 { UInt8(truncatingIfNeeded: rawValue / 100) }
    /// The code modulo 100, as the attribute's 8-bit number field.
    public var number: UInt8 { UInt8(truncatingIfNeeded: rawValue % 100) }

    /// The reason phrase the RFCs suggest for this code, or a generic one.
    public var defaultReasonPhrase: StaticString {
        switch rawValue {
        case 300: "Try Alternate"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 420: "Unknown Attribute"
        case 438: "Stale Nonce"
        case 487: "Role Conflict"
        case 500: "Server Error"
        default: "Error"
        }
    }

    public var description: String { String(rawValue) }
}
