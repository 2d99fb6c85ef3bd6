import ControlPlane
import Logging
import MediaServer
import Synchronization

/// The graceful shutdown's own steps, in order, one log line each: (1) the control plane stops
/// taking new rooms, participants, offers and event streams (503 `shutting_down`); (2) every
/// event stream ends, so no open SSE answer holds the HTTP server's shutdown; (3) every media
/// transport says goodbye (RTCP RR + BYE, DTLS close_notify) and closes. The HTTP server's own
/// graceful shutdown (in-flight requests finish) and the workers' stop follow in
/// ``ServerLifecycle``.
///
/// Invariant: each step runs once; step 3 gives up waiting after `transportBudget` (the
/// grace deadline stops the process anyway).
struct ShutdownSequence: Sendable {
    let drain: RoomDirectory.DrainSwitch
    let events: RoomEventHub
    let pool: WorkerPool
    /// The most the transports' goodbyes may take.
    let transportBudget: Duration
    let logger: Logger

    func run() async {
        drain.turnOn()
        logger.notice("shutdown: draining: new rooms, participants, offers and event streams get 503 shutting_down",
                      metadata: ["phase": "drain"])
        let streams = events.closeAll()
        logger.notice("shutdown: ended \(streams) event stream\(streams == 1 ? "" : "s")", metadata: ["phase": "events"])
        let summary = await Self.firstOf(
            { [pool] in await pool.shutDownTransports() },
            orNilAfter: transportBudget)
        guard let summary else {
            logger.warning("shutdown: the media workers did not close their transports within \(transportBudget)",
                           metadata: ["phase": "transports"])
            return
        }
        let unanswered = summary.unansweredWorkers > 0 ? "; \(summary.unansweredWorkers) worker(s) did not answer" : ""
        logger.notice(
            """
            shutdown: closed \(summary.transports) transport\(summary.transports == 1 ? "" : "s"): \
            \(summary.goodbyes) RTCP goodbye\(summary.goodbyes == 1 ? "" : "s") (RR + BYE), \
            \(summary.closeNotifies) DTLS close_notify\(unanswered)
            """,
            metadata: ["phase": "transports"])
    }

    /// `work`'s result, or nil when it takes longer than `budget` (it then goes on unobserved;
    /// the caller does not wait for it).
    private static func firstOf<Value: Sendable>(
        _ work: @escaping @Sendable () async -> Value, orNilAfter budget: Duration
    ) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let first = FirstAnswer(continuation)
            Task { first.answer(await work()) }
            Task {
                try? await Task.sleep(for: budget)
                first.answer(nil)
            }
        }
    }
}

/// Resumes a continuation with the first answer it is given; later answers are dropped.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let pending: Mutex<CheckedContinuation<Value?, Never>?>

    init(_ continuation: CheckedContinuation<Value?, Never>) {
        pending = Mutex(continuation)
    }

    func answer(_ value: Value?) {
        pending.withLock { $0.take() }?.resume(returning: value)
    }
}
