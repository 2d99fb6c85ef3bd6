import Glibc
import Testing
@testable import Worker

/// The mesh's rules on one thread (every role played in turn): ring per ordered pair, order per
/// sender, refusal when full, coalesced wake-ups, the per-ring drain quota, slot ownership.
@Suite("Worker mesh")
struct WorkerMeshTests {
    private func makeMesh(workers: Int = 3, slots: Int = 16, ringCapacity: Int = 8, drainQuota: Int? = nil) throws -> WorkerMesh {
        let pools = (0..<workers).map { _ in BufferPool(slotSize: 256, slotCount: slots, holderCount: workers) }
        return try WorkerMesh(pools: pools, ringCapacity: ringCapacity, drainQuota: drainQuota)
    }

    /// Drains `worker`'s rings and returns what arrived as (sender, tag) pairs.
    private func drained(_ mesh: WorkerMesh, into worker: Int) -> [(from: Int, tag: UInt64)] {
        var arrived: [(from: Int, tag: UInt64)] = []
        mesh.drain(into: worker) { message, from in arrived.append((from, message.tag)) }
        return arrived
    }

    @Test func messageIsAPlainValueOfAtMost32Bytes() {
        #expect(MemoryLayout<MeshMessage>.size <= 32)
        #expect(MemoryLayout<MeshMessage>.stride <= 32)
        let message = MeshMessage(kind: 7, tag: 42, extra: 9)
        #expect(message.slot == nil && message.length == 0)
        #expect(message == MeshMessage(kind: 7, slot: nil, length: 0, tag: 42, extra: 9))
    }

    @Test func eachOrderedPairHasItsOwnRingAndKeepsOrder() throws {
        let mesh = try makeMesh(ringCapacity: 8)
        #expect(mesh.workerCount == 3 && mesh.ringCapacity == 8 && mesh.drainQuota == 8)
        for value in 0..<5 {
            #expect(mesh.send(MeshMessage(kind: 1, tag: UInt64(10 + value)), from: 1, to: 0))
            #expect(mesh.send(MeshMessage(kind: 1, tag: UInt64(20 + value)), from: 2, to: 0))
            #expect(mesh.send(MeshMessage(kind: 1, tag: UInt64(30 + value)), from: 0, to: 2))
        }
        #expect(mesh.send(MeshMessage(kind: 1, tag: 40), from: 2, to: 1))
        let atZero = drained(mesh, into: 0)
        #expect(atZero.filter { $0.from == 1 }.map(\.tag) == [10, 11, 12, 13, 14])
        #expect(atZero.filter { $0.from == 2 }.map(\.tag) == [20, 21, 22, 23, 24])
        #expect(atZero.count == 10)
        let atOne = drained(mesh, into: 1)
        #expect(atOne.map(\.from) == [2] && atOne.map(\.tag) == [40])
        let atTwo = drained(mesh, into: 2)
        #expect(atTwo.map(\.from) == Array(repeating: 0, count: 5) && atTwo.map(\.tag) == [30, 31, 32, 33, 34])
        #expect(drained(mesh, into: 0).isEmpty && drained(mesh, into: 1).isEmpty && drained(mesh, into: 2).isEmpty)
    }

    /// The sender retains per message; a full ring refuses the fifth, whose reference the sender
    /// releases; the receiver reads the bytes and releases the four it got into the sender's
    /// pool, which has every slot back after draining its return rings.
    @Test func fullRingRefusesAndNoReferenceLeaks() throws {
        let mesh = try makeMesh(slots: 4, ringCapacity: 4)
        let pool = mesh.pool(of: 0)
        let slot = try #require(pool.acquire())
        let text: [UInt8] = Array("mesh packet".utf8)
        pool.bytes(of: slot).copyBytes(from: text)
        var refused = 0
        for sequence in 0..<5 {
            pool.retain(slot)
            let message = MeshMessage(kind: 1, slot: slot, length: UInt32(text.count), tag: UInt64(sequence))
            if !mesh.send(message, from: 0, to: 2) {
                refused += 1
                pool.release(slot)
            }
        }
        #expect(refused == 1)
        #expect(pool.referenceCount(of: slot) == 5)
        pool.release(slot)
        #expect(pool.availableCount == 3)

        var received: [[UInt8]] = []
        let count = mesh.drain(into: 2) { message, from in
            received.append(Array(mesh.bytes(of: message, from: from)))
            mesh.release(message, from: from, at: 2)
        }
        #expect(count == 4)
        #expect(received == Array(repeating: text, count: 4))
        #expect(pool.referenceCount(of: slot) == 0)
        #expect(pool.drainReturns() == 1)
        #expect(pool.availableCount == 4)
        #expect(mesh.pool(of: 2).availableCount == 4)
    }

    @Test func wakeUpsCoalesceUntilTheReceiverDrains() throws {
        let mesh = try makeMesh()
        let doorbell = mesh.wakeup(of: 1)
        #expect(!waitReadable(doorbell.fileDescriptor, milliseconds: 0))
        for sender in [0, 2, 0, 2, 0] {
            #expect(mesh.send(MeshMessage(kind: 1), from: sender, to: 1))
            mesh.wake(1)
        }
        #expect(doorbell.drain() == 1)
        // Read but not drained yet: the flag is still up, so a new batch adds no signal.
        #expect(mesh.send(MeshMessage(kind: 1), from: 2, to: 1))
        mesh.wake(1)
        #expect(doorbell.drain() == 0)
        #expect(drained(mesh, into: 1).count == 6)
        // Drained: the next wake signals again, once.
        mesh.wake(1)
        mesh.wake(1)
        #expect(doorbell.drain() == 1)
        #expect(!waitReadable(mesh.wakeup(of: 0).fileDescriptor, milliseconds: 0))
        #expect(!waitReadable(mesh.wakeup(of: 2).fileDescriptor, milliseconds: 0))
    }

    /// With a quota of 3, a drain takes 3 from the busy sender and everything from the quiet
    /// one, then re-signals itself for the rest; the last drain leaves nothing behind and
    /// does not signal.
    @Test func drainTakesAQuotaPerRingAndComesBackForTheRest() throws {
        let mesh = try makeMesh(ringCapacity: 8, drainQuota: 3)
        let doorbell = mesh.wakeup(of: 0)
        for value in 0..<7 { #expect(mesh.send(MeshMessage(kind: 1, tag: UInt64(value)), from: 1, to: 0)) }
        for value in 0..<2 { #expect(mesh.send(MeshMessage(kind: 1, tag: UInt64(100 + value)), from: 2, to: 0)) }
        mesh.wake(0)
        #expect(doorbell.drain() == 1)
        let first = drained(mesh, into: 0)
        #expect(first.map(\.tag) == [0, 1, 2, 100, 101])
        #expect(doorbell.drain() == 1)
        #expect(drained(mesh, into: 0).map(\.tag) == [3, 4, 5])
        #expect(doorbell.drain() == 1)
        #expect(drained(mesh, into: 0).map(\.tag) == [6])
        #expect(doorbell.drain() == 0)
    }

    @Test func bytesFollowTheMessageLengthAndSlotlessMessagesOwnNothing() throws {
        let mesh = try makeMesh(slots: 2)
        let pool = mesh.pool(of: 1)
        let slot = try #require(pool.acquire())
        pool.bytes(of: slot).copyBytes(from: [1, 2, 3, 4, 5])
        let short = MeshMessage(kind: 1, slot: slot, length: 3)
        #expect(Array(mesh.bytes(of: short, from: 1)) == [1, 2, 3])
        let overlong = MeshMessage(kind: 1, slot: slot, length: 10_000)
        #expect(mesh.bytes(of: overlong, from: 1).count == pool.slotSize)
        let control = MeshMessage(kind: 2, tag: 5)
        #expect(mesh.bytes(of: control, from: 1).isEmpty)
        mesh.release(control, from: 1, at: 0)
        #expect(pool.referenceCount(of: slot) == 1)
        mesh.release(short, from: 1, at: 0)
        #expect(pool.drainReturns() == 1)
        #expect(pool.availableCount == 2)
    }

    @Test func aSingleWorkerHasNoRings() throws {
        let mesh = try makeMesh(workers: 1)
        #expect(mesh.ringCapacity == 0 && mesh.drainQuota == 1)
        #expect(mesh.drain(into: 0) { _, _ in } == 0)
    }
}
