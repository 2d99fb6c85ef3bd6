import Glibc
import Synchronization
import Testing
@testable import Worker

@Suite("Command queue")
struct CommandQueueTests {
    struct Command: Sendable, Equatable {
        let producer: Int
        let sequence: Int
    }

    @Test func wakesOnlyWhenTheQueueTurnsNonEmpty() throws {
        let queue = try MPSCCommandQueue<Command>()
        #expect(!waitReadable(queue.wakeup.fileDescriptor, milliseconds: 0))
        #expect(queue.enqueue(Command(producer: 0, sequence: 0)))
        #expect(queue.enqueue(Command(producer: 0, sequence: 1)))
        #expect(waitReadable(queue.wakeup.fileDescriptor, milliseconds: 0))
        #expect(queue.wakeup.drain() == 1)
        var buffer: [Command] = []
        #expect(queue.drain(into: &buffer))
        #expect(buffer == [Command(producer: 0, sequence: 0), Command(producer: 0, sequence: 1)])
        buffer.removeAll(keepingCapacity: true)
        #expect(!queue.drain(into: &buffer))
        #expect(buffer.isEmpty)
        #expect(!waitReadable(queue.wakeup.fileDescriptor, milliseconds: 0))
        #expect(queue.enqueue(Command(producer: 0, sequence: 2)))
        #expect(waitReadable(queue.wakeup.fileDescriptor, milliseconds: 0))
    }

    @Test func closedQueueRefusesAndHandsBackWhatWasPending() throws {
        let queue = try MPSCCommandQueue<Command>()
        #expect(queue.enqueue(Command(producer: 1, sequence: 1)))
        #expect(queue.close() == [Command(producer: 1, sequence: 1)])
        #expect(!queue.enqueue(Command(producer: 1, sequence: 2)))
        #expect(queue.offer(Command(producer: 1, sequence: 3)) == .closed)
        var buffer: [Command] = []
        #expect(!queue.drain(into: &buffer))
        #expect(queue.close().isEmpty)
    }

    /// A full ring refuses at once with `.full` (the caller's "worker busy"), and takes commands
    /// again, in order, once the worker drained; positions wrap around the ring several times.
    @Test func fullRingRefusesWithoutBlockingAndRecovers() throws {
        let queue = try MPSCCommandQueue<Command>(capacity: 4)
        var buffer: [Command] = []
        var next = 0
        for _ in 0..<5 {
            for _ in 0..<4 {
                #expect(queue.offer(Command(producer: 0, sequence: next)) == .queued)
                next += 1
            }
            #expect(queue.offer(Command(producer: 0, sequence: -1)) == .full)
            #expect(!queue.enqueue(Command(producer: 0, sequence: -1)))
            #expect(queue.drain(into: &buffer))
        }
        #expect(buffer == (0..<20).map { Command(producer: 0, sequence: $0) })
        #expect(queue.offer(Command(producer: 0, sequence: 20)) == .queued)
        #expect(queue.close() == [Command(producer: 0, sequence: 20)])
    }

    /// Commands left in the ring are released exactly once: the ones `close()` hands back when
    /// the caller drops them, the ones still queued (or refused) when the queue itself goes away.
    @Test func leftoverCommandsAreReleasedExactlyOnce() throws {
        let released = SharedCounter()
        do {
            let queue = try MPSCCommandQueue<Tracked>(capacity: 8)
            for _ in 0..<3 { #expect(queue.enqueue(Tracked(released))) }
            var buffer: [Tracked] = []
            #expect(queue.drain(into: &buffer))
            #expect(buffer.count == 3)
            buffer.removeAll()
            #expect(released.value == 3)
            for _ in 0..<5 { #expect(queue.enqueue(Tracked(released))) }
            do {
                let remaining = queue.close()
                #expect(remaining.count == 5)
                #expect(released.value == 3)
            }
            #expect(released.value == 8)
            #expect(!queue.enqueue(Tracked(released)))
            #expect(released.value == 9)
        }
        #expect(released.value == 9)
        do {
            let queue = try MPSCCommandQueue<Tracked>(capacity: 4)
            for _ in 0..<4 { #expect(queue.enqueue(Tracked(released))) }
            #expect(!queue.enqueue(Tracked(released)))
            #expect(released.value == 10)
        }
        #expect(released.value == 14)
    }

    /// A command that counts its own deinitialization.
    final class Tracked: Sendable {
        let released: SharedCounter
        init(_ released: SharedCounter) { self.released = released }
        deinit { released.add() }
    }

    /// Eight producer threads enqueue 5 000 commands each while a consumer waits on the eventfd
    /// and drains: every command arrives once, each producer's in its own order. Run with the
    /// default capacity and with a small ring, where producers keep finding it full and retry.
    @Test(arguments: [MPSCCommandQueue<Command>.defaultCapacity, 64])
    func manyProducersOneConsumer(capacity: Int) throws {
        let queue = try MPSCCommandQueue<Command>(capacity: capacity)
        let producers = 8, perProducer = 5_000
        let received = SharedCounter()
        let misordered = SharedCounter()
        let consumer = try startThread("queue-consumer") {
            var next = Array(repeating: 0, count: producers)
            var buffer: [Command] = []
            var count = 0
            while count < producers * perProducer {
                guard waitReadable(queue.wakeup.fileDescriptor, milliseconds: 5000) else { break }
                queue.wakeup.drain()
                guard queue.drain(into: &buffer) else { continue }
                for command in buffer {
                    if command.sequence != next[command.producer] { misordered.add() }
                    next[command.producer] = command.sequence + 1
                }
                count += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
            received.set(count)
        }
        let threads = try (0..<producers).map { producer in
            try startThread("producer-\(producer)") {
                for sequence in 0..<perProducer {
                    while queue.offer(Command(producer: producer, sequence: sequence)) == .full { sched_yield() }
                }
            }
        }
        for thread in threads { thread.join() }
        consumer.join()
        #expect(received.value == producers * perProducer)
        #expect(misordered.value == 0)
        #expect(queue.close().isEmpty)
    }
}
