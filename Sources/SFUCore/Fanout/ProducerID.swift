/// A producer's number, unique in the process: one published track (a publisher's accepted
/// audio or video section), the same across the publisher's renegotiations and restarts, so
/// its consumers keep forwarding when the publisher's SSRCs change.
///
/// Invariant: assigned by the worker pool, never 0.
public struct ProducerID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public var description: String { "producer \(rawValue)" }
}
