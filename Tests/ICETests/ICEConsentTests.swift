import Testing
import ICE
import RTCWire

/// Consent freshness as the lite side sees it (RFC 7675 §5.1): valid checks on the selected
/// pair keep consent for 30 s each; silence for 30 s fails the agent, exactly on time. Before
/// nomination, the connect timeout does the same.
@Suite struct ICEConsentTests {
    static let pair = ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.hostIPv4)

    static func connectedAgent() -> ICELiteAgent {
        var agent = Fixture.agent()
        var nomination = Check()
        nomination.useCandidate = true
        agent.receive(nomination, at: Fixture.start)
        _ = agent.drainEvents()
        _ = agent.drainTransmits()
        return agent
    }

    @Test func checksEveryFiveSecondsKeepConsentForTwoMinutes() {
        var agent = Self.connectedAgent()
        var now = Fixture.start
        var answered = 0
        for _ in 0..<24 {
            now = now + .seconds(5)
            agent.handleTimeout(now: now)
            #expect(agent.receive(Check(), at: now) == .accepted)
            #expect(agent.pollTimeout() == now + .seconds(30))
            answered += agent.drainTransmits().count
        }
        #expect(now == .atSecond(120))
        #expect(agent.state == .connected)
        #expect(agent.drainEvents().isEmpty)
        #expect(answered == 24)
    }

    @Test func silenceExpiresConsentExactlyThirtySecondsAfterTheLastCheck() {
        var agent = Self.connectedAgent()
        let lastConsent = Timestamp.atSecond(7)
        agent.receive(Check(), at: lastConsent)
        _ = agent.drainTransmits()
        let deadline = lastConsent + .seconds(30)
        #expect(agent.pollTimeout() == deadline)
        agent.handleTimeout(now: deadline - .nanoseconds(1))
        #expect(agent.state == .connected)
        #expect(agent.drainEvents().isEmpty)
        agent.handleTimeout(now: deadline)
        #expect(agent.state == .failed)
        #expect(agent.drainEvents() == [.consentExpired(Self.pair), .stateChanged(.failed)])
        #expect(agent.pollTimeout() == nil)
        #expect(agent.selectedPair == Self.pair)
    }

    @Test func checksOnAnotherPairAreNotConsentForTheSelectedOne() {
        var agent = Self.connectedAgent()
        for second in stride(from: Int64(5), through: 25, by: 5) {
            #expect(agent.receive(Check(), from: Fixture.otherIPv4, at: .atSecond(second)) == .accepted)
        }
        #expect(agent.pollTimeout() == .atSecond(30))
        agent.handleTimeout(now: .atSecond(30))
        #expect(agent.drainEvents() == [.consentExpired(Self.pair), .stateChanged(.failed)])
    }

    @Test func rejectedChecksAreNotConsent() {
        var agent = Self.connectedAgent()
        var forged = Check()
        forged.password = "attackerGuess0123456789"
        agent.receive(forged, at: .atSecond(20))
        var controlled = Check()
        controlled.role = .controlled
        agent.receive(controlled, at: .atSecond(21))
        #expect(agent.pollTimeout() == .atSecond(30))
    }

    @Test func aCheckArrivingAfterTheDeadlineDoesNotRevive() {
        var agent = Self.connectedAgent()
        // The owner was late to call handleTimeout: the check at 31 s finds consent expired.
        #expect(agent.receive(Check(), at: .atSecond(31)) == .dropped(.agentInactive))
        #expect(agent.state == .failed)
        #expect(agent.drainEvents() == [.consentExpired(Self.pair), .stateChanged(.failed)])
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.counters.droppedAgentInactive == 1)
    }

    @Test func withoutNominationTheAgentFailsAtTheConnectTimeout() {
        var agent = Fixture.agent(configuration: ICEAgentConfiguration(connectTimeout: .seconds(20)))
        #expect(agent.pollTimeout() == .atSecond(20))
        // Valid checks without a nomination do not extend it.
        agent.receive(Check(), at: .atSecond(19))
        #expect(agent.pollTimeout() == .atSecond(20))
        agent.handleTimeout(now: .atSecond(20) - .nanoseconds(1))
        #expect(agent.state == .checking)
        agent.handleTimeout(now: .atSecond(20))
        #expect(agent.state == .failed)
        #expect(agent.drainEvents() == [.stateChanged(.checking), .connectTimedOut, .stateChanged(.failed)])
        // The response to the check at 19 s was never polled: it is discarded, not sent late.
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.counters.responsesUnsent == 1)
    }

    @Test func aConfiguredConsentTimeoutIsHonoured() {
        var agent = Fixture.agent(configuration: ICEAgentConfiguration(consentTimeout: .seconds(10)))
        var nomination = Check()
        nomination.useCandidate = true
        agent.receive(nomination, at: .atSecond(2))
        #expect(agent.pollTimeout() == .atSecond(12))
    }

    @Test func closingIsFinal() {
        var agent = Self.connectedAgent()
        agent.receive(Check(), at: .atSecond(1))
        agent.close()
        #expect(agent.state == .closed)
        #expect(agent.drainEvents() == [.stateChanged(.closed)])
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.pollTimeout() == nil)
        #expect(agent.receive(Check(), at: .atSecond(2)) == .dropped(.agentInactive))
        agent.close()
        agent.handleTimeout(now: .atSecond(100))
        #expect(agent.drainEvents().isEmpty)
    }
}
