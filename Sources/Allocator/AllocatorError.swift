/// Why the allocator check or a statistics read failed.
public enum AllocatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libjemalloc is not loaded in the process at all.
    case jemallocNotLoaded
    /// `malloc` resolves to another library than jemalloc (libjemalloc.so.2 does not precede
    /// libc in the executable's NEEDED entries): a build defect.
    case mallocNotFromJemalloc
    /// A malloc call did not show up in jemalloc's per-thread allocation counter.
    case allocationNotCounted(requestedBytes: Int, countedBytes: UInt64)
    /// `mallctl(name)` returned an errno value.
    case mallctlFailed(name: String, code: Int32)

    public var description: String {
        switch self {
        case .jemallocNotLoaded:
            "libjemalloc.so.2 is not loaded in this process"
        case .mallocNotFromJemalloc:
            "malloc is not jemalloc's: libjemalloc.so.2 must precede libc in the executable's NEEDED entries"
        case .allocationNotCounted(let requested, let counted):
            "a \(requested)-byte malloc raised jemalloc's thread.allocated by only \(counted) bytes: malloc is not jemalloc's"
        case .mallctlFailed(let name, let code):
            "mallctl(\"\(name)\") failed with errno \(code)"
        }
    }
}
