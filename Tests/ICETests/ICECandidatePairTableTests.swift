import Testing
import ICE
import RTCWire

/// The agent's memory is bounded: at most `maximumCandidatePairs` pairs (a stale one may give
/// way to a new one) and `transmitQueueCapacity` unsent answers.
@Suite struct ICECandidatePairTableTests {
    static func pair(_ index: Int) -> ICECandidatePair {
        ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.address(index))
    }

    @Test func theSeventeenthPairIsDroppedWhileTheOthersAreFresh() {
        var agent = Fixture.agent()
        for index in 0..<16 {
            #expect(agent.receive(Check(), from: Fixture.address(index), at: Fixture.start) == .accepted)
            _ = agent.drainTransmits()
        }
        var nomination = Check()
        nomination.useCandidate = true
        #expect(agent.receive(nomination, from: Fixture.address(16), at: .atSecond(1)) == .dropped(.candidatePairTableFull))
        #expect(agent.drainTransmits().isEmpty)
        #expect(!agent.isValid(Self.pair(16), at: .atSecond(1)))
        #expect(agent.selectedPair == nil)
        #expect(agent.counters.droppedCandidatePairTableFull == 1)
        // Known pairs still work; the same address on another interface is another pair.
        #expect(agent.receive(Check(), from: Fixture.address(3), at: .atSecond(1)) == .accepted)
        let otherInterface = ICELocalInterface(rawValue: 1)
        #expect(agent.receive(Check(), from: Fixture.address(3), on: otherInterface, at: .atSecond(1))
                == .dropped(.candidatePairTableFull))
    }

    @Test func aPairSilentForTheConsentTimeoutGivesWayToANewOne() {
        // No nomination in this scenario: keep the connect timeout out of the way.
        var agent = Fixture.agent(configuration: ICEAgentConfiguration(connectTimeout: .seconds(60)))
        for index in 0..<16 {
            agent.receive(Check(), from: Fixture.address(index), at: Fixture.start)
            _ = agent.drainTransmits()
        }
        for index in 1..<16 {
            agent.receive(Check(), from: Fixture.address(index), at: .atSecond(10))
            _ = agent.drainTransmits()
        }
        #expect(agent.receive(Check(), from: Fixture.address(16), at: .atSecond(30) - .nanoseconds(1))
                == .dropped(.candidatePairTableFull))
        // Address 0 has now been silent for 30 s: it is forgotten to make room.
        #expect(agent.receive(Check(), from: Fixture.address(16), at: .atSecond(30)) == .accepted)
        #expect(agent.isValid(Self.pair(16), at: .atSecond(30)))
        #expect(!agent.isValid(Self.pair(0), at: .atSecond(30)))
        // The others were checked 20 s ago: still fresh.
        #expect(agent.receive(Check(), from: Fixture.address(17), at: .atSecond(30)) == .dropped(.candidatePairTableFull))
    }

    @Test func theTableSizeIsConfigurable() {
        var agent = Fixture.agent(configuration: ICEAgentConfiguration(maximumCandidatePairs: 2))
        #expect(agent.receive(Check(), from: Fixture.address(0), at: Fixture.start) == .accepted)
        #expect(agent.receive(Check(), from: Fixture.address(1), at: Fixture.start) == .accepted)
        #expect(agent.receive(Check(), from: Fixture.address(2), at: Fixture.start) == .dropped(.candidatePairTableFull))
        #expect(ICEAgentConfiguration(maximumCandidatePairs: 0).maximumCandidatePairs == 1)
    }

    @Test func checksBeyondTheTransmitQueueAreDroppedWithoutEffect() {
        var agent = Fixture.agent()
        for _ in 0..<ICELiteAgent.transmitQueueCapacity {
            #expect(agent.receive(Check(), at: Fixture.start) == .accepted)
        }
        var nomination = Check()
        nomination.useCandidate = true
        #expect(agent.receive(nomination, at: Fixture.start) == .dropped(.transmitQueueFull))
        var wrongPassword = Check()
        wrongPassword.password = Fixture.remote.password
        #expect(agent.receive(wrongPassword, at: Fixture.start) == .dropped(.transmitQueueFull))
        #expect(agent.selectedPair == nil)
        #expect(agent.counters.droppedTransmitQueueFull == 2)
        #expect(agent.drainTransmits().count == ICELiteAgent.transmitQueueCapacity)
        #expect(agent.receive(nomination, at: Fixture.start) == .accepted)
        #expect(agent.state == .connected)
    }
}
