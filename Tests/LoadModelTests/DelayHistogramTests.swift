import Foundation
import LoadModel
import TestSupport
import Testing

@Suite("DelayHistogram: percentiles against sorted arrays, merging, extremes")
struct DelayHistogramTests {
    /// The nearest-rank percentile of `sorted` (the smallest value with at least
    /// numerator/denominator of the values at or below it), in exact integer arithmetic.
    static func nearestRank(_ sorted: [Int64], numerator: Int, denominator: Int) -> Int64 {
        let rank = max(1, (numerator * sorted.count + denominator - 1) / denominator)
        return sorted[rank - 1]
    }

    static func relativeError(_ measured: Int64?, _ exact: Int64) -> Double {
        guard let measured else { return .infinity }
        return abs(Double(measured - exact)) / Double(exact)
    }

    /// Delays spread log-uniformly from 200 µs to 60 s.
    static func logUniformDelays(seed: UInt64, count: Int) -> [Int64] {
        var random = SplitMix64(seed: seed)
        let low = log(200_000.0), high = log(60_000_000_000.0)
        return (0..<count).map { _ in Int64(exp(Double.random(in: low..<high, using: &random))) }
    }

    @Test func percentilesOfAWideDistributionAreWithinHalfAPercent() {
        let values = Self.logUniformDelays(seed: 7, count: 100_000)
        var histogram = DelayHistogram()
        for value in values { histogram.record(nanoseconds: value) }
        let sorted = values.sorted()
        for (numerator, denominator) in [(1, 1000), (1, 100), (1, 10), (1, 4), (1, 2), (9, 10), (95, 100), (99, 100),
                                         (999, 1000), (1, 1)] {
            let exact = Self.nearestRank(sorted, numerator: numerator, denominator: denominator)
            let measured = histogram.percentileNanoseconds(Double(numerator) / Double(denominator))
            #expect(Self.relativeError(measured, exact) < 0.005, "p\(numerator)/\(denominator): \(String(describing: measured)) vs \(exact)")
        }
        #expect(histogram.count == 100_000)
        #expect(histogram.maximumNanoseconds == sorted.last)
        #expect(histogram.sumNanoseconds == values.reduce(0, +))
    }

    /// 100 values 10 % apart: picking a neighbouring rank is off by 10 %, so every percentile
    /// k/100 must pick exactly the k-th value, including fractions such as 0.07 whose product
    /// with 100 is not exact in binary.
    @Test func everyPercentilePicksTheNearestRank() {
        let values = (0..<100).map { Int64(1_000_000 * pow(1.1, Double($0))) }
        var histogram = DelayHistogram()
        for value in values.reversed() { histogram.record(nanoseconds: value) }
        for k in 1...100 {
            let measured = histogram.percentileNanoseconds(Double(k) / 100)
            #expect(Self.relativeError(measured, values[k - 1]) < 0.005, "p\(k)")
        }
        #expect(histogram.percentileNanoseconds(0) == histogram.percentileNanoseconds(0.01))
    }

    @Test func smallDelaysUseMicrosecondBuckets() {
        var histogram = DelayHistogram()
        for microseconds in [3, 3, 3, 900] { histogram.record(nanoseconds: Int64(microseconds) * 1000 + 200) }
        // Middle of the 1-µs bucket [3 µs, 4 µs).
        #expect(histogram.percentileNanoseconds(0.5) == 3_500)
        #expect(histogram.percentileNanoseconds(1) == 900_200) // capped at the exact maximum
    }

    @Test func mergingEqualsRecordingEverythingInOne() {
        let first = Self.logUniformDelays(seed: 1, count: 5_000)
        let second = Self.logUniformDelays(seed: 2, count: 7_000)
        var a = DelayHistogram(), b = DelayHistogram(), all = DelayHistogram()
        for value in first { a.record(nanoseconds: value); all.record(nanoseconds: value) }
        for value in second { b.record(nanoseconds: value); all.record(nanoseconds: value) }
        a.merge(b)
        #expect(a == all)
        #expect(a.count == 12_000)
        let sorted = (first + second).sorted()
        #expect(Self.relativeError(a.percentileNanoseconds(0.99), Self.nearestRank(sorted, numerator: 99, denominator: 100)) < 0.005)
        var empty = DelayHistogram()
        empty.merge(DelayHistogram())
        #expect(empty == DelayHistogram())
    }

    @Test func extremesNeitherTrapNorEscape() {
        var histogram = DelayHistogram()
        #expect(histogram.percentileNanoseconds(0.5) == nil)
        histogram.record(nanoseconds: -5_000)
        #expect(histogram.percentileNanoseconds(1) == 0)
        histogram.record(nanoseconds: .max)
        histogram.record(nanoseconds: .min)
        histogram.record(nanoseconds: 3_600_000_000_000_000) // 1,000 hours: beyond the last bucket
        #expect(histogram.count == 4)
        #expect(histogram.maximumNanoseconds == .max)
        // The last bucket is open-ended: its values are only known to be at most the maximum.
        #expect(histogram.percentileNanoseconds(1) == .max)
        #expect(histogram.percentileNanoseconds(0.75) == .max)
        #expect(histogram.percentileNanoseconds(0.5) == 500) // the middle of [0, 1 µs)
        #expect(histogram.percentileNanoseconds(.nan) == 500)
        #expect(histogram.percentileNanoseconds(-1) == 500)
        #expect(histogram.percentileNanoseconds(7) == .max)
    }
}
