public import RTCWire

/// A change of one transport's connection, reported by the ``MediaEngine`` as it happens (the
/// `connection-state` event's data and the participant life cycle's input).
///
/// Invariants: `state` follows the W3C `RTCPeerConnectionState` names the API uses; a transport
/// reports `connecting` once when opened, `connected` when ICE and DTLS are up, `failed` when
/// it ends on its own before connecting (or DTLS fails), `disconnected` when it ends on its own
/// after connecting (consent lost), and `closed` when its owner closed it; nothing follows
/// `failed`, `disconnected` or `closed`. `remoteAddress`, for the log only (never sent to
/// clients), is the peer's address on the transport's selected ICE pair when the engine knows it.
public struct TransportStateChange: Hashable, Sendable {
    /// The states a transport reports.
    public enum State: String, Hashable, Sendable {
        case connecting, connected, disconnected, failed, closed
    }

    public let room: String
    public let participant: String
    public let role: TransportRole
    public let state: State
    /// The remote address of the selected ICE pair, when there is one and the engine knows it.
    public let remoteAddress: STUNTransportAddress?

    public init(
        room: String, participant: String, role: TransportRole, state: State, remoteAddress: STUNTransportAddress? = nil
    ) {
        self.room = room
        self.participant = participant
        self.role = role
        self.state = state
        self.remoteAddress = remoteAddress
    }
}
