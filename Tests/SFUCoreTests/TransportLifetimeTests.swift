import DTLS
import ICE
import RTCWire
import SFUCore
import SRTP
import Testing

/// A publisher that changes network, and one that goes silent, against a `TransportTable`, on
/// simulated time.
@Suite("PeerTransport and TransportTable: network change, consent expiry, drop counters")
struct TransportLifetimeTests {
    typealias Scenario = PeerTransportTests.Scenario
    static let moved = STUNTransportAddress.ipv4(address: 0xC0A8_0102, port: 61_000)  // 192.168.1.2
    static func pair(_ remote: STUNTransportAddress) -> ICECandidatePair {
        ICECandidatePair(localInterface: ICELocalInterface(rawValue: 0), remote: remote)
    }

    @Test("a nomination from a new address moves media there; the old one is taken until its consent lapses")
    func networkChange() throws {
        var scenario = try Scenario()
        let sender = try scenario.connect()
        #expect(scenario.deliver(try Scenario.rtp(sequence: 1, sender: sender)) == scenario.slot)
        _ = scenario.events()

        // 5 s later the peer checks and nominates from its new address (RFC 8445 §8.2 lets
        // the controlling agent nominate again; the lite side follows the latest).
        scenario.now = PeerTransportTests.start + .seconds(5)
        #expect(scenario.deliver(PeerTransportTests.check(nominate: true), from: Self.moved) == scenario.slot)
        let responses = scenario.drain()
        #expect(responses.map { $0.0 } == [Self.moved])
        #expect(scenario.events() == [.selectedPairChanged(Self.pair(Self.moved))])
        #expect(scenario.deliver(try Scenario.rtp(sequence: 2, sender: sender), from: Self.moved) == scenario.slot)

        // The old address last had consent at `start`: still valid 29 s later.
        scenario.now = PeerTransportTests.start + .seconds(29)
        #expect(scenario.deliver(PeerTransportTests.check(nominate: false), from: Self.moved) == scenario.slot)
        _ = scenario.drain()
        #expect(scenario.deliver(try Scenario.rtp(sequence: 3, sender: sender)) == scenario.slot)

        // 30 s after its last check the old pair has lapsed: not routed any more.
        scenario.now = PeerTransportTests.start + .seconds(30)
        #expect(scenario.deliver(try Scenario.rtp(sequence: 4, sender: sender)) == nil)
        #expect(scenario.table.counters.droppedUnknownSource == 1)
        #expect(scenario.deliver(try Scenario.rtp(sequence: 5, sender: sender), from: Self.moved) == scenario.slot)

        let snapshot = try #require(scenario.snapshot)
        #expect(snapshot.iceState == .connected)
        #expect(snapshot.selectedPair == Self.pair(Self.moved))
        #expect(snapshot.streams.first?.packetsReceived == 4)
        let old = try #require(snapshot.candidatePairs.first { $0.pair == Self.pair(PeerTransportTests.client) })
        let new = try #require(snapshot.candidatePairs.first { $0.pair == Self.pair(Self.moved) })
        #expect(!old.isNominated && !old.holdsConsent)
        #expect(new.isNominated && new.holdsConsent)
        // RTP 2 and 5, and two checks; PRIORITY of the checks is the peer-reflexive priority.
        #expect(new.counters.packetsReceived == 4)
        #expect(new.counters.packetsSent == 2)
        #expect(new.remotePriority == 0x6E00_1EFF)
        #expect(new.counters.lastPacketReceivedAt == scenario.now.nanoseconds)

        // DTLS now goes to the new address: close_notify on close.
        scenario.table.close(scenario.slot)
        let closing = scenario.drain()
        #expect(!closing.isEmpty)
        #expect(closing.allSatisfy { $0.0 == Self.moved })
    }

    @Test("30 s without consent fails ICE and closes the transport without sending; once removed nothing routes to it")
    func consentExpiry() throws {
        var scenario = try Scenario()
        let sender = try scenario.connect()
        var broken = try Scenario.rtp(sequence: 1, sender: sender)
        broken[broken.count - 1] ^= 0xFF
        #expect(scenario.deliver(broken) == scenario.slot)
        _ = scenario.events()

        scenario.now = PeerTransportTests.start + .seconds(30) - .nanoseconds(1)
        scenario.table.handleTimeout(scenario.slot, now: scenario.now)
        #expect(scenario.events().isEmpty)
        #expect(scenario.table.pollTimeout(scenario.slot) == PeerTransportTests.start + .seconds(30))

        scenario.now = PeerTransportTests.start + .seconds(30)
        scenario.table.handleTimeout(scenario.slot, now: scenario.now)
        #expect(scenario.events() == [.iceStateChanged(.failed), .closed])
        #expect(scenario.drain().isEmpty, "no close_notify to a peer without consent")
        let snapshot = try #require(scenario.snapshot)
        #expect(snapshot.iceState == .failed)
        #expect(snapshot.dtlsState == .closed)
        #expect(scenario.table.pollTimeout(scenario.slot) == nil)

        // The owner removes a closed transport: its fragment and address no longer route.
        #expect(scenario.table.remove(scenario.slot) != nil)
        #expect(scenario.table.count == 0)
        #expect(scenario.deliver(PeerTransportTests.check(nominate: true)) == nil)
        #expect(scenario.deliver(try Scenario.rtp(sequence: 2, sender: sender)) == nil)
        #expect(scenario.table.counters.droppedUnknownUsername == 1)
        #expect(scenario.table.counters.droppedUnknownSource == 1)

        // The worker's totals keep the removed transport's drops.
        let totals = scenario.table.dropTotals
        #expect(totals.srtpFailures == 1)
        #expect(totals.unknownUsername == 1)
        #expect(totals.unknownSource == 1)
    }

    @Test("a transport's drops are counted by cause in the worker's totals while it lives")
    func dropTotals() throws {
        var scenario = try Scenario()
        // RTP before any valid check: from an address no pair validated.
        #expect(scenario.deliver([0x80, 97, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]) == nil)
        _ = try scenario.connect()
        // An unclassifiable datagram (first byte 0xFF, RFC 7983) from the valid pair.
        #expect(scenario.deliver([0xFF, 0, 0, 0]) == scenario.slot)
        // STUN that does not parse (its length names 4 bytes that are missing) carries no
        // USERNAME, so it goes by address to the transport, whose agent drops it.
        #expect(scenario.deliver([0x00, 0x01, 0x00, 0x04, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12)) == scenario.slot)
        // A check naming another fragment is the table's.
        var otherUfrag = PeerTransportTests.check(nominate: false)
        otherUfrag[24] ^= 0x01
        #expect(scenario.deliver(otherUfrag) == nil)
        let totals = scenario.table.dropTotals
        #expect(totals.unknownSource == 1)
        #expect(totals.parseFailures == 2)
        #expect(totals.unknownUsername == 1)
        #expect(totals.srtpFailures == 0)
    }
}
