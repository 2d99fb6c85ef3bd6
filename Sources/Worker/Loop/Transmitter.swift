import RTCWire

/// Sends packets that live in the worker's buffer slots: `send` stages a slot's bytes on one of
/// the worker's sockets and keeps the slot until the batch is flushed (one `sendmmsg` per
/// socket, with `UDP_SEGMENT` runs where possible), then releases it. The event loop flushes
/// after every handled batch, after timers and after commands; a full stage flushes early.
///
/// Invariants: every pending slot is staged on a socket and is released by the next flush;
/// `pendingCount <= pendingCapacity`; no allocation after `init`.
public struct Transmitter: ~Copyable {
    /// The pool the sent slots belong to (the worker's own).
    public let pool: BufferPool
    private let sockets: [UDPSocket]
    private let pendingSlots: UnsafeMutablePointer<BufferSlot>
    private let pendingCapacity: Int
    /// Slots staged and not yet flushed.
    public private(set) var pendingCount = 0
    /// Everything flushed so far, summed.
    public private(set) var totals = SendReport()

    init(pool: BufferPool, sockets: [UDPSocket]) {
        self.pool = pool
        self.sockets = sockets
        pendingCapacity = max(1, sockets.reduce(0) { $0 + $1.sendBatchCapacity })
        pendingSlots = .allocate(capacity: pendingCapacity)
    }

    deinit {
        for index in 0..<pendingCount { pool.release(pendingSlots[index]) }
        pendingSlots.deallocate()
    }

    /// Sends the first `length` bytes of `slot` to `destination` from socket `socketIndex`,
    /// taking over the caller's reference to the slot.
    public mutating func send(_ slot: BufferSlot, length: Int, to destination: STUNTransportAddress, via socketIndex: Int = 0) {
        precondition(socketIndex >= 0 && socketIndex < sockets.count, "no such socket")
        precondition(length >= 0 && length <= pool.slotSize, "datagram longer than its slot")
        if pendingCount == pendingCapacity { flush() }
        let bytes = UnsafeRawBufferPointer(rebasing: pool.bytes(of: slot)[..<length])
        if !sockets[socketIndex].stage(bytes, to: destination) {
            flush()
            _ = sockets[socketIndex].stage(bytes, to: destination)
        }
        pendingSlots[pendingCount] = slot
        pendingCount += 1
    }

    /// Sends everything staged and releases the slots.
    public mutating func flush() {
        guard pendingCount > 0 else { return }
        for socket in sockets where socket.stagedCount > 0 {
            totals.add(socket.flush())
        }
        for index in 0..<pendingCount { pool.release(pendingSlots[index]) }
        pendingCount = 0
    }
}
