/// Which of a room's event streams an event goes to.
///
/// The API's rule — a participant gets no events about itself except `connection-state` and
/// `renegotiate` — is the publisher's to keep: events about a participant go to
/// ``everyoneExcept(_:)`` that participant, and `connection-state` and `renegotiate` go to
/// ``participant(_:)``.
public enum EventAudience: Hashable, Sendable {
    /// Every stream of the room (`room-closed`, events about no one in particular).
    case everyone
    /// Every stream but those of this participant (events about it).
    case everyoneExcept(String)
    /// Only the streams of this participant (events for it alone).
    case participant(String)

    /// Whether a stream of `participant` receives the event.
    func includes(_ participant: String) -> Bool {
        switch self {
        case .everyone: true
        case .everyoneExcept(let excluded): participant != excluded
        case .participant(let only): participant == only
        }
    }
}
