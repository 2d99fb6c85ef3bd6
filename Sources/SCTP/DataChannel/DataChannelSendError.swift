// Why a message cannot be sent on a data channel.

/// Why `DataChannelTable.outgoingMessage(_:on:)` refused a message.
public enum DataChannelSendError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The table has no channel with that id.
    case unknownChannel
    /// The channel is closed.
    case notOpen
    /// The channel is closing: its stream is being reset.
    case closing
    /// The message is larger than the peer's `max-message-size` (RFC 8841 §6).
    case tooLarge(size: Int, limit: UInt64)

    public var description: String {
        switch self {
        case .unknownChannel: "no data channel has this id"
        case .notOpen: "the data channel is closed"
        case .closing: "the data channel is closing"
        case .tooLarge(let size, let limit): "message of \(size) bytes exceeds the peer's limit of \(limit) bytes"
        }
    }
}
