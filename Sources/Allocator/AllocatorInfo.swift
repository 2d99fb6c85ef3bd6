/// The allocator found serving the process's `malloc`.
///
/// Invariant: only ``Jemalloc/verifyServesMalloc()`` makes one, after both of its checks passed.
public struct AllocatorInfo: Sendable, Hashable, CustomStringConvertible {
    /// The allocator's name, e.g. `jemalloc`.
    public let name: String
    /// The version the library reports, e.g. `5.3.0-0-g54eaed1d…`.
    public let version: String

    public var description: String { "\(name) \(version)" }
}
