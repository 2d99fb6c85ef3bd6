/// One data channel's `data-channel` stats entry (W3C `RTCDataChannelStats`), as the engine
/// reports it for a transport: a channel the participant opened on its publish transport, or a
/// channel the server opened on its subscribe transport to relay another participant's.
///
/// Invariants: counters only grow while the channel exists; `protocol` is the DCEP protocol
/// (on a relayed channel, the sending participant's id).
public struct DataChannelStatistics: Hashable, Sendable {
    /// W3C `RTCDataChannelState`.
    public enum State: String, Hashable, Sendable {
        case connecting, open, closing, closed
    }

    public var label: String
    public var `protocol`: String
    /// The SCTP stream id.
    public var dataChannelIdentifier: UInt16
    public var state: State
    public var messagesSent: UInt64
    public var bytesSent: UInt64
    public var messagesReceived: UInt64
    public var bytesReceived: UInt64

    public init(
        label: String, protocol: String, dataChannelIdentifier: UInt16, state: State,
        messagesSent: UInt64 = 0, bytesSent: UInt64 = 0, messagesReceived: UInt64 = 0, bytesReceived: UInt64 = 0
    ) {
        self.label = label
        self.protocol = `protocol`
        self.dataChannelIdentifier = dataChannelIdentifier
        self.state = state
        self.messagesSent = messagesSent
        self.bytesSent = bytesSent
        self.messagesReceived = messagesReceived
        self.bytesReceived = bytesReceived
    }
}
