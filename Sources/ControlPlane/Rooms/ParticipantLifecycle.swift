import MediaContract
/// Which participants have lost their media connection, from the media engine's transport state
/// changes: the state machine of the participant life cycle. Sans-IO: the ``RoomDirectory`` feeds
/// it the changes in the engine's order and runs the grace timer its verdicts ask for.
///
/// A participant is *lost* when it had a transport connected at some point, and a transport of
/// it then ended on its own (`disconnected` or `failed`) leaving none `connecting` or
/// `connected`. A transport its owner closed (`closed`: the participant deleted its publish
/// transport, or the server closed it) is no longer counted, but never makes a participant lost
/// by itself. A lost participant is *regained* as soon as a transport of it is `connecting` or
/// `connected` again (it is reconnecting; if that attempt fails, it is lost again).
///
/// Invariant: ``record(_:)`` answers ``Verdict/lost`` and ``Verdict/regained`` alternately for a
/// participant, starting with `lost`; ``forget(room:participant:)`` starts a participant over.
struct ParticipantLifecycle: Sendable {
    /// What a change means for the participant's presence.
    enum Verdict: Hashable, Sendable {
        /// Nothing to do.
        case unchanged
        /// The participant has just been lost: its grace starts.
        case lost
        /// The lost participant is reconnecting: its grace ends.
        case regained
    }

    private struct Key: Hashable {
        let room: String
        let participant: String
    }

    /// One participant's transports as the changes so far describe them.
    private struct Connectivity {
        /// Transports `connecting` or `connected`.
        var open: Set<TransportRole> = []
        var hasConnected = false
        var isLost = false
    }

    private var participants: [Key: Connectivity] = [:]

    /// Takes the next change of a participant's transport, in the engine's order.
    mutating func record(_ change: TransportStateChange) -> Verdict {
        let key = Key(room: change.room, participant: change.participant)
        var connectivity = participants[key] ?? Connectivity()
        defer { participants[key] = connectivity }
        switch change.state {
        case .connecting, .connected:
            connectivity.open.insert(change.role)
            if change.state == .connected {
                connectivity.hasConnected = true
            }
            guard connectivity.isLost else { return .unchanged }
            connectivity.isLost = false
            return .regained
        case .closed:
            connectivity.open.remove(change.role)
            return .unchanged
        case .disconnected, .failed:
            connectivity.open.remove(change.role)
            guard connectivity.hasConnected, connectivity.open.isEmpty, !connectivity.isLost else { return .unchanged }
            connectivity.isLost = true
            return .lost
        }
    }

    /// Whether the participant is lost now (its grace is running).
    func isLost(room: String, participant: String) -> Bool {
        participants[Key(room: room, participant: participant)]?.isLost == true
    }

    /// Drops what is known of the participant (it left).
    mutating func forget(room: String, participant: String) {
        participants[Key(room: room, participant: participant)] = nil
    }

    /// Drops what is known of the room's participants (it closed).
    mutating func forget(room: String) {
        participants = participants.filter { $0.key.room != room }
    }
}
