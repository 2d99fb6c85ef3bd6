import Testing
import ICE
import RTCWire

/// USE-CANDIDATE on a valid check selects its pair (RFC 8445 §7.3.2, §8.2); a later
/// nomination of another pair, as after a network change, moves the selection.
@Suite struct ICENominationTests {
    static let pairA = ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.hostIPv4)
    static let pairB = ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.otherIPv4)

    static var nomination: Check {
        var check = Check()
        check.useCandidate = true
        return check
    }

    @Test func useCandidateSelectsThePairAndConnects() {
        var agent = Fixture.agent()
        agent.receive(Check(), at: Fixture.start)
        #expect(agent.drainEvents() == [.stateChanged(.checking)])
        #expect(agent.receive(Self.nomination, at: .atSecond(1)) == .accepted)
        #expect(agent.state == .connected)
        #expect(agent.selectedPair == Self.pairA)
        #expect(agent.drainEvents() == [.selectedPairChanged(Self.pairA), .stateChanged(.connected)])
        #expect(agent.drainTransmits().map { $0.messageType } == [.bindingSuccessResponse, .bindingSuccessResponse])
        #expect(agent.counters.nominations == 1)
    }

    @Test func aNominationAsTheFirstCheckPassesThroughChecking() {
        var agent = Fixture.agent()
        agent.receive(Self.nomination, at: Fixture.start)
        #expect(agent.drainEvents() == [.stateChanged(.checking), .selectedPairChanged(Self.pairA), .stateChanged(.connected)])
    }

    @Test func repeatedNominationOfTheSelectedPairReportsNothing() {
        var agent = Fixture.agent()
        agent.receive(Self.nomination, at: Fixture.start)
        _ = agent.drainEvents()
        agent.receive(Self.nomination, at: .atSecond(5))
        agent.receive(Check(), at: .atSecond(10))
        #expect(agent.drainEvents().isEmpty)
        #expect(agent.counters.nominations == 1)
    }

    @Test func aLaterNominationFromANewAddressMovesTheSelection() {
        var agent = Fixture.agent()
        agent.receive(Self.nomination, at: Fixture.start)
        _ = agent.drainEvents()
        // The peer's network changes: it first checks the new path, then nominates it.
        #expect(agent.receive(Check(), from: Fixture.otherIPv4, at: .atSecond(20)) == .accepted)
        #expect(agent.selectedPair == Self.pairA)
        #expect(agent.isValid(Self.pairB, at: .atSecond(20)))
        #expect(agent.drainEvents().isEmpty)
        #expect(agent.receive(Self.nomination, from: Fixture.otherIPv4, at: .atSecond(21)) == .accepted)
        #expect(agent.selectedPair == Self.pairB)
        #expect(agent.state == .connected)
        #expect(agent.drainEvents() == [.selectedPairChanged(Self.pairB)])
        let destinations = agent.drainTransmits().map(\.transmit.destination)
        #expect(destinations == [Fixture.hostIPv4, Fixture.otherIPv4, Fixture.otherIPv4])
        // And back again, across address families.
        agent.receive(Self.nomination, from: Fixture.hostIPv6, at: .atSecond(22))
        let pairV6 = ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.hostIPv6)
        #expect(agent.drainEvents() == [.selectedPairChanged(pairV6)])
        #expect(agent.counters.nominations == 3)
    }

    @Test func onlyTheLatestSelectionIsReportedWhenEventsPileUp() {
        var agent = Fixture.agent()
        agent.receive(Self.nomination, at: Fixture.start)
        agent.receive(Self.nomination, from: Fixture.otherIPv4, at: Fixture.start)
        #expect(agent.drainEvents() == [.stateChanged(.checking), .selectedPairChanged(Self.pairB), .stateChanged(.connected)])
        #expect(agent.selectedPair == Self.pairB)
    }

    @Test func anUnauthenticatedNominationCannotMoveTheSelection() {
        var agent = Fixture.agent()
        agent.receive(Self.nomination, at: Fixture.start)
        _ = agent.drainEvents()
        var forged = Self.nomination
        forged.password = "attackerGuess0123456789"
        #expect(agent.receive(forged, from: Fixture.otherIPv4, at: .atSecond(1)) == .rejected(.unauthorized))
        #expect(agent.selectedPair == Self.pairA)
        #expect(!agent.isValid(Self.pairB, at: .atSecond(1)))
        #expect(agent.drainEvents().isEmpty)
    }

    @Test func afterAMoveTheOldPairStaysValidOnlyUntilItsConsentLapses() {
        var agent = Fixture.agent()
        agent.receive(Self.nomination, at: Fixture.start)
        agent.receive(Self.nomination, from: Fixture.otherIPv4, at: .atSecond(10))
        #expect(agent.selectedPair == Self.pairB)
        // RFC 7675 §5.1: 30 s after the last valid check on it.
        #expect(agent.isValid(Self.pairA, at: .atSecond(30) - .nanoseconds(1)))
        #expect(!agent.isValid(Self.pairA, at: .atSecond(30)))
        #expect(agent.isValid(Self.pairB, at: .atSecond(40) - .nanoseconds(1)))
        #expect(!agent.isValid(Self.pairB, at: .atSecond(40)))
        #expect(agent.validPairs.map { $0.pair } == [Self.pairA, Self.pairB])
        #expect(agent.validPairs.map { $0.lastValidCheck } == [Fixture.start, .atSecond(10)])
    }
}
