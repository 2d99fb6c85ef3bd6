import Glibc
import Testing
@testable import Worker

/// jemalloc's running total of bytes the calling thread has allocated (`thread.allocatedp`),
/// found through the process's own `mallctl`. Every `malloc`, `calloc`, `realloc` or aligned
/// allocation adds at least one byte, so an unchanged total means the thread did not allocate.
/// The counter is per thread: make the probe on the thread it measures. Nil when jemalloc does
/// not serve this process's `malloc` (the test binary links it through the Allocator module).
struct ThreadAllocationProbe {
    private let total: UnsafeMutablePointer<UInt64>

    init?() {
        guard let jemalloc = dlopen("libjemalloc.so.2", RTLD_NOW | RTLD_NOLOAD) else { return nil }
        defer { dlclose(jemalloc) }
        guard let processMalloc = dlsym(nil, "malloc"), processMalloc == dlsym(jemalloc, "malloc"),
              let mallctlSymbol = dlsym(jemalloc, "mallctl")
        else { return nil }
        typealias Mallctl = @convention(c) (
            UnsafePointer<CChar>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int
        ) -> Int32
        let mallctl = unsafeBitCast(mallctlSymbol, to: Mallctl.self)
        var pointer: UnsafeMutablePointer<UInt64>?
        var size = MemoryLayout<UnsafeMutablePointer<UInt64>?>.size
        guard mallctl("thread.allocatedp", &pointer, &size, nil, 0) == 0, let pointer else { return nil }
        total = pointer
    }

    /// Bytes allocated by this thread since it started.
    var allocatedBytes: UInt64 { total.pointee }
}

/// The mesh's packet path allocates nothing: two threads play worker 0 (the producer: acquire,
/// retain, send, wake, then wait on its eventfd and drain acknowledgements, drain returned
/// slots) and worker 1 (wait on its eventfd, drain, check the bytes, `release` into worker 0's
/// pool, acknowledge, wake), 640,000 packets in rounds of 32. Each thread counts its own
/// allocated bytes after a warm-up; worker 0's `drainReturns` is counted on its own, so that a
/// failure says which side of the round trip allocated.
@Suite("Worker mesh allocations")
struct WorkerMeshAllocationTests {
    static let rounds = 20_000
    static let batch = 32
    static let warmUpRounds = 100
    static var total: Int { rounds * batch }
    static let packetKind: UInt8 = 1
    static let acknowledgementKind: UInt8 = 2

    /// What one side saw.
    struct Outcome {
        var allocatedBytes: UInt64 = .max
        var returnsAllocatedBytes: UInt64 = 0
        var handled = 0
        var mistakes = 0
        var timedOut = false
    }

    @Test(.timeLimit(.minutes(2)))
    func sendWakeDrainReleaseRoundTripDoesNotAllocate() throws {
        let probe = try #require(ThreadAllocationProbe(), "jemalloc must serve malloc to count allocations")
        let pools = (0..<2).map { _ in BufferPool(slotSize: 2048, slotCount: 256, holderCount: 2) }
        let mesh = try WorkerMesh(pools: pools, ringCapacity: 64)
        let consumerAllocated = SharedCounter()
        let consumerHandled = SharedCounter()
        let consumerMistakes = SharedCounter()
        consumerAllocated.set(-1)
        let consumer = try startThread("mesh-alloc-1") {
            let outcome = Self.consume(mesh)
            consumerAllocated.set(outcome.allocatedBytes == .max ? -1 : Int(outcome.allocatedBytes))
            consumerHandled.set(outcome.handled)
            consumerMistakes.set(outcome.mistakes + (outcome.timedOut ? 1 : 0))
        }
        let producer = Self.produce(mesh, probe: probe)
        consumer.join()

        #expect(!producer.timedOut)
        #expect(producer.handled == Self.total)
        #expect(producer.mistakes == 0)
        #expect(consumerHandled.value == Self.total)
        #expect(consumerMistakes.value == 0)
        #expect(producer.allocatedBytes == 0, "worker 0 allocated on the mesh path")
        #expect(producer.returnsAllocatedBytes == 0, "BufferPool.drainReturns allocated")
        #expect(consumerAllocated.value == 0, "worker 1 allocated on the mesh path (-1: no probe)")
        pools[0].drainReturns()
        #expect(pools[0].availableCount == 256)
        #expect(pools[1].availableCount == 256)
    }

    /// Worker 0: sends `batch` packets a round and waits for their acknowledgements.
    private static func produce(_ mesh: WorkerMesh, probe: ThreadAllocationProbe) -> Outcome {
        var outcome = Outcome()
        let pool = mesh.pool(of: 0)
        let doorbell = mesh.wakeup(of: 0)
        var sent = 0
        var before: UInt64 = 0
        for round in 0..<rounds {
            if round == warmUpRounds { before = probe.allocatedBytes }
            let beforeReturns = probe.allocatedBytes
            pool.drainReturns()
            if round >= warmUpRounds { outcome.returnsAllocatedBytes &+= probe.allocatedBytes &- beforeReturns }
            for _ in 0..<batch {
                guard let slot = pool.acquire() else {
                    outcome.mistakes += 1
                    continue
                }
                pool.bytes(of: slot).storeBytes(of: UInt64(sent), as: UInt64.self)
                pool.retain(slot)
                let message = MeshMessage(kind: packetKind, slot: slot, length: 8, tag: UInt64(sent))
                if !mesh.send(message, from: 0, to: 1) {
                    pool.release(slot)
                    outcome.mistakes += 1
                }
                pool.release(slot)
                sent += 1
            }
            mesh.wake(1)
            while outcome.handled < sent {
                guard waitReadable(doorbell.fileDescriptor, milliseconds: 5000) else {
                    outcome.timedOut = true
                    return outcome
                }
                doorbell.drain()
                mesh.drain(into: 0) { message, _ in
                    if message.kind != acknowledgementKind || message.tag != UInt64(outcome.handled) { outcome.mistakes += 1 }
                    outcome.handled += 1
                }
            }
        }
        outcome.allocatedBytes = probe.allocatedBytes &- before &- outcome.returnsAllocatedBytes
        return outcome
    }

    /// Worker 1: drains packets, checks them, releases them home and acknowledges each.
    private static func consume(_ mesh: WorkerMesh) -> Outcome {
        var outcome = Outcome()
        guard let probe = ThreadAllocationProbe() else { return outcome }
        let doorbell = mesh.wakeup(of: 1)
        var before: UInt64 = 0
        var measuring = false
        while outcome.handled < total {
            if !measuring && outcome.handled >= warmUpRounds * batch {
                measuring = true
                before = probe.allocatedBytes
            }
            guard waitReadable(doorbell.fileDescriptor, milliseconds: 5000) else {
                outcome.timedOut = true
                return outcome
            }
            doorbell.drain()
            mesh.drain(into: 1) { message, from in
                let bytes = mesh.bytes(of: message, from: from)
                if message.kind != packetKind || message.tag != UInt64(outcome.handled) || bytes.count != 8
                    || bytes.load(as: UInt64.self) != message.tag {
                    outcome.mistakes += 1
                }
                mesh.release(message, from: from, at: 1)
                if !mesh.send(MeshMessage(kind: acknowledgementKind, tag: message.tag), from: 1, to: 0) {
                    outcome.mistakes += 1
                }
                outcome.handled += 1
            }
            mesh.wake(0)
        }
        outcome.allocatedBytes = measuring ? probe.allocatedBytes &- before : .max
        return outcome
    }
}
