/// The 4-byte header that starts every RTCP packet (RFC 3550 §6.4.1):
/// `V=2 | P | count (5 bits) | PT (8 bits) | length (16 bits)`.
///
/// Invariant: a parsed header has version 2, `count < 32`, and `packetSize` is
/// `(length + 1) * 4`, a multiple of 4 between 4 and 262144.
public struct RTCPHeader: Equatable, Sendable {
    /// Size of the header in bytes.
    public static let size = 4

    /// The P bit: the packet ends with padding whose last byte counts the padding bytes.
    public let hasPadding: Bool
    /// The 5-bit field after P: report count (SR, RR), source count (SDES, BYE), subtype (APP)
    /// or feedback message type, FMT (RTPFB, PSFB).
    public let count: UInt8
    public let packetType: RTCPPacketType
    /// The length field: the packet's size in 32-bit words, minus one.
    public let length: UInt16

    /// The whole packet's size in bytes, header and padding included.
    public var packetSize: Int { (Int(length) + 1) * 4 }

    /// Reads the header at the start of `bytes`; checks the version only (the caller checks
    /// `packetSize` against the bytes it has).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<RTCPHeader, RTCPParseError> {
        guard bytes.count >= size else { return .failure(.truncatedHeader(offset: 0, available: bytes.count)) }
        let first = bytes[0]
        guard first >> 6 == 2 else { return .failure(.unsupportedVersion(first >> 6)) }
        return .success(RTCPHeader(hasPadding: first & 0x20 != 0, count: first & 0x1F,
                                   packetType: RTCPPacketType(rawValue: bytes[1]), length: bytes.u16(2)))
    }
}
