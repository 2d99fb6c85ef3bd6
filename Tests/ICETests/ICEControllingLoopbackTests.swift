// The controlling agent against the real ICELiteAgent in one process: datagrams are carried by
// hand on simulated time, optionally losing some.

import ICE
import RTCWire
import Testing

/// Two agents and the network between them: the controlling one (the load harness's peer, with
/// the browser fixture's credentials) at `controllingAddress`, the lite one (the SFU's) at
/// `liteAddress`. Datagrams arrive the instant they are sent; those to other addresses vanish.
struct ControllingLink {
    static let controllingAddress = Fixture.hostIPv4
    static let liteAddress = STUNTransportAddress.ipv4(address: 0x0A00_0001, port: 3478)
    /// An address nothing answers from.
    static let unreachable = STUNTransportAddress.ipv4(address: 0xC633_6407, port: 9)

    var controlling: ICEControllingAgent
    var lite: ICELiteAgent
    var now = Fixture.start
    /// Datagrams (either direction, in send order) to lose before delivering any.
    var loseFirst = 0
    /// Once set, every datagram sent at or after this time is lost.
    var blackoutFrom: Timestamp?
    var sent = 0
    var lost = 0
    var controllingEvents: [ICEEvent] = []
    var liteEvents: [ICEEvent] = []
    /// When the controlling agent reported `connected`.
    var connectedAt: Timestamp?

    init(candidates: [STUNTransportAddress] = [ControllingLink.liteAddress],
         remotePassword: String = Fixture.local.password,
         configuration: ICEControllingConfiguration = .init(),
         liteConfiguration: ICEAgentConfiguration = .init(),
         tieBreaker: UInt64 = 0x1234_5678_9ABC_DEF0) {
        let remote = try! ICECredentials(usernameFragment: Fixture.local.usernameFragment, password: remotePassword)
        controlling = ICEControllingAgent(localCredentials: Fixture.remote, remoteCredentials: remote,
                                          remoteCandidates: candidates, tieBreaker: tieBreaker,
                                          configuration: configuration, now: Fixture.start)
        lite = ICELiteAgent(localCredentials: Fixture.local, remoteCredentials: Fixture.remote,
                            configuration: liteConfiguration, now: Fixture.start)
    }

    /// Runs the two agents until `end` (simulated time), or earlier once `stop` holds after a
    /// step. Bounded: at most 100,000 steps.
    mutating func run(until end: Timestamp, stop: (ControllingLink) -> Bool = { _ in false }) {
        for _ in 0..<100_000 {
            exchange()
            if stop(self) || now >= end { return }
            let next = [controlling.pollTimeout(), lite.pollTimeout(), end].compactMap { $0 }.min()!
            now = max(now, next)
            controlling.handleTimeout(now: now)
            lite.handleTimeout(now: now)
        }
        Issue.record("the link did not settle within 100,000 steps")
    }

    /// Carries datagrams both ways until neither agent has anything to send.
    mutating func exchange() {
        var buffer = [UInt8](repeating: 0, count: ICEControllingAgent.maximumTransmitByteCount)
        for _ in 0..<1000 {
            var moved = false
            while let transmit = buffer.withUnsafeMutableBytes({ controlling.pollTransmit(into: $0) }) {
                moved = true
                let datagram = Array(buffer[0..<transmit.byteCount])
                guard deliver(), transmit.destination == Self.liteAddress else { continue }
                datagram.withUnsafeBytes {
                    _ = lite.handleSTUN($0, from: Self.controllingAddress, on: Fixture.interface, now: now)
                }
            }
            while let transmit = buffer.withUnsafeMutableBytes({ lite.pollTransmit(into: $0) }) {
                moved = true
                let datagram = Array(buffer[0..<transmit.byteCount])
                guard deliver(), transmit.destination == Self.controllingAddress else { continue }
                datagram.withUnsafeBytes { _ = controlling.handleSTUN($0, from: Self.liteAddress, now: now) }
            }
            collectEvents()
            if !moved { return }
        }
    }

    /// Counts one datagram sent; false when the network loses it.
    private mutating func deliver() -> Bool {
        sent += 1
        if sent <= loseFirst || blackoutFrom.map({ now >= $0 }) == true {
            lost += 1
            return false
        }
        return true
    }

    private mutating func collectEvents() {
        while let event = controlling.pollEvent() {
            controllingEvents.append(event)
            if event == .stateChanged(.connected) { connectedAt = now }
        }
        while let event = lite.pollEvent() { liteEvents.append(event) }
    }
}

@Suite("ICEControllingAgent ↔ ICELiteAgent, in process")
struct ICEControllingLoopbackTests {
    @Test func bothConnectOnTheSamePair() {
        var link = ControllingLink()
        link.run(until: .atSecond(1))
        #expect(link.controlling.state == .connected)
        #expect(link.lite.state == .connected)
        #expect(link.controlling.selectedRemote == ControllingLink.liteAddress)
        #expect(link.lite.selectedPair?.remote == ControllingLink.controllingAddress)
        // Check, answer, nomination, answer: no loss, no retransmission, no delay.
        #expect(link.connectedAt == Fixture.start)
        #expect(link.controlling.counters.checksSent == 2)
        #expect(link.controlling.counters.retransmissionsSent == 0)
        let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: 0), remote: ControllingLink.liteAddress)
        #expect(link.controllingEvents == [.stateChanged(.checking), .selectedPairChanged(pair), .stateChanged(.connected)])
        #expect(link.liteEvents.contains(.stateChanged(.connected)))
    }

    @Test func anUnreachableFirstCandidateIsPassedOverAfterOnePacingInterval() {
        var link = ControllingLink(candidates: [ControllingLink.unreachable, ControllingLink.liteAddress])
        link.run(until: .atSecond(1))
        #expect(link.controlling.state == .connected)
        #expect(link.controlling.selectedRemote == ControllingLink.liteAddress)
        #expect(link.connectedAt == Fixture.start + ICEControllingAgent.pacingInterval)
        #expect(link.lite.selectedPair?.remote == ControllingLink.controllingAddress)
    }

    @Test(arguments: [1, 2, 3, 5])
    func lossOfTheFirstDatagramsIsRepairedByRetransmission(lost: Int) {
        var link = ControllingLink()
        link.loseFirst = lost
        link.run(until: .atSecond(9)) { $0.controlling.state == .connected }
        #expect(link.lost == lost)
        #expect(link.controlling.state == .connected)
        #expect(link.lite.state == .connected)
        #expect(link.lite.selectedPair?.remote == ControllingLink.controllingAddress)
        #expect(link.controlling.counters.retransmissionsSent >= 1)
        // The first retransmission waits 100 ms, so nothing lost connects sooner.
        if let connectedAt = link.connectedAt {
            #expect(connectedAt - Fixture.start >= .milliseconds(100))
            #expect(connectedAt - Fixture.start < .seconds(5))
        }
    }

    @Test func aWrongRemotePasswordNeverConnectsAndFailsAtTheConnectTimeout() {
        var link = ControllingLink(remotePassword: "notTheSFUsPassword0123456789",
                                   configuration: ICEControllingConfiguration(connectTimeout: .seconds(4)))
        link.run(until: .atSecond(10))
        #expect(link.controlling.state == .failed)
        #expect(link.controlling.failure == .connectTimedOut)
        #expect(link.controlling.selectedRemote == nil)
        #expect(link.controllingEvents.suffix(2) == [.connectTimedOut, .stateChanged(.failed)])
        #expect(link.lite.state != .connected)
        #expect(link.lite.counters.rejectedUnauthorized >= 1)
        // The 401 ends the check: counted, and nothing retried it.
        #expect(link.controlling.counters.errorResponsesReceived == 1)
        #expect(link.controlling.pollTimeout() == nil)
    }

    @Test func theConnectTimeoutIsExact() {
        var link = ControllingLink(candidates: [ControllingLink.unreachable],
                                   configuration: ICEControllingConfiguration(connectTimeout: .seconds(3)))
        link.run(until: .atSecond(3) - .nanoseconds(1))
        #expect(link.controlling.state == .checking)
        link.run(until: .atSecond(3))
        #expect(link.controlling.state == .failed)
    }

    @Test func consentChecksKeepTheLiteAgentConnectedPastItsConsentTimeout() {
        var link = ControllingLink(configuration: ICEControllingConfiguration(consentInterval: .seconds(1),
                                                                              consentTimeout: .seconds(3)),
                                   liteConfiguration: ICEAgentConfiguration(consentTimeout: .seconds(3)))
        link.run(until: .atSecond(20))
        #expect(link.lite.state == .connected)
        #expect(link.controlling.state == .connected)
        // About one consent check a second (±20 %) after the check and the nomination.
        let consentChecks = link.controlling.counters.checksSent - 2
        #expect((16...25).contains(consentChecks))
        #expect(link.controlling.counters.retransmissionsSent == 0)
    }

    @Test func withoutAnswersTheControllingAgentLosesConsent() {
        var link = ControllingLink(configuration: ICEControllingConfiguration(consentInterval: .seconds(1),
                                                                              consentTimeout: .seconds(3)),
                                   liteConfiguration: ICEAgentConfiguration(consentTimeout: .seconds(3)))
        link.run(until: .atSecond(1))
        #expect(link.controlling.state == .connected)
        link.blackoutFrom = link.now
        link.run(until: .atSecond(10))
        #expect(link.controlling.state == .failed)
        #expect(link.controlling.failure == .consentExpired)
        #expect(link.lite.state == .failed)
        let pair = ICECandidatePair(localInterface: ICELocalInterface(rawValue: 0), remote: ControllingLink.liteAddress)
        #expect(link.controllingEvents.suffix(2) == [.consentExpired(pair), .stateChanged(.failed)])
    }

    @Test func consentFailsExactlyAtTheConsentTimeoutAfterTheLastAnswer() {
        var link = ControllingLink(configuration: ICEControllingConfiguration(consentInterval: .seconds(100),
                                                                              consentTimeout: .seconds(5)))
        link.run(until: .atSecond(1))
        #expect(link.connectedAt == Fixture.start)
        link.run(until: Fixture.start + .seconds(5) - .nanoseconds(1))
        #expect(link.controlling.state == .connected)
        link.run(until: .atSecond(5))
        #expect(link.controlling.state == .failed)
    }
}
