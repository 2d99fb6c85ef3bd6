/// How much of a worker's `BufferPool` is taken, as its owner saw it at one moment.
///
/// Invariant: `0 <= inUse <= capacity`; `inUse` counts every slot not on the free stack (held
/// by the owner, by other threads, or on its way home in a return ring).
public struct BufferPoolUsage: Sendable, Hashable {
    /// Slots in the pool.
    public let capacity: Int
    /// Slots not free.
    public let inUse: Int
    /// `acquire` calls that found no free slot, since start.
    public let exhausted: Int

    public init(capacity: Int, inUse: Int, exhausted: Int) {
        self.capacity = capacity
        self.inUse = inUse
        self.exhausted = exhausted
    }
}

extension BufferPool {
    /// Owner only. The pool's use now.
    public var usage: BufferPoolUsage {
        BufferPoolUsage(capacity: slotCount, inUse: slotCount - availableCount, exhausted: exhaustedCount)
    }
}
