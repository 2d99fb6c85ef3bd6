// The Data Channel Establishment Protocol's two messages (RFC 8832 §5): parse and serialize.

/// A DCEP message, carried in one SCTP user message with payload protocol 50.
///
/// Wire layout of DATA_CHANNEL_OPEN (all integers big-endian): message type 0x03 (1 byte),
/// channel type (1), priority (2), reliability parameter (4), label length (2), protocol
/// length (2), then the label and protocol as UTF-8. DATA_CHANNEL_ACK is the single byte 0x02.
///
/// Invariant: `serialized()` of any value parses back to an equal value; parsing accepts only
/// messages whose fields exactly fill the buffer.
public enum DCEPMessage: Hashable, Sendable {
    /// DATA_CHANNEL_OPEN: the initiator's request to open a channel on the stream it came on.
    case open(DataChannelParameters)
    /// DATA_CHANNEL_ACK: the peer accepted the DATA_CHANNEL_OPEN on this stream.
    case ack

    static let ackType: UInt8 = 0x02
    static let openType: UInt8 = 0x03
    static let openFixedLength = 12
    static let unorderedFlag: UInt8 = 0x80

    /// Parses one DCEP message; never reads outside `bytes`.
    public init(parsing bytes: UnsafeRawBufferPointer) throws(DCEPError) {
        guard let type = bytes.first else { throw .empty }
        switch type {
        case Self.ackType:
            guard bytes.count == 1 else { throw .trailingBytes(count: bytes.count - 1) }
            self = .ack
        case Self.openType:
            self = .open(try Self.parseOpen(bytes))
        default:
            throw .unknownMessageType(type)
        }
    }

    /// The message as it goes into the SCTP payload.
    public func serialized() -> [UInt8] {
        switch self {
        case .ack:
            return [Self.ackType]
        case .open(let parameters):
            let label = Array(parameters.label.utf8)
            let protocolBytes = Array(parameters.protocol.utf8)
            let (channelType, reliabilityParameter) = Self.channelType(of: parameters)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Self.openFixedLength + label.count + protocolBytes.count)
            bytes.append(Self.openType)
            bytes.append(channelType)
            Self.append(parameters.priority, to: &bytes)
            Self.append(UInt16(truncatingIfNeeded: reliabilityParameter >> 16), to: &bytes)
            Self.append(UInt16(truncatingIfNeeded: reliabilityParameter), to: &bytes)
            Self.append(UInt16(truncatingIfNeeded: label.count), to: &bytes)
            Self.append(UInt16(truncatingIfNeeded: protocolBytes.count), to: &bytes)
            bytes += label
            bytes += protocolBytes
            return bytes
        }
    }

    private static func parseOpen(_ bytes: UnsafeRawBufferPointer) throws(DCEPError) -> DataChannelParameters {
        guard bytes.count >= openFixedLength else { throw .truncatedOpenHeader(byteCount: bytes.count) }
        let channelType = bytes[1]
        let priority = readUInt16(bytes, at: 2)
        let reliabilityParameter = UInt32(readUInt16(bytes, at: 4)) << 16 | UInt32(readUInt16(bytes, at: 6))
        let labelEnd = openFixedLength + Int(readUInt16(bytes, at: 8))
        let protocolEnd = labelEnd + Int(readUInt16(bytes, at: 10))
        guard bytes.count >= protocolEnd else {
            throw .truncatedOpenFields(needed: protocolEnd, available: bytes.count)
        }
        guard bytes.count == protocolEnd else { throw .trailingBytes(count: bytes.count - protocolEnd) }
        let ordered = channelType & unorderedFlag == 0
        let reliability: DataChannelReliability
        switch channelType & ~unorderedFlag {
        case 0x00: reliability = .reliable
        case 0x01: reliability = .maxRetransmits(reliabilityParameter)
        case 0x02: reliability = .maxPacketLifeTime(reliabilityParameter)
        default: throw .unknownChannelType(channelType)
        }
        let labelBytes = UnsafeRawBufferPointer(rebasing: bytes[openFixedLength..<labelEnd])
        guard let label = String(validating: labelBytes, as: UTF8.self) else { throw .labelNotUTF8 }
        let protocolBytes = UnsafeRawBufferPointer(rebasing: bytes[labelEnd..<protocolEnd])
        guard let protocolName = String(validating: protocolBytes, as: UTF8.self) else { throw .protocolNotUTF8 }
        return DataChannelParameters(uncheckedLabel: label, protocol: protocolName, ordered: ordered,
                                     reliability: reliability, priority: priority)
    }

    /// The channel type byte and reliability parameter (0 for a reliable channel, as RFC 8832
    /// §5.1 asks) that describe `parameters`.
    private static func channelType(of parameters: DataChannelParameters) -> (UInt8, UInt32) {
        let orderFlag: UInt8 = parameters.ordered ? 0 : unorderedFlag
        switch parameters.reliability {
        case .reliable: return (0x00 | orderFlag, 0)
        case .maxRetransmits(let count): return (0x01 | orderFlag, count)
        case .maxPacketLifeTime(let milliseconds): return (0x02 | orderFlag, milliseconds)
        }
    }

    /// Reads a big-endian 16-bit integer; the caller has checked that `offset + 1` is inside.
    private static func readUInt16(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    private static func append(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
}
