import LoadModel
/// Hands the long poll's events to the calls waiting for them, by transaction and sender
/// handle (Janus answers an asynchronous request with `ack`, then with an `event` carrying the
/// request's transaction).
///
/// Invariants: a call first `expect`s its transaction (before sending the request, so an event
/// that overtakes the `ack` is kept), then `wait`s for it exactly once; every wait ends, with the
/// event, with `timedOut` after its timeout, or with the session's loss. Events for unknown
/// transactions or from another handle are dropped.
actor JanusEventRouter {
    private typealias Waiter = CheckedContinuation<Result<JanusReply, SignallingError>, Never>

    private enum Slot {
        case expecting(sender: UInt64)
        case arrived(JanusReply)
        case waiting(sender: UInt64, continuation: Waiter, timer: Task<Void, Never>)
    }

    private var slots: [String: Slot] = [:]
    private var lost: SignallingError?

    func expect(_ transaction: String, from sender: UInt64) {
        slots[transaction] = .expecting(sender: sender)
    }

    /// Drops a transaction whose request failed.
    func forget(_ transaction: String) {
        if case .waiting(_, let continuation, let timer) = slots.removeValue(forKey: transaction) {
            timer.cancel()
            continuation.resume(returning: .failure(.unreachable("the request was abandoned")))
        }
    }

    func deliver(_ reply: JanusReply) {
        guard reply.janus == "event", let transaction = reply.transaction, let slot = slots[transaction] else { return }
        switch slot {
        case .expecting(let sender):
            guard reply.sender == sender else { return }
            slots[transaction] = .arrived(reply)
        case .waiting(let sender, let continuation, let timer):
            guard reply.sender == sender else { return }
            slots[transaction] = nil
            timer.cancel()
            continuation.resume(returning: .success(reply))
        case .arrived:
            return
        }
    }

    /// The event of `transaction`, waiting up to `timeout` for it.
    func wait(_ transaction: String, timeout: Duration, step: String) async -> Result<JanusReply, SignallingError> {
        if let lost {
            slots[transaction] = nil
            return .failure(lost)
        }
        switch slots[transaction] {
        case .arrived(let reply):
            slots[transaction] = nil
            return .success(reply)
        case .expecting(let sender):
            return await withCheckedContinuation { continuation in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    await self?.expire(transaction, step: step)
                }
                slots[transaction] = .waiting(sender: sender, continuation: continuation, timer: timer)
            }
        case .waiting, nil:
            return .failure(.malformed(step: step, reason: "transaction \(transaction) is not expected"))
        }
    }

    /// Ends every wait, now and later, with `error` (the session is gone or closed).
    func lose(_ error: SignallingError) {
        lost = error
        for slot in slots.values {
            if case .waiting(_, let continuation, let timer) = slot {
                timer.cancel()
                continuation.resume(returning: .failure(error))
            }
        }
        slots.removeAll()
    }

    private func expire(_ transaction: String, step: String) {
        guard case .waiting(_, let continuation, _) = slots[transaction] else { return }
        slots[transaction] = nil
        continuation.resume(returning: .failure(.timedOut(step: step)))
    }
}
