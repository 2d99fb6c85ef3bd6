import Testing
import ICE
import RTCWire

/// RFC 8489 §9.1.3 for short-term credentials, as a lite agent applies it: 400 without
/// USERNAME or MESSAGE-INTEGRITY, 401 when it does not verify (both without integrity of
/// their own), silent drops for other sessions' checks, and no state change on any of them.
@Suite struct ICEAuthenticationTests {
    /// Expects `agent` untouched by rejected checks: still new, nothing valid, no events.
    static func expectNoStateChange(_ agent: inout ICELiteAgent, source: STUNTransportAddress = Fixture.hostIPv4) {
        #expect(agent.state == .new)
        #expect(agent.selectedPair == nil)
        #expect(!agent.isValid(ICECandidatePair(localInterface: Fixture.interface, remote: source), at: Fixture.start))
        #expect(agent.drainEvents().isEmpty)
        #expect(agent.counters.requestsAccepted == 0)
    }

    @Test func wrongPasswordGets401WithoutMessageIntegrity() throws {
        var agent = Fixture.agent()
        var check = Check()
        check.password = Fixture.remote.password
        check.useCandidate = true
        #expect(agent.receive(check, at: Fixture.start) == .rejected(.unauthorized))
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        #expect(sent[0].transmit.destination == Fixture.hostIPv4)
        #expect(sent[0].messageType == .bindingErrorResponse)
        #expect(sent[0].errorCode == .unauthorized)
        #expect(!sent[0].hasMessageIntegrity)
        #expect(sent[0].fingerprintIsValid)
        #expect(sent[0].withMessage { $0.transactionID } == check.transactionID)
        #expect(agent.counters.rejectedUnauthorized == 1)
        #expect(agent.counters.errorResponsesSent == 1)
        Self.expectNoStateChange(&agent)
    }

    @Test func missingMessageIntegrityGets400() throws {
        var agent = Fixture.agent()
        var check = Check()
        check.password = nil
        check.useCandidate = true
        #expect(agent.receive(check, at: Fixture.start) == .rejected(.badRequest))
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        #expect(sent[0].errorCode == .badRequest)
        #expect(!sent[0].hasMessageIntegrity)
        #expect(sent[0].fingerprintIsValid)
        #expect(agent.counters.rejectedBadRequest == 1)
        Self.expectNoStateChange(&agent)
    }

    @Test func missingUsernameGets400() throws {
        var agent = Fixture.agent()
        var check = Check()
        check.username = nil
        #expect(agent.receive(check, at: Fixture.start) == .rejected(.badRequest))
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        #expect(sent[0].errorCode == .badRequest)
        #expect(!sent[0].hasMessageIntegrity)
        Self.expectNoStateChange(&agent)
    }

    @Test func checksForAnotherSessionAreDroppedSilently() {
        var agent = Fixture.agent()
        let usernames = [
            "otherFrag:" + Fixture.remote.usernameFragment,       // another agent's fragment
            Fixture.local.usernameFragment + ":" + "Brw6",        // another remote session
            Fixture.local.usernameFragment,                       // no colon
            Fixture.local.usernameFragment + ":",                 // empty sender
            Fixture.local.usernameFragment + "x:" + Fixture.remote.usernameFragment, // longer prefix
        ]
        for username in usernames {
            var check = Check()
            check.username = username
            #expect(agent.receive(check, at: Fixture.start) == .dropped(.unknownUsername), "\(username)")
        }
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.counters.droppedUnknownUsername == UInt64(usernames.count))
        Self.expectNoStateChange(&agent)
    }

    @Test func wrongFingerprintIsDroppedEvenWithTheRightPassword() {
        var agent = Fixture.agent()
        var check = Check()
        check.fingerprint = .corrupted
        #expect(agent.receive(check, at: Fixture.start) == .dropped(.badFingerprint))
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.counters.droppedBadFingerprint == 1)
        Self.expectNoStateChange(&agent)
    }

    @Test func absentFingerprintIsTolerated() {
        var agent = Fixture.agent()
        var check = Check()
        check.fingerprint = .absent
        #expect(agent.receive(check, at: Fixture.start) == .accepted)
        #expect(agent.drainTransmits().first?.fingerprintIsValid == true)
    }

    @Test func aPeerClaimingTheControlledRoleGets487() throws {
        var agent = Fixture.agent()
        var check = Check()
        check.role = .controlled
        check.useCandidate = true
        #expect(agent.receive(check, at: Fixture.start) == .rejected(.roleConflict))
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        #expect(sent[0].errorCode == .roleConflict)
        // The request was authenticated, so the answer is too (RFC 8489 §9.1.3 only forbids
        // integrity on 400 and 401).
        #expect(sent[0].integrity(password: Fixture.local.password) == .valid(.hmacSHA1))
        #expect(sent[0].fingerprintIsValid)
        #expect(agent.counters.rejectedRoleConflict == 1)
        Self.expectNoStateChange(&agent)
    }

    @Test func aCheckWithoutRoleAttributeIsAccepted() {
        var agent = Fixture.agent()
        var check = Check()
        check.role = .none
        #expect(agent.receive(check, at: Fixture.start) == .accepted)
    }

    @Test func unknownComprehensionRequiredAttributeGets420ListingIt() throws {
        var agent = Fixture.agent()
        var check = Check()
        check.extraAttribute = (STUNAttributeType(rawValue: 0x7777), [0xAA])
        check.useCandidate = true
        #expect(agent.receive(check, at: Fixture.start) == .rejected(.unknownAttribute))
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        #expect(sent[0].errorCode == .unknownAttribute)
        let listed = sent[0].withMessage { message in message.unknownAttributes.map { Array($0) } } ?? nil
        #expect(listed == [STUNAttributeType(rawValue: 0x7777)])
        #expect(sent[0].integrity(password: Fixture.local.password) == .valid(.hmacSHA1))
        #expect(agent.counters.rejectedUnknownAttribute == 1)
        Self.expectNoStateChange(&agent)
    }

    @Test func unknownComprehensionOptionalAttributeIsIgnored() {
        var agent = Fixture.agent()
        var check = Check()
        check.extraAttribute = (STUNAttributeType(rawValue: 0xC057), [0, 1, 0, 0])
        #expect(agent.receive(check, at: Fixture.start) == .accepted)
    }
}
