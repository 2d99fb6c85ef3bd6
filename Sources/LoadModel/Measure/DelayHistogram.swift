/// One-way delays in a log-linear histogram: 1 µs buckets below 1,024 µs, then 512 buckets per
/// power of two (relative resolution better than 0.2 %), up to 2^37 µs (38 hours); longer delays
/// land in the last bucket, which is open-ended. Recording is a few integer operations and never allocates (the bucket array
/// is made once).
///
/// Invariants: `count` is the number of recorded values and the sum of the buckets; `maximum`
/// is the largest recorded value (exact, in nanoseconds); negative delays count as 0.
public struct DelayHistogram: Sendable, Equatable {
    static let linearBuckets = 1024
    static let subBuckets = 512
    static let exponents = 27
    static let bucketCount = linearBuckets + exponents * subBuckets

    private var buckets: [UInt64]
    public private(set) var count: UInt64 = 0
    public private(set) var maximumNanoseconds: Int64 = 0
    public private(set) var sumNanoseconds: Int64 = 0

    public init() { buckets = Array(repeating: 0, count: Self.bucketCount) }

    /// Adds one delay.
    public mutating func record(nanoseconds: Int64) {
        let value = max(nanoseconds, 0)
        buckets[Self.bucket(ofMicroseconds: value / 1000)] &+= 1
        count &+= 1
        sumNanoseconds &+= value
        if value > maximumNanoseconds { maximumNanoseconds = value }
    }

    /// Adds every value of `other`.
    public mutating func merge(_ other: DelayHistogram) {
        for index in buckets.indices { buckets[index] &+= other.buckets[index] }
        count &+= other.count
        sumNanoseconds &+= other.sumNanoseconds
        maximumNanoseconds = max(maximumNanoseconds, other.maximumNanoseconds)
    }

    /// The nearest-rank percentile: the smallest recorded delay with at least `fraction` (0...1,
    /// clamped; NaN counts as 0) of the values at or below it, in nanoseconds, reported as the
    /// middle of its bucket but never above `maximumNanoseconds` (the open-ended last bucket
    /// reports the maximum); nil when nothing was recorded.
    public func percentileNanoseconds(_ fraction: Double) -> Int64? {
        guard count > 0 else { return nil }
        let rank = Self.rank(of: fraction.isNaN ? 0 : min(max(fraction, 0), 1), among: count)
        var seen: UInt64 = 0
        for (index, value) in buckets.enumerated() where value > 0 {
            seen += value
            if seen >= rank {
                guard index < Self.bucketCount - 1 else { return maximumNanoseconds }
                let (low, width) = Self.range(ofBucket: index)
                return min((low * 1000) + (width * 1000) / 2, maximumNanoseconds)
            }
        }
        return maximumNanoseconds
    }

    /// ⌈fraction · count⌉, at least 1, where a product within rounding error of an integer is
    /// that integer (0.07 · 100 is 7.000000000000001 in binary, and must give rank 7, not 8).
    static func rank(of fraction: Double, among count: UInt64) -> UInt64 {
        let product = fraction * Double(count)
        let nearest = product.rounded()
        let exact = abs(product - nearest) <= nearest * 1e-12
        return max(1, UInt64(exact ? nearest : product.rounded(.up)))
    }

    static func bucket(ofMicroseconds value: Int64) -> Int {
        if value < Int64(linearBuckets) { return Int(value) }
        let exponent = (63 - value.leadingZeroBitCount) - 9 // ≥ 1 for value ≥ 1024
        guard exponent <= exponents else { return bucketCount - 1 }
        let mantissa = Int(value >> exponent) - subBuckets
        return linearBuckets + (exponent - 1) * subBuckets + mantissa
    }

    /// The first microsecond value of bucket `index` and the bucket's width in microseconds.
    static func range(ofBucket index: Int) -> (low: Int64, width: Int64) {
        if index < linearBuckets { return (Int64(index), 1) }
        let exponent = (index - linearBuckets) / subBuckets + 1
        let mantissa = Int64((index - linearBuckets) % subBuckets + subBuckets)
        return (mantissa << exponent, Int64(1) << exponent)
    }
}
