public import SCTP

/// The data-channel relay (API.md "Data channels"): every SCTP association of the process,
/// one per transport with a data section, and the relaying between them. A channel a
/// participant opens on its publish transport is a *source*; for each (sender, label) every
/// other participant of the room gets one *relayed* channel on its subscribe transport, opened
/// by the server with the same label, ordering and reliability and DCEP `protocol` = the
/// sender's id, as soon as that transport's association is up (and for participants that come
/// later, when they attach). Each message on a source goes to every relayed channel of its
/// (sender, label).
///
/// Buffering, per relayed channel: while it is not open yet, reliable messages are held up to
/// `heldBytesLimit` and then dropped, unreliable ones dropped; once open, a message the
/// receiver's association cannot take (send buffer full) is queued when the channel is
/// reliable (and once a queue passes `pauseThreshold`, the sender's association stops being
/// read until every queue that paused it is back under `resumeThreshold`: SCTP's receive
/// window then slows the sender) and dropped when it is not. Every drop is counted.
///
/// Sans-IO: an owner thread calls `attach`, `connect`, `handlePacket`, `handleTimers` and
/// `detach`, then drains `pollTransmit()`; the relay never reads a clock or touches a socket
/// (SCTP timers run from `handleTimers(now:)`). All calls come from the thread that owns the
/// process's `SCTPStack`.
///
/// Invariants: an association is keyed by the number its owner gave it (`attach`); every
/// relayed channel belongs to a subscriber endpoint of the same room as its sender and a
/// different participant; a sender is paused exactly while `blocking[sender]` is not empty.
public struct DataChannelRelay {
    /// Bytes held for one relayed channel that is not open yet (API.md: 1 MiB).
    public static let heldBytesLimit = 1 << 20
    /// Bytes queued on an open reliable relayed channel that pause its sender.
    public static let pauseThreshold = 1 << 20
    /// Bytes under which such a queue lets its sender go again.
    public static let resumeThreshold = 256 << 10
    /// The associations' settings: SCTP packets of at most 1,100 bytes, so that one fits a DTLS
    /// record in a 1,200-byte datagram whatever the cipher suite's overhead (CBC-SHA's is the
    /// largest, 65 bytes); messages up to 256 KiB (`a=max-message-size:262144`).
    public static let defaultConfiguration = SCTPConfiguration(maximumPacketSize: 1100)
    /// What one queued message costs beyond its payload (so that empty messages count).
    static let queuedMessageOverhead = 64

    var endpoints: [UInt64: DataChannelEndpoint] = [:]
    var roomMembers: [String: Set<UInt64>] = [:]
    /// Each sender's relayed channels that are over `pauseThreshold` (sender → receivers).
    var blocking: [UInt64: Set<RelayedChannelRef>] = [:]
    var resumable: [UInt64] = []
    private var dirty: [UInt64] = []
    private var isDirty: Set<UInt64> = []
    private let configuration: SCTPConfiguration
    public internal(set) var counters = DataChannelRelayCounters()
    /// The protocol drops of the associations already detached.
    private var detachedProtocolDrops = DataChannelProtocolDrops()

    /// A relay whose associations use `configuration` (its `remotePort` is replaced by each
    /// peer's own).
    public init(configuration: SCTPConfiguration = DataChannelRelay.defaultConfiguration) {
        self.configuration = configuration
    }

    /// How many associations exist.
    public var associationCount: Int { endpoints.count }

    /// What every association the relay has had refused from its peer.
    public var protocolDrops: DataChannelProtocolDrops {
        endpoints.values.reduce(into: detachedProtocolDrops) { $0.add($1.connection) }
    }

    /// Makes the association `serial` for `peer`; a subscriber gets the relayed channels of
    /// every source already open in its room.
    public mutating func attach(
        _ serial: UInt64, peer: DataChannelPeer, isDTLSClient: Bool, remotePort: UInt16, remoteMaxMessageSize: UInt64
    ) throws(SCTPError) {
        guard endpoints[serial] == nil else { return }
        var configuration = configuration
        configuration.remotePort = remotePort
        let connection: DataChannelConnection
        do {
            connection = try DataChannelConnection(
                configuration: configuration, isDTLSClient: isDTLSClient, remoteMaxMessageSize: remoteMaxMessageSize)
        } catch {
            counters.attachFailures &+= 1
            throw error
        }
        endpoints[serial] = DataChannelEndpoint(peer: peer, connection: connection)
        roomMembers[peer.room, default: []].insert(serial)
        guard !peer.isPublisher else { return }
        for sender in members(of: peer.room) where sender != serial {
            guard let source = endpoints[sender], source.peer.isPublisher, source.peer.participant != peer.participant else { continue }
            for (label, parameters) in source.sourceParameters() {
                addRelayedChannel(to: serial, from: sender, label: label, parameters: parameters)
            }
        }
    }

    /// The association `serial`'s transport has DTLS up: SCTP starts.
    public mutating func connect(_ serial: UInt64) {
        guard endpoints[serial] != nil else { return }
        endpoints[serial]?.connection.connect()
        processEvents(of: serial)
        settle()
    }

    /// One SCTP packet from the peer of association `serial`.
    public mutating func handlePacket(_ serial: UInt64, _ bytes: UnsafeRawBufferPointer) {
        guard endpoints[serial] != nil else { return }
        endpoints[serial]?.connection.handlePacket(bytes)
        processEvents(of: serial)
        settle()
    }

    /// Runs SCTP's timers (retransmissions, heartbeats, shutdown) up to `now` (monotonic ns).
    public mutating func handleTimers(now: Int64) {
        SCTPStack.handleTimers(now: now)
        for serial in Array(endpoints.keys) {
            endpoints[serial]?.connection.pump()
            processEvents(of: serial)
        }
        settle()
    }

    /// Ends the association `serial` (its transport closed): a sender's relayed channels close
    /// at every receiver, a receiver's queues are dropped.
    public mutating func detach(_ serial: UInt64) {
        guard let endpoint = endpoints[serial] else { return }
        if endpoint.peer.isPublisher {
            for label in Set(endpoint.sources.values) { closeRelayedChannels(from: serial, label: label) }
        } else {
            dropRelayedChannels(of: serial)
        }
        endpoints[serial]?.connection.association.abort()
        detachedProtocolDrops.add(endpoint.connection)
        endpoints[serial] = nil
        roomMembers[endpoint.peer.room]?.remove(serial)
        if roomMembers[endpoint.peer.room]?.isEmpty == true { roomMembers[endpoint.peer.room] = nil }
        blocking[serial] = nil
        isDirty.remove(serial)
        settle()
    }

    /// The next SCTP packet to send: for association `serial`, whose transport encrypts it.
    public mutating func pollTransmit() -> (serial: UInt64, packet: [UInt8])? {
        while let serial = dirty.last {
            if let packet = endpoints[serial]?.connection.pollTransmit() { return (serial, packet) }
            dirty.removeLast()
            isDirty.remove(serial)
        }
        return nil
    }

    /// The channels the peer of association `serial` opened and has open (a publisher's
    /// sources; on a subscribe transport, any it opened itself).
    public func openedChannels(of serial: UInt64) -> [DataChannelParameters] {
        guard let endpoint = endpoints[serial] else { return [] }
        return endpoint.connection.table.channels.filter { $0.origin != .local && $0.state == .open }.map(\.parameters)
    }

    /// Every channel of association `serial`, with its counters (the `data-channel` stats).
    public func channels(of serial: UInt64) -> [DataChannelInfo] {
        endpoints[serial]?.connection.table.channels ?? []
    }

    // MARK: Events

    mutating func processEvents(of serial: UInt64) {
        markDirty(serial)
        while let event = endpoints[serial]?.connection.pollEvent() {
            guard let peer = endpoints[serial]?.peer else { return }
            switch event {
            case .established:
                if !peer.isPublisher { openRelayedChannels(of: serial) }
            case .channelOpened(let id):
                if peer.isPublisher { addSource(id, of: serial) }
            case .channelAcknowledged(let id):
                guard let label = endpoints[serial]?.relayedByID[id] else { break }
                endpoints[serial]?.relayed[label]?.isOpen = true
                flush(label, of: serial)
            case .message(let id, let message):
                if peer.isPublisher, let label = endpoints[serial]?.sources[id] {
                    relay(message, from: serial, label: label)
                } else {
                    counters.ignoredFromSubscribers &+= 1
                }
            case .channelClosed(let id):
                if peer.isPublisher {
                    removeSource(id, of: serial)
                } else if let label = endpoints[serial]?.relayedByID.removeValue(forKey: id) {
                    removeRelayedChannel(label, of: serial)
                }
            case .writable:
                for label in endpoints[serial]?.relayed.keys.map({ $0 }) ?? [] { flush(label, of: serial) }
            case .ended:
                if peer.isPublisher {
                    for label in Set(endpoints[serial]?.sources.values.map { $0 } ?? []) { closeRelayedChannels(from: serial, label: label) }
                    endpoints[serial]?.sources = [:]
                } else {
                    dropRelayedChannels(of: serial)
                }
            }
        }
    }

    /// Lets paused senders whose receivers caught up go again (reading what waited may relay
    /// more, and pause them again).
    private mutating func settle() {
        while let sender = resumable.popLast() {
            guard blocking[sender]?.isEmpty ?? true, endpoints[sender]?.connection.isReadingPaused == true else { continue }
            blocking[sender] = nil
            endpoints[sender]?.connection.isReadingPaused = false
            processEvents(of: sender)
        }
    }

    // MARK: Sources

    private mutating func addSource(_ id: UInt16, of sender: UInt64) {
        guard let endpoint = endpoints[sender], let info = endpoint.connection.table.channel(id) else { return }
        let label = info.parameters.label
        let isNewLabel = !endpoint.sources.values.contains(label)
        endpoints[sender]?.sources[id] = label
        guard isNewLabel else { return }
        for receiver in receivers(of: endpoint.peer) {
            addRelayedChannel(to: receiver, from: sender, label: label, parameters: info.parameters)
        }
    }

    private mutating func removeSource(_ id: UInt16, of sender: UInt64) {
        guard let label = endpoints[sender]?.sources.removeValue(forKey: id) else { return }
        if endpoints[sender]?.sources.values.contains(label) != true { closeRelayedChannels(from: sender, label: label) }
    }

    private mutating func relay(_ message: DataChannelMessage, from sender: UInt64, label: String) {
        guard let peer = endpoints[sender]?.peer else { return }
        let key = RelayedChannelKey(sender: peer.participant, label: label)
        for receiver in receivers(of: peer) {
            deliver(message, on: key, to: receiver)
        }
    }

    /// The subscribe transports of the other participants of `sender`'s room.
    private func receivers(of sender: DataChannelPeer) -> [UInt64] {
        members(of: sender.room).filter { serial in
            guard let peer = endpoints[serial]?.peer else { return false }
            return !peer.isPublisher && peer.participant != sender.participant
        }
    }

    func members(of room: String) -> [UInt64] {
        roomMembers[room].map { Array($0) } ?? []
    }

    mutating func markDirty(_ serial: UInt64) {
        if isDirty.insert(serial).inserted { dirty.append(serial) }
    }
}
