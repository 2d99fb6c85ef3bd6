// Counted drops of a data channel table: every incoming message it did not act on, by cause.

/// Why a `DataChannelTable` dropped an incoming SCTP message.
public enum DataChannelDropCause: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A DCEP message that does not parse (`DCEPError`).
    case malformedControlMessage
    /// A DCEP message sent unordered; RFC 8832 §6 requires ordered delivery.
    case unorderedControlMessage
    /// A DATA_CHANNEL_OPEN on a stream a channel still uses.
    case openOnStreamInUse
    /// A DATA_CHANNEL_OPEN on a stream id the peer may not choose: one of our parity
    /// (RFC 8832 §6) or the reserved 65535.
    case openOnInvalidStream
    /// A DATA_CHANNEL_OPEN while the table holds its maximum of channels.
    case openOverChannelLimit
    /// A DATA_CHANNEL_ACK on a stream with no channel of ours waiting for one.
    case unexpectedAck
    /// An application message on a stream without a channel.
    case messageOnUnknownStream
    /// An application message on a closed channel, or after the peer reset its direction.
    case messageAfterClose
    /// PPID 52 or 54: the deprecated partial messages.
    case deprecatedPayloadProtocol
    /// A PPID that data channels do not use.
    case unknownPayloadProtocol

    public var description: String {
        switch self {
        case .malformedControlMessage: "malformed DCEP message"
        case .unorderedControlMessage: "DCEP message sent unordered"
        case .openOnStreamInUse: "DATA_CHANNEL_OPEN on a stream in use"
        case .openOnInvalidStream: "DATA_CHANNEL_OPEN on a stream id the peer may not choose"
        case .openOverChannelLimit: "DATA_CHANNEL_OPEN over the channel limit"
        case .unexpectedAck: "unexpected DATA_CHANNEL_ACK"
        case .messageOnUnknownStream: "message on a stream without a data channel"
        case .messageAfterClose: "message on a closed data channel"
        case .deprecatedPayloadProtocol: "deprecated partial-message PPID"
        case .unknownPayloadProtocol: "unknown PPID"
        }
    }
}

/// How many incoming messages a `DataChannelTable` dropped, per cause.
///
/// Invariant: each count only grows (wrapping at 2^64), and `total` is their sum.
public struct DataChannelDropCounters: Hashable, Sendable {
    private var counts = [UInt64](repeating: 0, count: DataChannelDropCause.allCases.count)

    public init() {}

    public subscript(cause: DataChannelDropCause) -> UInt64 { counts[cause.rawValue] }

    public var total: UInt64 { counts.reduce(0, &+) }

    mutating func record(_ cause: DataChannelDropCause) {
        counts[cause.rawValue] &+= 1
    }
}
