// A data-channel relay with real peers: each simulated participant transport is a client-side
// `DataChannelConnection` (its own usrsctp association) wired back to back with the relay's
// association for it, on a fake clock.

import TestSupport
import SCTP
@testable import SFUCore
import Testing

/// One simulated client transport: the peer's connection and everything it reported.
///
/// Invariants: `heldPackets` is empty unless `isStalled` was set; they are the relay's packets
/// for this peer, oldest first, not delivered yet. `deliveredPackets` stays empty unless
/// `recordsPackets` is set (then it holds every packet delivered since).
struct RelayTestPeer {
    var connection: DataChannelConnection
    var events: [DataChannelConnectionEvent] = []
    var isStalled = false
    var heldPackets: [[UInt8]] = []
    var recordsPackets = false
    var deliveredPackets: [[UInt8]] = []
}

/// The relay and the peers of its associations, keyed by serial, with the packets between them
/// moved by hand.
///
/// Invariants: every call happens inside `UsrsctpTestLock.run`, on the test's thread; the relay's
/// association `serial` and `peers[serial]` are the two ends of one SCTP association; the peers
/// use local port `peerPort` and the relay 5000, so a packet fed to the wrong end is refused.
struct RelayScenario {
    static let room = "room"
    static let peerPort: UInt16 = 5001
    static let relayPort: UInt16 = 5000
    static let maximumMessageSize = 262_144

    var relay = DataChannelRelay()
    var peers: [UInt64: RelayTestPeer] = [:]
    private var nextSerial: UInt64 = 1

    init() {
        relay.handleTimers(now: UsrsctpTestClock.now)
    }

    // MARK: Transports

    /// Attaches a transport of `participant` to the relay without starting SCTP. A publish
    /// transport's peer is the DTLS client (the server answers `setup:passive`); a subscribe
    /// transport's peer is the DTLS client unless `peerIsDTLSClient` says otherwise.
    mutating func attach(_ participant: String, publisher: Bool, peerIsDTLSClient: Bool = true, room: String = room) throws -> UInt64 {
        let serial = nextSerial
        nextSerial += 1
        let isDTLSClient = publisher || peerIsDTLSClient
        let configuration = SCTPConfiguration(localPort: Self.peerPort, remotePort: Self.relayPort)
        let connection = try DataChannelConnection(
            configuration: configuration, isDTLSClient: isDTLSClient, remoteMaxMessageSize: UInt64(Self.maximumMessageSize))
        let peer = DataChannelPeer(room: room, participant: participant, isPublisher: publisher)
        try relay.attach(
            serial, peer: peer, isDTLSClient: !isDTLSClient, remotePort: Self.peerPort,
            remoteMaxMessageSize: UInt64(Self.maximumMessageSize))
        peers[serial] = RelayTestPeer(connection: connection)
        return serial
    }

    /// Starts SCTP at both ends of association `serial` (DTLS came up).
    mutating func connect(_ serial: UInt64) {
        relay.connect(serial)
        peers[serial]?.connection.connect()
        collectEvents(of: serial)
    }

    /// Attaches and connects a transport, and lets the handshake finish.
    mutating func join(_ participant: String, publisher: Bool, peerIsDTLSClient: Bool = true, room: String = room) throws -> UInt64 {
        let serial = try attach(participant, publisher: publisher, peerIsDTLSClient: peerIsDTLSClient, room: room)
        connect(serial)
        settle()
        #expect(peers[serial]?.connection.isEstablished == true, "association \(serial) of \(participant) did not come up")
        return serial
    }

    // MARK: Moving packets and time

    /// Moves packets both ways until neither end of any association has one, at most `passes`
    /// times; returns how many moved.
    @discardableResult
    mutating func exchange(passes: Int = 100_000) -> Int {
        var moved = 0
        for _ in 0..<passes {
            var progressed = false
            while let (serial, packet) = relay.pollTransmit() {
                progressed = true
                moved += 1
                deliverToPeer(serial, packet)
            }
            for serial in peers.keys.sorted() {
                while let packet = peers[serial]?.connection.pollTransmit() {
                    progressed = true
                    moved += 1
                    packet.withUnsafeBytes { relay.handlePacket(serial, $0) }
                }
                collectEvents(of: serial)
            }
            if !progressed { return moved }
        }
        Issue.record("packets kept flowing after \(passes) passes")
        return moved
    }

    /// Moves the fake clock one SCTP timer tick and runs usrsctp's timers (the relay's and,
    /// usrsctp being one instance, the peers' too).
    mutating func tick() {
        UsrsctpTestClock.now += SCTPStack.timerTickNanoseconds
        relay.handleTimers(now: UsrsctpTestClock.now)
        for serial in peers.keys.sorted() {
            peers[serial]?.connection.pump()
            collectEvents(of: serial)
        }
    }

    /// Exchanges packets and ticks until `quietTicks` ticks in a row moved nothing (longer than
    /// SCTP's 200 ms delayed SACK), at most `maximumTicks` ticks.
    mutating func settle(quietTicks: Int = 25, maximumTicks: Int = 20_000) {
        var quiet = 0
        for _ in 0..<maximumTicks {
            quiet = exchange() == 0 ? quiet + 1 : 0
            if quiet >= quietTicks { return }
            tick()
        }
        Issue.record("the associations were still busy after \(maximumTicks) ticks")
    }

    /// Exchanges packets and ticks until `done` holds, at most `maximumTicks` ticks; returns
    /// whether it held.
    mutating func run(maximumTicks: Int = 20_000, until done: (RelayScenario) -> Bool) -> Bool {
        for _ in 0..<maximumTicks {
            exchange()
            if done(self) { return true }
            tick()
        }
        return done(self)
    }

    /// Stops delivering the relay's packets to peer `serial` (they wait, in order).
    mutating func stall(_ serial: UInt64) {
        peers[serial]?.isStalled = true
    }

    /// Delivers what waited for peer `serial`, in order, and lets packets reach it again.
    mutating func resume(_ serial: UInt64) {
        guard let held = peers[serial]?.heldPackets else { return }
        peers[serial]?.isStalled = false
        peers[serial]?.heldPackets = []
        for packet in held { deliverToPeer(serial, packet) }
    }

    private mutating func deliverToPeer(_ serial: UInt64, _ packet: [UInt8]) {
        guard let peer = peers[serial] else { return }
        if peer.isStalled {
            peers[serial]?.heldPackets.append(packet)
            return
        }
        if peer.recordsPackets { peers[serial]?.deliveredPackets.append(packet) }
        packet.withUnsafeBytes { peers[serial]?.connection.handlePacket($0) }
        collectEvents(of: serial)
    }

    private mutating func collectEvents(of serial: UInt64) {
        while let event = peers[serial]?.connection.pollEvent() { peers[serial]?.events.append(event) }
    }

    // MARK: Peers' channels

    /// Opens a channel from peer `serial` and lets the DCEP handshake run.
    mutating func open(_ parameters: DataChannelParameters, from serial: UInt64) throws -> UInt16 {
        let result = peers[serial]?.connection.open(parameters)
        let id = try #require(result).get()
        settle()
        return id
    }

    /// Closes channel `id` of peer `serial` and lets the stream resets run.
    mutating func close(_ id: UInt16, from serial: UInt64) {
        peers[serial]?.connection.close(id)
        settle()
    }

    /// Hands `message` to peer `serial`'s connection once, moving nothing.
    mutating func trySend(_ message: DataChannelMessage, on id: UInt16, from serial: UInt64) -> DataChannelSendOutcome {
        peers[serial]?.connection.send(message, on: id) ?? .refused("no peer \(serial)")
    }

    /// Sends `message` from peer `serial` and moves the packets; a full send buffer is waited
    /// out (packets moved, timers run) up to `attempts` times.
    @discardableResult
    mutating func send(_ message: DataChannelMessage, on id: UInt16, from serial: UInt64, attempts: Int = 20) -> DataChannelSendOutcome {
        for _ in 0..<attempts {
            let outcome = trySend(message, on: id, from: serial)
            guard outcome == .wouldBlock else {
                exchange()
                return outcome
            }
            settle(quietTicks: 3)
        }
        return .wouldBlock
    }

    /// The ids of the channels peer `serial`'s remote end opened (DCEP OPEN received), in order.
    func openedChannels(at serial: UInt64) -> [UInt16] {
        peers[serial]?.events.compactMap {
            if case .channelOpened(let id) = $0 { return id }
            return nil
        } ?? []
    }

    /// The ids of peer `serial`'s channels that closed, in order.
    func closedChannels(at serial: UInt64) -> [UInt16] {
        peers[serial]?.events.compactMap {
            if case .channelClosed(let id) = $0 { return id }
            return nil
        } ?? []
    }

    /// Every message peer `serial` received, with its channel, in order, among its events from
    /// index `start` on.
    func receivedMessages(at serial: UInt64, since start: Int = 0) -> [(UInt16, DataChannelMessage)] {
        peers[serial]?.events.dropFirst(start).compactMap {
            if case .message(let id, let message) = $0 { return (id, message) }
            return nil
        } ?? []
    }

    /// The messages peer `serial` received on channel `id`, in order, among its events from
    /// index `start` on (to leave out an earlier channel whose id was reused).
    func messages(at serial: UInt64, on id: UInt16, since start: Int = 0) -> [DataChannelMessage] {
        receivedMessages(at: serial, since: start).filter { $0.0 == id }.map(\.1)
    }

    /// How many events peer `serial` reported so far (a mark for `since:`).
    func eventCount(at serial: UInt64) -> Int {
        peers[serial]?.events.count ?? 0
    }

    /// Peer `serial`'s channel `id` as its table shows it.
    func channel(_ id: UInt16, at serial: UInt64) -> DataChannelInfo? {
        peers[serial]?.connection.table.channel(id)
    }

    /// The channel the relay opened at peer `serial` for `sender`'s `label` (the latest, when
    /// several were).
    func relayedChannel(_ label: String, from sender: String, at serial: UInt64) -> DataChannelInfo? {
        openedChannels(at: serial).reversed().lazy
            .compactMap { channel($0, at: serial) }
            .first { $0.parameters.label == label && $0.parameters.protocol == sender }
    }

    /// Whether the relay stopped reading association `serial` (its sender is paused).
    func isSenderPaused(_ serial: UInt64) -> Bool {
        relay.endpoints[serial]?.connection.isReadingPaused == true
    }
}

// MARK: Messages

/// `count` bytes that differ from message to message (`seed`) and along the message.
func relayTestBytes(count: Int, seed: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ seed &* 101 &+ ($0 >> 9)) }
}

func textMessage(_ string: String) -> DataChannelMessage {
    DataChannelMessage(kind: .text, payload: Array(string.utf8))
}

func binaryMessage(count: Int, seed: Int) -> DataChannelMessage {
    DataChannelMessage(kind: .binary, payload: relayTestBytes(count: count, seed: seed))
}
