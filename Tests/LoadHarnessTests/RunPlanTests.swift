import LoadHarness
import LoadModel
import RTCWire
import Testing

/// A deterministic generator (SplitMix64) so that the tests see the same SSRCs every time.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generator that repeats a short cycle, to force SSRC collisions.
struct CyclingGenerator: RandomNumberGenerator {
    var values: [UInt64]
    var index = 0
    mutating func next() -> UInt64 {
        defer { index = (index + 1) % values.count }
        return values[index]
    }
}

@Suite struct RunPlanTests {
    @Test func numbersStreamsFromOneAndNamesParticipantsPerRoom() {
        var scenario = LoadScenario()
        scenario.rooms = 2
        scenario.publishersPerRoom = 2
        scenario.subscribersPerRoom = 3
        scenario.dataChannel = .scenarioDefault
        var random = SplitMix64(state: 7)
        let plan = RunPlan(scenario: scenario, random: &random)
        #expect(plan.publishers.map(\.name) == ["r0-p0", "r0-p1", "r1-p0", "r1-p1"])
        #expect(plan.subscribers.map(\.name) == ["r0-s0", "r0-s1", "r0-s2", "r1-s0", "r1-s1", "r1-s2"])
        #expect(plan.publishers.map(\.room) == [0, 0, 1, 1])
        // audio, video, data for each publisher: 1, 2, 3 | 4, 5, 6 | …
        var probes: [UInt32] = []
        for publisher in plan.publishers {
            probes += publisher.streams.map(\.probeStream.rawValue)
            probes.append(publisher.dataChannelStream!.rawValue)
        }
        #expect(probes == Array(1...12))
        let first = plan.publishers[0].streams
        #expect(first.map(\.kind) == [.audio, .video])
        #expect(first.map(\.payloadType.rawValue) == [111, 96])
        #expect(first.map(\.mid.description) == ["0", "1"])
        #expect(first.map(\.clockRate) == [48_000, 90_000])
        #expect(first[1].bitsPerSecond == 1_500_000)
        #expect(first[0].bitsPerSecond == 50 * 8 * 120, "Opus profile: 50 packets/s of 120 bytes on average")
        #expect(plan.publishers.allSatisfy { !$0.receives })
    }

    @Test func simulcastMakesThreeLayersInTheVideoSection() {
        var scenario = LoadScenario()
        scenario.audio = false
        scenario.videoProfile.simulcast = true
        var random = SplitMix64(state: 1)
        let streams = RunPlan(scenario: scenario, random: &random).publishers[0].streams
        #expect(streams.map { $0.rid?.description } == ["h", "m", "l"])
        #expect(streams.map(\.bitsPerSecond) == [1_500_000, 500_000, 150_000])
        #expect(streams.allSatisfy { $0.mid.description == "1" && $0.kind == .video })
    }

    @Test(.timeLimit(.minutes(1))) func ssrcsAreUniqueEvenWhenTheGeneratorRepeats() {
        var scenario = LoadScenario()
        scenario.publishersPerRoom = 3
        // Small words map to themselves in UInt32.random(in: 1...max); repeats must be redrawn.
        var random = CyclingGenerator(values: [10, 10, 20, 10, 30, 20, 40, 50, 50, 60, 70])
        let ssrcs = RunPlan(scenario: scenario, random: &random).publishers.flatMap(\.streams).map(\.ssrc.rawValue)
        #expect(ssrcs == [10, 20, 30, 40, 50, 60])
    }

    @Test func publishersReceiveOnlyWithSomeoneElseToReceive() {
        var scenario = LoadScenario()
        scenario.publishersSubscribe = true
        var random = SplitMix64(state: 3)
        #expect(RunPlan(scenario: scenario, random: &random).publishers.allSatisfy { !$0.receives })
        #expect(scenario.receiveTransportsPerRoom == 1)
        scenario.publishersPerRoom = 5
        scenario.subscribersPerRoom = 0
        #expect(RunPlan(scenario: scenario, random: &random).publishers.allSatisfy { $0.receives })
        #expect(scenario.receiveTransportsPerRoom == 5)
        #expect(scenario.transportCount == 10)
    }
}
