// One data channel as a table shows it: what it is, where it stands, what it carried.

/// The life of a data channel (W3C `RTCDataChannelState`).
public enum DataChannelState: Hashable, Sendable {
    /// We sent a DATA_CHANNEL_OPEN and have not heard back yet; messages may already be sent.
    case connecting
    case open
    /// One direction of the stream is reset, or we asked for ours to be; no more sending.
    case closing
    /// Both directions are reset; the stream id is free again.
    case closed
}

/// Who opened a data channel.
public enum DataChannelOrigin: Hashable, Sendable {
    /// We sent the DATA_CHANNEL_OPEN.
    case local
    /// The peer sent the DATA_CHANNEL_OPEN.
    case remote
    /// Both sides agreed on the channel out of band (no DCEP, W3C `negotiated: true`).
    case negotiated
}

/// A snapshot of one data channel of a `DataChannelTable`.
///
/// Invariants: the counters only grow; they count application messages and their payload
/// bytes (an empty message counts as a message of 0 bytes), never DCEP messages.
public struct DataChannelInfo: Hashable, Sendable {
    /// The SCTP stream id, the same in both directions.
    public let id: UInt16
    public let parameters: DataChannelParameters
    public internal(set) var state: DataChannelState
    public let origin: DataChannelOrigin
    /// Messages SCTP accepted for sending (`DataChannelTable.didSend`).
    public internal(set) var messagesSent: UInt64 = 0
    public internal(set) var bytesSent: UInt64 = 0
    public internal(set) var messagesReceived: UInt64 = 0
    public internal(set) var bytesReceived: UInt64 = 0

    init(id: UInt16, parameters: DataChannelParameters, state: DataChannelState, origin: DataChannelOrigin) {
        self.id = id
        self.parameters = parameters
        self.state = state
        self.origin = origin
    }
}
