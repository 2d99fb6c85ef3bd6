@testable import LoadDataChannels
import Testing

@Suite("DataChannelSendSchedule")
struct DataChannelSendScheduleTests {
    @Test("Nothing is due before start; message 0 is due at the start")
    func startsWhenStarted() {
        var schedule = DataChannelSendSchedule(messagesPerSecond: 50)
        #expect(schedule.nextDueAt == nil)
        #expect(!schedule.isDue(at: .max))
        schedule.advance()
        #expect(schedule.handled == 0)
        schedule.start(at: 7_000)
        schedule.start(at: 9_000)
        #expect(schedule.nextDueAt == 7_000)
        #expect(!schedule.isDue(at: 6_999))
        #expect(schedule.isDue(at: 7_000))
    }

    @Test("Three messages a second: due at thirds of a second that never drift")
    func noDrift() {
        var schedule = DataChannelSendSchedule(messagesPerSecond: 3)
        let start: Int64 = 1_000_000_000
        schedule.start(at: start)
        var dues: [Int64] = []
        for _ in 0..<4 {
            dues.append(schedule.nextDueAt ?? -1)
            schedule.advance()
        }
        #expect(dues == [start, start + 333_333_333, start + 666_666_666, start + 1_000_000_000])
        for _ in 4..<3_000 { schedule.advance() }
        // Message 3,000 is exactly 1,000 s after message 0: the thirds' rounding did not add up.
        #expect(schedule.nextDueAt == start + 1_000_000_000_000)
    }

    @Test("At 1,000 messages a second, a 10 ms tick finds ten messages due")
    func tenPerTick() {
        var schedule = DataChannelSendSchedule(messagesPerSecond: 1_000)
        schedule.start(at: 0)
        var perTick: [Int] = []
        var now: Int64 = 0
        for _ in 0..<5 {
            now += 10_000_000
            var count = 0
            while schedule.isDue(at: now) {
                schedule.advance()
                count += 1
            }
            perTick.append(count)
        }
        // Messages 0...10 are due by 10 ms (0, 1, …, 10 ms), then ten per tick.
        #expect(perTick == [11, 10, 10, 10, 10])
    }
}
