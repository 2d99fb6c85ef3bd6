public import MediaContract

/// A `ServerSample` with the wall-clock time it was taken at.
public struct StampedSample: Sendable, Hashable {
    public let sample: ServerSample
    /// Unix milliseconds when the sample was taken (for the report's `timestamp` only; rates
    /// use the sample's monotonic time).
    public let unixMilliseconds: Int64

    public init(sample: ServerSample, unixMilliseconds: Int64) {
        self.sample = sample
        self.unixMilliseconds = unixMilliseconds
    }
}

/// The last two samples the operator's sampler took: rates are the differences between them
/// divided by the monotonic time between them.
///
/// Invariant: when both are set, `previous` was taken strictly before `latest` (monotonic
/// time); a sample no newer than `latest` is refused.
public struct SampleWindow: Sendable, Hashable {
    public private(set) var previous: StampedSample?
    public private(set) var latest: StampedSample?

    public init() {}

    /// Makes `sample` the latest and the former latest the previous one; false (nothing
    /// changes) when `sample` is not newer than the latest.
    @discardableResult
    public mutating func record(_ sample: StampedSample) -> Bool {
        if let latest, sample.sample.monotonicNanoseconds <= latest.sample.monotonicNanoseconds { return false }
        previous = latest
        latest = sample
        return true
    }

    /// Seconds between the two samples; 0 while there are fewer than two.
    public var intervalSeconds: Double {
        guard let previous, let latest else { return 0 }
        return Double(latest.sample.monotonicNanoseconds - previous.sample.monotonicNanoseconds) / 1e9
    }
}
