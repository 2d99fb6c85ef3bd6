import TestSupport
import Testing
import ICE
import RTCWire

/// No datagram traps the agent, malformed ones are dropped and counted, and nothing
/// unauthenticated ever gets a success response or changes the selection.
@Suite struct ICERobustnessTests {
    @Test func malformedDatagramsAreDroppedAndCounted() {
        var agent = Fixture.agent()
        var valid = Check().bytes
        valid[2] = 0xFF // declared length disagrees with the datagram
        let datagrams: [[UInt8]] = [
            [],
            Array(Check().bytes.prefix(19)),
            [0x80, 0x60, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 20), // RTP
            [0x16, 0xFE, 0xFD] + [UInt8](repeating: 0, count: 30), // DTLS
            [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x43] + [UInt8](repeating: 0, count: 12), // wrong cookie
            valid,
            [0x00, 0x01, 0x00, 0x04, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12)
                + [0x00, 0x06, 0x00, 0x09], // attribute runs past the end
        ]
        for datagram in datagrams {
            let outcome = datagram.withUnsafeBytes { agent.handleSTUN($0, from: Fixture.hostIPv4, on: Fixture.interface, now: Fixture.start) }
            guard case .dropped(.malformed) = outcome else {
                Issue.record("\(datagram.count)-byte datagram gave \(outcome)")
                continue
            }
        }
        #expect(agent.counters.droppedMalformed == UInt64(datagrams.count))
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.state == .new)
    }

    /// Seeds for mutation: every kind of check the agent answers differently, each also
    /// without FINGERPRINT so that a flipped bit reaches the integrity check instead of
    /// failing the CRC.
    static func seeds() -> [[UInt8]] {
        var nomination = Check()
        nomination.useCandidate = true
        var wrongPassword = Check()
        wrongPassword.password = Fixture.remote.password
        var noIntegrity = Check()
        noIntegrity.password = nil
        var controlled = Check()
        controlled.role = .controlled
        var unknown = Check()
        unknown.extraAttribute = (STUNAttributeType(rawValue: 0x0042), [1, 2, 3])
        var indication = Check()
        indication.messageType = .bindingIndication
        let checks = [Check(), nomination, wrongPassword, noIntegrity, controlled, unknown, indication]
        return checks.flatMap { check -> [[UInt8]] in
            var withoutFingerprint = check
            withoutFingerprint.fingerprint = .absent
            return [check.bytes, withoutFingerprint.bytes]
        }
    }

    /// What an authenticated check is, decided from the bytes without the agent: a Binding
    /// request whose USERNAME starts with "<local ufrag>:" and whose integrity verifies with
    /// the local password.
    static func isAuthenticated(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard case .success(let message) = STUNMessage.parse(bytes),
              message.messageType == .bindingRequest,
              let fragments = message.iceUsernameFragments,
              fragments.recipient.elementsEqual(Fixture.local.usernameFragment.utf8)
        else { return false }
        return message.verifyIntegrity(key: STUNIntegrityKey(Array(Fixture.local.password.utf8))).isValid
    }

    @Test(arguments: [Optional(Fixture.remote), nil])
    func tenThousandRandomAndMutatedDatagramsPerAgent(remote: ICECredentials?) {
        var agent = Fixture.agent(remote: remote)
        var now = Fixture.start
        var index = 0
        var accepted = 0
        var forgedSuccesses = 0
        var unverifiableResponses = 0
        var genuine = Check()
        genuine.useCandidate = true
        let genuineBytes = genuine.bytes
        var genuineAccepted = 0
        forEachMutatedPacket(count: 10_000, seed: remote == nil ? 0x1CE : 0x11CE, seeds: Self.seeds()) { buffer in
            index += 1
            now = now + .milliseconds(1)
            let source = Fixture.address(index % 20)
            let interface = ICELocalInterface(rawValue: UInt8(index % 2))
            // Every 500th datagram is a genuine nomination, so the agent stays connected and
            // the mutated ones meet every state.
            if index % 500 == 0 {
                let outcome = genuineBytes.withUnsafeBytes { agent.handleSTUN($0, from: source, on: interface, now: now) }
                if outcome == .accepted { genuineAccepted += 1 }
                _ = agent.drainTransmits()
            }
            let bytes = UnsafeRawBufferPointer(buffer)
            let authenticated = Self.isAuthenticated(bytes)
            let selectionBefore = agent.selectedPair
            let outcome = agent.handleSTUN(bytes, from: source, on: interface, now: now)
            if outcome == .accepted {
                accepted += 1
                if !authenticated { forgedSuccesses += 1 }
            } else if agent.selectedPair != selectionBefore {
                forgedSuccesses += 1
            }
            for sent in agent.drainTransmits() {
                if sent.messageType == .bindingSuccessResponse && !authenticated { forgedSuccesses += 1 }
                if sent.hasMessageIntegrity && sent.integrity(password: Fixture.local.password) != .valid(.hmacSHA1) {
                    unverifiableResponses += 1
                }
                if sent.transmit.destination != source || !sent.fingerprintIsValid { unverifiableResponses += 1 }
            }
            _ = agent.drainEvents()
        }
        #expect(forgedSuccesses == 0)
        #expect(unverifiableResponses == 0)
        #expect(agent.state == .connected)
        #expect(agent.selectedPair != nil)
        let counters = agent.counters
        let dropped = counters.droppedAgentInactive + counters.droppedMalformed + counters.droppedNotBindingRequest
            + counters.droppedBadFingerprint + counters.droppedUnknownUsername + counters.droppedCandidatePairTableFull
            + counters.droppedTransmitQueueFull
        let rejected = counters.rejectedBadRequest + counters.rejectedUnauthorized + counters.rejectedUnknownAttribute
            + counters.rejectedRoleConflict
        #expect(genuineAccepted == 20)
        // The mutations reach every stage of the checks, not just the parser.
        #expect(counters.droppedMalformed > 0 && counters.droppedBadFingerprint > 0)
        #expect(counters.droppedNotBindingRequest > 0 && counters.droppedUnknownUsername > 0)
        #expect(counters.rejectedBadRequest > 0 && counters.rejectedUnauthorized > 0)
        #expect(counters.rejectedRoleConflict > 0 && counters.rejectedUnknownAttribute > 0)
        #expect(counters.requestsAccepted + rejected + dropped == 10_000 + 20)
        #expect(counters.requestsAccepted == UInt64(accepted + genuineAccepted))
    }
}
