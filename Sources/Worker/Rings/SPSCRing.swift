import Synchronization

/// A bounded lock-free queue between exactly one producer thread and one consumer thread, for
/// trivially copyable elements (packet handles, slot indices).
///
/// Invariants: `capacity` is a power of two; only one thread ever calls `push` and only one
/// (other) thread ever calls `pop`; `tail - head` is always in `0...capacity`. The producer's
/// index (`tail`) and the consumer's index (`head`) live on separate 128-byte blocks, each with
/// the owner's cached copy of the other side's index, so neither side writes a cache line the
/// other writes. `push` and `pop` never allocate, lock or block.
public final class SPSCRing<Element: BitwiseCopyable>: @unchecked Sendable {
    /// How many elements fit (the requested capacity rounded up to a power of two).
    public let capacity: Int
    private let mask: Int
    private let storage: UnsafeMutablePointer<Element>
    /// Two 128-byte blocks: producer (`tail`, cached head), then consumer (`head`, cached tail).
    private let indices: UnsafeMutableRawPointer

    private static var blockSize: Int { 128 }

    /// - Parameter minimumCapacity: at least 1; rounded up to the next power of two.
    public init(minimumCapacity: Int) {
        precondition(minimumCapacity >= 1 && minimumCapacity <= 1 << 40, "ring capacity out of range")
        capacity = 1 << (Int.bitWidth - (minimumCapacity - 1).leadingZeroBitCount)
        mask = capacity - 1
        storage = .allocate(capacity: capacity)
        indices = .allocate(byteCount: 2 * Self.blockSize, alignment: Self.blockSize)
        for block in [indices, indices + Self.blockSize] {
            block.bindMemory(to: Atomic<Int>.self, capacity: 1).initialize(to: Atomic(0))
            (block + MemoryLayout<Atomic<Int>>.stride).bindMemory(to: Int.self, capacity: 1).initialize(to: 0)
        }
    }

    deinit {
        storage.deallocate()
        indices.deallocate()
    }

    private var tail: UnsafeMutablePointer<Atomic<Int>> { indices.assumingMemoryBound(to: Atomic<Int>.self) }
    private var producerCachedHead: UnsafeMutablePointer<Int> {
        (indices + MemoryLayout<Atomic<Int>>.stride).assumingMemoryBound(to: Int.self)
    }
    private var head: UnsafeMutablePointer<Atomic<Int>> {
        (indices + Self.blockSize).assumingMemoryBound(to: Atomic<Int>.self)
    }
    private var consumerCachedTail: UnsafeMutablePointer<Int> {
        (indices + Self.blockSize + MemoryLayout<Atomic<Int>>.stride).assumingMemoryBound(to: Int.self)
    }

    /// Producer only. Appends `element`; false when the ring is full (the caller counts a drop).
    @inline(__always)
    public func push(_ element: Element) -> Bool {
        let position = tail.pointee.load(ordering: .relaxed)
        if position &- producerCachedHead.pointee == capacity {
            producerCachedHead.pointee = head.pointee.load(ordering: .acquiring)
            if position &- producerCachedHead.pointee == capacity { return false }
        }
        (storage + (position & mask)).initialize(to: element)
        tail.pointee.store(position &+ 1, ordering: .releasing)
        return true
    }

    /// Consumer only. Removes and returns the oldest element; nil when the ring is empty.
    @inline(__always)
    public func pop() -> Element? {
        let position = head.pointee.load(ordering: .relaxed)
        if position == consumerCachedTail.pointee {
            consumerCachedTail.pointee = tail.pointee.load(ordering: .acquiring)
            if position == consumerCachedTail.pointee { return nil }
        }
        let element = storage[position & mask]
        head.pointee.store(position &+ 1, ordering: .releasing)
        return element
    }

    /// How many elements are queued; exact only when neither side is running concurrently.
    public var approximateCount: Int {
        let consumed = head.pointee.load(ordering: .relaxed)
        return tail.pointee.load(ordering: .relaxed) &- consumed
    }
}
