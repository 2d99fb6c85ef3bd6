/// What a `WorkerHandler` can use while handling one event: the time of the wake-up, the timer
/// wheel, the transmitter and buffer pool, and the worker's sockets.
///
/// Invariants: `now` is the `MonotonicClock` time read once per loop wake-up (protocol code
/// gets time only from here); everything in it belongs to the worker thread.
public struct WorkerContext: ~Copyable {
    /// The worker's number.
    public let workerIndex: Int
    /// Monotonic nanoseconds at this wake-up.
    public internal(set) var now: Int64
    /// Timers; tokens come back through `WorkerHandler.handleTimer`.
    public var timers: TimerWheel
    /// Outgoing packets, sent in batches.
    public var transmitter: Transmitter
    /// The worker's sockets, in the order they were given to the worker (`socketIndex`).
    public let sockets: [UDPSocket]

    /// The worker's packet buffers.
    public var pool: BufferPool { transmitter.pool }

    init(workerIndex: Int, now: Int64, timers: consuming TimerWheel, transmitter: consuming Transmitter, sockets: [UDPSocket]) {
        self.workerIndex = workerIndex
        self.now = now
        self.timers = timers
        self.transmitter = transmitter
        self.sockets = sockets
    }
}
