/// Names one transport across the server: its room, its participant and which of the
/// participant's two transports it is.
///
/// Invariant: ids are the control plane's validated identifiers.
public struct TransportKey: Hashable, Sendable, CustomStringConvertible {
    /// The participant's two transports (API.md, "two transports per participant").
    public enum Role: String, Hashable, Sendable {
        case publish, subscribe
    }

    public let room: String
    public let participant: String
    public let role: Role

    public init(room: String, participant: String, role: Role) {
        self.room = room
        self.participant = participant
        self.role = role
    }

    public var description: String { "\(room)/\(participant)/\(role.rawValue)" }
}
