// Why an SCTP message with the DCEP payload protocol is not a well-formed DCEP message.

/// The first rule of RFC 8832 §5 that a DCEP message breaks.
public enum DCEPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message has no bytes, not even a message type.
    case empty
    /// The message type is neither DATA_CHANNEL_OPEN (0x03) nor DATA_CHANNEL_ACK (0x02).
    case unknownMessageType(UInt8)
    /// A DATA_CHANNEL_OPEN shorter than its 12-byte fixed part.
    case truncatedOpenHeader(byteCount: Int)
    /// The label and protocol lengths of a DATA_CHANNEL_OPEN reach past the message's end.
    case truncatedOpenFields(needed: Int, available: Int)
    /// Bytes follow the end of the message that its fields describe.
    case trailingBytes(count: Int)
    /// The channel type of a DATA_CHANNEL_OPEN is not one the IANA DCEP channel-type registry
    /// assigns.
    case unknownChannelType(UInt8)
    /// The label of a DATA_CHANNEL_OPEN is not valid UTF-8.
    case labelNotUTF8
    /// The protocol of a DATA_CHANNEL_OPEN is not valid UTF-8.
    case protocolNotUTF8

    public var description: String {
        switch self {
        case .empty:
            "DCEP message is empty"
        case .unknownMessageType(let type):
            "DCEP message type \(type) is neither DATA_CHANNEL_OPEN (3) nor DATA_CHANNEL_ACK (2)"
        case .truncatedOpenHeader(let byteCount):
            "DATA_CHANNEL_OPEN of \(byteCount) bytes is shorter than its 12-byte fixed part"
        case .truncatedOpenFields(let needed, let available):
            "DATA_CHANNEL_OPEN label and protocol need \(needed) bytes but the message has \(available)"
        case .trailingBytes(let count):
            "DCEP message has \(count) bytes after its last field"
        case .unknownChannelType(let type):
            "DATA_CHANNEL_OPEN channel type \(type) is not assigned"
        case .labelNotUTF8:
            "DATA_CHANNEL_OPEN label is not valid UTF-8"
        case .protocolNotUTF8:
            "DATA_CHANNEL_OPEN protocol is not valid UTF-8"
        }
    }
}
