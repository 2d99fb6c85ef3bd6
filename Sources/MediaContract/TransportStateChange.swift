/// A change of one transport's connection, reported by the ``MediaEngine`` as it happens (the
/// `connection-state` event's data and the participant life cycle's input).
///
/// Invariants: `state` follows the W3C `RTCPeerConnectionState` names the API uses; a transport
/// reports `connecting` once when opened, `connected` when ICE and DTLS are up, `failed` when
/// it ends on its own before connecting (or DTLS fails), `disconnected` when it ends on its own
/// after connecting (consent lost), and `closed` when its owner closed it; nothing follows
/// `failed`, `disconnected` or `closed`.
public struct TransportStateChange: Hashable, Sendable {
    /// The states a transport reports.
    public enum State: String, Hashable, Sendable {
        case connecting, connected, disconnected, failed, closed
    }

    public let room: String
    public let participant: String
    public let role: TransportRole
    public let state: State

    public init(room: String, participant: String, role: TransportRole, state: State) {
        self.room = room
        self.participant = participant
        self.role = role
        self.state = state
    }
}
