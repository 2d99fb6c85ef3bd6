/// Which transport of which participant an SCTP association belongs to, as the data-channel
/// relay sees it: a publisher's channels are relayed to the subscribe transports of the other
/// participants of the same room.
///
/// Invariant: ids are the control plane's validated identifiers.
public struct DataChannelPeer: Hashable, Sendable, CustomStringConvertible {
    public let room: String
    public let participant: String
    /// True for the participant's publish transport (its channels are relayed), false for its
    /// subscribe transport (it receives the relayed channels).
    public let isPublisher: Bool

    public init(room: String, participant: String, isPublisher: Bool) {
        self.room = room
        self.participant = participant
        self.isPublisher = isPublisher
    }

    public var description: String { "\(room)/\(participant)/\(isPublisher ? "publish" : "subscribe")" }
}
