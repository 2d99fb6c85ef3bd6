/// The code a worker runs: its protocol state (later SFUCore's transports), driven by the event
/// loop on the worker's own thread. The loop is generic over the handler, so calls are direct
/// (no existential), and everything the handler needs to act (time, timers, sends, buffers)
/// comes in the `WorkerContext`. Other workers reach it through a `WorkerMesh` the handler
/// holds, which wakes the loop into `handleWake`.
///
/// Contract: every method runs on the worker thread only, must not block, and should not
/// allocate on the datagram path. A handler keeps a received packet by taking its slot from
/// the batch (`ReceivedBatch.take(at:)`); everything it does not take is reused by the next
/// receive. Timer tokens are the handler's own numbering (e.g. a transport index and a timer
/// kind packed into 64 bits). The handler value itself never crosses threads (it is made on the
/// worker thread), only its type does (`SendableMetatype`).
public protocol WorkerHandler: SendableMetatype {
    /// What the control plane asks of this worker (may carry a `CommandReply`).
    associatedtype Command: Sendable

    /// Datagrams arrived on socket `batch.socketIndex` (entries `0..<batch.count`).
    mutating func handleDatagrams(_ batch: inout ReceivedBatch, context: inout WorkerContext)

    /// The timer scheduled with `token` expired.
    mutating func handleTimer(_ token: UInt64, context: inout WorkerContext)

    /// A command from the control plane.
    mutating func handleCommand(_ command: Command, context: inout WorkerContext)

    /// The worker's wake-up eventfd (`WorkerThread`'s `wakeup`, e.g. `WorkerMesh.wakeup(of:)`)
    /// was signalled; the loop has already read it. A mesh handler drains its inbound rings
    /// here. The default does nothing (for workers started without a wake-up eventfd).
    mutating func handleWake(context: inout WorkerContext)

    /// The worker is stopping: last chance to queue sends (they are flushed before the sockets
    /// close). The default does nothing.
    mutating func handleStop(context: inout WorkerContext)
}

extension WorkerHandler {
    public mutating func handleWake(context: inout WorkerContext) {}

    public mutating func handleStop(context: inout WorkerContext) {}
}
