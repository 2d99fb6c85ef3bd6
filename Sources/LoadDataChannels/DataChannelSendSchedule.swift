/// When a data-channel publisher's messages are due: message `n` (from 0) at
/// `start + n · 10⁹ / messagesPerSecond` nanoseconds, computed from `n` each time so that
/// rounding never accumulates (no drift, whatever the tick the owner runs on).
///
/// Invariants: `messagesPerSecond` > 0; `handled` only grows, and only once started; nothing
/// is due before `start(at:)`.
struct DataChannelSendSchedule: Sendable, Hashable {
    let messagesPerSecond: Int64
    /// When message 0 was due (monotonic ns); nil until started.
    private(set) var startedAt: Int64?
    /// Messages whose turn has passed (sent or refused).
    private(set) var handled: Int64 = 0

    init(messagesPerSecond: Int) {
        self.messagesPerSecond = Int64(messagesPerSecond)
    }

    /// Message 0 is due at `now`; later calls change nothing.
    mutating func start(at now: Int64) {
        if startedAt == nil { startedAt = now }
    }

    /// When the next message is due; nil before `start(at:)`.
    var nextDueAt: Int64? {
        guard let startedAt else { return nil }
        let seconds = handled / messagesPerSecond
        let remainder = handled % messagesPerSecond
        return startedAt &+ seconds &* 1_000_000_000 &+ remainder &* 1_000_000_000 / messagesPerSecond
    }

    /// Whether a message is due at `now`.
    func isDue(at now: Int64) -> Bool {
        guard let due = nextDueAt else { return false }
        return due <= now
    }

    /// The due message was sent or given up: the next one's turn comes.
    mutating func advance() {
        guard startedAt != nil else { return }
        handled += 1
    }
}
