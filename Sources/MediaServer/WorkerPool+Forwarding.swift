public import MediaContract
import RTCWire
import SDP
import SFUCore
import Worker

// The forwarding side of the pool: subscriptions become consumers on the subscriber's worker,
// and every producer's worker learns which other workers have consumers of it.
extension WorkerPool {
    /// Applies a subscriber's answer to its open subscribe transport `key`: its ICE and DTLS
    /// parameters, and exactly the consumers `subscription` lists.
    public func subscribe(_ key: TransportKey, _ subscription: Subscription) async throws(MediaServerError) {
        let association = subscription.dataChannel.flatMap { _ in dataAssociation(of: key) }
        let application = TransportApplication(
            remote: subscription.remote, media: .none, dtlsRole: subscription.serverIsDTLSClient ? .client : .server, producers: [],
            dataAssociation: association)
        try await apply(key, application)
        if let dataChannel = subscription.dataChannel, let association {
            attachDataChannels(key, association: association, isDTLSClient: subscription.serverIsDTLSClient, dataChannel)
        }
        let affected = directory.state.withLock { directory in
            let tracks = subscription.consumers.map { track in
                ForwardingDirectory.ConsumedTrack(
                    producer: directory.forwarding.producer(room: key.room, participant: track.publisher, mid: track.publisherMid),
                    track: track)
            }
            return directory.forwarding.setSubscription(tracks, of: key)
        }
        refreshForwarding(of: affected, subscribers: [key])
    }

    /// Tells the workers what changed for `producers`: each producer's worker gets the set of
    /// other workers with consumers of it, and each subscriber of them (and each of
    /// `subscribers`) gets its full consumer set again, with the producers' current workers.
    func refreshForwarding(of producers: Set<ProducerID>, subscribers: Set<TransportKey> = []) {
        let plan = directory.state.withLock { directory in
            ForwardingPlan(producers: producers, subscribers: subscribers, directory: directory)
        }
        for (worker, producer, remoteWorkers) in plan.remoteWorkers {
            workers[worker].send(.setRemoteWorkers(producer, remoteWorkers))
        }
        for (worker, subscriber, specs) in plan.consumers {
            workers[worker].send(.setConsumers(subscriber, specs))
        }
    }
}

/// The commands that bring the workers in line with the pool's directory for some producers
/// and subscribers, computed under the directory's lock and sent after it.
private struct ForwardingPlan {
    var remoteWorkers: [(worker: Int, producer: ProducerID, remoteWorkers: [Int])] = []
    var consumers: [(worker: Int, subscriber: TransportKey, specs: [ConsumerSpec])] = []

    init(producers: Set<ProducerID>, subscribers: Set<TransportKey>, directory: WorkerPool.Directory) {
        let forwarding = directory.forwarding
        var allSubscribers = subscribers
        for producer in producers {
            let subscriberKeys = forwarding.subscribers(of: producer)
            allSubscribers.formUnion(subscriberKeys)
            guard let publish = forwarding.publishTransport(of: producer), let home = directory.registry[publish]?.worker else { continue }
            let remote = Set(subscriberKeys.compactMap { directory.registry[$0]?.worker }).subtracting([home])
            remoteWorkers.append((home, producer, remote.sorted()))
        }
        var generator = SystemRandomNumberGenerator()
        for subscriber in allSubscribers {
            guard let worker = directory.registry[subscriber]?.worker else { continue }
            let specs = (forwarding.subscriptions[subscriber] ?? []).compactMap { consumed -> ConsumerSpec? in
                let producerWorker = forwarding.publishTransport(of: consumed.producer).flatMap { directory.registry[$0]?.worker } ?? worker
                return Self.spec(consumed, producerWorker: producerWorker, using: &generator)
            }
            consumers.append((worker, subscriber, specs))
        }
    }

    /// The worker's description of one consumed track; nil when its payload types do not form
    /// a valid map (the control plane never builds such a one).
    private static func spec(
        _ consumed: ForwardingDirectory.ConsumedTrack, producerWorker: Int, using generator: inout SystemRandomNumberGenerator
    ) -> ConsumerSpec? {
        let track = consumed.track
        let entries = track.payloadTypes.map { mapping in
            PayloadTypeMap.Entry(
                inputPayloadType: mapping.publisher,
                mapping: PayloadTypeMap.Mapping(
                    outputPayloadType: mapping.subscriber, clockRate: mapping.clockRate,
                    codec: VideoCodecKind(encodingName: mapping.encodingName), retransmittedPayloadType: mapping.associated))
        }
        guard let payloadTypes = try? PayloadTypeMap(entries), let extensionIDs = RTPExtensionIDMap(track.extensionIDs) else {
            return nil
        }
        return ConsumerSpec(
            producer: consumed.producer, producerWorker: producerWorker, isVideo: track.kind == .video, ssrc: track.ssrc,
            payloadTypes: payloadTypes, extensionIDs: extensionIDs, paused: track.paused,
            initialSequence: SequenceNumber(UInt16.random(in: 0...UInt16.max, using: &generator)),
            initialTimestamp: UInt32.random(in: 0...UInt32.max, using: &generator), cname: track.publisher)
    }
}
