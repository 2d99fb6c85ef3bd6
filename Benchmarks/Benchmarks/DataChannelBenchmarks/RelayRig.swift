import Glibc
import SCTP
import SFUCore

/// A `DataChannelRelay` wired back to back, in memory, with one client `DataChannelConnection`
/// per association: each peer plays a browser (the DTLS client, so it opens even stream ids)
/// and the relay plays the data-channel thread. Everything runs on the calling thread, which
/// owns the process's usrsctp instance (package-benchmark runs each benchmark in a process of
/// its own, so one rig at a time drives usrsctp).
///
/// Packets move in rounds (`pumpRound()`): the relay takes what the peers sent and gives out
/// what it has to send, then the peers take that, the publisher sends what waits, and the peers
/// that had something to do give out their packets (so a round costs the peers nothing for
/// idle associations). usrsctp's timers run from the monotonic clock on the relay's tick, as
/// on the data-channel thread.
///
/// Invariants: `peers[i]` is the far end of the relay's association `UInt64(i)`; every packet
/// crosses through `toRelay` or `toPeers`, so the relay's calls and the peers' calls are
/// charged to their own side of `meter`; a subscriber's `received` counts the messages that
/// arrived in sequence, whole, on its relayed channel, and anything else sets `problem`.
final class RelayRig {
    /// One client peer and what it saw.
    struct Peer {
        let isPublisher: Bool
        var connection: DataChannelConnection
        var isEstablished = false
        /// The publisher's channel once acknowledged; a subscriber's relayed channel once opened.
        var channel: UInt16?
        /// Messages that arrived in sequence (subscribers).
        var received = 0
        /// The last round in which the peer had something to do.
        var activeRound = -1
    }

    /// Bytes in each published message.
    static let messageSize = 1_024
    /// The `a=max-message-size` both ends announce.
    static let maximumMessageSize: UInt64 = 262_144
    /// How long `pump(until:)` waits for its condition.
    static let patienceNanoseconds: Int64 = 5_000_000_000

    private(set) var relay = DataChannelRelay()
    private(set) var peers: [Peer] = []
    var meter: SideMeter
    /// The first thing that went wrong (a message missing or altered, a refusal, a timeout).
    private(set) var problem: String?
    /// Rounds in which nothing moved and the rig waited a millisecond for usrsctp's timers.
    private(set) var idleRounds = 0
    /// Messages the publisher's association took.
    private(set) var publishedMessages = 0
    private var publisher: Int?
    private var pendingMessages = 0
    private var payload = [UInt8](repeating: 0xA5, count: RelayRig.messageSize)
    private let toRelay = PacketStage()
    private let toPeers = PacketStage()
    private var lastTimerRun: Int64 = 0
    private var timersRan = false
    private var round = 0
    /// The peers with something to do in this round (a packet, a message to send).
    private var active: [Int] = []

    init(measuresHeap: Bool) {
        meter = SideMeter(measuresHeap: measuresHeap)
        peers.reserveCapacity(1_024)
        active.reserveCapacity(1_024)
    }

    /// A publisher and `subscribers` subscribers in one room, every association up, the
    /// publisher's reliable ordered channel relayed to and open at every subscriber, then
    /// `warmUpBursts` bursts of `burst` messages (usrsctp's congestion windows grow).
    static func relaying(to subscribers: Int, burst: Int, warmUpBursts: Int) throws -> RelayRig {
        let rig = RelayRig(measuresHeap: false)
        _ = try rig.add(DataChannelPeer(room: "bench", participant: "publisher", isPublisher: true))
        for index in 1...subscribers {
            _ = try rig.add(DataChannelPeer(room: "bench", participant: "subscriber-\(index)", isPublisher: false))
        }
        for index in rig.peers.indices { rig.connect(index) }
        guard rig.pump(until: { rig.peers.allSatisfy(\.isEstablished) }) else { throw RigError(rig.problem) }
        rig.openChannel(label: "bench")
        guard rig.pump(until: { rig.isRelayingEverywhere }) else { throw RigError(rig.problem) }
        for _ in 0..<warmUpBursts {
            guard rig.relayBurst(burst) else { throw RigError(rig.problem) }
        }
        return rig
    }

    /// Adds association `peers.count`: the peer's connection (charged to the peers), then the
    /// relay's end (charged to the relay). Returns its index.
    func add(_ peer: DataChannelPeer) throws(SCTPError) -> Int {
        let index = peers.count
        defer { meter.enter(nil) }
        meter.enter(.peers)
        let connection = try DataChannelConnection(
            configuration: DataChannelRelay.defaultConfiguration, isDTLSClient: true,
            remoteMaxMessageSize: Self.maximumMessageSize)
        peers.append(Peer(isPublisher: peer.isPublisher, connection: connection))
        if peer.isPublisher, publisher == nil { publisher = index }
        meter.enter(.relay)
        try relay.attach(UInt64(index), peer: peer, isDTLSClient: false, remotePort: 5000,
                         remoteMaxMessageSize: Self.maximumMessageSize)
        return index
    }

    /// Both ends of association `index` start the SCTP handshake (as when DTLS comes up).
    func connect(_ index: Int) {
        meter.enter(.relay)
        relay.connect(UInt64(index))
        meter.enter(.peers)
        peers[index].connection.connect()
        takeEvents(of: index)
        stageTransmit(of: index)
        meter.enter(nil)
    }

    /// Attaches `count` new associations, each a publisher alone in a room of its own (so
    /// nothing is relayed), and runs their handshakes; true once every new peer is established
    /// and no packet is left in flight.
    func handshake(newAssociations count: Int) -> Bool {
        guard let added = attach(newAssociations: count) else { return false }
        return establish(added)
    }

    /// Attaches `count` new associations, each a publisher alone in a room of its own; nil (and
    /// `problem` set) when one cannot be made.
    func attach(newAssociations count: Int) -> Range<Int>? {
        let first = peers.count
        for number in first..<(first + count) {
            do {
                _ = try add(DataChannelPeer(room: "room-\(number)", participant: "peer", isPublisher: true))
            } catch {
                record("association \(number) could not be attached: \(error)")
                return nil
            }
        }
        return first..<peers.count
    }

    /// Runs the handshakes of the associations `indices`; true once every one of their peers
    /// is established and no packet is left in flight.
    func establish(_ indices: Range<Int>) -> Bool {
        for index in indices { connect(index) }
        return pump(until: { peers[indices].allSatisfy(\.isEstablished) }) && pumpUntilQuiet()
    }

    /// The publisher sends `count` messages of `messageSize` bytes on its channel; true once
    /// every subscriber has received each of them.
    func relayBurst(_ count: Int) -> Bool {
        pendingMessages += count
        return pump(until: { pendingMessages == 0 && peers.allSatisfy { $0.isPublisher || $0.received == publishedMessages } })
    }

    /// The relay ends every association (charged to the relay), then the peers go.
    func detachAll() {
        meter.enter(.relay)
        for index in peers.indices { relay.detach(UInt64(index)) }
        meter.enter(.peers)
        peers.removeAll()
        meter.enter(nil)
        toRelay.removeAll()
        toPeers.removeAll()
        publisher = nil
    }

    /// The peers go without a word (their ABORTs are lost): the relay's associations stay up
    /// and idle, as far as it knows, until their heartbeats go unanswered (30 s and more).
    func forgetPeers() {
        meter.enter(.peers)
        peers.removeAll()
        meter.enter(nil)
        toRelay.removeAll()
        toPeers.removeAll()
        publisher = nil
    }

    /// Runs pump rounds until `done` holds, waiting a millisecond whenever nothing moves (for
    /// usrsctp's timers); false, with `problem` set, on a problem or after `patienceNanoseconds`.
    func pump(until done: () -> Bool) -> Bool {
        let deadline = SideMeter.monotonicNanoseconds() + Self.patienceNanoseconds
        while !done() {
            guard problem == nil else { return false }
            if !pumpRound() {
                guard SideMeter.monotonicNanoseconds() < deadline else {
                    record("timed out after \(Self.patienceNanoseconds / 1_000_000) ms")
                    return false
                }
                idleRounds += 1
                usleep(1_000)
            }
        }
        return problem == nil
    }

    /// Moves packets once each way; true when any packet moved.
    @discardableResult
    func pumpRound() -> Bool {
        var moved = false
        meter.enter(.relay)
        for entry in toRelay.entries {
            relay.handlePacket(UInt64(entry.association), toRelay.bytes(of: entry))
            moved = true
        }
        toRelay.removeAll()
        let now = SideMeter.monotonicNanoseconds()
        if now - lastTimerRun >= SCTPStack.timerTickNanoseconds {
            relay.handleTimers(now: now)
            lastTimerRun = now
            timersRan = true
        }
        stageRelayTransmit()
        meter.enter(.peers)
        round += 1
        active.removeAll(keepingCapacity: true)
        for entry in toPeers.entries where entry.association < peers.count {
            peers[entry.association].connection.handlePacket(toPeers.bytes(of: entry))
            markActive(entry.association)
            moved = true
        }
        toPeers.removeAll()
        if pendingMessages > 0, let publisher {
            sendPending()
            markActive(publisher)
        }
        if timersRan {
            // The timers may have moved any association: every peer reads what they queued.
            for index in peers.indices {
                peers[index].connection.pump()
                markActive(index)
            }
            timersRan = false
        }
        for index in active {
            takeEvents(of: index)
            stageTransmit(of: index)
        }
        meter.enter(nil)
        return moved || !toRelay.entries.isEmpty
    }

    /// One tick of the data-channel thread's timer with nothing else to do: usrsctp's timers
    /// and every association's bookkeeping (`DataChannelRelay.handleTimers`), then the relay's
    /// output staged for the peers (delivered by the next round), as `DataChannelHandler` does.
    func tick() {
        meter.enter(.relay)
        let now = SideMeter.monotonicNanoseconds()
        relay.handleTimers(now: now)
        lastTimerRun = now
        timersRan = true
        stageRelayTransmit()
        meter.enter(nil)
    }

    private func markActive(_ index: Int) {
        guard peers[index].activeRound != round else { return }
        peers[index].activeRound = round
        active.append(index)
    }

    /// Copies what the relay has to send into the stage for the peers.
    private func stageRelayTransmit() {
        while toPeers.hasRoom, let (serial, packet) = relay.pollTransmit() {
            if !toPeers.append(packet, for: Int(serial)) { record("a \(packet.count)-byte packet did not fit the stage") }
        }
    }

    /// Copies what peer `index` has to send into the stage for the relay.
    private func stageTransmit(of index: Int) {
        while toRelay.hasRoom, let packet = peers[index].connection.pollTransmit() {
            if !toRelay.append(packet, for: index) { record("a \(packet.count)-byte packet did not fit the stage") }
        }
    }

    /// Whether the publisher's channel is acknowledged and every subscriber has its relayed
    /// channel open at both ends.
    private var isRelayingEverywhere: Bool {
        guard let publisher, peers[publisher].channel != nil else { return false }
        return peers.indices.allSatisfy { index in
            peers[index].isPublisher || (peers[index].channel != nil
                && relay.channels(of: UInt64(index)).contains { $0.state == .open })
        }
    }

    private func pumpUntilQuiet() -> Bool {
        let deadline = SideMeter.monotonicNanoseconds() + Self.patienceNanoseconds
        while pumpRound() {
            guard SideMeter.monotonicNanoseconds() < deadline else {
                record("packets kept flowing for \(Self.patienceNanoseconds / 1_000_000) ms")
                return false
            }
        }
        return problem == nil
    }

    /// The publisher opens a reliable, ordered channel (DCEP).
    private func openChannel(label: String) {
        guard let publisher else { return record("no publisher to open a channel") }
        meter.enter(.peers)
        defer { meter.enter(nil) }
        do {
            if case .failure(let error) = peers[publisher].connection.open(try DataChannelParameters(label: label)) {
                record("the publisher could not open its channel: \(error)")
            }
            stageTransmit(of: publisher)
        } catch {
            record("the channel's parameters were refused: \(error)")
        }
    }

    /// Hands the publisher's association what waits, until it is all taken or SCTP's buffer is
    /// full. Each message carries its sequence number in its first 8 bytes.
    private func sendPending() {
        guard pendingMessages > 0, let publisher, let channel = peers[publisher].channel else { return }
        while pendingMessages > 0 {
            payload.withUnsafeMutableBytes { $0.storeBytes(of: UInt64(publishedMessages).littleEndian, as: UInt64.self) }
            switch peers[publisher].connection.send(DataChannelMessage(kind: .binary, payload: payload), on: channel) {
            case .sent:
                pendingMessages -= 1
                publishedMessages += 1
            case .wouldBlock:
                return
            case .refused(let reason):
                pendingMessages = 0
                return record("the publisher's association refused a message: \(reason)")
            }
        }
    }

    private func takeEvents(of index: Int) {
        while let event = peers[index].connection.pollEvent() {
            switch event {
            case .established:
                peers[index].isEstablished = true
            case .channelAcknowledged(let id) where peers[index].isPublisher:
                peers[index].channel = id
            case .channelOpened(let id) where !peers[index].isPublisher:
                peers[index].channel = id
            case .message(let id, let message):
                receive(message, on: id, at: index)
            case .ended:
                record("association \(index) ended")
            case .channelAcknowledged, .channelOpened, .channelClosed, .writable:
                break
            }
        }
    }

    private func receive(_ message: DataChannelMessage, on id: UInt16, at index: Int) {
        let expected = peers[index].received
        guard !peers[index].isPublisher, id == peers[index].channel, message.payload.count == Self.messageSize,
              message.payload.withUnsafeBytes({ UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }) == UInt64(expected)
        else {
            return record("peer \(index) expected message \(expected) on channel \(peers[index].channel.map(String.init) ?? "none"), "
                + "got \(message.payload.count) bytes on channel \(id)")
        }
        peers[index].received += 1
    }

    private func record(_ problem: String) {
        if self.problem == nil { self.problem = problem }
    }
}

/// Why a rig could not be set up (its first problem).
struct RigError: Error, CustomStringConvertible {
    let description: String

    init(_ problem: String?) {
        description = problem ?? "the rig stopped without saying why"
    }
}
