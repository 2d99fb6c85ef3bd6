import SCTP

/// One association of the relay: the peer it belongs to, its connection, and its part in the
/// relay (a publisher's sources; a subscriber's relayed channels).
///
/// Invariants: `sources` only on a publisher's endpoint, `relayed` only on a subscriber's;
/// `relayedByID[id]` names a key of `relayed` or a relayed channel being closed.
struct DataChannelEndpoint {
    let peer: DataChannelPeer
    var connection: DataChannelConnection
    /// A publisher's open channels: id → label.
    var sources: [UInt16: String] = [:]
    /// A subscriber's relayed channels, one per (sender, label).
    var relayed: [RelayedChannelKey: RelayedChannel] = [:]
    var relayedByID: [UInt16: RelayedChannelKey] = [:]

    /// One parameter set per label among the sources (the first channel of a label sets it).
    func sourceParameters() -> [(String, DataChannelParameters)] {
        var seen: Set<String> = []
        var result: [(String, DataChannelParameters)] = []
        for id in sources.keys.sorted() {
            guard let label = sources[id], seen.insert(label).inserted, let info = connection.table.channel(id) else { continue }
            result.append((label, info.parameters))
        }
        return result
    }
}

/// Which relayed channel: one per (sender participant, label) on each receiver.
struct RelayedChannelKey: Hashable {
    let sender: String
    let label: String
}

/// A relayed channel on one receiver, named from outside its endpoint (what pauses a sender).
struct RelayedChannelRef: Hashable {
    let receiver: UInt64
    let key: RelayedChannelKey
}

/// A channel the server opens on a receiver's subscribe transport to relay one (sender, label),
/// and what waits for it.
///
/// Invariants: `id` is set once the server opened it on an established association; `isOpen`
/// only after the receiver's DCEP ACK; `queuedBytes` is the cost (payload plus
/// `DataChannelRelay.queuedMessageOverhead`) of the queued messages.
struct RelayedChannel {
    let senderSerial: UInt64
    let parameters: DataChannelParameters
    var id: UInt16?
    var isOpen = false
    private(set) var queue = SCTPQueue<DataChannelMessage>()
    private(set) var queuedBytes = 0

    init(senderSerial: UInt64, parameters: DataChannelParameters) {
        self.senderSerial = senderSerial
        self.parameters = parameters
    }

    var isReliable: Bool { parameters.reliability == .reliable }
    var queuedCount: Int { queue.count }
    var first: DataChannelMessage? { queue.first }

    static func cost(of message: DataChannelMessage) -> Int {
        message.payload.count + DataChannelRelay.queuedMessageOverhead
    }

    mutating func enqueue(_ message: DataChannelMessage) {
        queue.push(message)
        queuedBytes += Self.cost(of: message)
    }

    mutating func dequeue() {
        guard let message = queue.pop() else { return }
        queuedBytes -= Self.cost(of: message)
    }
}
