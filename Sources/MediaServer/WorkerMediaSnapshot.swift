public import SFUCore

/// One media worker's own figures at one moment, for the operator's per-worker stats.
///
/// Invariant: a value copy; `drops` includes the transports the worker already removed.
public struct WorkerMediaSnapshot: Sendable, Hashable {
    /// The worker's index (its UDP port is `udp.port + worker`).
    public let worker: Int
    /// Transports open on the worker.
    public let transports: Int
    /// Datagrams the worker could not use, by cause.
    public let drops: DropCounters
    /// What its forwarding core did.
    public let forwarding: WorkerForwardingCounters
}
