/// One open room and how many participants it has, for the operator's stats.
public struct RoomOccupancy: Sendable, Hashable, Encodable {
    /// The room's id.
    public let id: String
    /// Participants in it now.
    public let participants: Int

    public init(id: String, participants: Int) {
        self.id = id
        self.participants = participants
    }
}

extension RoomDirectory {
    /// Every open room with its participant count, oldest first (no media engine call: cheap
    /// enough for a once-a-second poll).
    public func occupancy() -> [RoomOccupancy] {
        records.values.sorted { $0.sequence < $1.sequence }.map {
            RoomOccupancy(id: $0.id, participants: $0.participants.count)
        }
    }
}
