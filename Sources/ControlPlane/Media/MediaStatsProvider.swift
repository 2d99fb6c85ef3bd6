/// Where the stats endpoints get their figures: the media side, which owns every counter and
/// copies them out through its workers' command queues.
///
/// Requirement on a conforming type: entries are W3C webrtc-stats dictionaries (JSON objects
/// with `id`, `type`, `timestamp` and the spec's field names, plus `transportRole` on entries
/// of a participant's transports, API.md "Stats"); a participant with no open transport has
/// none. Safe to call from any task, concurrently.
public protocol MediaStatsProvider: Sendable {
    /// The entries of the participant's transports, stamped `timestamp` (Unix milliseconds).
    func participantStats(room: String, participant: String, timestamp: Int64) async -> [JSONValue]

    /// The entries of each of `participants` of `room`, as ``participantStats(room:participant:timestamp:)``
    /// gives them, one element per participant in the order of `participants`, all stamped
    /// `timestamp`. Ids stay as each participant's report has them (unique within it only):
    /// ``RoomStatsEntries`` makes them unique in the room.
    func roomStats(room: String, participants: [String], timestamp: Int64) async -> [ParticipantStatsEntries]
}

/// One participant's stats entries, as its own report has them.
public struct ParticipantStatsEntries: Hashable, Sendable {
    public let participant: String
    public let entries: [JSONValue]

    public init(participant: String, entries: [JSONValue]) {
        self.participant = participant
        self.entries = entries
    }
}
