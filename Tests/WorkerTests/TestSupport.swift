import Glibc
import Synchronization
import RTCWire
@testable import Worker

/// 127.0.0.1 with port 0 (the kernel picks one).
let loopbackIPv4 = STUNTransportAddress.ipv4(address: 0x7F00_0001, port: 0)
/// ::1 with port 0.
let loopbackIPv6 = STUNTransportAddress.ipv6(high: 0, low: 1, port: 0)

/// Waits until `descriptor` is readable or `milliseconds` pass; true when readable.
func waitReadable(_ descriptor: Int32, milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, milliseconds) > 0
}

/// The test payload of datagram `index`: `length` bytes derived from the index, so a datagram
/// delivered to the wrong entry or cut short is detected.
func payload(index: Int, length: Int) -> [UInt8] {
    (0..<length).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0 &* 7 &+ 1) }
}

/// Receives until `expected` datagrams arrived or `milliseconds` of silence passed, handing
/// each one to `body` (bytes, source). Returns the number of `recvmmsg` calls that returned data.
@discardableResult
func receive(
    _ expected: Int, on socket: UDPSocket, batch: inout ReceivedBatch, milliseconds: Int32 = 2000,
    _ body: ([UInt8], STUNTransportAddress) -> Void
) -> Int {
    var received = 0
    var calls = 0
    while received < expected {
        switch socket.receiveBatch(into: &batch) {
        case .received:
            calls += 1
            for index in 0..<batch.count {
                body(Array(batch.bytes(at: index)), batch.source(at: index))
            }
            received += batch.count
        case .wouldBlock:
            guard waitReadable(socket.fileDescriptor, milliseconds: milliseconds) else { return calls }
        case .failed:
            return calls
        }
    }
    return calls
}

/// Sends each payload to its destination from `socket` with one `sendBatch`.
func sendAll(_ datagrams: [(payload: [UInt8], destination: STUNTransportAddress)], from socket: UDPSocket) -> SendReport {
    let total = datagrams.reduce(0) { $0 + $1.payload.count }
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 8)
    defer { storage.deallocate() }
    var offset = 0
    var outgoing: [OutgoingDatagram] = []
    for datagram in datagrams {
        let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + datagram.payload.count)])
        slice.copyBytes(from: datagram.payload)
        outgoing.append(OutgoingDatagram(bytes: UnsafeRawBufferPointer(slice), destination: datagram.destination))
        offset += datagram.payload.count
    }
    return outgoing.withUnsafeBufferPointer { socket.sendBatch($0) }
}

/// Sends `payloads` from `socket` to `destination` with one `sendBatch`.
func sendAll(_ payloads: [[UInt8]], from socket: UDPSocket, to destination: STUNTransportAddress) -> SendReport {
    sendAll(payloads.map { (payload: $0, destination: destination) }, from: socket)
}

/// Runs `body` on a new thread and returns a way to wait for it.
func startThread(_ name: String = "test", _ body: @escaping @Sendable () -> Void) throws -> OSThread {
    try OSThread.spawn(name: name, cpu: nil, body: body)
}

/// A counter that test threads can share.
final class SharedCounter: Sendable {
    private let storage = Atomic<Int>(0)
    func add(_ amount: Int = 1) { storage.add(amount, ordering: .relaxed) }
    var value: Int { storage.load(ordering: .acquiring) }
    func set(_ value: Int) { storage.store(value, ordering: .releasing) }
}
