/// Why bytes could not be read as an RTCP packet (RFC 3550 §6.4–6.7, RFC 4585 §6, RFC 5104 §4.3,
/// draft-alvestrand-rmcat-remb-03 §2, draft-holmer-rmcat-transport-wide-cc-extensions-01 §3).
///
/// Invariant: every case carries the numbers that made the packet invalid, so one debug log line
/// says exactly what was wrong. Offsets and sizes count bytes from the start of the individual
/// RTCP packet (its 4-byte header included), except `offset` in `truncatedHeader`, which counts
/// from the start of the compound packet.
public enum RTCPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than 4 bytes remain where a packet header should start.
    case truncatedHeader(offset: Int, available: Int)
    /// The version field (top two bits) is not 2.
    case unsupportedVersion(UInt8)
    /// The header's length field announces more bytes than the compound packet has left.
    case lengthBeyondBuffer(declared: Int, available: Int)
    /// The P bit is set but the padding count (last byte) is zero or reaches into the header.
    case invalidPadding(count: UInt8, packetSize: Int)
    /// The packet is shorter than its fixed fields plus what its count field announces.
    case truncatedBody(packetType: UInt8, needed: Int, available: Int)
    /// A transport-wide feedback status chunk uses the reserved symbol `11`.
    case reservedStatusSymbol(chunkOffset: Int)

    public var description: String {
        switch self {
        case .truncatedHeader(let offset, let available):
            "RTCP header at offset \(offset) needs 4 bytes, \(available) left"
        case .unsupportedVersion(let version):
            "RTCP version \(version) is not 2"
        case .lengthBeyondBuffer(let declared, let available):
            "RTCP length field announces \(declared) bytes, \(available) left in the compound packet"
        case .invalidPadding(let count, let packetSize):
            "RTCP padding count \(count) is invalid in a packet of \(packetSize) bytes"
        case .truncatedBody(let packetType, let needed, let available):
            "RTCP packet type \(packetType) needs \(needed) bytes, has \(available)"
        case .reservedStatusSymbol(let chunkOffset):
            "RTCP transport-wide feedback chunk at offset \(chunkOffset) uses the reserved status symbol"
        }
    }
}
