import TestSupport
import Testing
@testable import Worker

@Suite("Timer wheel")
struct TimerWheelTests {
    private let millisecond: Int64 = 1_000_000

    private func cancel(_ wheel: inout TimerWheel, _ handle: TimerHandle) -> Bool {
        wheel.cancel(handle)
    }

    private func drain(_ wheel: inout TimerWheel, at now: Int64) -> [UInt64] {
        var tokens: [UInt64] = []
        while let token = wheel.popExpired(now: now) { tokens.append(token) }
        return tokens
    }

    @Test func expiresInDeadlineOrder() {
        var wheel = TimerWheel(now: 0)
        for (token, deadline) in [(5, 50), (1, 10), (3, 30), (2, 20), (4, 40)] {
            _ = wheel.schedule(at: Int64(deadline) * millisecond, token: UInt64(token))
        }
        #expect(wheel.count == 5)
        #expect(drain(&wheel, at: 100 * millisecond) == [1, 2, 3, 4, 5])
        #expect(wheel.count == 0)
        #expect(wheel.nextDeadline() == nil)
    }

    @Test func neverExpiresEarly() {
        var wheel = TimerWheel(now: 0)
        _ = wheel.schedule(at: 10 * millisecond + 500_000, token: 7)
        #expect(drain(&wheel, at: 10 * millisecond) == [])
        #expect(drain(&wheel, at: 11 * millisecond - 1) == [])
        #expect(wheel.nextDeadline() == 11 * millisecond)
        #expect(drain(&wheel, at: 11 * millisecond) == [7])
    }

    @Test func pastDeadlinesFireOnTheNextTick() {
        var wheel = TimerWheel(now: 20 * millisecond)
        _ = wheel.schedule(at: 5 * millisecond, token: 1)
        #expect(drain(&wheel, at: 20 * millisecond) == [])
        #expect(drain(&wheel, at: 21 * millisecond) == [1])
    }

    @Test func cancelRemovesOnlyThatTimer() {
        var wheel = TimerWheel(now: 0)
        let first = wheel.schedule(at: 5 * millisecond, token: 1)
        let second = wheel.schedule(at: 5 * millisecond, token: 2)
        let third = wheel.schedule(at: 6 * millisecond, token: 3)
        #expect(cancel(&wheel, second))
        #expect(!cancel(&wheel, second))
        #expect(wheel.count == 2)
        #expect(drain(&wheel, at: 10 * millisecond) == [1, 3])
        // Handles of fired timers are stale, even once their nodes are reused.
        #expect(!cancel(&wheel, first))
        let reused = wheel.schedule(at: 20 * millisecond, token: 4)
        #expect(!cancel(&wheel, third))
        #expect(!cancel(&wheel, first))
        #expect(cancel(&wheel, reused))
        #expect(drain(&wheel, at: 30 * millisecond) == [])
    }

    @Test func cancelWorksOnDueTimersNotYetPopped() {
        var wheel = TimerWheel(now: 0)
        _ = wheel.schedule(at: 1 * millisecond, token: 1)
        let second = wheel.schedule(at: 1 * millisecond, token: 2)
        #expect(wheel.popExpired(now: 5 * millisecond) == 1)
        #expect(cancel(&wheel, second))
        #expect(wheel.popExpired(now: 5 * millisecond) == nil)
    }

    /// Deadlines several revolutions ahead (64 slots × 1 ms) stay put until their own tick, both
    /// when time advances one tick at a time and when it jumps.
    @Test func deadlinesBeyondOneRevolution() {
        let deadlines: [UInt64: Int64] = [1: 10, 2: 74, 3: 200, 4: 138, 5: 64, 6: 1000]
        var stepped = TimerWheel(now: 0, slotCount: 64)
        var jumped = TimerWheel(now: 0, slotCount: 64)
        for (token, deadline) in deadlines {
            _ = stepped.schedule(at: deadline * millisecond, token: token)
            _ = jumped.schedule(at: deadline * millisecond, token: token)
        }
        var firedAt: [UInt64: Int64] = [:]
        for now in stride(from: Int64(0), through: 1100, by: 1) {
            for token in drain(&stepped, at: now * millisecond) { firedAt[token] = now }
        }
        #expect(firedAt == deadlines)
        #expect(drain(&jumped, at: 150 * millisecond) == [1, 5, 2, 4])
        #expect(drain(&jumped, at: 5000 * millisecond) == [3, 6])
    }

    @Test func growsBeyondItsInitialCapacity() {
        var wheel = TimerWheel(now: 0, initialCapacity: 2)
        for token in 0..<500 {
            _ = wheel.schedule(at: Int64(500 - token) * millisecond, token: UInt64(token))
        }
        #expect(wheel.count == 500)
        #expect(drain(&wheel, at: 1000 * millisecond) == (0..<500).reversed().map { UInt64($0) })
    }

    @Test func handlersMayRescheduleWhileDraining() {
        var wheel = TimerWheel(now: 0)
        _ = wheel.schedule(at: 1 * millisecond, token: 1)
        var fired: [UInt64] = []
        var now: Int64 = 0
        while now < 10 * millisecond {
            now += millisecond
            while let token = wheel.popExpired(now: now) {
                fired.append(token)
                _ = wheel.schedule(at: now + 3 * millisecond, token: token + 1)
            }
        }
        // 1 at 1 ms, then every 3 ms: 2 at 4, 3 at 7, 4 at 10.
        #expect(fired == [1, 2, 3, 4])
    }

    /// Random schedules and cancels against a plain model: every live timer fires exactly once,
    /// at the first step at or after its deadline rounded up to a tick (a timer whose tick the
    /// wheel already passed fires on the next tick), and each step reports tokens in (tick,
    /// scheduling order).
    @Test func matchesAModelUnderRandomOperations() {
        var generator = SplitMix64(seed: 0x5EED)
        let tick: Int64 = 1_000_000
        var wheel = TimerWheel(now: 0, tickNanoseconds: tick, slotCount: 64, initialCapacity: 8)
        var live: [UInt64: (tick: Int64, order: Int, handle: TimerHandle)] = [:]
        var now: Int64 = 0
        var order = 0
        for token in UInt64(0)..<3000 {
            if generator.next() % 4 == 0, !live.isEmpty {
                let keys = live.keys.sorted()
                let victim = keys[Int(generator.next() % UInt64(keys.count))]
                if let entry = live[victim] { #expect(cancel(&wheel, entry.handle)) }
                live[victim] = nil
            }
            let deadline = now + Int64(generator.next() % 300_000_000) - 2_000_000
            let deadlineTick = max((deadline + tick - 1) / tick, now / tick + 1)
            live[token] = (deadlineTick, order, wheel.schedule(at: deadline, token: token))
            order += 1
            now += Int64(generator.next() % 5_000_000)
            let fired = drain(&wheel, at: now)
            let expected = live.filter { $0.value.tick <= now / tick }.sorted {
                $0.value.tick != $1.value.tick ? $0.value.tick < $1.value.tick : $0.value.order < $1.value.order
            }.map(\.key)
            #expect(fired == expected)
            for token in fired { live[token] = nil }
        }
        #expect(wheel.count == live.count)
    }
}
