public import SFUCore
public import Worker

/// One media worker's own figures at one moment, for the operator's per-worker stats.
///
/// Made by the worker on its own thread from its plain counters and copied out through its
/// command ring (`MediaCommand.workerSnapshot`); `cpuSeconds` is added by the pool, which reads
/// the worker thread's `/proc` entry.
///
/// Datagrams and bytes in and out are the worker's **UDP sockets'** counters
/// (`UDPSocketCounters`, summed over its sockets): every datagram that reached or left the
/// worker (STUN, DTLS, SRTP, SRTCP), not only media, counted where the kernel accepted it.
///
/// Invariant: a value copy; counters only grow (wrapping); `drops` includes the transports the
/// worker already removed.
public struct WorkerMediaSnapshot: Sendable, Hashable {
    /// The worker's index (its UDP port is `udp.port + worker`).
    public let worker: Int
    /// Transports open on the worker.
    public let transports: Int
    /// Datagrams the worker could not use, by cause.
    public let drops: DropCounters
    /// What its forwarding core did.
    public let forwarding: WorkerForwardingCounters
    /// Its sockets' counters, summed: datagrams and bytes in and out, receive and send drops.
    public let sockets: UDPSocketCounters
    /// Its packet memory's use.
    public let bufferPool: BufferPoolUsage
    /// Seconds of CPU the worker thread has used (user + system, from
    /// `/proc/self/task/<tid>/stat`); nil when unknown.
    public internal(set) var cpuSeconds: Double?

    init(worker: Int, transports: Int, drops: DropCounters, forwarding: WorkerForwardingCounters, sockets: UDPSocketCounters,
         bufferPool: BufferPoolUsage) {
        self.worker = worker
        self.transports = transports
        self.drops = drops
        self.forwarding = forwarding
        self.sockets = sockets
        self.bufferPool = bufferPool
    }

    /// Packets the worker dropped for want of room: a mesh ring to another worker was full,
    /// the buffer pool was empty (forwarding, or a datagram read with no slot to keep it), or
    /// the kernel refused a send (socket buffer full, or an error).
    public var queueDrops: UInt64 {
        forwarding.meshDrops &+ forwarding.poolExhausted
            &+ UInt64(truncatingIfNeeded: sockets.noBufferDrops) &+ UInt64(truncatingIfNeeded: sockets.sendDrops)
    }
}

extension MediaWorkerHandler {
    /// The worker's figures now (on the worker thread; no `cpuSeconds`, which the pool adds).
    func workerSnapshot(context: borrowing WorkerContext) -> WorkerMediaSnapshot {
        var sockets = UDPSocketCounters()
        for index in 0..<context.sockets.count { sockets.add(context.sockets[index].counters) }
        return WorkerMediaSnapshot(worker: context.workerIndex, transports: table.count, drops: table.dropTotals,
                                   forwarding: counters, sockets: sockets, bufferPool: context.pool.usage)
    }
}
