import Glibc
import RTCWire
internal import CSwitchboardShims

/// A non-blocking IPv4 or IPv6 UDP socket bound to one address, with batched receive
/// (`recvmmsg` into `BufferPool` slots) and batched send (`sendmmsg`, coalescing equal-size runs
/// into `UDP_SEGMENT` messages when the kernel supports it). IPv6 sockets are `IPV6_V6ONLY`: a
/// worker that serves both families opens one socket each.
///
/// Threads: one thread at a time uses a socket (the worker that owns it after start-up); it is
/// `Sendable` only so it can be handed to that thread.
///
/// Invariants: `fileDescriptor` is open from `init` until `close()` (then -1); the message
/// header arrays are allocated once in `init`, so receiving and sending never allocate;
/// `counters` change only on the using thread.
public final class UDPSocket: @unchecked Sendable {
    /// The descriptor, or -1 once closed.
    public private(set) var fileDescriptor: Int32
    /// The bound address, with the port the kernel chose when 0 was asked for.
    public let localAddress: STUNTransportAddress
    /// The kernel's receive buffer size as `getsockopt(SO_RCVBUF)` reports it (Linux doubles the
    /// requested value for its bookkeeping, and caps requests at `net.core.rmem_max` unless the
    /// process may force more).
    public let receiveBufferBytes: Int
    /// The kernel's send buffer size (`SO_SNDBUF`, same rules).
    public let sendBufferBytes: Int
    /// Whether the kernel accepted the `UDP_SEGMENT` probe at start.
    public let segmentationOffloadSupported: Bool
    /// What the socket did so far.
    public private(set) var counters = UDPSocketCounters()

    private let receiveHeaders: ReceiveMessageHeaders
    private let sendQueue: DatagramSendQueue

    /// Opens and binds the socket. Port 0 picks an ephemeral port (see `localAddress`).
    public init(
        bindingTo address: STUNTransportAddress, configuration: UDPSocketConfiguration = .init()
    ) throws(SyscallError) {
        precondition((1...1024).contains(configuration.receiveBatchSize), "receive batch size out of range")
        precondition((1...1024).contains(configuration.sendBatchSize), "send batch size out of range")
        precondition(configuration.receiveBufferBytes > 0 && configuration.sendBufferBytes > 0, "buffer sizes must be positive")
        let descriptor = Int32(try Syscall.require("socket") {
            socket(address.socketFamily, Int32(bitPattern: SOCK_DGRAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), Int32(IPPROTO_UDP))
        })
        do throws(SyscallError) {
            if case .ipv6 = address {
                try Self.setOption(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1, name: "setsockopt(IPV6_V6ONLY)")
            }
            receiveBufferBytes = try Self.setBufferSize(
                descriptor, option: SO_RCVBUF, forcedOption: SO_RCVBUFFORCE, bytes: configuration.receiveBufferBytes,
                name: "setsockopt(SO_RCVBUF)")
            sendBufferBytes = try Self.setBufferSize(
                descriptor, option: SO_SNDBUF, forcedOption: SO_SNDBUFFORCE, bytes: configuration.sendBufferBytes,
                name: "setsockopt(SO_SNDBUF)")
            var storage = sockaddr_storage()
            let length = address.write(to: &storage)
            _ = try withUnsafePointer(to: &storage) { pointer throws(SyscallError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(SyscallError) in
                    try Syscall.require("bind") { bind(descriptor, socketAddress, length) }
                }
            }
            localAddress = try Self.boundAddress(descriptor)
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        fileDescriptor = descriptor
        segmentationOffloadSupported = Self.probeSegmentationOffload(descriptor)
        receiveHeaders = ReceiveMessageHeaders(capacity: configuration.receiveBatchSize)
        sendQueue = DatagramSendQueue(
            capacity: configuration.sendBatchSize,
            segmentation: configuration.segmentationOffload && segmentationOffloadSupported)
    }

    deinit { close() }

    /// Closes the descriptor (idempotent). Later receives and sends fail with `EBADF`.
    public func close() {
        guard fileDescriptor >= 0 else { return }
        Glibc.close(fileDescriptor)
        fileDescriptor = -1
    }

    /// Whether sends currently coalesce runs into `UDP_SEGMENT` messages (supported, enabled by
    /// configuration, and not turned off by a device that refused it).
    public var segmentationOffloadEnabled: Bool { sendQueue.segmentationEnabled }

    // MARK: Receiving

    /// Reads up to a batch of datagrams into `batch` (whose entries are re-armed with pool slots
    /// as needed). Never blocks, throws or allocates.
    public func receiveBatch(into batch: inout ReceivedBatch) -> ReceiveOutcome {
        receiveHeaders.receive(on: fileDescriptor, into: &batch, counters: &counters)
    }

    // MARK: Sending

    /// Datagrams that can be staged before a flush is needed.
    public var sendBatchCapacity: Int { sendQueue.capacity }

    /// Datagrams staged and not yet flushed.
    public var stagedCount: Int { sendQueue.datagramCount }

    /// Stages one datagram for the next `flush`; false when the stage is full (flush, then
    /// stage again). `bytes` must stay valid until that flush.
    @inline(__always)
    public func stage(_ bytes: UnsafeRawBufferPointer, to destination: STUNTransportAddress) -> Bool {
        sendQueue.stage(bytes, to: destination)
    }

    /// Sends everything staged, with one `sendmmsg` when all goes well.
    public func flush() -> SendReport {
        let report = sendQueue.flush(on: fileDescriptor)
        counters.sendCalls &+= report.systemCalls
        counters.datagramsSent &+= report.sent
        counters.bytesSent &+= report.bytesSent
        counters.sendDrops &+= report.dropped
        counters.segmentedMessages &+= report.segmentedMessages
        return report
    }

    /// Sends `datagrams` (flushing whatever was staged before them too), in as few system calls
    /// as the stage size and the kernel allow. Runs of equal-size datagrams to one destination go
    /// out as `UDP_SEGMENT` messages when segmentation offload is enabled.
    public func sendBatch(_ datagrams: UnsafeBufferPointer<OutgoingDatagram>) -> SendReport {
        var report = SendReport()
        for datagram in datagrams where !stage(datagram.bytes, to: datagram.destination) {
            report.add(flush())
            _ = stage(datagram.bytes, to: datagram.destination)
        }
        report.add(flush())
        return report
    }

    // MARK: Set-up helpers

    private static func setOption(
        _ descriptor: Int32, _ level: Int32, _ option: Int32, _ value: Int32, name: StaticString
    ) throws(SyscallError) {
        var value = value
        try Syscall.require(name) {
            setsockopt(descriptor, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    private static func readOption(_ descriptor: Int32, _ level: Int32, _ option: Int32) -> Int32? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, level, option, &value, &length) == 0 ? value : nil
    }

    /// Asks for `bytes`; if the kernel capped it, tries the forcing option (which needs
    /// `CAP_NET_ADMIN` and is skipped quietly without it). Returns the size in effect.
    private static func setBufferSize(
        _ descriptor: Int32, option: Int32, forcedOption: Int32, bytes: Int, name: StaticString
    ) throws(SyscallError) -> Int {
        let requested = Int32(clamping: bytes)
        try setOption(descriptor, SOL_SOCKET, option, requested, name: name)
        // Linux reports twice the usable size it granted.
        if let granted = readOption(descriptor, SOL_SOCKET, option), Int(granted) < 2 * Int(requested) {
            try? setOption(descriptor, SOL_SOCKET, forcedOption, requested, name: name)
        }
        guard let size = readOption(descriptor, SOL_SOCKET, option) else {
            throw SyscallError(call: "getsockopt", errno: Glibc.errno)
        }
        return Int(size)
    }

    private static func boundAddress(_ descriptor: Int32) throws(SyscallError) -> STUNTransportAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SyscallError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(SyscallError) in
                try Syscall.require("getsockname") { getsockname(descriptor, socketAddress, &length) }
            }
        }
        guard let address = STUNTransportAddress(socketAddress: &storage, length: Int(length)) else {
            throw SyscallError(call: "getsockname", errno: EAFNOSUPPORT)
        }
        return address
    }

    /// UDP GSO is there when the kernel knows the `UDP_SEGMENT` socket option (Linux 4.18+).
    private static func probeSegmentationOffload(_ descriptor: Int32) -> Bool {
        readOption(descriptor, Int32(SOL_UDP), Int32(UDP_SEGMENT)) != nil
    }
}
