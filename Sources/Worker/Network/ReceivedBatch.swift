import RTCWire

/// The datagrams of one `recvmmsg`, each in a slot of the worker's `BufferPool`: entry `i` has
/// its bytes (`bytes(at:)`), length and source address. Entries keep their slots armed between
/// calls, so receiving and dropping a packet costs no pool operation; a handler that keeps a
/// packet (to queue it for sending, or hand it to another worker) `take`s its slot and the batch
/// arms a fresh one on the next receive.
///
/// Invariants: `count <= capacity`; for `i < count` the entry holds a slot unless it was taken,
/// and `length(at: i) <= pool.slotSize`; the batch owns one reference to each armed slot and
/// releases them when it goes away, so it must live and die on the pool's owning thread.
public struct ReceivedBatch: ~Copyable {
    /// The pool slots come from.
    public let pool: BufferPool
    /// Entries one receive can fill at most.
    public let capacity: Int
    /// Entries filled by the last receive.
    public internal(set) var count = 0
    /// The index of the socket (in its worker's socket list) these datagrams arrived on.
    public internal(set) var socketIndex = 0

    private static var noSlot: UInt32 { .max }
    private let slots: UnsafeMutablePointer<UInt32>
    private let lengths: UnsafeMutablePointer<Int>
    private let sources: UnsafeMutablePointer<STUNTransportAddress>

    public init(pool: BufferPool, capacity: Int = 32) {
        precondition(capacity > 0, "a batch needs room for one datagram")
        self.pool = pool
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Self.noSlot, count: capacity)
        lengths = .allocate(capacity: capacity)
        lengths.initialize(repeating: 0, count: capacity)
        sources = .allocate(capacity: capacity)
        sources.initialize(repeating: .ipv4(address: 0, port: 0), count: capacity)
    }

    deinit {
        for index in 0..<capacity where slots[index] != Self.noSlot {
            pool.release(BufferSlot(index: slots[index]))
        }
        slots.deallocate()
        lengths.deallocate()
        sources.deallocate()
    }

    /// The received bytes of entry `index` (empty once its slot was taken).
    @inline(__always)
    public func bytes(at index: Int) -> UnsafeMutableRawBufferPointer {
        precondition(index >= 0 && index < count, "batch index out of range")
        let slot = slots[index]
        guard slot != Self.noSlot else { return UnsafeMutableRawBufferPointer(start: nil, count: 0) }
        return UnsafeMutableRawBufferPointer(rebasing: pool.bytes(of: BufferSlot(index: slot))[..<lengths[index]])
    }

    /// The datagram length of entry `index`.
    @inline(__always)
    public func length(at index: Int) -> Int {
        precondition(index >= 0 && index < count, "batch index out of range")
        return lengths[index]
    }

    /// Who sent entry `index`.
    @inline(__always)
    public func source(at index: Int) -> STUNTransportAddress {
        precondition(index >= 0 && index < count, "batch index out of range")
        return sources[index]
    }

    /// Moves entry `index`'s slot (one reference) to the caller, who must later release it or
    /// hand it on (e.g. to `Transmitter.send`). Nil when it was already taken.
    @inline(__always)
    public mutating func take(at index: Int) -> BufferSlot? {
        precondition(index >= 0 && index < count, "batch index out of range")
        let slot = slots[index]
        guard slot != Self.noSlot else { return nil }
        slots[index] = Self.noSlot
        return BufferSlot(index: slot)
    }

    // MARK: Filling (used by UDPSocket)

    /// Makes sure entries `0..<wanted` hold slots, acquiring where taken; stops at the first
    /// entry the pool cannot fill. Returns how many leading entries are armed.
    mutating func arm(upTo wanted: Int) -> Int {
        let limit = min(wanted, capacity)
        for index in 0..<limit where slots[index] == Self.noSlot {
            guard let slot = pool.acquire() else { return index }
            slots[index] = slot.index
        }
        return limit
    }

    /// The bytes of armed entry `index`'s whole slot, for the kernel to fill.
    func receiveBuffer(at index: Int) -> UnsafeMutableRawBufferPointer {
        pool.bytes(of: BufferSlot(index: slots[index]))
    }

    /// Records what the kernel put in armed entry `from` as entry `to` (`to <= from`), swapping
    /// slots so that the dropped entries between them keep theirs for the next receive.
    mutating func keep(from: Int, to: Int, length: Int, source: STUNTransportAddress) {
        if from != to { swap(&slots[from], &slots[to]) }
        lengths[to] = length
        sources[to] = source
    }
}
