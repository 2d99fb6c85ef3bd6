/// Why the room directory refused an operation.
///
/// Invariant: each case has one status and one stable code (see ``apiError``). Capacity limits
/// answer 503, as the API's conventions say for "at capacity": both the server's room limit and
/// a room's `maxParticipants` are capacity the client may retry against later (someone leaves,
/// a room closes), unlike a 409, which says the request itself conflicts with the state.
public enum RoomDirectoryError: APIErrorConvertible, Hashable, Sendable, CustomStringConvertible {
    /// 404 `room_not_found` (also for a path id that is not a valid identifier).
    case roomNotFound(String)
    /// 404 `participant_not_found`.
    case participantNotFound(room: String, participant: String)
    /// 409 `room_exists`: the id is taken (or its room is still closing).
    case roomExists(String)
    /// 409 `participant_exists`: the id is taken in this room (or that participant is still leaving).
    case participantExists(room: String, participant: String)
    /// 503 `room_limit_reached`: `limits.maxRooms` rooms are open.
    case roomLimitReached(Int)
    /// 503 `room_full`: the room has `maxParticipants` participants.
    case roomFull(room: String, maxParticipants: Int)
    /// 404 `publish_transport_not_found`: the participant has not published (or stopped).
    case publishTransportNotFound(room: String, participant: String)
    /// 409 `negotiation_in_progress`: another publish offer of this participant is being answered.
    case negotiationInProgress(room: String, participant: String)
    /// 503 `shutting_down`: the server is shutting down and takes no new rooms, participants,
    /// offers or event streams (``RoomDirectory/DrainSwitch``).
    case shuttingDown

    public var apiError: APIError {
        switch self {
        case .roomNotFound: APIError(status: .notFound, code: "room_not_found", message: description)
        case .participantNotFound: APIError(status: .notFound, code: "participant_not_found", message: description)
        case .roomExists: APIError(status: .conflict, code: "room_exists", message: description)
        case .participantExists: APIError(status: .conflict, code: "participant_exists", message: description)
        case .roomLimitReached: APIError(status: .serviceUnavailable, code: "room_limit_reached", message: description)
        case .roomFull: APIError(status: .serviceUnavailable, code: "room_full", message: description)
        case .publishTransportNotFound:
            APIError(status: .notFound, code: "publish_transport_not_found", message: description)
        case .negotiationInProgress: APIError(status: .conflict, code: "negotiation_in_progress", message: description)
        case .shuttingDown: APIError(status: .serviceUnavailable, code: "shutting_down", message: description)
        }
    }

    public var description: String {
        switch self {
        case .roomNotFound(let room):
            "No room \"\(RequestError.shortened(room))\"."
        case .participantNotFound(let room, let participant):
            "Room \(room) has no participant \"\(RequestError.shortened(participant))\"."
        case .roomExists(let room):
            "Room \(room) already exists."
        case .participantExists(let room, let participant):
            "Room \(room) already has a participant \(participant)."
        case .roomLimitReached(let limit):
            "The server has its maximum of \(limit) rooms open; try again when one closes."
        case .roomFull(let room, let maxParticipants):
            "Room \(room) is full (\(maxParticipants) participants); try again when someone leaves."
        case .publishTransportNotFound(let room, let participant):
            "Participant \(participant) of room \(room) has no publish transport."
        case .negotiationInProgress(let room, let participant):
            "Another publish offer of participant \(participant) of room \(room) is being answered; retry when it is done."
        case .shuttingDown:
            "The server is shutting down: it takes no new rooms, participants, offers or event streams."
        }
    }
}
