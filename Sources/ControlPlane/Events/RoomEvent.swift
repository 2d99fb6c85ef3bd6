public import MediaContract
import Foundation

/// One event of a room's event stream (API.md "Events"): the SSE `event:` ``name`` and the JSON
/// `data` (``jsonData()``).
///
/// Invariants: one case per row of the API's event table, and each case's data has exactly that
/// row's shape; `room` is only ever the first event of a stream. Who receives an event is the
/// publisher's choice (``EventAudience``), under the API's rule that a participant gets no events
/// about itself except `connection-state` and `renegotiate`.
public enum RoomEvent: Hashable, Sendable {
    /// `room`: the Room as `GET /v1/rooms/{room}` shows it, first on every stream.
    case room(Room)
    /// `participant-joined`: `{"participant": Participant}`.
    case participantJoined(Participant)
    /// `participant-left`: `{"participant": "id"}`.
    case participantLeft(participant: String)
    /// `track-published`: `{"participant": "id", "track": Track}`.
    case trackPublished(participant: String, track: Track)
    /// `track-unpublished`: `{"participant": "id", "track": "id"}`.
    case trackUnpublished(participant: String, track: String)
    /// `renegotiate`: `{"reason": "tracks-changed"}`; the receiver should POST `/subscribe` again.
    case renegotiate(RenegotiationReason)
    /// `active-speaker`: `{"participant": "id", "audioLevel": 0..1}` (a level outside 0...1 is
    /// written clamped, a NaN as 0).
    case activeSpeaker(participant: String, audioLevel: Double)
    /// `connection-state`: `{"transport": "publish|subscribe", "state": …}`, to the transport's
    /// participant only.
    case connectionState(transport: TransportRole, state: TransportStateChange.State)
    /// `room-closed`: `{}`, last on every stream of a room that closes.
    case roomClosed

    /// Why a participant is asked to renegotiate its subscription.
    public enum RenegotiationReason: String, Hashable, Sendable {
        /// Its default subscription changed, or one of its named tracks ended.
        case tracksChanged = "tracks-changed"
    }

    /// The SSE `event:` value.
    public var name: String {
        switch self {
        case .room: "room"
        case .participantJoined: "participant-joined"
        case .participantLeft: "participant-left"
        case .trackPublished: "track-published"
        case .trackUnpublished: "track-unpublished"
        case .renegotiate: "renegotiate"
        case .activeSpeaker: "active-speaker"
        case .connectionState: "connection-state"
        case .roomClosed: "room-closed"
        }
    }

    /// The SSE `data:` value: the event's JSON on one line, encoded as the controllers encode
    /// their answers (Foundation's `JSONEncoder` with its default settings).
    public func jsonData() throws(RoomEventEncodingError) -> String {
        let encoder = JSONEncoder()
        let bytes: Data
        do {
            bytes = switch self {
            case .room(let room): try encoder.encode(room)
            case .participantJoined(let participant): try encoder.encode(ParticipantData(participant: participant))
            case .participantLeft(let participant): try encoder.encode(ParticipantData(participant: participant))
            case .trackPublished(let participant, let track): try encoder.encode(TrackData(participant: participant, track: track))
            case .trackUnpublished(let participant, let track): try encoder.encode(TrackData(participant: participant, track: track))
            case .renegotiate(let reason): try encoder.encode(["reason": reason.rawValue])
            case .activeSpeaker(let participant, let audioLevel):
                try encoder.encode(ActiveSpeakerData(participant: participant, audioLevel: Self.clamped(audioLevel)))
            case .connectionState(let transport, let state):
                try encoder.encode(["transport": transport.rawValue, "state": state.rawValue])
            case .roomClosed: try encoder.encode([String: String]())
            }
        } catch {
            throw RoomEventEncodingError(event: name, reason: String(describing: error))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An audio level the JSON encoder accepts, in 0...1.
    private static func clamped(_ level: Double) -> Double {
        level.isNaN ? 0 : min(max(level, 0), 1)
    }

    private struct ParticipantData<Value: Encodable>: Encodable {
        let participant: Value
    }

    private struct TrackData<Value: Encodable>: Encodable {
        let participant: String
        let track: Value
    }

    private struct ActiveSpeakerData: Encodable {
        let participant: String
        let audioLevel: Double
    }
}

/// An event whose data the JSON encoder refused (nothing the server publishes should be: the
/// only number, an audio level, is clamped to 0...1 first).
public struct RoomEventEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The event's SSE name.
    public let event: String
    /// What the encoder said.
    public let reason: String

    public var description: String {
        "The data of a \(event) event could not be encoded as JSON: \(reason)"
    }
}
