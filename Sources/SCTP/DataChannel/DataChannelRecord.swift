// What a table keeps per stream beyond the public snapshot.

/// How far the two directions of one SCTP stream are reset (RFC 6525 via RFC 8831 §6.7).
///
/// Invariant: `isComplete` exactly when our outgoing reset completed and the peer's arrived;
/// only then may the stream id carry a new channel.
struct StreamResetProgress: Hashable, Sendable {
    enum Outgoing: Hashable, Sendable {
        case notRequested
        case requested
        case completed
    }

    var outgoing = Outgoing.notRequested
    var incomingReset = false

    var isComplete: Bool { outgoing == .completed && incomingReset }
}

/// Where the DCEP handshake of a channel stands.
enum DataChannelHandshake: Hashable, Sendable {
    /// The peer's or a negotiated channel: there is no ACK to wait for.
    case notApplicable
    /// Our OPEN is out and the peer has sent nothing on the stream yet.
    case awaitingAck
    /// The peer sent a message before its ACK arrived (which RFC 8832 §6 lets it do); the ACK
    /// may still come.
    case heardFromPeer
    /// The peer's ACK arrived.
    case acknowledged
}

/// One channel of a table: its public snapshot plus the handshake and reset progress.
///
/// Invariants: `handshake` is `.notApplicable` exactly for `.remote` and `.negotiated`
/// channels; while it is `.awaitingAck` the channel's messages go out ordered (RFC 8832 §6);
/// `info.state` is `.closed` exactly when `reset.isComplete`, and `.closing` when a reset
/// began before that.
struct DataChannelRecord: Sendable {
    var info: DataChannelInfo
    var handshake: DataChannelHandshake
    var reset = StreamResetProgress()
}
