/// A handle to one fixed-size slot of a `BufferPool`: a plain index, so packets cross threads and
/// rings as integers and ARC never sees them.
///
/// Invariant: `index < pool.slotCount` of the pool that issued it; a handle means "one reference
/// to the slot" only while its holder has not released it.
public struct BufferSlot: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public let index: UInt32

    init(index: UInt32) { self.index = index }

    public var description: String { "slot \(index)" }
}
