import Glibc
import RTCWire
import Testing
@testable import Worker

@Suite("UDP sockets")
struct UDPSocketTests {
    /// Sends `count` datagrams of varying length from a fresh socket to another and checks that
    /// every one arrives intact, in order, from the sender's address, in a few `recvmmsg` calls.
    private func roundTrip(_ loopback: STUNTransportAddress, count: Int, offload: Bool) throws {
        let configuration = UDPSocketConfiguration(receiveBatchSize: 32, segmentationOffload: offload)
        let receiver = try UDPSocket(bindingTo: loopback, configuration: configuration)
        let sender = try UDPSocket(bindingTo: loopback, configuration: configuration)
        #expect(receiver.localAddress.port != 0)
        #expect(receiver.localAddress == loopback.withPort(receiver.localAddress.port))
        let payloads = (0..<count).map { payload(index: $0, length: 20 + ($0 * 37) % 1200) }
        let report = sendAll(payloads, from: sender, to: receiver.localAddress)
        #expect(report.sent == count)
        #expect(report.dropped == 0)
        #expect(report.systemCalls == 1)

        let pool = BufferPool(slotSize: 2048, slotCount: 64)
        var batch = ReceivedBatch(pool: pool, capacity: 32)
        var received: [[UInt8]] = []
        let calls = receive(count, on: receiver, batch: &batch) { bytes, source in
            received.append(bytes)
            #expect(source == sender.localAddress)
        }
        #expect(received == payloads)
        #expect(calls <= 4)
        #expect(receiver.counters.datagramsReceived == count)
        #expect(receiver.counters.bytesReceived == payloads.reduce(0) { $0 + $1.count })
        #expect(sender.counters.datagramsSent == count)
        #expect(report.bytesSent == payloads.reduce(0) { $0 + $1.count })
        #expect(sender.counters.bytesSent == payloads.reduce(0) { $0 + $1.count })
    }

    @Test func ipv4BatchRoundTrip() throws {
        try roundTrip(loopbackIPv4, count: 64, offload: true)
    }

    @Test func ipv6BatchRoundTrip() throws {
        try roundTrip(loopbackIPv6, count: 64, offload: true)
    }

    @Test func ipv4BatchRoundTripWithoutOffload() throws {
        try roundTrip(loopbackIPv4, count: 64, offload: false)
    }

    @Test func reportsBufferSizesAndOptions() throws {
        let socket = try UDPSocket(bindingTo: loopbackIPv6, configuration: .init(receiveBufferBytes: 1 << 20, sendBufferBytes: 1 << 19))
        // Linux reports twice what it grants; the grant may be capped below the request.
        #expect(socket.receiveBufferBytes > 0)
        #expect(socket.sendBufferBytes > 0)
        #expect(socket.receiveBufferBytes <= 2 << 20)
        var only: Int32 = 0
        var length = socklen_t(4)
        #expect(getsockopt(socket.fileDescriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &only, &length) == 0)
        #expect(only == 1)
        let flags = fcntl(socket.fileDescriptor, F_GETFL)
        #expect(flags & O_NONBLOCK != 0)
    }

    @Test func bindingABusyPortFailsNamingBind() throws {
        let first = try UDPSocket(bindingTo: loopbackIPv4)
        #expect(throws: SyscallError(call: "bind", errno: EADDRINUSE)) {
            _ = try UDPSocket(bindingTo: first.localAddress)
        }
    }

    @Test func emptySocketWouldBlockAndClosedSocketFails() throws {
        let socket = try UDPSocket(bindingTo: loopbackIPv4)
        var batch = ReceivedBatch(pool: BufferPool(slotCount: 8), capacity: 4)
        #expect(socket.receiveBatch(into: &batch) == .wouldBlock)
        socket.close()
        socket.close()
        #expect(socket.fileDescriptor == -1)
        #expect(socket.receiveBatch(into: &batch) == .failed(errno: EBADF))
    }

    @Test func segmentationOffloadSplitsIntoSeparateDatagrams() throws {
        let receiver = try UDPSocket(bindingTo: loopbackIPv4)
        let sender = try UDPSocket(bindingTo: loopbackIPv4)
        // 40 full segments and a shorter last one: one UDP_SEGMENT message when supported.
        let payloads = (0..<41).map { payload(index: $0, length: $0 == 40 ? 700 : 1200) }
        let report = sendAll(payloads, from: sender, to: receiver.localAddress)
        #expect(report.sent == 41)
        #expect(report.bytesSent == 40 * 1200 + 700)
        #expect(sender.counters.bytesSent == 40 * 1200 + 700)
        #expect(report.systemCalls == 1)
        if sender.segmentationOffloadSupported {
            #expect(report.segmentedMessages == 1)
        } else {
            #expect(report.segmentedMessages == 0)
        }
        var batch = ReceivedBatch(pool: BufferPool(slotCount: 64), capacity: 32)
        var received: [[UInt8]] = []
        receive(41, on: receiver, batch: &batch) { bytes, _ in received.append(bytes) }
        #expect(received == payloads)
    }

    @Test func segmentationGroupsOnlyEqualSizesToOneDestination() throws {
        let first = try UDPSocket(bindingTo: loopbackIPv4)
        let second = try UDPSocket(bindingTo: loopbackIPv4)
        let sender = try UDPSocket(bindingTo: loopbackIPv4)
        try #require(sender.segmentationOffloadEnabled, "the kernel has no UDP GSO")
        let a = first.localAddress, b = second.localAddress
        // Messages: [a a a] [b b] [a] [a:300 a:200] [a:500] [a:0]. The 300 cannot join a
        // 100-byte run (segments must not grow), the 200 joins as a short last segment, the 500
        // is larger than the run's size, and an empty datagram never joins a run.
        let plan: [(Int, STUNTransportAddress)] = [
            (100, a), (100, a), (100, a), (100, b), (100, b), (100, a), (300, a), (200, a), (500, a), (0, a),
        ]
        let datagrams = plan.enumerated().map { (payload: payload(index: $0.offset, length: $0.element.0), destination: $0.element.1) }
        let report = sendAll(datagrams, from: sender)
        #expect(report.sent == plan.count)
        #expect(report.segmentedMessages == 3)
        var batch = ReceivedBatch(pool: BufferPool(slotCount: 64), capacity: 32)
        var atFirst: [[UInt8]] = [], atSecond: [[UInt8]] = []
        receive(8, on: first, batch: &batch) { bytes, _ in atFirst.append(bytes) }
        receive(2, on: second, batch: &batch) { bytes, _ in atSecond.append(bytes) }
        #expect(atFirst == datagrams.filter { $0.destination == a }.map(\.payload))
        #expect(atSecond == datagrams.filter { $0.destination == b }.map(\.payload))
    }

    @Test func truncatedDatagramsAreDroppedAndCounted() throws {
        let receiver = try UDPSocket(bindingTo: loopbackIPv4)
        let sender = try UDPSocket(bindingTo: loopbackIPv4, configuration: .init(segmentationOffload: false))
        let payloads = [payload(index: 0, length: 100), payload(index: 1, length: 300), payload(index: 2, length: 50)]
        _ = sendAll(payloads, from: sender, to: receiver.localAddress)
        var batch = ReceivedBatch(pool: BufferPool(slotSize: 128, slotCount: 8), capacity: 8)
        #expect(waitReadable(receiver.fileDescriptor, milliseconds: 2000))
        var received: [[UInt8]] = []
        // The three may arrive over more than one call; stop once the third was read.
        while receiver.counters.datagramsReceived + receiver.counters.truncatedDrops < 3 {
            if case .received = receiver.receiveBatch(into: &batch) {
                for index in 0..<batch.count { received.append(Array(batch.bytes(at: index))) }
            } else if !waitReadable(receiver.fileDescriptor, milliseconds: 2000) {
                break
            }
        }
        #expect(received == [payloads[0], payloads[2]])
        #expect(receiver.counters.truncatedDrops == 1)
    }

    @Test func exhaustedPoolDropsAndCountsInsteadOfSpinning() throws {
        let receiver = try UDPSocket(bindingTo: loopbackIPv4)
        let sender = try UDPSocket(bindingTo: loopbackIPv4)
        let pool = BufferPool(slotCount: 2)
        var batch = ReceivedBatch(pool: pool, capacity: 4)
        let held = [pool.acquire(), pool.acquire()].compactMap { $0 }
        #expect(held.count == 2)
        _ = sendAll([payload(index: 0, length: 10), payload(index: 1, length: 10)], from: sender, to: receiver.localAddress)
        #expect(waitReadable(receiver.fileDescriptor, milliseconds: 2000))
        while receiver.counters.noBufferDrops < 2 {
            guard case .received = receiver.receiveBatch(into: &batch) else {
                #expect(waitReadable(receiver.fileDescriptor, milliseconds: 2000))
                continue
            }
            #expect(batch.count == 0)
        }
        #expect(receiver.counters.noBufferDrops == 2)
        #expect(receiver.receiveBatch(into: &batch) == .wouldBlock)
        for slot in held { pool.release(slot) }
    }

    @Test func takenSlotsAreReplacedOnTheNextReceive() throws {
        let receiver = try UDPSocket(bindingTo: loopbackIPv4)
        let sender = try UDPSocket(bindingTo: loopbackIPv4)
        let pool = BufferPool(slotCount: 8)
        var batch = ReceivedBatch(pool: pool, capacity: 4)
        _ = sendAll([payload(index: 0, length: 10)], from: sender, to: receiver.localAddress)
        var kept: BufferSlot?
        receive(1, on: receiver, batch: &batch) { _, _ in }
        kept = batch.take(at: 0)
        #expect(kept != nil)
        #expect(batch.take(at: 0) == nil)
        #expect(batch.bytes(at: 0).count == 0)
        // The batch armed 4 slots, the caller now owns one of them.
        #expect(pool.availableCount == 4)
        if let kept {
            #expect(Array(pool.bytes(of: kept).prefix(10)) == payload(index: 0, length: 10))
            pool.release(kept)
        }
        #expect(pool.availableCount == 5)
    }
}
