import Testing
import ICE
import RTCWire

/// Valid checks get a Binding success response that the peer can verify: XOR-MAPPED-ADDRESS
/// of the source, MESSAGE-INTEGRITY with the local password, FINGERPRINT.
@Suite struct ICEBindingResponseTests {
    @Test func answersAValidIPv4CheckWithItsSourceAddress() throws {
        var agent = Fixture.agent()
        let check = Check()
        #expect(agent.receive(check, at: Fixture.start) == .accepted)
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        let response = sent[0]
        #expect(response.transmit.destination == Fixture.hostIPv4)
        #expect(response.transmit.localInterface == Fixture.interface)
        #expect(response.messageType == .bindingSuccessResponse)
        #expect(response.withMessage { $0.transactionID } == check.transactionID)
        #expect(response.withMessage { $0.xorMappedAddress } == Fixture.hostIPv4)
        // RFC 8489 §14.2 by hand: family 1, port 54321 ^ 0x2112, 192.168.1.2 ^ 0x2112A442.
        let value = response.withMessage { $0.attribute(.xorMappedAddress).map { Array($0.value) } } ?? nil
        #expect(value == [0x00, 0x01, 0xF5, 0x23, 0xE1, 0xBA, 0xA5, 0x40])
        #expect(response.integrity(password: Fixture.local.password) == .valid(.hmacSHA1))
        #expect(response.integrity(password: Fixture.remote.password) == .mismatch(.hmacSHA1))
        #expect(response.fingerprintIsValid)
        #expect(response.transmit.byteCount == 20 + 12 + 24 + 8)
    }

    @Test func answersAnIPv6CheckWithItsSourceAddress() throws {
        var agent = Fixture.agent()
        #expect(agent.receive(Check(), from: Fixture.hostIPv6, at: Fixture.start) == .accepted)
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        #expect(sent[0].transmit.destination == Fixture.hostIPv6)
        #expect(sent[0].withMessage { $0.xorMappedAddress } == Fixture.hostIPv6)
        // Port 61000 ^ 0x2112; 2001:db8::1:2 ^ (magic cookie ‖ transaction ID 0102…0c).
        let value = sent[0].withMessage { $0.attribute(.xorMappedAddress).map { Array($0.value) } } ?? nil
        #expect(value == [0x00, 0x02, 0xCF, 0x5A, 0x01, 0x13, 0xA9, 0xFA, 0x01, 0x02, 0x03, 0x04,
                          0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0B, 0x0E])
        #expect(sent[0].integrity(password: Fixture.local.password) == .valid(.hmacSHA1))
        #expect(sent[0].fingerprintIsValid)
        #expect(agent.isValid(ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.hostIPv6), at: Fixture.start))
    }

    @Test func firstValidCheckMovesToChecking() {
        var agent = Fixture.agent()
        #expect(agent.state == .new)
        agent.receive(Check(), at: Fixture.start)
        #expect(agent.state == .checking)
        #expect(agent.selectedPair == nil)
        #expect(agent.drainEvents() == [.stateChanged(.checking)])
        agent.receive(Check(), at: .atSecond(1))
        #expect(agent.drainEvents().isEmpty)
        #expect(agent.counters.requestsReceived == 2)
        #expect(agent.counters.requestsAccepted == 2)
        _ = agent.drainTransmits()
        #expect(agent.counters.successResponsesSent == 2)
    }

    @Test func answersThroughTheInterfaceTheCheckArrivedOn() {
        var agent = Fixture.agent()
        let second = ICELocalInterface(rawValue: 3)
        agent.receive(Check(), on: second, at: Fixture.start)
        #expect(agent.drainTransmits().map(\.transmit.localInterface) == [second])
        #expect(agent.isValid(ICECandidatePair(localInterface: second, remote: Fixture.hostIPv4), at: Fixture.start))
        #expect(!agent.isValid(ICECandidatePair(localInterface: Fixture.interface, remote: Fixture.hostIPv4), at: Fixture.start))
    }

    @Test func answersBeforeTheRemoteCredentialsAreKnown() {
        var agent = Fixture.agent(remote: nil)
        var check = Check()
        check.username = Fixture.local.usernameFragment + ":anyPeerFrag"
        #expect(agent.receive(check, at: Fixture.start) == .accepted)
        #expect(agent.drainTransmits().first?.integrity(password: Fixture.local.password) == .valid(.hmacSHA1))
        // Once the peer's SDP is known, its fragment must follow the colon.
        agent.setRemoteCredentials(Fixture.remote)
        #expect(agent.receive(check, at: .atSecond(1)) == .dropped(.unknownUsername))
        #expect(agent.receive(Check(), at: .atSecond(1)) == .accepted)
    }

    @Test func dropsStunMessagesThatAreNotBindingRequests() {
        var agent = Fixture.agent()
        for type in [STUNMessageType.bindingIndication, .bindingSuccessResponse, .bindingErrorResponse,
                     STUNMessageType(method: STUNMethod(rawValue: 0x003)!, messageClass: .request)] {
            var check = Check()
            check.messageType = type
            #expect(agent.receive(check, at: Fixture.start) == .dropped(.notBindingRequest))
        }
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.counters.droppedNotBindingRequest == 4)
        #expect(agent.counters.requestsReceived == 0)
        #expect(agent.state == .new)
    }

    @Test func theLargestResponseFitsTheAdvertisedBufferSize() throws {
        var agent = Fixture.agent()
        var check = Check()
        check.extraAttribute = (STUNAttributeType(rawValue: 0x7777), [1, 2, 3, 4])
        agent.receive(check, from: Fixture.hostIPv6, at: Fixture.start)
        agent.receive(Check(), from: Fixture.hostIPv6, at: Fixture.start)
        let sent = agent.drainTransmits(bufferSize: ICELiteAgent.maximumTransmitByteCount)
        try #require(sent.count == 2)
        #expect(sent[0].errorCode == .unknownAttribute)
        #expect(sent[0].transmit.byteCount == ICELiteAgent.maximumTransmitByteCount)
        #expect(sent[1].messageType == .bindingSuccessResponse)
    }

    @Test func aTooSmallBufferDiscardsTheResponseAndCountsIt() {
        var agent = Fixture.agent()
        agent.receive(Check(), at: Fixture.start)
        #expect(agent.drainTransmits(bufferSize: 40).isEmpty)
        #expect(agent.counters.responsesUnsent == 1)
        #expect(agent.counters.successResponsesSent == 0)
        #expect(agent.drainTransmits().isEmpty)
    }
}
