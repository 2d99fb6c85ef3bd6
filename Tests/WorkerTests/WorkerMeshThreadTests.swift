import Glibc
import RTCWire
import Testing
@testable import Worker

/// A forwarding core in miniature. Worker 0 receives datagrams (a 4-byte little-endian sequence
/// number, then `payload(index: sequence, …)`) and hands each slot to every other worker over
/// the mesh (one retain per target; a refused message's reference is released at once). The
/// other workers check the bytes and the order, release the slot into worker 0's pool, and
/// answer each packet with a slot-less acknowledgement, which worker 0 checks for order too.
struct MeshForwardHandler: WorkerHandler {
    enum Command: Sendable {
        case report(CommandReply<MeshForwardReport>)
    }

    static let packetKind: UInt8 = 1
    static let acknowledgementKind: UInt8 = 2

    let mesh: WorkerMesh
    let index: Int
    private var report: MeshForwardReport
    /// The last tag seen from each sender (-1: none yet), for the order check.
    private var lastTag: [Int]

    init(mesh: WorkerMesh, index: Int) {
        self.mesh = mesh
        self.index = index
        report = MeshForwardReport(workerCount: mesh.workerCount)
        lastTag = Array(repeating: -1, count: mesh.workerCount)
    }

    mutating func handleDatagrams(_ batch: inout ReceivedBatch, context: inout WorkerContext) {
        let pool = context.pool
        for entry in 0..<batch.count {
            let length = batch.length(at: entry)
            guard length >= 4, let slot = batch.take(at: entry) else { continue }
            let sequence = UInt64(pool.bytes(of: slot).loadUnaligned(as: UInt32.self).littleEndian)
            report.received += 1
            for target in 0..<mesh.workerCount where target != index {
                pool.retain(slot)
                let message = MeshMessage(kind: Self.packetKind, slot: slot, length: UInt32(length), tag: sequence)
                if mesh.send(message, from: index, to: target) {
                    report.forwarded[target] += 1
                } else {
                    pool.release(slot)
                    report.dropped[target] += 1
                }
            }
            pool.release(slot)
        }
        for target in 0..<mesh.workerCount where target != index { mesh.wake(target) }
    }

    mutating func handleWake(context: inout WorkerContext) {
        report.wakes += 1
        let mesh = self.mesh
        let index = self.index
        var answered = Array(repeating: false, count: mesh.workerCount)
        mesh.drain(into: index) { message, source in
            let tag = Int(message.tag)
            if tag <= lastTag[source] { report.outOfOrder += 1 }
            lastTag[source] = tag
            switch message.kind {
            case Self.packetKind:
                report.packetsSeen[source] += 1
                let bytes = mesh.bytes(of: message, from: source)
                if bytes.count < 4 || bytes.loadUnaligned(as: UInt32.self).littleEndian != UInt32(tag)
                    || !bytes[4...].elementsEqual(payload(index: tag, length: bytes.count - 4)) {
                    report.corrupt += 1
                }
                mesh.release(message, from: source, at: index)
                let acknowledgement = MeshMessage(kind: Self.acknowledgementKind, tag: message.tag)
                if mesh.send(acknowledgement, from: index, to: source) {
                    answered[source] = true
                } else {
                    report.acknowledgementsDropped[source] += 1
                }
            case Self.acknowledgementKind:
                report.acknowledged[source] += 1
            default:
                report.corrupt += 1
            }
        }
        for (target, wake) in answered.enumerated() where wake { mesh.wake(target) }
    }

    mutating func handleTimer(_ token: UInt64, context: inout WorkerContext) {}

    mutating func handleCommand(_ command: Command, context: inout WorkerContext) {
        switch command {
        case .report(let reply):
            context.pool.drainReturns()
            var current = report
            current.availableSlots = context.pool.availableCount
            reply.succeed(current)
        }
    }
}

/// What one `MeshForwardHandler` counted; arrays are indexed by the other worker.
struct MeshForwardReport: Sendable, Equatable {
    var received = 0
    var forwarded: [Int]
    var dropped: [Int]
    var packetsSeen: [Int]
    var acknowledged: [Int]
    var acknowledgementsDropped: [Int]
    var corrupt = 0
    var outOfOrder = 0
    var wakes = 0
    var availableSlots = 0

    init(workerCount: Int) {
        forwarded = Array(repeating: 0, count: workerCount)
        dropped = forwarded
        packetsSeen = forwarded
        acknowledged = forwarded
        acknowledgementsDropped = forwarded
    }
}

@Suite("Worker mesh across worker threads")
struct WorkerMeshThreadTests {
    static let workerCount = 3
    static let slotCount = 128

    private func reports(_ workers: [WorkerThread<MeshForwardHandler>]) async throws -> [MeshForwardReport] {
        var reports: [MeshForwardReport] = []
        for worker in workers { reports.append(try await worker.request { MeshForwardHandler.Command.report($0) }) }
        return reports
    }

    /// Whether every packet worker 0 forwarded was seen and answered (or its answer counted as
    /// dropped).
    private func settled(_ reports: [MeshForwardReport], received: Int) -> Bool {
        guard reports[0].received == received else { return false }
        return (1..<Self.workerCount).allSatisfy { target in
            reports[target].packetsSeen[0] == reports[0].forwarded[target]
                && reports[0].acknowledged[target] + reports[target].acknowledgementsDropped[0] == reports[0].forwarded[target]
        }
    }

    /// 2,000 datagrams into worker 0, fanned out to workers 1 and 2 over 16-message rings (a
    /// receive batch is up to 32 datagrams, so a ring fills whenever a target is slow to wake):
    /// every packet is either delivered intact and in order or counted as dropped, every
    /// acknowledgement arrives in order or is counted as dropped, and once the workers have
    /// stopped (and worker 0's receive batch gave back the slots it keeps armed) every pool has
    /// every slot back.
    @Test(.timeLimit(.minutes(1)))
    func fanOutToOtherWorkersReturnsEverySlot() async throws {
        let pools = (0..<Self.workerCount).map { _ in
            BufferPool(slotSize: 2048, slotCount: Self.slotCount, holderCount: Self.workerCount)
        }
        let mesh = try WorkerMesh(pools: pools, ringCapacity: 16)
        var workers: [WorkerThread<MeshForwardHandler>] = []
        for index in 0..<Self.workerCount {
            let sockets = index == 0 ? [try UDPSocket(bindingTo: loopbackIPv4)] : []
            workers.append(try WorkerThread(
                configuration: WorkerConfiguration(index: index, threadName: "mesh-test-\(index)"),
                sockets: sockets, pool: mesh.pool(of: index), wakeup: mesh.wakeup(of: index)
            ) { MeshForwardHandler(mesh: mesh, index: index) })
        }
        defer { for worker in workers { worker.stop() } }
        #expect(workers.allSatisfy { $0.pool.slotCount == Self.slotCount })

        let client = try UDPSocket(bindingTo: loopbackIPv4)
        let destination = workers[0].localAddresses[0]
        let total = 2000
        let round = 50
        var sent = 0
        var latest = try await reports(workers)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while sent < total && clock.now < deadline {
            let datagrams = (sent..<(sent + round)).map { sequence in
                withUnsafeBytes(of: UInt32(sequence).littleEndian, Array.init) + payload(index: sequence, length: 16 + (sequence * 37) % 1100)
            }
            #expect(sendAll(datagrams, from: client, to: destination).sent == round)
            sent += round
            // Wait until worker 0 has them all, so the kernel's socket buffer never overflows.
            repeat {
                try await Task.sleep(for: .milliseconds(2))
                latest = try await reports(workers)
            } while latest[0].received < sent && clock.now < deadline
        }
        while !settled(latest, received: total) && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
            latest = try await reports(workers)
        }

        // Stopped and joined: the test thread may now act as every pool's owner.
        for worker in workers { worker.stop() }
        for pool in pools {
            pool.drainReturns()
            #expect(pool.availableCount == Self.slotCount)
        }

        let origin = latest[0]
        #expect(origin.received == total)
        for target in 1..<Self.workerCount {
            let receiver = latest[target]
            #expect(origin.forwarded[target] + origin.dropped[target] == total)
            #expect(origin.forwarded[target] > 0)
            #expect(receiver.packetsSeen[0] == origin.forwarded[target])
            #expect(origin.acknowledged[target] + receiver.acknowledgementsDropped[0] == origin.forwarded[target])
            #expect(receiver.corrupt == 0 && receiver.outOfOrder == 0)
            // Only worker 0 sends slots and only it has a socket: the others' pools are untouched.
            #expect(receiver.availableSlots == Self.slotCount)
            #expect(receiver.wakes >= 1)
            // Other receivers never send packets to each other.
            #expect(receiver.packetsSeen.enumerated().allSatisfy { $0.offset == 0 || $0.element == 0 })
        }
        #expect(origin.corrupt == 0 && origin.outOfOrder == 0)
        #expect(origin.packetsSeen.allSatisfy { $0 == 0 })
        for index in 0..<Self.workerCount {
            #expect(workers[index].pool === mesh.pool(of: index))
        }
    }
}
