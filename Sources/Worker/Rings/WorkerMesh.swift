import Synchronization

/// The forwarding core's transport between workers (DESIGN.md "Threads and ownership"): one
/// single-producer/single-consumer ring of `MeshMessage`s for every ordered pair of distinct
/// workers, and per worker an eventfd with a "signalled" flag that wakes it.
///
/// Use: a producer's worker decrypts a packet once, then for every other worker holding
/// consumers of it retains the slot and `send`s a message carrying it; after the batch it calls
/// `wake` once per target. The target's loop sees its `wakeup(of:)` eventfd readable, reads it,
/// and calls `WorkerHandler.handleWake`, where the handler `drain`s its inbound rings, reads each
/// packet with `bytes(of:from:)` and gives the reference back with `release(_:from:at:)`. Small
/// control messages (a key frame request for producer X) travel the same way without a slot.
///
/// Worker numbering: worker `k` is `pools[k]`'s owner and the thread made with
/// `WorkerConfiguration.index == k`, `pool: pools[k]` and `wakeup: wakeup(of: k)`. Holders: a
/// worker releases another worker's slots as return-ring holder = its own index, so every pool
/// needs `holderCount >= workerCount` (its own index's return ring stays unused).
///
/// Wake-ups: `wake(k)` signals `k`'s eventfd only when `k`'s flag was down, and `drain(into: k)`
/// lowers the flag (an acquire-release exchange) *before* it reads the rings, while a sender
/// pushes *before* its own acquire-release exchange in `wake`. So either the drain's exchange
/// comes later in the flag's order and sees the pushed messages, or the sender's exchange finds
/// the flag down and signals again: a burst from any number of senders costs one eventfd write,
/// and no message is left without a pending wake-up. A drain takes at most `drainQuota`
/// messages per inbound ring (fairness between senders and with the worker's sockets), and
/// raises the flag and signals again when it left messages behind.
///
/// Packet bytes: a slot sent to several workers is shared by all of them; while more than one
/// reference exists its bytes are read-only (a receiver that rewrites or protects copies the
/// packet into a slot of its own pool first).
///
/// Invariants: ring `(from, to)` is pushed only by worker `from`'s thread and popped only by
/// worker `to`'s thread; `drain(into: k)` runs only on worker `k`, after its eventfd was read
/// (the event loop reads it before `handleWake`); `send`, `wake`, `drain`, `bytes` and `release`
/// never allocate, lock or block. Messages still in a ring when the mesh goes away are not
/// released (the pools go away with the workers).
public final class WorkerMesh: Sendable {
    /// How many workers the mesh connects (indices `0..<workerCount`).
    public let workerCount: Int
    /// Messages one ring holds (the requested capacity rounded up to a power of two; 0 for a
    /// single worker, which has no ring).
    public let ringCapacity: Int
    /// Messages `drain` takes from one inbound ring at most.
    public let drainQuota: Int
    private let pools: [BufferPool]
    /// `workerCount * (workerCount - 1)` rings, grouped by receiver (see `ringIndex`).
    private let rings: [SPSCRing<MeshMessage>]
    private let doorbells: [Doorbell]

    /// A worker's eventfd and whether it has been signalled since the worker's last drain.
    private final class Doorbell: Sendable {
        let wakeup: EventFD
        let isSignalled = Atomic<Bool>(false)

        init() throws(SyscallError) { wakeup = try EventFD() }
    }

    /// - Parameters:
    ///   - pools: worker `k`'s buffer pool at index `k`: distinct pools, each with
    ///     `holderCount >= pools.count`.
    ///   - ringCapacity: messages per ring (at least 1; rounded up to a power of two). A full
    ///     ring refuses messages, so size it for a burst between two drains.
    ///   - drainQuota: messages taken per inbound ring per `drain` (default: the ring capacity).
    public init(pools: [BufferPool], ringCapacity: Int, drainQuota: Int? = nil) throws(SyscallError) {
        let workerCount = pools.count
        precondition(workerCount >= 1, "a mesh needs at least one worker")
        precondition(Set(pools.map(ObjectIdentifier.init)).count == workerCount, "every worker needs its own pool")
        precondition(pools.allSatisfy { $0.holderCount >= workerCount },
                     "each pool needs a return ring for every worker (holderCount >= workerCount)")
        precondition(ringCapacity >= 1, "ring capacity must be positive")
        self.workerCount = workerCount
        self.pools = pools
        rings = (0..<(workerCount * (workerCount - 1))).map { _ in SPSCRing(minimumCapacity: ringCapacity) }
        self.ringCapacity = rings.first?.capacity ?? 0
        self.drainQuota = drainQuota ?? max(1, self.ringCapacity)
        precondition(self.drainQuota >= 1, "drain quota must be positive")
        var doorbells: [Doorbell] = []
        for _ in 0..<workerCount { doorbells.append(try Doorbell()) }
        self.doorbells = doorbells
    }

    /// Worker `worker`'s buffer pool.
    public func pool(of worker: Int) -> BufferPool { pools[worker] }

    /// The eventfd that wakes worker `worker` (give it to that worker's `WorkerThread`).
    public func wakeup(of worker: Int) -> EventFD { doorbells[worker].wakeup }

    /// Worker `from` only. Queues `message` for worker `to` without waking it (call `wake(to)`
    /// after the batch). False when the ring is full: the message was not queued, and the
    /// caller still owns its slot reference (it counts a drop and releases the reference).
    @inline(__always)
    public func send(_ message: MeshMessage, from: Int, to: Int) -> Bool {
        rings[ringIndex(from: from, to: to)].push(message)
    }

    /// Any thread (a sender, after queueing a batch). Signals `worker`'s eventfd unless it is
    /// already signalled and not yet drained.
    @inline(__always)
    public func wake(_ worker: Int) {
        let doorbell = doorbells[worker]
        if !doorbell.isSignalled.exchange(true, ordering: .acquiringAndReleasing) { doorbell.wakeup.signal() }
    }

    /// Worker `worker` only, after reading its eventfd. Calls `body` with each queued message
    /// and its sender, in order per sender, at most `drainQuota` per sender; returns how many
    /// it handed over. `body` owns each message's slot reference (see `MeshMessage`).
    @discardableResult
    public func drain(into worker: Int, _ body: (MeshMessage, _ from: Int) -> Void) -> Int {
        precondition(worker >= 0 && worker < workerCount, "no such worker")
        let doorbell = doorbells[worker]
        _ = doorbell.isSignalled.exchange(false, ordering: .acquiringAndReleasing)
        var delivered = 0
        var leftBehind = false
        for source in 0..<workerCount where source != worker {
            let ring = rings[ringIndex(from: source, to: worker)]
            var taken = 0
            while taken < drainQuota, let message = ring.pop() {
                body(message, source)
                taken += 1
            }
            delivered += taken
            // The ring may hold more: come back on the next loop turn, after the others' turn.
            if taken == drainQuota { leftBehind = true }
        }
        if leftBehind, !doorbell.isSignalled.exchange(true, ordering: .acquiringAndReleasing) {
            doorbell.wakeup.signal()
        }
        return delivered
    }

    /// The bytes of the packet `message` carries from worker `sender` (`length` bytes of its
    /// slot in `sender`'s pool; empty without a slot). Valid until the reference is released.
    @inline(__always)
    public func bytes(of message: MeshMessage, from sender: Int) -> UnsafeMutableRawBufferPointer {
        guard let slot = message.slot else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        let whole = pools[sender].bytes(of: slot)
        return UnsafeMutableRawBufferPointer(rebasing: whole[..<min(Int(message.length), whole.count)])
    }

    /// Worker `receiver` only. Gives back the slot reference `message` carries from worker
    /// `sender` (a `releaseForeign` into `sender`'s pool as holder `receiver`); nothing without
    /// a slot.
    @inline(__always)
    public func release(_ message: MeshMessage, from sender: Int, at receiver: Int) {
        guard let slot = message.slot else { return }
        precondition(sender != receiver && receiver >= 0 && receiver < workerCount, "not a mesh message's receiver")
        pools[sender].releaseForeign(slot, holder: receiver)
    }

    /// Where ring `(from, to)` is in `rings`: grouped by receiver `to`, then by sender with `to`
    /// itself skipped, so a worker's inbound rings are adjacent.
    @inline(__always)
    private func ringIndex(from: Int, to: Int) -> Int {
        precondition(from != to && from >= 0 && from < workerCount && to >= 0 && to < workerCount,
                     "a mesh ring joins two distinct workers")
        return to &* (workerCount &- 1) &+ (from < to ? from : from &- 1)
    }
}
