// Why a data channel could not be opened.

/// Why `DataChannelParameters` or a `DataChannelTable` refused to open a channel.
public enum DataChannelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The label is longer than DATA_CHANNEL_OPEN can carry.
    case labelTooLong(byteCount: Int)
    /// The protocol is longer than DATA_CHANNEL_OPEN can carry.
    case protocolTooLong(byteCount: Int)
    /// The table already holds its maximum of channels that are not closed.
    case tooManyChannels(limit: Int)
    /// Every stream id of our parity is taken.
    case noFreeStreamIdentifier
    /// A negotiated channel asked for a stream id that a channel still uses.
    case streamInUse(UInt16)
    /// A negotiated channel asked for stream id 65535, which SCTP cannot have (streams are
    /// 0-65534).
    case reservedStreamIdentifier

    public var description: String {
        switch self {
        case .labelTooLong(let byteCount):
            "data channel label of \(byteCount) bytes exceeds the \(DataChannelParameters.maximumFieldLength)-byte limit"
        case .protocolTooLong(let byteCount):
            "data channel protocol of \(byteCount) bytes exceeds the \(DataChannelParameters.maximumFieldLength)-byte limit"
        case .tooManyChannels(let limit):
            "the association already has its maximum of \(limit) data channels"
        case .noFreeStreamIdentifier:
            "every SCTP stream id of this side's parity is in use"
        case .streamInUse(let id):
            "SCTP stream \(id) is already used by a data channel"
        case .reservedStreamIdentifier:
            "SCTP stream id 65535 is reserved and cannot carry a data channel"
        }
    }
}
