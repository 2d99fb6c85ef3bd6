import Testing
import ICE

/// Monotonic time arithmetic: exact in nanoseconds, saturating at the ends.
@Suite struct TimestampTests {
    @Test func addsAndSubtractsDurationsInNanoseconds() {
        let t = Timestamp(nanoseconds: 5_000_000_000)
        #expect((t + .seconds(30)).nanoseconds == 35_000_000_000)
        #expect((t + .milliseconds(1)).nanoseconds == 5_001_000_000)
        #expect((t - .nanoseconds(7)).nanoseconds == 4_999_999_993)
        #expect(Timestamp(nanoseconds: 35_000_000_001) - t == .nanoseconds(30_000_000_001))
        #expect(t - Timestamp(nanoseconds: 6_000_000_000) == .seconds(-1))
        #expect(t.advanced(byNanoseconds: -5_000_000_000) == .zero)
    }

    @Test func ordersByNanoseconds() {
        #expect(Timestamp(nanoseconds: -1) < .zero)
        #expect(Timestamp.zero < Timestamp(nanoseconds: 1))
        #expect(Timestamp(nanoseconds: 1) < .distantFuture)
    }

    @Test func saturatesInsteadOfTrapping() {
        #expect((Timestamp.distantFuture + .seconds(1)) == .distantFuture)
        #expect((Timestamp(nanoseconds: .min) - .seconds(1)).nanoseconds == .min)
        #expect(Timestamp.distantFuture.nanoseconds(since: Timestamp(nanoseconds: -10)) == .max)
        #expect(Timestamp(nanoseconds: .min).nanoseconds(since: Timestamp(nanoseconds: 10)) == .min)
        // 10^12 seconds do not fit in Int64 nanoseconds (about 9.2 × 10^9 seconds).
        #expect(Duration.seconds(1_000_000_000_000).saturatingNanoseconds == .max)
        #expect(Duration.seconds(-1_000_000_000_000).saturatingNanoseconds == .min)
        #expect((Timestamp.zero - .seconds(-1_000_000_000_000)) == .distantFuture)
    }

    @Test func truncatesSubNanosecondParts() {
        // 1.5 ns and -1.5 ns: attoseconds below a nanosecond are dropped toward zero.
        #expect((Duration.nanoseconds(1) + .nanoseconds(1) / 2).saturatingNanoseconds == 1)
        #expect((Duration.nanoseconds(-1) - .nanoseconds(1) / 2).saturatingNanoseconds == -1)
    }

    @Test func describesAsSecondsWithNineDecimals() {
        #expect(Timestamp(nanoseconds: 12_000_000_005).description == "12.000000005s")
        #expect(Timestamp(nanoseconds: -1_500_000_000).description == "-1.500000000s")
        #expect(Timestamp.zero.description == "0.000000000s")
    }
}
