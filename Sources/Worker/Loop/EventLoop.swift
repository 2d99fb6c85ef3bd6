/// One worker's loop: epoll over its sockets, its command eventfd and (if it has one) its
/// wake-up eventfd from other workers, with the wait bounded by the timer wheel's next deadline.
/// Each wake-up reads the clock once, takes back slots other workers returned, reads ready
/// sockets in batches and hands them to the handler, runs commands, reads a signalled wake-up
/// eventfd and calls `handleWake`, fires due timers, and flushes sends.
///
/// Invariants: runs on one thread from `run()` until a stop message; the handler is called only
/// from here; after `run()` returns the sockets are closed and the command queue is closed (the
/// commands still queued are dropped, which fails their replies); the wake-up eventfd belongs to
/// whoever gave it (a `WorkerMesh`) and stays open.
struct EventLoop<Handler: WorkerHandler>: ~Copyable {
    /// The epoll token of the command eventfd (sockets use their index).
    static var commandToken: UInt64 { .max }
    /// The epoll token of the wake-up eventfd.
    static var wakeToken: UInt64 { .max - 1 }

    private var handler: Handler
    private var context: WorkerContext
    private var batch: ReceivedBatch
    private let sockets: [UDPSocket]
    private let epoll: Epoll
    private let commands: MPSCCommandQueue<WorkerMessage<Handler.Command>>
    private let wakeup: EventFD?
    private var commandBuffer: [WorkerMessage<Handler.Command>] = []
    private let batchesPerWake: Int

    init(
        handler: Handler, configuration: WorkerConfiguration, pool: BufferPool, sockets: [UDPSocket],
        epoll: Epoll, commands: MPSCCommandQueue<WorkerMessage<Handler.Command>>, wakeup: EventFD?
    ) {
        self.handler = handler
        let now = MonotonicClock.now()
        context = WorkerContext(
            workerIndex: configuration.index,
            now: now,
            timers: TimerWheel(now: now, tickNanoseconds: configuration.timerTickNanoseconds, slotCount: configuration.timerSlots),
            transmitter: Transmitter(pool: pool, sockets: sockets),
            sockets: sockets)
        batch = ReceivedBatch(pool: pool, capacity: configuration.receiveBatchSize)
        self.sockets = sockets
        self.epoll = epoll
        self.commands = commands
        self.wakeup = wakeup
        batchesPerWake = configuration.batchesPerWake
        commandBuffer.reserveCapacity(64)
    }

    /// Runs until a stop message, then shuts down.
    mutating func run() {
        var running = true
        while running {
            let ready = epoll.wait(timeoutMilliseconds: waitTimeout())
            context.now = MonotonicClock.now()
            context.pool.drainReturns()
            for event in 0..<ready {
                let token = epoll.token(at: event)
                if token == Self.commandToken {
                    running = runCommands() && running
                } else if token == Self.wakeToken {
                    handleWake()
                } else {
                    receive(fromSocket: Int(truncatingIfNeeded: token))
                }
            }
            fireTimers()
            context.transmitter.flush()
        }
        shutDown()
    }

    /// Milliseconds until the wheel's next deadline (rounded up), 0 if already due, -1 if none.
    private func waitTimeout() -> Int32 {
        guard let deadline = context.timers.nextDeadline() else { return -1 }
        let remaining = deadline &- MonotonicClock.now()
        guard remaining > 0 else { return 0 }
        return Int32(clamping: (remaining &+ 999_999) / 1_000_000)
    }

    private mutating func receive(fromSocket index: Int) {
        guard index >= 0 && index < sockets.count else { return }
        let socket = sockets[index]
        for _ in 0..<batchesPerWake {
            guard case .received(let datagrams) = socket.receiveBatch(into: &batch) else { return }
            if batch.count > 0 {
                batch.socketIndex = index
                handler.handleDatagrams(&batch, context: &context)
                context.transmitter.flush()
            }
            // A short read means the socket's queue was empty; epoll will report new arrivals.
            if datagrams < batch.capacity { return }
        }
    }

    /// Runs the queued commands in order; false once a stop message was among them (commands
    /// queued after it are dropped at shutdown).
    private mutating func runCommands() -> Bool {
        commands.wakeup.drain()
        guard commands.drain(into: &commandBuffer) else { return true }
        var keepRunning = true
        for message in commandBuffer {
            switch message {
            case .command(let command) where keepRunning:
                handler.handleCommand(command, context: &context)
            case .command:
                break
            case .stop:
                keepRunning = false
            }
        }
        commandBuffer.removeAll(keepingCapacity: true)
        context.transmitter.flush()
        return keepRunning
    }

    /// Reads the wake-up eventfd *before* the handler looks at what woke it, so a signal that
    /// arrives meanwhile stays pending for the next turn instead of being read unseen.
    private mutating func handleWake() {
        wakeup?.drain()
        handler.handleWake(context: &context)
        context.transmitter.flush()
    }

    private mutating func fireTimers() {
        while let token = context.timers.popExpired(now: context.now) {
            handler.handleTimer(token, context: &context)
        }
    }

    private mutating func shutDown() {
        handler.handleStop(context: &context)
        context.transmitter.flush()
        for socket in sockets {
            try? epoll.unregister(socket.fileDescriptor)
            socket.close()
        }
        if let wakeup { try? epoll.unregister(wakeup.fileDescriptor) }
        _ = commands.close()
    }
}
