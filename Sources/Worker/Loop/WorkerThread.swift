import Glibc
import RTCWire
import Synchronization

/// One worker: an OS thread running an `EventLoop` over its sockets with a handler made on that
/// thread, its own `BufferPool`, a command queue the control plane uses to reach it, and
/// optionally a wake-up eventfd other workers signal (a `WorkerMesh`'s; the loop reads it and
/// calls `WorkerHandler.handleWake`).
///
/// Commands: `send` is fire-and-forget; `request` awaits an answer: the command carries a
/// `CommandReply` that the handler answers on the worker thread, which resumes the awaiting
/// task (a checked continuation; a command dropped unanswered resumes it with `.noReply`, one
/// refused because the worker stopped with `.workerStopped`, and one refused because the
/// worker's bounded command ring is full with `.workerBusy`). Neither ever blocks the caller.
///
/// Invariants: the sockets belong to the worker from `init` on (the caller must not use them
/// any more; read `localAddresses` instead) and are closed when the loop ends; `stop()` returns
/// only after the thread has exited; the handler never leaves the worker thread; `threadID` is
/// nil until the thread has recorded its Linux thread id, then that id for good.
public final class WorkerThread<Handler: WorkerHandler>: Sendable {
    public let configuration: WorkerConfiguration
    /// The worker's packet memory (other workers release into it through its return rings).
    public let pool: BufferPool
    /// The sockets' bound addresses, by socket index.
    public let localAddresses: [STUNTransportAddress]
    private let commands: MPSCCommandQueue<WorkerMessage<Handler.Command>>
    private let thread: OSThread
    private let isJoined = Mutex(false)
    private let recordedThreadID: ThreadIDRecord

    /// The worker thread's Linux thread id (`gettid`), recorded by the thread as it starts; nil
    /// before that, or when `/proc` could not tell it. Its CPU time is in
    /// `/proc/self/task/<id>/stat` (`ProcessFigures.threadCPUSeconds(threadID:)`).
    public var threadID: Int32? { recordedThreadID.value }

    /// Starts the worker thread; `makeHandler` runs on it, before the loop.
    /// - Parameters:
    ///   - pool: the worker's packet memory when it must exist before the thread (a
    ///     `WorkerMesh` is built over every worker's pool); the worker then owns it, and the
    ///     configuration's `slotSize`, `slotCount` and `holderCount` are not used. Nil: the
    ///     worker makes its pool from the configuration.
    ///   - wakeup: an eventfd other threads signal to wake the loop into `handleWake` (e.g.
    ///     `WorkerMesh.wakeup(of: configuration.index)`); the worker reads it but never closes it.
    public init(
        configuration: WorkerConfiguration,
        sockets: [UDPSocket],
        pool: BufferPool? = nil,
        wakeup: EventFD? = nil,
        makeHandler: @escaping @Sendable () -> Handler
    ) throws(SyscallError) {
        precondition(configuration.receiveBatchSize > 0 && configuration.batchesPerWake > 0, "batch sizes must be positive")
        precondition(configuration.timerTickNanoseconds > 0, "timer tick must be positive")
        precondition(
            configuration.timerSlots >= 64 && configuration.timerSlots & (configuration.timerSlots - 1) == 0,
            "timer slots must be a power of two ≥ 64")
        precondition(
            configuration.commandQueueCapacity >= 2
                && configuration.commandQueueCapacity & (configuration.commandQueueCapacity - 1) == 0,
            "command queue capacity must be a power of two ≥ 2")
        self.configuration = configuration
        self.pool = pool ?? BufferPool(
            slotSize: configuration.slotSize, slotCount: configuration.slotCount, holderCount: configuration.holderCount)
        localAddresses = sockets.map(\.localAddress)
        let commands = try MPSCCommandQueue<WorkerMessage<Handler.Command>>(
            capacity: configuration.commandQueueCapacity)
        self.commands = commands
        let epoll = try Epoll(capacity: sockets.count + 2)
        for (index, socket) in sockets.enumerated() {
            try epoll.register(socket.fileDescriptor, token: UInt64(index))
        }
        try epoll.register(commands.wakeup.fileDescriptor, token: EventLoop<Handler>.commandToken)
        if let wakeup { try epoll.register(wakeup.fileDescriptor, token: EventLoop<Handler>.wakeToken) }
        let pool = self.pool
        let recordedThreadID = ThreadIDRecord()
        self.recordedThreadID = recordedThreadID
        thread = try OSThread.spawn(name: configuration.threadName, cpu: configuration.cpu) {
            recordedThreadID.record(ProcessFigures.currentThreadID())
            var loop = EventLoop(
                handler: makeHandler(), configuration: configuration, pool: pool,
                sockets: sockets, epoll: epoll, commands: commands, wakeup: wakeup)
            loop.run()
        }
    }

    deinit { stop() }

    /// Queues `command` for the handler; false when the worker has stopped or its command ring
    /// is full (the worker is busy), in which case `command` is dropped.
    @discardableResult
    public func send(_ command: Handler.Command) -> Bool {
        commands.enqueue(.command(command))
    }

    /// Queues the command `makeCommand` builds around a reply channel and waits for the
    /// handler's answer.
    public func request<Value: Sendable>(
        _ makeCommand: (CommandReply<Value>) -> Handler.Command
    ) async throws(WorkerCommandError) -> Value {
        let result: Result<Value, WorkerCommandError> = await withCheckedContinuation { continuation in
            let reply = CommandReply(continuation)
            switch commands.offer(.command(makeCommand(reply))) {
            case .queued: break
            case .full: reply.fail(.workerBusy)
            case .closed: reply.fail(.workerStopped)
            }
        }
        return try result.get()
    }

    /// Asks the loop to stop and waits for the thread to exit (idempotent; blocks the caller
    /// until the loop has finished its current turn, so call it from a thread that may block).
    public func stop() {
        isJoined.withLock { isJoined in
            guard !isJoined else { return }
            // The stop message must get in even when the ring is full: the running loop frees
            // slots on its next turn, so retrying ends (and a closed ring means it has stopped).
            while commands.offer(.stop) == .full { sched_yield() }
            thread.join()
            isJoined = true
        }
    }
}

/// The Linux thread id a worker thread records once as it starts (0: not yet; -1: unknown).
///
/// Invariant: written once, by the worker thread; read by any thread.
private final class ThreadIDRecord: Sendable {
    private let storage = Atomic<Int32>(0)

    func record(_ id: Int32?) { storage.store(id ?? -1, ordering: .releasing) }

    var value: Int32? {
        let id = storage.load(ordering: .acquiring)
        return id > 0 ? id : nil
    }
}
