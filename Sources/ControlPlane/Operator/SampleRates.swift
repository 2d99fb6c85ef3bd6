public import MediaContract

/// Rates between two samples of the same counters: the difference divided by the monotonic
/// seconds between the samples (never a clock read per packet: the workers only count).
///
/// Invariants: a rate is never negative (a counter that went back, or an interval that is not
/// positive, gives 0); a utilization is within 0...1.
public enum SampleRates {
    /// Events per second from `previous` to `current` over `seconds`.
    public static func perSecond(from previous: UInt64, to current: UInt64, seconds: Double) -> Double {
        guard seconds > 0, current >= previous else { return 0 }
        return Double(current - previous) / seconds
    }

    /// The share of `seconds` that a thread spent on a CPU, from its CPU seconds then and now;
    /// nil when either is unknown, 0 when the interval is not positive.
    public static func utilization(from previous: Double?, to current: Double?, seconds: Double) -> Double? {
        guard let previous, let current else { return nil }
        guard seconds > 0 else { return 0 }
        return min(1, max(0, (current - previous) / seconds))
    }
}

/// One worker's rates between two samples.
///
/// Invariant: all zero when there is no previous sample of the worker.
public struct WorkerRates: Sendable, Hashable {
    public let packetsInPerSecond: Double
    public let packetsOutPerSecond: Double
    public let bytesInPerSecond: Double
    public let bytesOutPerSecond: Double
    /// nil when the worker thread's CPU time is unknown.
    public let cpuUtilization: Double?

    /// The rates from `previous` (nil: none yet) to `current` over `seconds`.
    public init(from previous: WorkerSample?, to current: WorkerSample, seconds: Double) {
        let seconds = previous == nil ? 0 : seconds
        packetsInPerSecond = SampleRates.perSecond(from: previous?.packetsIn ?? 0, to: current.packetsIn, seconds: seconds)
        packetsOutPerSecond = SampleRates.perSecond(from: previous?.packetsOut ?? 0, to: current.packetsOut, seconds: seconds)
        bytesInPerSecond = SampleRates.perSecond(from: previous?.bytesIn ?? 0, to: current.bytesIn, seconds: seconds)
        bytesOutPerSecond = SampleRates.perSecond(from: previous?.bytesOut ?? 0, to: current.bytesOut, seconds: seconds)
        cpuUtilization = previous == nil
            ? current.cpuSeconds.map { _ in 0 }
            : SampleRates.utilization(from: previous?.cpuSeconds, to: current.cpuSeconds, seconds: seconds)
    }
}
