/// How a `WorkerThread` is set up.
///
/// Invariants (checked by `WorkerThread.init`): sizes and counts are positive; `timerSlots` is a
/// power of two ≥ 64; `commandQueueCapacity` is a power of two ≥ 2.
public struct WorkerConfiguration: Sendable, Equatable {
    /// The worker's number (0-based), also its return-ring index in other workers' pools.
    public var index: Int
    /// The OS thread name (the kernel keeps 15 bytes).
    public var threadName: String
    /// The CPU to pin the thread to, or nil to let the scheduler place it.
    public var cpu: Int?
    /// Bytes per packet buffer slot.
    public var slotSize: Int
    /// Packet buffer slots in the worker's pool.
    public var slotCount: Int
    /// Other threads that may release this worker's slots (one return ring each).
    public var holderCount: Int
    /// Datagrams per `recvmmsg`.
    public var receiveBatchSize: Int
    /// Receive batches taken from one socket per wake-up before timers and commands get a turn.
    public var batchesPerWake: Int
    /// Timer wheel resolution.
    public var timerTickNanoseconds: Int64
    /// Timer wheel buckets per revolution.
    public var timerSlots: Int
    /// Slots in the command ring from the control plane. When they are all taken (the worker is
    /// behind), `WorkerThread.request` fails with `WorkerCommandError.workerBusy` and `send`
    /// returns false, instead of blocking the caller.
    public var commandQueueCapacity: Int

    public init(
        index: Int = 0,
        threadName: String? = nil,
        cpu: Int? = nil,
        slotSize: Int = 2048,
        slotCount: Int = 8192,
        holderCount: Int = 0,
        receiveBatchSize: Int = 32,
        batchesPerWake: Int = 8,
        timerTickNanoseconds: Int64 = 1_000_000,
        timerSlots: Int = 1024,
        commandQueueCapacity: Int = 4096
    ) {
        self.index = index
        self.threadName = threadName ?? "worker-\(index)"
        self.cpu = cpu
        self.slotSize = slotSize
        self.slotCount = slotCount
        self.holderCount = holderCount
        self.receiveBatchSize = receiveBatchSize
        self.batchesPerWake = batchesPerWake
        self.timerTickNanoseconds = timerTickNanoseconds
        self.timerSlots = timerSlots
        self.commandQueueCapacity = commandQueueCapacity
    }
}
