internal import CJemalloc
#if canImport(Glibc)
import Glibc
#endif

/// jemalloc, linked into the process so that it serves every `malloc` (Swift runtime included).
/// The only place that talks to jemalloc's C API.
public enum Jemalloc {
    /// The shared object Debian's libjemalloc2 installs (its SONAME).
    static let sharedObjectName = "libjemalloc.so.2"

    /// Verifies that jemalloc serves this process's `malloc`, and reports its version.
    ///
    /// Two checks, both required: the `malloc` symbol of the process's global lookup scope is the
    /// one defined by libjemalloc; and a 1 MiB allocation through it raises jemalloc's
    /// `thread.allocated` counter by at least 1 MiB.
    public static func verifyServesMalloc() throws(AllocatorError) -> AllocatorInfo {
        guard let library = dlopen(sharedObjectName, RTLD_NOW | RTLD_NOLOAD) else {
            throw .jemallocNotLoaded
        }
        defer { dlclose(library) }
        guard let processMalloc = dlsym(nil, "malloc"), processMalloc == dlsym(library, "malloc") else {
            throw .mallocNotFromJemalloc
        }
        try checkAllocationIsCounted(through: processMalloc)
        let version: UnsafePointer<CChar>? = try read("version")
        return AllocatorInfo(name: "jemalloc", version: version.map { String(cString: $0) } ?? "unknown")
    }

    /// Current heap figures, after refreshing jemalloc's statistics epoch.
    public static func statistics() throws(AllocatorError) -> AllocatorStatistics {
        var epoch: UInt64 = 1
        let code = mallctl("epoch", nil, nil, &epoch, MemoryLayout<UInt64>.size)
        guard code == 0 else { throw .mallctlFailed(name: "epoch", code: code) }
        return AllocatorStatistics(
            allocatedBytes: try read("stats.allocated"), activeBytes: try read("stats.active"),
            residentBytes: try read("stats.resident"))
    }

    /// Calls `malloc` through the resolved symbol (an indirect call the optimizer cannot
    /// remove) and compares jemalloc's per-thread counter before and after.
    private static func checkAllocationIsCounted(through processMalloc: UnsafeMutableRawPointer) throws(AllocatorError) {
        typealias MallocFunction = @convention(c) (Int) -> UnsafeMutableRawPointer?
        let callMalloc = unsafeBitCast(processMalloc, to: MallocFunction.self)
        let requestedBytes = 1 << 20
        let before: UInt64 = try read("thread.allocated")
        let block = callMalloc(requestedBytes)
        let after: UInt64 = try read("thread.allocated")
        free(block)
        let counted = after &- before
        guard counted >= UInt64(requestedBytes) else {
            throw .allocationNotCounted(requestedBytes: requestedBytes, countedBytes: counted)
        }
    }

    /// Reads one `mallctl` value of type `Value` (the C type jemalloc documents for `name`).
    private static func read<Value: BitwiseCopyable>(_ name: String) throws(AllocatorError) -> Value {
        let value = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        defer { value.deallocate() }
        var length = MemoryLayout<Value>.size
        let code = mallctl(name, value, &length, nil, 0)
        guard code == 0, length == MemoryLayout<Value>.size else {
            throw .mallctlFailed(name: name, code: code)
        }
        return value.pointee
    }
}
