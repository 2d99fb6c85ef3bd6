/// The layout of an RTP header extension block, told by its 16-bit profile field
/// (RFC 3550 §5.3.1, RFC 8285 §4.2 and §4.3).
///
/// Invariant: `appBits` of `.twoByte` is at most 15 when read from a packet; `.other` never holds
/// a profile that reads as one of the RFC 8285 forms.
public enum RTPHeaderExtensionForm: Equatable, Sendable {
    /// RFC 8285 one-byte header form, profile 0xBEDE: IDs 1–14, 1–16 data bytes per element.
    case oneByte
    /// RFC 8285 two-byte header form, profile 0x100 followed by 4 application bits:
    /// IDs 1–255, 0–255 data bytes per element.
    case twoByte(appBits: UInt8)
    /// A profile-specific extension that RFC 8285 does not describe; its elements are opaque.
    case other(profile: UInt16)

    /// The form announced by an extension block's profile field.
    public init(profile: UInt16) {
        if profile == 0xBEDE {
            self = .oneByte
        } else if profile & 0xFFF0 == 0x1000 {
            self = .twoByte(appBits: UInt8(truncatingIfNeeded: profile & 0x000F))
        } else {
            self = .other(profile: profile)
        }
    }

    /// The value of the extension block's profile field for this form.
    public var profile: UInt16 {
        switch self {
        case .oneByte: 0xBEDE
        case .twoByte(let appBits): 0x1000 | UInt16(appBits & 0x0F)
        case .other(let profile): profile
        }
    }
}
