/// Datagrams a `TransportTable` could not give to any transport, as plain integers owned by
/// the worker.
///
/// Invariant: counters only grow (wrapping at 2^64).
public struct TransportTableCounters: Sendable, Hashable {
    /// STUN whose USERNAME names no transport of the table (or that does not parse).
    public var droppedUnknownUsername: UInt64 = 0
    /// Other datagrams from an address that no transport has validated.
    public var droppedUnknownSource: UInt64 = 0

    public init() {}
}
