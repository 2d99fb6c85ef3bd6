import Synchronization

/// A worker's packet memory: one slab of `slotCount` fixed-size slots allocated at start, a free
/// list kept as a stack of slot indices, and an atomic reference count per slot so other workers
/// can hold a packet (DESIGN.md "Packet memory").
///
/// Threads: the owning worker alone calls `acquire`, `release`, `drainReturns` and reads
/// `availableCount`/`exhaustedCount`. Any thread that holds a reference may read and write the
/// slot's bytes, `retain` it (before handing it on), and give its reference back with
/// `releaseForeign(_:holder:)` where `holder` is that thread's own return-ring index: the last
/// reference released there goes back to the owner through that holder's single-producer
/// return ring, which the owner drains on its loop.
///
/// Invariants: a slot is on the free stack exactly when its count is 0 and it is not waiting in
/// a return ring; each return ring can hold every slot, so returning never fails; `acquire`,
/// `release`, `retain`, `releaseForeign` and `drainReturns` are O(1) per slot and never allocate
/// or lock.
public final class BufferPool: @unchecked Sendable {
    /// Usable bytes per slot.
    public let slotSize: Int
    /// How many slots the slab has.
    public let slotCount: Int
    /// How many return rings there are (valid `holder` values are `0..<holderCount`).
    public let holderCount: Int

    private let stride: Int
    private let slab: UnsafeMutableRawPointer
    private let references: UnsafeMutablePointer<Atomic<Int32>>
    private let freeStack: UnsafeMutablePointer<UInt32>
    /// The owner's counters, kept off the cache lines other threads read.
    private let ownerState: UnsafeMutablePointer<OwnerState>
    private let returnRings: [SPSCRing<BufferSlot>]

    private struct OwnerState {
        var freeCount: Int
        var exhaustedCount: Int
        var padding: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
    }

    /// - Parameters:
    ///   - slotSize: bytes per slot (default 2048: an MTU-sized packet plus the SRTP trailer).
    ///   - slotCount: slots in the slab (at most 2^31).
    ///   - holderCount: how many other threads may release slots (one return ring each).
    public init(slotSize: Int = 2048, slotCount: Int = 8192, holderCount: Int = 0) {
        precondition(slotSize > 0 && slotCount > 0 && slotCount <= Int(Int32.max), "pool size out of range")
        precondition(holderCount >= 0, "holder count must not be negative")
        self.slotSize = slotSize
        self.slotCount = slotCount
        self.holderCount = holderCount
        stride = (slotSize + 63) & ~63
        slab = .allocate(byteCount: stride * slotCount, alignment: 64)
        references = .allocate(capacity: slotCount)
        freeStack = .allocate(capacity: slotCount)
        for index in 0..<slotCount {
            (references + index).initialize(to: Atomic(0))
            // Lowest index on top, so a fresh pool hands out slot 0 first.
            (freeStack + index).initialize(to: UInt32(slotCount - 1 - index))
        }
        ownerState = .allocate(capacity: 1)
        ownerState.initialize(to: OwnerState(freeCount: slotCount, exhaustedCount: 0))
        returnRings = (0..<holderCount).map { _ in SPSCRing(minimumCapacity: slotCount) }
    }

    deinit {
        slab.deallocate()
        references.deinitialize(count: slotCount)
        references.deallocate()
        freeStack.deallocate()
        ownerState.deallocate()
    }

    /// Owner only. A free slot with one reference, or nil when every slot is in use (counted in
    /// `exhaustedCount`; the caller drops the packet).
    @inline(__always)
    public func acquire() -> BufferSlot? {
        let free = ownerState.pointee.freeCount
        guard free > 0 else {
            ownerState.pointee.exhaustedCount &+= 1
            return nil
        }
        ownerState.pointee.freeCount = free - 1
        let index = freeStack[free - 1]
        references[Int(index)].store(1, ordering: .relaxed)
        return BufferSlot(index: index)
    }

    /// Owner only. Gives back one reference; the slot is free again when it was the last.
    @inline(__always)
    public func release(_ slot: BufferSlot) {
        let count = references + Int(slot.index)
        // Sole holder: nobody else can add a reference, so no read-modify-write is needed.
        if count.pointee.load(ordering: .acquiring) == 1 {
            count.pointee.store(0, ordering: .relaxed)
            pushFree(slot.index)
            return
        }
        let previous = count.pointee.subtract(1, ordering: .acquiringAndReleasing).oldValue
        precondition(previous > 0, "released a buffer slot that had no reference")
        if previous == 1 { pushFree(slot.index) }
    }

    /// Any holder. Adds a reference (call before handing the slot to another thread).
    @inline(__always)
    public func retain(_ slot: BufferSlot) {
        let previous = references[Int(slot.index)].add(1, ordering: .relaxed).oldValue
        precondition(previous > 0, "retained a buffer slot that had no reference")
    }

    /// Any thread but the owner, as return-ring `holder`. Gives back one reference; the last one
    /// sends the slot home through that holder's return ring.
    @inline(__always)
    public func releaseForeign(_ slot: BufferSlot, holder: Int) {
        let previous = references[Int(slot.index)].subtract(1, ordering: .acquiringAndReleasing).oldValue
        precondition(previous > 0, "released a buffer slot that had no reference")
        if previous == 1 {
            let queued = returnRings[holder].push(slot)
            precondition(queued, "a return ring holds every slot, so it cannot be full")
        }
    }

    /// Owner only. Puts back on the free stack every slot other threads returned; returns how
    /// many. Call once per loop turn.
    @discardableResult
    public func drainReturns() -> Int {
        var returned = 0
        // An index loop: iterating the array itself allocates an iterator in debug builds.
        for holder in 0..<returnRings.count {
            let ring = returnRings[holder]
            while let slot = ring.pop() {
                pushFree(slot.index)
                returned += 1
            }
        }
        return returned
    }

    /// The slot's bytes (`slotSize` of them). Valid while the caller holds a reference.
    @inline(__always)
    public func bytes(of slot: BufferSlot) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: slab + Int(slot.index) &* stride, count: slotSize)
    }

    /// The slot's current reference count (for diagnostics and tests; racy while shared).
    public func referenceCount(of slot: BufferSlot) -> Int32 {
        references[Int(slot.index)].load(ordering: .relaxed)
    }

    /// Owner only. Slots on the free stack (not counting those waiting in return rings).
    public var availableCount: Int { ownerState.pointee.freeCount }

    /// Owner only. How many `acquire` calls found no free slot.
    public var exhaustedCount: Int { ownerState.pointee.exhaustedCount }

    @inline(__always)
    private func pushFree(_ index: UInt32) {
        let free = ownerState.pointee.freeCount
        freeStack[free] = index
        ownerState.pointee.freeCount = free + 1
    }
}
