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
        #expect(queue.drain(into: &buffer))
        #expect(buffer.isEmpty)
    }

    @Test func closedQueueRefusesAndHandsBackWhatWasPending() throws {
        let queue = try MPSCCommandQueue<Command>()
        #expect(queue.enqueue(Command(producer: 1, sequence: 1)))
        #expect(queue.close() == [Command(producer: 1, sequence: 1)])
        #expect(!queue.enqueue(Command(producer: 1, sequence: 2)))
    }

    /// Eight producer threads enqueue 5 000 commands each while a consumer waits on the eventfd
    /// and drains: every command arrives once, each producer's in its own order.
    @Test func manyProducersOneConsumer() throws {
        let queue = try MPSCCommandQueue<Command>()
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
                    queue.enqueue(Command(producer: producer, sequence: sequence))
                }
            }
        }
        for thread in threads { thread.join() }
        consumer.join()
        #expect(received.value == producers * perProducer)
        #expect(misordered.value == 0)
    }
}
