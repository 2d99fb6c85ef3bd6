import Glibc
import Testing
@testable import Worker

@Suite("SPSC ring")
struct SPSCRingTests {
    @Test func roundsCapacityUpToAPowerOfTwo() {
        #expect(SPSCRing<Int>(minimumCapacity: 1).capacity == 1)
        #expect(SPSCRing<Int>(minimumCapacity: 5).capacity == 8)
        #expect(SPSCRing<Int>(minimumCapacity: 8).capacity == 8)
        #expect(SPSCRing<Int>(minimumCapacity: 1000).capacity == 1024)
    }

    @Test func isFirstInFirstOutAndRefusesWhenFull() {
        let ring = SPSCRing<UInt32>(minimumCapacity: 4)
        #expect(ring.pop() == nil)
        for value in 1...4 { #expect(ring.push(UInt32(value))) }
        #expect(!ring.push(5))
        #expect(ring.approximateCount == 4)
        #expect(ring.pop() == 1)
        #expect(ring.push(5))
        #expect([ring.pop(), ring.pop(), ring.pop(), ring.pop(), ring.pop()] == [2, 3, 4, 5, nil])
        // Indices keep growing past the capacity; wrap-around keeps the order.
        for round in 0..<10 {
            for value in 0..<3 { #expect(ring.push(UInt32(round * 3 + value))) }
            for value in 0..<3 { #expect(ring.pop() == UInt32(round * 3 + value)) }
        }
    }

    /// One million items through a 1024-entry ring between two threads: the consumer sees every
    /// item exactly once and in order (the producer retries when the ring is full, so nothing
    /// is lost).
    @Test func preservesOrderAcrossThreads() throws {
        let ring = SPSCRing<Int>(minimumCapacity: 1024)
        let total = 1_000_000
        let outOfOrder = SharedCounter()
        let consumed = SharedCounter()
        let consumer = try startThread("ring-consumer") {
            var expected = 0
            while expected < total {
                guard let value = ring.pop() else {
                    sched_yield()
                    continue
                }
                if value != expected { outOfOrder.add() }
                expected += 1
            }
            consumed.set(expected)
        }
        for value in 0..<total {
            while !ring.push(value) { sched_yield() }
        }
        consumer.join()
        #expect(consumed.value == total)
        #expect(outOfOrder.value == 0)
        #expect(ring.pop() == nil)
    }
}
