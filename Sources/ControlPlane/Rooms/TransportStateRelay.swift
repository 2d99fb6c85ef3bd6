import Logging
import MediaContract
import ServerLogging
import Synchronization

/// Carries the media engine's ``TransportStateChange``s from the engine's threads to an async
/// receiver (the ``RoomDirectory``), in the order the engine reported them, and logs each one.
///
/// Invariants: ``submit(_:)`` never blocks and never waits for the receiver (the engine's
/// handler must not block); changes are delivered one at a time, each after the previous one's
/// delivery returned, in submission order; at most one draining task exists, and none while
/// nothing is pending. Each change is logged once, at `info`, by the draining task (never on
/// the engine's thread): `transport state` with its room, participant, role, state and the
/// selected pair's remote address (through ``LogRedaction``; `none` when there is none).
final class TransportStateRelay: Sendable {
    private struct State {
        var pending: [TransportStateChange] = []
        var isDraining = false
    }

    private let state = Mutex(State())
    private let deliver: @Sendable (TransportStateChange) async -> Void
    private let logger: Logger

    init(
        logger: Logger = Logger(label: "switchboard.transport"),
        deliver: @escaping @Sendable (TransportStateChange) async -> Void
    ) {
        self.logger = logger
        self.deliver = deliver
    }

    /// Queues `change`; starts the draining task when none runs.
    func submit(_ change: TransportStateChange) {
        let startsDraining = state.withLock { state in
            state.pending.append(change)
            guard !state.isDraining else { return false }
            state.isDraining = true
            return true
        }
        if startsDraining {
            Task { await self.drain() }
        }
    }

    /// Delivers what is pending, batch after batch, until nothing is.
    private func drain() async {
        while true {
            let batch = state.withLock { state in
                let batch = state.pending
                state.pending = []
                state.isDraining = !batch.isEmpty
                return batch
            }
            guard !batch.isEmpty else { return }
            for change in batch {
                log(change)
                await deliver(change)
            }
        }
    }

    private func log(_ change: TransportStateChange) {
        logger.info(
            "transport state",
            metadata: [
                "room": "\(change.room)", "participant": "\(change.participant)", "role": "\(change.role.rawValue)",
                "state": "\(change.state.rawValue)",
                "remote": "\(change.remoteAddress.map { LogRedaction.address($0) } ?? "none")",
            ])
    }
}
