import Glibc
import RTCWire
import Synchronization
import Testing
@testable import Worker

/// Echoes every datagram back to its source from the socket it came in on, answers counter
/// snapshots, and replies to "wake me after" requests from its timer wheel.
struct EchoHandler: WorkerHandler {
    enum Command: Sendable {
        case datagramsEchoed(CommandReply<Int>)
        case wake(afterNanoseconds: Int64, CommandReply<Int64>)
        case ignore(CommandReply<Int>)
        case nothing
    }

    private var echoed = 0
    private var waiting: [UInt64: (requested: Int64, reply: CommandReply<Int64>)] = [:]
    private var nextToken: UInt64 = 0

    mutating func handleDatagrams(_ batch: inout ReceivedBatch, context: inout WorkerContext) {
        for index in 0..<batch.count {
            guard let slot = batch.take(at: index) else { continue }
            context.transmitter.send(slot, length: batch.length(at: index), to: batch.source(at: index), via: batch.socketIndex)
            echoed += 1
        }
    }

    mutating func handleTimer(_ token: UInt64, context: inout WorkerContext) {
        guard let entry = waiting.removeValue(forKey: token) else { return }
        entry.reply.succeed(context.now - entry.requested)
    }

    mutating func handleCommand(_ command: Command, context: inout WorkerContext) {
        switch command {
        case .datagramsEchoed(let reply):
            reply.succeed(echoed)
        case .wake(let delay, let reply):
            nextToken += 1
            waiting[nextToken] = (context.now, reply)
            _ = context.timers.schedule(at: context.now + delay, token: nextToken)
        case .ignore, .nothing:
            break
        }
    }
}

@Suite("Worker thread")
struct WorkerThreadTests {
    private func echoRoundTrip(worker: WorkerThread<EchoHandler>, socketIndex: Int, client loopback: STUNTransportAddress) throws {
        let client = try UDPSocket(bindingTo: loopback)
        let payloads = (0..<64).map { payload(index: $0 + socketIndex * 100, length: 40 + $0 * 17) }
        let report = sendAll(payloads, from: client, to: worker.localAddresses[socketIndex])
        #expect(report.sent == 64)
        var batch = ReceivedBatch(pool: BufferPool(slotCount: 64), capacity: 32)
        var echoed: [[UInt8]] = []
        receive(64, on: client, batch: &batch) { bytes, source in
            echoed.append(bytes)
            #expect(source == worker.localAddresses[socketIndex])
        }
        #expect(echoed == payloads)
    }

    @Test func echoesOverIPv4AndIPv6ThenStopsPromptly() async throws {
        let sockets = [try UDPSocket(bindingTo: loopbackIPv4), try UDPSocket(bindingTo: loopbackIPv6)]
        let worker = try WorkerThread(
            configuration: WorkerConfiguration(index: 0, slotCount: 256), sockets: sockets
        ) { EchoHandler() }
        try echoRoundTrip(worker: worker, socketIndex: 0, client: loopbackIPv4)
        try echoRoundTrip(worker: worker, socketIndex: 1, client: loopbackIPv6)
        #expect(worker.send(.nothing))
        let echoed = try await worker.request { EchoHandler.Command.datagramsEchoed($0) }
        #expect(echoed == 128)

        let started = MonotonicClock.now()
        worker.stop()
        #expect(MonotonicClock.now() - started < 1_000_000_000)
        #expect(sockets.allSatisfy { $0.fileDescriptor == -1 })
        #expect(!worker.send(.nothing))
        await #expect(throws: WorkerCommandError.workerStopped) {
            _ = try await worker.request { EchoHandler.Command.datagramsEchoed($0) }
        }
        worker.stop()
    }

    @Test func timersFireOnTheWorkerThread() async throws {
        let worker = try WorkerThread(
            configuration: WorkerConfiguration(slotCount: 64), sockets: [try UDPSocket(bindingTo: loopbackIPv4)]
        ) { EchoHandler() }
        async let short = worker.request { EchoHandler.Command.wake(afterNanoseconds: 5_000_000, $0) }
        async let long = worker.request { EchoHandler.Command.wake(afterNanoseconds: 30_000_000, $0) }
        let (shortWait, longWait) = try await (short, long)
        // Measured on the worker's clock: never early, and late by far less than a second (the
        // worker is a plain thread, so a busy test pool does not delay it).
        #expect(shortWait >= 5_000_000 && shortWait < 1_000_000_000)
        #expect(longWait >= 30_000_000 && longWait < 1_000_000_000)
        worker.stop()
    }

    @Test func unansweredCommandsFailInsteadOfHanging() async throws {
        let worker = try WorkerThread(
            configuration: WorkerConfiguration(slotCount: 64), sockets: [try UDPSocket(bindingTo: loopbackIPv4)]
        ) { EchoHandler() }
        await #expect(throws: WorkerCommandError.noReply) {
            _ = try await worker.request { EchoHandler.Command.ignore($0) }
        }
        worker.stop()
    }

    @Test func pinnedToAnUnavailableCPUFailsToStart() throws {
        #expect(throws: SyscallError.self) {
            _ = try WorkerThread(
                configuration: WorkerConfiguration(cpu: 1000, slotCount: 16), sockets: []
            ) { EchoHandler() }
        }
        let pinned = try WorkerThread(configuration: WorkerConfiguration(cpu: 0, slotCount: 16), sockets: []) { EchoHandler() }
        pinned.stop()
    }
}

@Suite("Worker thread id")
struct WorkerThreadIDTests {
    @Test func recordsTheLinuxThreadIdOfItsOwnThread() async throws {
        let worker = try WorkerThread(
            configuration: WorkerConfiguration(index: 3, threadName: "tid-check-3", slotCount: 64),
            sockets: [try UDPSocket(bindingTo: loopbackIPv4)]
        ) { EchoHandler() }
        defer { worker.stop() }
        // The thread records its id before it runs the loop, so an answered command proves it.
        _ = try await worker.request { EchoHandler.Command.datagramsEchoed($0) }
        let id = try #require(worker.threadID)
        #expect(id != getpid())
        // That task of this process is the worker: it carries the worker's thread name.
        let name = ProcFile.withContents(of: "/proc/self/task/\(id)/comm") { String(decoding: $0, as: UTF8.self) }
        #expect(name == "tid-check-3\n")
        #expect(ProcessFigures.threadCPUSeconds(threadID: id) != nil)
    }
}
