import Glibc
import Testing
@testable import Worker

@Suite("Buffer pool")
struct BufferPoolTests {
    @Test func acquiresEverySlotOnceThenReportsExhaustion() {
        let pool = BufferPool(slotSize: 100, slotCount: 16)
        var slots: [BufferSlot] = []
        while let slot = pool.acquire() { slots.append(slot) }
        #expect(slots.count == 16)
        #expect(Set(slots.map(\.index)) == Set(0..<16))
        #expect(pool.acquire() == nil)
        #expect(pool.exhaustedCount == 2)
        #expect(pool.availableCount == 0)
        pool.release(slots[5])
        #expect(pool.availableCount == 1)
        #expect(pool.acquire() == slots[5])
        for slot in slots { pool.release(slot) }
        #expect(pool.availableCount == 16)
    }

    @Test func usageCountsSlotsNotFreeUntilTheyComeHome() throws {
        let pool = BufferPool(slotSize: 100, slotCount: 8, holderCount: 1)
        #expect(pool.usage == BufferPoolUsage(capacity: 8, inUse: 0, exhausted: 0))
        let slots = (0..<3).compactMap { _ in pool.acquire() }
        #expect(pool.usage == BufferPoolUsage(capacity: 8, inUse: 3, exhausted: 0))
        // A slot another thread released is in use until the owner drains its return ring.
        pool.retain(slots[0])
        pool.release(slots[0])
        pool.releaseForeign(slots[0], holder: 0)
        #expect(pool.usage.inUse == 3)
        pool.drainReturns()
        #expect(pool.usage.inUse == 2)
        pool.release(slots[1])
        pool.release(slots[2])
        var all: [BufferSlot] = []
        while let slot = pool.acquire() { all.append(slot) }
        #expect(pool.usage == BufferPoolUsage(capacity: 8, inUse: 8, exhausted: 1))
        for slot in all { pool.release(slot) }
        #expect(pool.usage.inUse == 0)
    }

    @Test func slotsAreDisjointAndSized() {
        let pool = BufferPool(slotSize: 100, slotCount: 4)
        let slots = (0..<4).compactMap { _ in pool.acquire() }
        for (order, slot) in slots.enumerated() {
            let bytes = pool.bytes(of: slot)
            #expect(bytes.count == 100)
            bytes.initializeMemory(as: UInt8.self, repeating: UInt8(order + 1))
        }
        for (order, slot) in slots.enumerated() {
            #expect(pool.bytes(of: slot).allSatisfy { $0 == UInt8(order + 1) })
            pool.release(slot)
        }
    }

    @Test func referenceCountKeepsASlotUntilTheLastRelease() throws {
        let pool = BufferPool(slotCount: 2)
        let slot = try #require(pool.acquire())
        #expect(pool.referenceCount(of: slot) == 1)
        pool.retain(slot)
        pool.retain(slot)
        #expect(pool.referenceCount(of: slot) == 3)
        pool.release(slot)
        pool.release(slot)
        #expect(pool.availableCount == 1)
        pool.release(slot)
        #expect(pool.referenceCount(of: slot) == 0)
        #expect(pool.availableCount == 2)
    }

    @Test func foreignReleaseReturnsThroughTheRing() throws {
        let pool = BufferPool(slotCount: 4, holderCount: 2)
        let slot = try #require(pool.acquire())
        pool.retain(slot)
        pool.release(slot)
        #expect(pool.availableCount == 3)
        pool.releaseForeign(slot, holder: 1)
        // Back only after the owner drains its return rings.
        #expect(pool.availableCount == 3)
        #expect(pool.drainReturns() == 1)
        #expect(pool.availableCount == 4)
        #expect(pool.drainReturns() == 0)
    }

    /// The owner hands packets to another thread (retain + SPSC ring), drops its own reference,
    /// and the other thread checks the bytes and releases as a foreign holder. With 32 slots and
    /// 200 000 packets, every slot is recycled thousands of times through the return ring.
    @Test func twoThreadsShareSlotsAndReturnThemHome() throws {
        let pool = BufferPool(slotSize: 64, slotCount: 32, holderCount: 1)
        let handoff = SPSCRing<BufferSlot>(minimumCapacity: 16)
        let total = 200_000
        let corrupt = SharedCounter()
        let consumer = try startThread("pool-consumer") {
            var seen = 0
            while seen < total {
                guard let slot = handoff.pop() else {
                    sched_yield()
                    continue
                }
                let bytes = pool.bytes(of: slot)
                let stamp = bytes.load(as: Int.self)
                if stamp != seen || bytes[8] != UInt8(truncatingIfNeeded: seen) { corrupt.add() }
                pool.releaseForeign(slot, holder: 0)
                seen += 1
            }
        }
        var sent = 0
        var exhausted = 0
        while sent < total {
            pool.drainReturns()
            guard let slot = pool.acquire() else {
                exhausted += 1
                sched_yield()
                continue
            }
            let bytes = pool.bytes(of: slot)
            bytes.storeBytes(of: sent, as: Int.self)
            bytes[8] = UInt8(truncatingIfNeeded: sent)
            pool.retain(slot)
            while !handoff.push(slot) { sched_yield() }
            pool.release(slot)
            sent += 1
        }
        consumer.join()
        #expect(corrupt.value == 0)
        while pool.availableCount < pool.slotCount { pool.drainReturns() }
        #expect(pool.availableCount == 32)
        #expect(pool.exhaustedCount == exhausted)
        for index in 0..<32 {
            #expect(pool.referenceCount(of: BufferSlot(index: UInt32(index))) == 0)
        }
    }
}
