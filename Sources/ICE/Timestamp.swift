// Monotonic time as the protocol cores see it: a value passed in, never a clock read.

/// A point on a monotonic clock, in nanoseconds from an arbitrary origin.
///
/// Sans-IO code never reads a clock. The worker reads `CLOCK_MONOTONIC` once per wake-up and
/// passes `Timestamp(nanoseconds: tv_sec * 1_000_000_000 + tv_nsec)` to every `handle…(now:)`
/// call; tests pass simulated values. Only differences between timestamps of the same clock
/// mean anything.
///
/// Invariant: arithmetic saturates at `Int64`'s bounds instead of trapping, so no input time
/// or duration can crash a caller, and `Timestamp.distantFuture` stays ordered after every
/// reachable time.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The origin of the clock (useful for simulated time).
    public static let zero = Timestamp(nanoseconds: 0)
    /// Later than any time a monotonic clock reaches in practice (292 years after its origin).
    public static let distantFuture = Timestamp(nanoseconds: .max)

    /// The time `nanoseconds` after this one (before it when negative), saturating.
    public func advanced(byNanoseconds nanoseconds: Int64) -> Timestamp {
        Timestamp(nanoseconds: Self.saturatingSum(self.nanoseconds, nanoseconds))
    }

    /// Nanoseconds from `earlier` to this time (negative when `earlier` is later), saturating.
    public func nanoseconds(since earlier: Timestamp) -> Int64 {
        let (difference, overflow) = nanoseconds.subtractingReportingOverflow(earlier.nanoseconds)
        guard overflow else { return difference }
        return earlier.nanoseconds < 0 ? .max : .min
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        lhs.advanced(byNanoseconds: rhs.saturatingNanoseconds)
    }

    public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        let nanoseconds = rhs.saturatingNanoseconds
        return lhs.advanced(byNanoseconds: nanoseconds == .min ? .max : -nanoseconds)
    }

    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .nanoseconds(lhs.nanoseconds(since: rhs))
    }

    /// Seconds with nine decimals, e.g. "12.000000005s".
    public var description: String {
        let magnitude = nanoseconds.magnitude
        let fraction = String(magnitude % 1_000_000_000)
        let sign = nanoseconds < 0 ? "-" : ""
        return sign + String(magnitude / 1_000_000_000) + "."
            + String(repeating: "0", count: 9 - fraction.count) + fraction + "s"
    }

    static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? .max : .min
    }
}

extension Duration {
    /// This duration in whole nanoseconds (sub-nanosecond parts truncated toward zero),
    /// saturating at `Int64`'s bounds.
    public var saturatingNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds > 0 ? .max : .min }
        return Timestamp.saturatingSum(whole, attoseconds / 1_000_000_000)
    }
}
