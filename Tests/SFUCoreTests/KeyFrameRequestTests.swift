import RTCWire
import SFUCore
import Testing

@Suite("KeyFrameRequestThrottle")
struct KeyFrameRequestTests {
    static let millisecond: Int64 = 1_000_000
    static let start: Int64 = 5_000_000_000

    /// The throttle's answers at each of `times`, in order.
    static func answers(_ throttle: inout KeyFrameRequestThrottle, at times: [Int64]) -> [Bool] {
        times.map { throttle.shouldRequest(now: $0) }
    }

    @Test("Throttle: the first request passes, then at most one per 300 ms")
    func defaultInterval() {
        var throttle = KeyFrameRequestThrottle()
        #expect(throttle.minimumInterval == 300 * Self.millisecond)
        #expect(throttle.lastRequestAt == nil)
        let ms = Self.millisecond
        let times = [Self.start, Self.start, Self.start + ms, Self.start + 300 * ms - 1, Self.start + 300 * ms]
        #expect(Self.answers(&throttle, at: times) == [true, false, false, false, true])
        #expect(throttle.lastRequestAt == Self.start + 300 * ms)
        // 599 ms is 299 ms after the last request; 700 ms is 400 ms after. A clock going
        // backwards lets nothing through.
        #expect(Self.answers(&throttle, at: [Self.start + 599 * ms, Self.start + 700 * ms, Self.start]) == [false, true, false])
    }

    @Test("Throttle: a configured interval; 0 lets every request through, a negative one counts as 0")
    func configuredInterval() {
        let ms = Self.millisecond
        var slow = KeyFrameRequestThrottle(minimumInterval: 1000 * ms)
        #expect(Self.answers(&slow, at: [0, 999 * ms, 1000 * ms]) == [true, false, true])
        var open = KeyFrameRequestThrottle(minimumInterval: 0)
        #expect(Self.answers(&open, at: [7, 7, 8]) == [true, true, true])
        #expect(KeyFrameRequestThrottle(minimumInterval: -5).minimumInterval == 0)
    }
}
