import MediaContract
import RTCWire
import SFUCore

/// The worker pool's record of the forwarding core: which producer id each published track
/// has, and which tracks each subscribe transport consumes. The workers' `FanoutTable`s are
/// derived from it by commands.
///
/// Invariants: a (room, publisher, mid) keeps its `ProducerID` until the publisher leaves or the
/// room closes (so consumers continue across the publisher's renegotiations and restarts); ids
/// are never reused; every `ConsumedTrack` names a producer of this directory.
struct ForwardingDirectory: Sendable {
    /// One track a subscribe transport consumes.
    struct ConsumedTrack: Sendable {
        let producer: ProducerID
        let track: SubscribedTrack
    }

    private struct ProducerKey: Hashable, Sendable {
        let room: String
        let participant: String
        let mid: Mid
    }

    private var ids: [ProducerKey: ProducerID] = [:]
    private var keys: [ProducerID: ProducerKey] = [:]
    private var lastID: UInt64 = 0
    private(set) var subscriptions: [TransportKey: [ConsumedTrack]] = [:]

    /// The producer of the publisher's section `mid`, made on first use.
    mutating func producer(room: String, participant: String, mid: Mid) -> ProducerID {
        let key = ProducerKey(room: room, participant: participant, mid: mid)
        if let id = ids[key] { return id }
        lastID += 1
        let id = ProducerID(rawValue: lastID)
        ids[key] = id
        keys[id] = key
        return id
    }

    /// The publish transport that carries `producer`.
    func publishTransport(of producer: ProducerID) -> TransportKey? {
        keys[producer].map { TransportKey(room: $0.room, participant: $0.participant, role: .publish) }
    }

    /// The subscribe transports that consume `producer`.
    func subscribers(of producer: ProducerID) -> [TransportKey] {
        subscriptions.compactMap { entry in entry.value.contains { $0.producer == producer } ? entry.key : nil }
    }

    /// Replaces what `subscriber` consumes; returns the producers it consumed before or now.
    mutating func setSubscription(_ tracks: [ConsumedTrack], of subscriber: TransportKey) -> Set<ProducerID> {
        let before = subscriptions[subscriber]?.map(\.producer) ?? []
        subscriptions[subscriber] = tracks
        return Set(before).union(tracks.map(\.producer))
    }

    /// Forgets what `subscriber` consumed; returns those producers.
    mutating func forget(subscriber: TransportKey) -> Set<ProducerID> {
        Set(subscriptions.removeValue(forKey: subscriber)?.map(\.producer) ?? [])
    }

    /// Forgets the producers of every publish transport `matches` accepts (its participant left
    /// or its room closed).
    mutating func forgetProducers(where matches: (TransportKey) -> Bool) {
        for (key, id) in ids where matches(TransportKey(room: key.room, participant: key.participant, role: .publish)) {
            ids[key] = nil
            keys[id] = nil
        }
    }
}
