/// Process-wide heap figures from jemalloc, as of the moment they were read.
///
/// Invariant: `allocatedBytes <= activeBytes <= residentBytes` holds in jemalloc's own
/// accounting, up to the granularity of its statistics refresh.
public struct AllocatorStatistics: Sendable, Hashable {
    /// Bytes in live allocations made by the process (`stats.allocated`).
    public let allocatedBytes: Int
    /// Bytes in active pages, a multiple of the page size (`stats.active`).
    public let activeBytes: Int
    /// Bytes in physically resident pages that jemalloc maps, metadata included
    /// (`stats.resident`).
    public let residentBytes: Int
}
