/// Why `RTPPacketBuilder` could not write a packet.
///
/// Invariant: when `write` fails with one of these, it has written nothing into the buffer.
public enum RTPBuildError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More than the 15 CSRCs the CC field can count.
    case tooManyCSRCs(count: Int)
    /// An extension ID the form cannot carry (one-byte: 1–14, two-byte: 1–255).
    case invalidExtensionID(UInt8, form: RTPHeaderExtensionForm)
    /// An extension data length the form cannot carry (one-byte: 1–16, two-byte: 0–255).
    case invalidExtensionLength(id: UInt8, length: Int, form: RTPHeaderExtensionForm)
    /// The builder writes only RFC 8285 forms, and two-byte application bits fit in 4 bits.
    case unsupportedExtensionForm(RTPHeaderExtensionForm)
    /// The extension elements exceed the 65535 32-bit words the length field can count.
    case extensionBlockTooLong(bytes: Int)
    /// Padding must be 0 (none) or 1...255 bytes, the count byte included.
    case invalidPaddingLength(Int)
    /// The buffer cannot hold the packet.
    case bufferTooSmall(needed: Int, available: Int)

    public var description: String {
        switch self {
        case .tooManyCSRCs(let count):
            "RTP header can carry at most 15 CSRCs, not \(count)"
        case .invalidExtensionID(let id, let form):
            "RTP header extension ID \(id) is invalid in the \(form) form"
        case .invalidExtensionLength(let id, let length, let form):
            "RTP header extension \(id) of \(length) bytes does not fit the \(form) form"
        case .unsupportedExtensionForm(let form):
            "RTP header extension form \(form) cannot be written"
        case .extensionBlockTooLong(let bytes):
            "RTP header extension block of \(bytes) bytes exceeds 65535 words"
        case .invalidPaddingLength(let length):
            "RTP padding length \(length) is outside 0...255"
        case .bufferTooSmall(let needed, let available):
            "RTP packet needs \(needed) bytes, buffer has \(available)"
        }
    }
}
