/// A room as `GET /v1/rooms/{room}` shows it.
///
/// Invariants: `id` is a valid ``Identifier``; `createdAt` is milliseconds since the Unix epoch;
/// `participants` are in the order they joined and number at most `maxParticipants`.
public struct Room: Encodable, Hashable, Sendable {
    public let id: String
    public let createdAt: Int64
    public let maxParticipants: Int
    /// Seconds the room stays open while it has no participant.
    public let emptyTimeoutSeconds: Int
    public let metadata: [String: JSONValue]
    public let participants: [Participant]
}

/// The directory's record of a room.
///
/// Invariants: `participants` keys are the records' ids; `emptyTimer` is set exactly while the
/// room has no participant, and `emptyTimerID` names the one timer allowed to close it.
struct RoomRecord: Sendable {
    let id: String
    let createdAt: Int64
    let maxParticipants: Int
    let emptyTimeoutSeconds: Int
    let metadata: [String: JSONValue]
    /// Orders rooms by creation.
    let sequence: UInt64
    var participants: [String: ParticipantRecord] = [:]
    var emptyTimer: Task<Void, Never>?
    var emptyTimerID: UInt64 = 0

    /// The room as the API shows it, given what the media engine reports by participant id.
    func resource(media: [String: ParticipantMediaReport]) -> Room {
        Room(
            id: id, createdAt: createdAt, maxParticipants: maxParticipants, emptyTimeoutSeconds: emptyTimeoutSeconds,
            metadata: metadata,
            participants: participants.values.sorted { $0.sequence < $1.sequence }.map {
                $0.resource(media: media[$0.id] ?? .none)
            })
    }
}
