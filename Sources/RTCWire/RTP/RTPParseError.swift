/// Why bytes could not be read as an RTP packet (RFC 3550 §5.1, RFC 8285 §4).
///
/// Invariant: every case carries the numbers that made the packet invalid, so one debug log line
/// says exactly what was wrong. Offsets and lengths count bytes from the start of the packet.
public enum RTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer bytes than the 12-byte fixed header.
    case tooShort(length: Int)
    /// The version field (top two bits) is not 2.
    case unsupportedVersion(UInt8)
    /// The CSRC list announced by the CC field runs past the end of the packet.
    case csrcListTruncated(csrcCount: Int, length: Int)
    /// The X bit is set but the 4-byte extension header does not fit.
    case extensionHeaderTruncated(offset: Int, length: Int)
    /// The extension header's length field announces more bytes than the packet holds.
    case extensionTruncated(declaredEnd: Int, length: Int)
    /// An RFC 8285 element's header or data runs past the end of the extension block.
    case extensionElementTruncated(offset: Int)
    /// The P bit is set but the padding count is zero or larger than the bytes after the header.
    case invalidPadding(count: UInt8, available: Int)

    public var description: String {
        switch self {
        case .tooShort(let length):
            "RTP packet of \(length) bytes is shorter than the 12-byte fixed header"
        case .unsupportedVersion(let version):
            "RTP version \(version) is not 2"
        case .csrcListTruncated(let csrcCount, let length):
            "RTP CSRC list of \(csrcCount) entries needs \(12 + 4 * csrcCount) bytes, packet has \(length)"
        case .extensionHeaderTruncated(let offset, let length):
            "RTP header extension at offset \(offset) needs 4 bytes, packet has \(length)"
        case .extensionTruncated(let declaredEnd, let length):
            "RTP header extension ends at \(declaredEnd), past the packet's \(length) bytes"
        case .extensionElementTruncated(let offset):
            "RTP header extension element at offset \(offset) runs past the extension block"
        case .invalidPadding(let count, let available):
            "RTP padding count \(count) is invalid with \(available) bytes after the header"
        }
    }
}
