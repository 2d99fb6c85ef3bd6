// The STUN message type: a 12-bit method and a 2-bit class interleaved in 14 bits
// (RFC 8489 §5, Figure 3).

/// A STUN method (RFC 8489 §18.2), such as Binding.
///
/// Invariant: `rawValue <= 0xFFF`.
public struct STUNMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init?(rawValue: UInt16) {
        guard rawValue <= 0xFFF else { return nil }
        self.rawValue = rawValue
    }

    init(uncheckedRawValue: UInt16) { rawValue = uncheckedRawValue }

    /// Binding (0x001), the only method ICE uses.
    public static let binding = STUNMethod(uncheckedRawValue: 0x001)

    public var description: String {
        self == .binding ? "Binding" : "method 0x" + String(rawValue, radix: 16)
    }
}

/// The class of a STUN message (RFC 8489 §5): what role the message plays in a transaction.
///
/// Invariant: the raw value is the two class bits C1 C0.
public enum STUNMessageClass: UInt8, Sendable, CustomStringConvertible {
    case request = 0b00
    case indication = 0b01
    case successResponse = 0b10
    case errorResponse = 0b11

    public var description: String {
        switch self {
        case .request: "request"
        case .indication: "indication"
        case .successResponse: "success response"
        case .errorResponse: "error response"
        }
    }
}

/// A STUN message type: method plus class.
///
/// Invariant: `wireValue` has its two top bits zero, and `init(wireValue:)` of it gives back
/// the same method and class.
public struct STUNMessageType: Hashable, Sendable, CustomStringConvertible {
    public let method: STUNMethod
    public let messageClass: STUNMessageClass

    public init(method: STUNMethod, messageClass: STUNMessageClass) {
        self.method = method
        self.messageClass = messageClass
    }

    /// Decodes the 16-bit type field; nil when either of the two top bits is set.
    public init?(wireValue: UInt16) {
        guard wireValue & 0xC000 == 0 else { return nil }
        self.init(lowFourteenBits: wireValue)
    }

    /// Decodes the low 14 bits of `wireValue`, ignoring the two top bits.
    init(lowFourteenBits wireValue: UInt16) {
        let methodBits = (wireValue & 0x000F) | ((wireValue >> 1) & 0x0070) | ((wireValue >> 2) & 0x0F80)
        method = STUNMethod(uncheckedRawValue: methodBits)
        switch ((wireValue >> 7) & 0b10) | ((wireValue >> 4) & 0b01) {
        case 0b00: messageClass = .request
        case 0b01: messageClass = .indication
        case 0b10: messageClass = .successResponse
        default: messageClass = .errorResponse
        }
    }

    /// The 16-bit type field: M11–M7, C1, M6–M4, C0, M3–M0 below two zero bits.
    public var wireValue: UInt16 {
        let m = method.rawValue
        let c = UInt16(messageClass.rawValue)
        return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7)
    }

    public static let bindingRequest = STUNMessageType(method: .binding, messageClass: .request)
    public static let bindingIndication = STUNMessageType(method: .binding, messageClass: .indication)
    public static let bindingSuccessResponse = STUNMessageType(method: .binding, messageClass: .successResponse)
    public static let bindingErrorResponse = STUNMessageType(method: .binding, messageClass: .errorResponse)

    public var description: String { "\(method) \(messageClass)" }
}
