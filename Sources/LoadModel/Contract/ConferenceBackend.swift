/// A conference server as the harness drives it, the way a conference backend would: rooms,
/// participants, a publish transport by SDP offer/answer, a subscribe transport by the
/// server's offer and the peer's answer. Implemented for Switchboard's REST API and for the
/// Janus VideoRoom plugin (HTTP long-poll), so one scenario runs against both.
///
/// Contract: every call is safe from any task and bounded in time (each adapter has a request
/// timeout); a failure throws `SignallingError` with the server's words; SDP goes in and out as
/// text, exactly as the server sent it. Publishers are published before subscribers subscribe,
/// so `subscribe` names the publishers whose streams to receive (Switchboard may ignore the
/// list: its default subscription is every track in the room).
public protocol ConferenceBackend: Sendable {
    associatedtype Room: Sendable
    associatedtype Participant: Sendable

    /// "switchboard" or "janus", for reports.
    var serverKind: String { get }

    /// Creates room number `index` of the run, sized for `participants`.
    func createRoom(index: Int, participants: Int) async throws(SignallingError) -> Room
    /// Adds a participant (`name` is unique in the run).
    func join(_ room: Room, name: String, publishes: Bool, subscribes: Bool, data: Bool) async throws(SignallingError) -> Participant
    /// Sends the publish offer; returns the server's answer.
    func publish(_ participant: Participant, offer: String) async throws(SignallingError) -> String
    /// Asks for the subscribe transport; returns the server's offer.
    func subscribe(_ participant: Participant, to publishers: [Participant]) async throws(SignallingError) -> String
    /// Sends the answer to the latest subscribe offer.
    func acceptSubscription(_ participant: Participant, answer: String) async throws(SignallingError)
    /// Removes the participant (errors are ignored: the run is ending).
    func leave(_ participant: Participant) async
    /// Removes the room (errors are ignored).
    func destroy(_ room: Room) async
    /// Ends background work (Janus's long poll and keep-alives); the backend is unusable after.
    func close() async
}

/// Why a signalling step failed.
public enum SignallingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server could not be reached or the connection broke.
    case unreachable(String)
    /// The server answered with an error (HTTP status or Janus error code, and its message).
    case refused(step: String, status: Int, message: String)
    /// The server's answer was not what the protocol says (bad JSON, missing field, bad SDP).
    case malformed(step: String, reason: String)
    /// No answer within the adapter's timeout.
    case timedOut(step: String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "server unreachable: \(reason)"
        case .refused(let step, let status, let message): "\(step) refused (\(status)): \(message)"
        case .malformed(let step, let reason): "\(step): unexpected answer: \(reason)"
        case .timedOut(let step): "\(step): no answer in time"
        }
    }
}
