import RTCWire

/// Sends packets that live in the worker's buffer slots: `send` queues a slot's bytes for one
/// destination and keeps the slot until the next flush, which stages them on the sockets grouped
/// by (socket, destination), in the order each destination was first used and in `send` order
/// within a destination, and sends them (one `sendmmsg` per socket, with `UDP_SEGMENT` runs where
/// possible), then releases the slots. Grouping is what lets a fan-out, which sends packet 1 to
/// subscribers A, B, C, then packet 2 to A, B, C, reach the kernel as one segmented message per
/// subscriber. The event loop flushes after every handled batch, after timers and after commands;
/// a full queue flushes early.
///
/// Invariants: every pending slot is released by the next flush; `pendingCount <=
/// pendingCapacity`; the order of datagrams to one destination is the order of `send`; no
/// allocation after `init`.
public struct Transmitter: ~Copyable {
    /// The pool the sent slots belong to (the worker's own).
    public let pool: BufferPool
    private let sockets: [UDPSocket]
    private let pendingCapacity: Int
    private let entries: UnsafeMutablePointer<Entry>
    /// Destinations in order of first use since the last flush.
    private let groups: UnsafeMutablePointer<Group>
    private var groupCount = 0
    /// Open-addressing index of `groups` by (socket, destination): group number + 1, 0 = empty.
    private let buckets: UnsafeMutablePointer<Int32>
    private let bucketMask: Int
    /// Slots queued and not yet flushed.
    public private(set) var pendingCount = 0
    /// Everything flushed so far, summed.
    public private(set) var totals = SendReport()

    private struct Entry {
        var slot: BufferSlot
        var length: Int
        /// The next entry of the same group, or -1.
        var next: Int32
    }

    private struct Group {
        var destination: STUNTransportAddress
        var socketIndex: Int
        var first: Int32
        var last: Int32
        var bucket: Int
    }

    init(pool: BufferPool, sockets: [UDPSocket]) {
        self.pool = pool
        self.sockets = sockets
        pendingCapacity = max(1, sockets.reduce(0) { $0 + $1.sendBatchCapacity })
        entries = .allocate(capacity: pendingCapacity)
        groups = .allocate(capacity: pendingCapacity)
        let bucketCount = 1 << (Int.bitWidth - (2 * pendingCapacity - 1).leadingZeroBitCount)
        bucketMask = bucketCount - 1
        buckets = .allocate(capacity: bucketCount)
        buckets.initialize(repeating: 0, count: bucketCount)
    }

    deinit {
        for index in 0..<pendingCount { pool.release(entries[index].slot) }
        entries.deallocate()
        groups.deallocate()
        buckets.deallocate()
    }

    /// Sends the first `length` bytes of `slot` to `destination` from socket `socketIndex`,
    /// taking over the caller's reference to the slot.
    public mutating func send(_ slot: BufferSlot, length: Int, to destination: STUNTransportAddress, via socketIndex: Int = 0) {
        precondition(socketIndex >= 0 && socketIndex < sockets.count, "no such socket")
        precondition(length >= 0 && length <= pool.slotSize, "datagram longer than its slot")
        if pendingCount == pendingCapacity { flush() }
        let index = Int32(pendingCount)
        entries[pendingCount] = Entry(slot: slot, length: length, next: -1)
        pendingCount += 1
        var bucket = Self.hash(destination, socketIndex) & bucketMask
        while buckets[bucket] != 0 {
            let group = Int(buckets[bucket]) - 1
            if groups[group].destination == destination, groups[group].socketIndex == socketIndex {
                entries[Int(groups[group].last)].next = index
                groups[group].last = index
                return
            }
            bucket = (bucket + 1) & bucketMask
        }
        groups[groupCount] = Group(destination: destination, socketIndex: socketIndex, first: index, last: index, bucket: bucket)
        groupCount += 1
        buckets[bucket] = Int32(groupCount)
    }

    /// Sends everything queued and releases the slots.
    public mutating func flush() {
        guard pendingCount > 0 else { return }
        for group in 0..<groupCount {
            let socket = sockets[groups[group].socketIndex]
            var entry = groups[group].first
            while entry >= 0 {
                let queued = entries[Int(entry)]
                let bytes = UnsafeRawBufferPointer(rebasing: pool.bytes(of: queued.slot)[..<queued.length])
                if !socket.stage(bytes, to: groups[group].destination) {
                    totals.add(socket.flush())
                    _ = socket.stage(bytes, to: groups[group].destination)
                }
                entry = queued.next
            }
            buckets[groups[group].bucket] = 0
        }
        for socket in sockets where socket.stagedCount > 0 {
            totals.add(socket.flush())
        }
        for index in 0..<pendingCount { pool.release(entries[index].slot) }
        pendingCount = 0
        groupCount = 0
    }

    /// A cheap hash of a destination and socket (no `Hasher`: this runs per packet).
    @inline(__always)
    private static func hash(_ destination: STUNTransportAddress, _ socketIndex: Int) -> Int {
        let mixed: UInt64
        switch destination {
        case .ipv4(let address, let port):
            mixed = UInt64(address) << 16 | UInt64(port)
        case .ipv6(let high, let low, let port):
            mixed = high ^ (low &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(port)
        }
        let spread = (mixed ^ (UInt64(truncatingIfNeeded: socketIndex) &* 0xFF51_AFD7_ED55_8CCD)) &* 0xC4CE_B9FE_1A85_EC53
        return Int(truncatingIfNeeded: spread >> 32)
    }
}
