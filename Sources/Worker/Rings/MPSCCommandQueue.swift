import Synchronization

/// The control plane's way into a worker: any number of threads enqueue commands, the worker's
/// loop drains them, and an eventfd wakes the loop when the queue turns non-empty.
///
/// Why a lock here: commands are control-path traffic (create transport, add consumer, snapshot
/// stats: thousands per second at most), and commands carry reply closures, so they are not
/// trivially copyable. Producers take a short mutex; the worker only ever *tries* the lock
/// (`drain` never blocks): when a producer holds it, the worker re-signals its own eventfd and
/// comes back on the next loop turn.
///
/// Invariants: whenever `pending` is non-empty, the eventfd is signalled or the worker has not
/// yet drained since the signal that made it non-empty (the worker drains the eventfd *before*
/// taking commands, so no command is stranded); once `close()` ran, `enqueue` refuses.
public final class MPSCCommandQueue<Command: Sendable>: Sendable {
    private struct State {
        var pending: [Command] = []
        var isClosed = false
    }

    /// The doorbell the worker's epoll watches.
    public let wakeup: EventFD
    private let state = Mutex(State())

    public init() throws(SyscallError) {
        wakeup = try EventFD()
    }

    /// Any thread. Queues `command` and wakes the worker; false when the queue is closed (the
    /// worker stopped), in which case `command` is dropped.
    @discardableResult
    public func enqueue(_ command: Command) -> Bool {
        let wasEmpty: Bool? = state.withLock { state in
            guard !state.isClosed else { return nil }
            state.pending.append(command)
            return state.pending.count == 1
        }
        guard let wasEmpty else { return false }
        if wasEmpty { wakeup.signal() }
        return true
    }

    /// Worker only; never blocks. Moves every pending command, oldest first, into `buffer`
    /// (which must be empty: its storage is handed back to the queue for reuse). Returns false
    /// when a producer held the lock; the eventfd is then signalled again so the loop retries.
    public func drain(into buffer: inout [Command]) -> Bool {
        precondition(buffer.isEmpty, "drain hands the buffer's storage to the queue; empty it first")
        let taken: Bool? = state.withLockIfAvailable { state in
            swap(&state.pending, &buffer)
            return true
        }
        if taken == nil { wakeup.signal() }
        return taken != nil
    }

    /// Refuses every later `enqueue` and returns the commands still pending (the worker drops
    /// them, which fails their replies).
    public func close() -> [Command] {
        state.withLock { state in
            state.isClosed = true
            var remaining: [Command] = []
            swap(&state.pending, &remaining)
            return remaining
        }
    }
}
