// The controlling agent's own requests, and what it makes of responses and requests built by
// hand: forged, broken, and valid ones.

import ICE
import RTCWire
import TestSupport
import Testing

/// A Binding response as the lite peer would send it, with knobs to break it.
struct Response {
    var transactionID: STUNTransactionID
    /// The MESSAGE-INTEGRITY key; nil leaves the attribute out. The lite peer signs with its
    /// own password, the controlling agent's remote one.
    var password: String? = Fixture.local.password
    var mapped: STUNTransportAddress? = ControllingLink.controllingAddress
    var fingerprint = Check.Fingerprint.valid
    /// Set for an error response.
    var errorCode: STUNErrorCode?

    init(answering transactionID: STUNTransactionID) { self.transactionID = transactionID }

    var bytes: [UInt8] {
        Check.message(type: errorCode == nil ? .bindingSuccessResponse : .bindingErrorResponse, transactionID: transactionID,
                      password: password, fingerprint: fingerprint) { builder in
            if let errorCode { builder.appendErrorCode(errorCode) }
            if let mapped { builder.appendXORMappedAddress(mapped) }
        }
    }
}

enum Controlling {
    static let tieBreaker: UInt64 = 0x0123_4567_89AB_CDEF
    static let start = Fixture.start

    static func agent(candidates: [STUNTransportAddress] = [ControllingLink.liteAddress],
                      configuration: ICEControllingConfiguration = .init(),
                      tieBreaker: UInt64 = Controlling.tieBreaker) -> ICEControllingAgent {
        ICEControllingAgent(localCredentials: Fixture.remote, remoteCredentials: Fixture.local,
                            remoteCandidates: candidates, tieBreaker: tieBreaker, configuration: configuration,
                            now: start)
    }

    /// A check from the peer to the controlling agent (USERNAME "<its ufrag>:<peer's ufrag>",
    /// signed with its password), as a full peer would send it.
    static func peerCheck() -> Check {
        var check = Check()
        check.username = Fixture.remote.usernameFragment + ":" + Fixture.local.usernameFragment
        check.password = Fixture.remote.password
        check.role = .controlled
        return check
    }

    /// Answers the agent's outstanding check and then its nomination, at `start`.
    static func connect(_ agent: inout ICEControllingAgent) {
        for _ in 0..<2 {
            guard let request = agent.drainTransmits().last?.transactionID else { return }
            agent.receive(Response(answering: request))
        }
    }
}

extension Sent {
    var transactionID: STUNTransactionID? { withMessage { $0.transactionID } }
    var useCandidate: Bool { withMessage { $0.useCandidate } ?? false }
}

extension ICEControllingAgent {
    @discardableResult
    mutating func receive(_ response: Response, from source: STUNTransportAddress = ControllingLink.liteAddress,
                          at now: Timestamp = Controlling.start) -> ICEControllingInput {
        response.bytes.withUnsafeBytes { handleSTUN($0, from: source, now: now) }
    }

    @discardableResult
    mutating func receive(_ check: Check, from source: STUNTransportAddress = ControllingLink.liteAddress,
                          at now: Timestamp = Controlling.start) -> ICEControllingInput {
        check.bytes.withUnsafeBytes { handleSTUN($0, from: source, now: now) }
    }

    mutating func drainTransmits(bufferSize: Int = ICEControllingAgent.maximumTransmitByteCount) -> [Sent] {
        var sent: [Sent] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        while let transmit = buffer.withUnsafeMutableBytes({ pollTransmit(into: $0) }) {
            sent.append(Sent(transmit: transmit, bytes: Array(buffer[0..<transmit.byteCount])))
        }
        return sent
    }

    mutating func drainEvents() -> [ICEEvent] {
        var events: [ICEEvent] = []
        while let event = pollEvent() { events.append(event) }
        return events
    }
}

@Suite("ICEControllingAgent: requests it sends, responses it believes")
struct ICEControllingResponseTests {
    @Test func theFirstCheckCarriesWhatALitePeerVerifies() throws {
        var agent = Controlling.agent()
        #expect(agent.state == .checking)
        let sent = agent.drainTransmits()
        try #require(sent.count == 1)
        let check = sent[0]
        #expect(check.transmit.destination == ControllingLink.liteAddress)
        #expect(check.transmit.localInterface == ICELocalInterface(rawValue: 0))
        #expect(check.messageType == .bindingRequest)
        #expect(check.withMessage { $0.username.map { String(decoding: $0, as: UTF8.self) } } ==
                Fixture.local.usernameFragment + ":" + Fixture.remote.usernameFragment)
        // Peer-reflexive: (2^24)·110 + (2^8)·65535 + 255.
        #expect(check.withMessage { $0.priority } == 0x6EFF_FFFF)
        #expect(check.withMessage { $0.iceControlling } == Controlling.tieBreaker)
        #expect((check.withMessage { $0.iceControlled } ?? nil) == nil)
        #expect(!check.useCandidate)
        #expect(check.integrity(password: Fixture.local.password)?.isValid == true)
        #expect(check.integrity(password: Fixture.remote.password)?.isValid == false)
        #expect(check.fingerprintIsValid)
    }

    @Test func aCheckWithLongestCredentialsFitsTheAdvertisedBuffer() throws {
        // "remote:local" of 256 + 1 + 251 bytes: the longest USERNAME STUN allows.
        let remote = try ICECredentials(usernameFragment: String(repeating: "r", count: 256),
                                        password: String(repeating: "p", count: 256))
        let local = try ICECredentials(usernameFragment: String(repeating: "l", count: 251),
                                       password: String(repeating: "q", count: 256))
        var agent = ICEControllingAgent(localCredentials: local, remoteCredentials: remote,
                                        remoteCandidates: [ControllingLink.liteAddress], tieBreaker: 1, now: .zero)
        agent.handleTimeout(now: .zero)
        var buffer = [UInt8](repeating: 0, count: ICEControllingAgent.maximumTransmitByteCount)
        let transmit = buffer.withUnsafeMutableBytes { agent.pollTransmit(into: $0) }
        #expect(transmit?.byteCount == ICEControllingAgent.maximumTransmitByteCount - 4) // no USE-CANDIDATE yet
        // One byte more cannot be sent at all: counted, never trapped.
        let tooLong = try ICECredentials(usernameFragment: String(repeating: "l", count: 252),
                                         password: String(repeating: "q", count: 256))
        var refused = ICEControllingAgent(localCredentials: tooLong, remoteCredentials: remote,
                                          remoteCandidates: [ControllingLink.liteAddress], tieBreaker: 1, now: .zero)
        #expect(refused.drainTransmits(bufferSize: 2048).isEmpty)
        #expect(refused.counters.transmitsUnsent == 1)
        var small = Controlling.agent()
        #expect(small.drainTransmits(bufferSize: 60).isEmpty)
        #expect(small.counters.transmitsUnsent == 1)
    }

    @Test func unansweredChecksAreRetransmittedWithADoublingTimeoutThenGivenUp() {
        var agent = Controlling.agent(configuration: ICEControllingConfiguration(connectTimeout: .seconds(20)))
        var now = Controlling.start
        var times: [Int64] = []
        var ids: Set<STUNTransactionID> = []
        for _ in 0..<50 {
            for sent in agent.drainTransmits() {
                times.append(now.nanoseconds(since: Controlling.start) / 1_000_000)
                if let id = sent.transactionID { ids.insert(id) }
            }
            guard let next = agent.pollTimeout(), next < Controlling.start + .seconds(20) else { break }
            now = next
            agent.handleTimeout(now: now)
        }
        #expect(times == [0, 100, 300, 700, 1500, 3100, 4700])
        #expect(ids.count == 1)
        #expect(agent.counters.checksSent == 1)
        #expect(agent.counters.retransmissionsSent == 6)
        // Given up at 4.7 s + 1.6 s; only the connect timeout is left.
        #expect(agent.pollTimeout() == Controlling.start + .seconds(20))
        #expect(agent.state == .checking)
    }
}

@Suite("ICEControllingAgent: forged and broken responses")
struct ICEControllingForgeryTests {
    /// A fresh agent and the transaction ID of its first check.
    static func checking() -> (ICEControllingAgent, STUNTransactionID) {
        var agent = Controlling.agent()
        let id = agent.drainTransmits()[0].transactionID!
        return (agent, id)
    }

    @Test func brokenResponsesAreDroppedAndChangeNothing() {
        var (agent, id) = Self.checking()
        var wrongKey = Response(answering: id)
        wrongKey.password = Fixture.remote.password
        var unsigned = Response(answering: id)
        unsigned.password = nil
        var corrupted = Response(answering: id)
        corrupted.fingerprint = .corrupted
        var noFingerprint = Response(answering: id)
        noFingerprint.fingerprint = .absent
        var noMapped = Response(answering: id)
        noMapped.mapped = nil
        let otherID = Response(answering: STUNTransactionID(high: id.high ^ 1, low: id.low))
        var signedConflictWrongKey = Response(answering: id)
        signedConflictWrongKey.errorCode = .roleConflict
        signedConflictWrongKey.password = Fixture.remote.password
        signedConflictWrongKey.mapped = nil

        #expect(agent.receive(wrongKey) == .dropped(.badIntegrity))
        #expect(agent.receive(unsigned) == .dropped(.badIntegrity))
        #expect(agent.receive(corrupted) == .dropped(.badFingerprint))
        #expect(agent.receive(noFingerprint) == .dropped(.badFingerprint))
        #expect(agent.receive(noMapped) == .dropped(.missingMappedAddress))
        #expect(agent.receive(otherID) == .dropped(.unknownTransaction))
        #expect(agent.receive(Response(answering: id), from: ControllingLink.unreachable) == .dropped(.unexpectedSource))
        #expect(agent.receive(signedConflictWrongKey) == .dropped(.badIntegrity))
        #expect(agent.counters.dropped == 8)
        #expect(agent.state == .checking)
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.drainEvents() == [.stateChanged(.checking)])

        // The real answer still works afterwards: the pair is nominated.
        #expect(agent.receive(Response(answering: id)) == .accepted)
        let nomination = agent.drainTransmits()
        #expect(nomination.count == 1)
        #expect(nomination.first?.useCandidate == true)
        #expect(nomination.first?.transactionID != id)
        // A second copy of the answer names a finished transaction.
        #expect(agent.receive(Response(answering: id)) == .dropped(.unknownTransaction))
        #expect(agent.receive(Response(answering: nomination[0].transactionID!)) == .accepted)
        #expect(agent.state == .connected)
        #expect(agent.selectedRemote == ControllingLink.liteAddress)
    }

    @Test func aRoleConflictAnswerFailsTheAgent() {
        var (agent, id) = Self.checking()
        var conflict = Response(answering: id)
        conflict.errorCode = .roleConflict
        conflict.mapped = nil
        #expect(agent.receive(conflict) == .accepted)
        #expect(agent.state == .failed)
        #expect(agent.failure == .roleConflict)
        #expect(agent.drainEvents().last == .stateChanged(.failed))
        #expect(agent.pollTimeout() == nil)
        #expect(agent.receive(Response(answering: id)) == .dropped(.agentInactive))
    }

    @Test func otherErrorsFailOnlyThatCheck() {
        var (agent, id) = Self.checking()
        var unauthorized = Response(answering: id)
        unauthorized.errorCode = .unauthorized
        unauthorized.mapped = nil
        unauthorized.password = nil
        #expect(agent.receive(unauthorized) == .accepted)
        #expect(agent.counters.errorResponsesReceived == 1)
        #expect(agent.state == .checking)
        // Nothing left to retransmit: only the connect deadline remains.
        #expect(agent.pollTimeout() == Controlling.start + ICEControllingConfiguration().connectTimeout)
    }

    @Test func aFailedNominationMovesToAnotherSucceededPair() {
        let second = STUNTransportAddress.ipv4(address: 0x0A00_0002, port: 3478)
        var agent = Controlling.agent(candidates: [ControllingLink.liteAddress, second])
        let firstCheck = agent.drainTransmits()[0].transactionID!
        agent.handleTimeout(now: Controlling.start + ICEControllingAgent.pacingInterval)
        let secondCheck = agent.drainTransmits()[0]
        #expect(secondCheck.transmit.destination == second)
        let at = Controlling.start + ICEControllingAgent.pacingInterval
        agent.receive(Response(answering: firstCheck), at: at)
        let nomination = agent.drainTransmits()[0].transactionID!
        agent.receive(Response(answering: secondCheck.transactionID!), from: second, at: at)
        #expect(agent.drainTransmits().isEmpty) // one nomination at a time
        var refused = Response(answering: nomination)
        refused.errorCode = .serverError
        refused.mapped = nil
        agent.receive(refused, at: at)
        let renomination = agent.drainTransmits()
        #expect(renomination.count == 1)
        #expect(renomination.first?.transmit.destination == second)
        #expect(renomination.first?.useCandidate == true)
    }

    @Test func checksFromThePeerAreAnswered() {
        var agent = Controlling.agent()
        _ = agent.drainTransmits()
        let check = Controlling.peerCheck()
        #expect(agent.receive(check, from: ControllingLink.liteAddress) == .answeredRequest)
        let answer = agent.drainTransmits()
        #expect(answer.count == 1)
        #expect(answer.first?.messageType == .bindingSuccessResponse)
        #expect(answer.first?.transactionID == check.transactionID)
        #expect(answer.first?.withMessage { $0.xorMappedAddress } == ControllingLink.liteAddress)
        #expect(answer.first?.integrity(password: Fixture.remote.password)?.isValid == true)
        #expect(answer.first?.fingerprintIsValid == true)
        #expect(answer.first?.transmit.destination == ControllingLink.liteAddress)

        var controlling = Controlling.peerCheck()
        controlling.role = .controlling
        #expect(agent.receive(controlling) == .answeredRequest)
        let conflict = agent.drainTransmits()
        #expect(conflict.first?.errorCode == .roleConflict)
        #expect(conflict.first?.integrity(password: Fixture.remote.password)?.isValid == true)
        #expect(agent.counters.requestsAnswered == 2)
        #expect(agent.state == .checking)
    }

    @Test func badChecksFromThePeerAreDropped() {
        var agent = Controlling.agent()
        _ = agent.drainTransmits()
        var wrongUsername = Controlling.peerCheck()
        wrongUsername.username = Fixture.local.usernameFragment + ":" + Fixture.remote.usernameFragment
        var wrongPassword = Controlling.peerCheck()
        wrongPassword.password = Fixture.local.password
        var unsigned = Controlling.peerCheck()
        unsigned.password = nil
        var corrupted = Controlling.peerCheck()
        corrupted.fingerprint = .corrupted
        var indication = Controlling.peerCheck()
        indication.messageType = .bindingIndication
        #expect(agent.receive(wrongUsername) == .dropped(.unknownUsername))
        #expect(agent.receive(wrongPassword) == .dropped(.badIntegrity))
        #expect(agent.receive(unsigned) == .dropped(.badIntegrity))
        #expect(agent.receive(corrupted) == .dropped(.badFingerprint))
        #expect(agent.receive(indication) == .dropped(.notBindingMessage))
        #expect(agent.drainTransmits().isEmpty)
    }

    @Test func aFloodOfChecksCannotGrowTheQueue() {
        var agent = Controlling.agent()
        _ = agent.drainTransmits()
        var outcomes: [ICEControllingInput] = []
        for _ in 0..<(ICEControllingAgent.transmitQueueCapacity + 5) {
            outcomes.append(agent.receive(Controlling.peerCheck()))
        }
        #expect(outcomes.filter { $0 == .answeredRequest }.count == ICEControllingAgent.transmitQueueCapacity)
        #expect(outcomes.filter { $0 == .dropped(.transmitQueueFull) }.count == 5)
        #expect(agent.drainTransmits().count == ICEControllingAgent.transmitQueueCapacity)
    }

    @Test func closingIsFinal() {
        var agent = Controlling.agent()
        agent.close()
        #expect(agent.state == .closed)
        #expect(agent.pollTimeout() == nil)
        #expect(agent.drainTransmits().isEmpty)
        #expect(agent.drainEvents() == [.stateChanged(.checking), .stateChanged(.closed)])
        #expect(agent.receive(Controlling.peerCheck()) == .dropped(.agentInactive))
        agent.handleTimeout(now: .distantFuture)
        #expect(agent.state == .closed)
    }

    @Test func consentChecksAreJitteredDeterministicallyFromTheTieBreaker() {
        func consentTimes(tieBreaker: UInt64) -> [Int64] {
            var agent = Controlling.agent(configuration: ICEControllingConfiguration(consentInterval: .seconds(1),
                                                                                     consentTimeout: .seconds(30)),
                                          tieBreaker: tieBreaker)
            Controlling.connect(&agent)
            #expect(agent.state == .connected)
            var times: [Int64] = []
            var now = Controlling.start
            for _ in 0..<1000 where times.count < 20 {
                for sent in agent.drainTransmits() {
                    times.append(now.nanoseconds(since: Controlling.start))
                    agent.receive(Response(answering: sent.transactionID!), at: now)
                }
                guard let next = agent.pollTimeout() else { break }
                now = next
                agent.handleTimeout(now: now)
            }
            return times
        }
        let times = consentTimes(tieBreaker: 42)
        #expect(times.count == 20)
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { (800_000_000...1_200_000_000).contains($0) })
        #expect(Set(gaps).count > 10)
        #expect(consentTimes(tieBreaker: 42) == times)
        #expect(consentTimes(tieBreaker: 43) != times)
    }

    @Test func randomAndMutatedDatagramsNeverTrap() {
        var (agent, id) = Self.checking()
        var conflict = Response(answering: id)
        conflict.errorCode = .roleConflict
        var unsignedError = Response(answering: id)
        unsignedError.errorCode = .unauthorized
        unsignedError.password = nil
        var noFingerprint = Response(answering: id)
        noFingerprint.fingerprint = .absent
        var controllingCheck = Controlling.peerCheck()
        controllingCheck.role = .controlling
        let seeds = [Response(answering: id).bytes, conflict.bytes, unsignedError.bytes, noFingerprint.bytes,
                     Controlling.peerCheck().bytes, controllingCheck.bytes]
        var inputs = 0
        var sinceReset: UInt64 = 0
        var miscounted = 0
        var now = Controlling.start
        forEachMutatedPacket(count: 20_000, seed: 0xC0FFEE, seeds: seeds) { bytes in
            inputs += 1
            if inputs % 2_000 == 0 {
                agent = Controlling.agent(tieBreaker: UInt64(inputs))
                _ = agent.drainTransmits()
                sinceReset = 0
            }
            now = now + .microseconds(100)
            agent.handleSTUN(UnsafeRawBufferPointer(bytes), from: ControllingLink.liteAddress, now: now)
            sinceReset += 1
            _ = agent.drainTransmits()
            _ = agent.drainEvents()
            let counters = agent.counters
            let counted = counters.successResponsesReceived + counters.errorResponsesReceived
                + counters.requestsAnswered + counters.dropped
            if counted != sinceReset { miscounted += 1 }
        }
        #expect(miscounted == 0)
        #expect(inputs == 20_000)
    }
}
