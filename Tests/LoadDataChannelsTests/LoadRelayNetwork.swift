// Simulated load peers wired back to back with the server's real data-channel relay: each
// peer's SCTP packets go to the relay's association for it and back, on the fake clock
// usrsctp's tests share.

import LoadDataChannels
import LoadModel
import SCTP
import SFUCore
import Testing
import TestSupport

/// The relay (the server's side) and the load peers of its associations, keyed by serial, with
/// the packets between them moved by hand and every peer's delays collected in one histogram.
///
/// Invariants: every call happens inside `UsrsctpTestLock.run`, on the test's thread; the
/// relay's association `serial` and `peers[serial]` are the two ends of one SCTP association;
/// peers use SCTP port `peerPort` and the relay 5000, so a packet fed to the wrong end is refused.
struct LoadRelayNetwork {
    static let room = "load-room"
    static let peerPort: UInt16 = 5001
    static let relayPort: UInt16 = 5000
    static let maximumMessageSize: UInt64 = 262_144

    var relay = DataChannelRelay()
    var peers: [UInt64: DataChannelLoadPeer] = [:]
    var delays = DelayHistogram()
    /// While set, every packet the relay sends to a peer is also kept in `recordedPackets`.
    var recordsPackets = false
    var recordedPackets: [[UInt8]] = []
    private var nextSerial: UInt64 = 1

    init() {
        DataChannelLoadStack.handleTimers(now: UsrsctpTestClock.now)
    }

    var now: Int64 { UsrsctpTestClock.now }

    /// Attaches a transport of `participant`, with its load peer, and starts SCTP at both ends
    /// (DTLS came up). A publish transport's peer is the DTLS client (the server answers
    /// `setup:passive`); a subscribe transport's peer is whatever `peerIsDTLSClient` says.
    mutating func join(
        _ participant: String, sends: DataChannelProfile? = nil, stream: ProbeStreamID? = nil, peerIsDTLSClient: Bool = true
    ) throws -> UInt64 {
        let serial = nextSerial
        nextSerial += 1
        let publisher = sends != nil
        let isDTLSClient = publisher || peerIsDTLSClient
        let peer = try DataChannelLoadPeer(
            isDTLSClient: isDTLSClient, sends: sends, stream: stream, remoteMaxMessageSize: Self.maximumMessageSize,
            localPort: Self.peerPort, remotePort: Self.relayPort)
        try relay.attach(
            serial, peer: DataChannelPeer(room: Self.room, participant: participant, isPublisher: publisher),
            isDTLSClient: !isDTLSClient, remotePort: Self.peerPort, remoteMaxMessageSize: Self.maximumMessageSize)
        peers[serial] = peer
        relay.connect(serial)
        let now = now
        peers[serial]?.start(now: now)
        return serial
    }

    /// Moves packets both ways until neither end of any association has one; returns how many
    /// moved.
    @discardableResult
    mutating func exchange(passes: Int = 100_000) -> Int {
        var moved = 0
        let now = now
        for _ in 0..<passes {
            var progressed = false
            while let (serial, packet) = relay.pollTransmit() {
                progressed = true
                moved += 1
                if recordsPackets { recordedPackets.append(packet) }
                packet.withUnsafeBytes { peers[serial]?.handleSCTPPacket($0, now: now) }
                peers[serial]?.takeDelays(into: &delays)
            }
            for serial in peers.keys.sorted() {
                while let packet = peers[serial]?.pollSCTPPacket() {
                    progressed = true
                    moved += 1
                    packet.withUnsafeBytes { relay.handlePacket(serial, $0) }
                }
            }
            if !progressed { return moved }
        }
        Issue.record("packets kept flowing after \(passes) passes")
        return moved
    }

    /// Moves the clock one timer tick: usrsctp's timers (the relay's and, usrsctp being one
    /// instance, the peers'), then every peer's tick (which sends what is due), then the packets.
    mutating func tick() {
        UsrsctpTestClock.now += DataChannelLoadStack.timerTickNanoseconds
        let now = now
        relay.handleTimers(now: now)
        DataChannelLoadStack.handleTimers(now: now)
        for serial in peers.keys.sorted() {
            peers[serial]?.handleTick(now: now)
            peers[serial]?.takeDelays(into: &delays)
        }
        exchange()
    }

    /// Ticks until `done` holds, at most `maximumTicks` times; returns whether it held.
    mutating func run(maximumTicks: Int = 2_000, until done: (LoadRelayNetwork) -> Bool) -> Bool {
        exchange()
        for _ in 0..<maximumTicks {
            if done(self) { return true }
            tick()
        }
        return done(self)
    }

    /// Ticks `count` times.
    mutating func run(ticks count: Int) {
        for _ in 0..<count { tick() }
    }
}
