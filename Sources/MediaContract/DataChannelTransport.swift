/// What an SDP `m=application … webrtc-datachannel` section settled for one transport: the
/// peer's SCTP port and the largest message it takes (RFC 8841), handed to the engine with the
/// publish answer or the subscription.
///
/// Invariants: `remotePort` is nonzero; `remoteMaxMessageSize` is 0 when the peer takes
/// messages of any size (RFC 8841 §6.1), otherwise the byte limit.
public struct DataChannelTransport: Hashable, Sendable {
    public var remotePort: UInt16
    public var remoteMaxMessageSize: UInt64

    public init(remotePort: UInt16, remoteMaxMessageSize: UInt64) {
        self.remotePort = remotePort
        self.remoteMaxMessageSize = remoteMaxMessageSize
    }
}
