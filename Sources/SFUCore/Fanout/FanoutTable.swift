public import RTCWire

/// One worker's half of the forwarding core: the producers whose publishers' transports live on
/// this worker, and the consumers whose subscribers' transports live here. Single writer: only
/// the owning worker changes it, by the control plane's commands (DESIGN.md).
///
/// A received packet of a producer goes to `consumers(of:)` on this worker, and to every worker
/// in its `remoteWorkers`, which deliver it to their own consumers of that producer. The table
/// holds no transport: consumers and producers name their transport's slot in the worker's
/// `TransportTable`.
///
/// Invariants: `consumerIndices[p]` lists exactly the occupied consumer slots whose producer is
/// `p`; `consumersOfTransport[t]` those whose transport slot is `t`; a (transport, producer)
/// pair has at most one consumer; lookups on the packet path allocate nothing (tables change only
/// on commands).
public struct FanoutTable {
    /// A producer hosted here.
    public struct Producer {
        public let id: ProducerID
        public let transportSlot: Int
        /// Workers other than this one with consumers of it.
        public var remoteWorkers: [Int] = []
        /// The publisher's latest media SSRC (where a key-frame request goes).
        public var mediaSSRC: SSRC?
        public var keyFrameRequests: KeyFrameRequestThrottle

        init(id: ProducerID, transportSlot: Int) {
            self.id = id
            self.transportSlot = transportSlot
            keyFrameRequests = KeyFrameRequestThrottle(minimumInterval: FanoutTable.keyFrameRequestInterval)
        }
    }

    /// A consumer hosted here: one producer forwarded to the subscriber of one transport.
    public struct Consumer {
        /// Runs `body` on this consumer in place (see `FanoutTable.withConsumer`).
        @inline(__always)
        mutating func inPlace<Result>(_ body: (inout Consumer) -> Result) -> Result {
            body(&self)
        }

        public let producer: ProducerID
        /// Where the producer lives now (it moves when its publisher's transport is reopened).
        public var producerWorker: Int
        public let transportSlot: Int
        public let ssrc: SSRC
        public var rewriter: RTPStreamRewriter
        /// Monotonic time of the latest key-frame request sent for it (0: none).
        public var lastKeyFrameRequest: Int64 = 0
        /// What its subscriber's RTCP and the server's sender reports said about its stream.
        public var statistics = OutboundStreamStatistics()
        /// The CNAME of its sender reports' SDES item, UTF-8 (at most 255 bytes).
        public let cname: [UInt8]
    }

    private var producers: [ProducerID: Producer] = [:]
    /// Transport slot → producer of each of its published sections (nil: not forwarded).
    private var producersOfTransport: [Int: [ProducerID?]] = [:]
    public private(set) var consumers: [Consumer?] = []
    private var freeConsumers: [Int] = []
    private var consumerIndices: [ProducerID: [Int]] = [:]
    private var consumersOfTransport: [Int: [Int]] = [:]
    /// Transport slot → its consumers by their subscriber-side SSRC, for the subscriber's RTCP.
    private var feedbackRouters: [Int: RTCPFeedbackRouter] = [:]
    private static let noConsumers: [Int] = []
    /// The least time between two key-frame requests to one publisher: short enough that a
    /// subscriber joining just after another still sees video within a few frames, long enough
    /// that a room of joiners costs the publisher a key frame per interval, not one each.
    public static let keyFrameRequestInterval: Int64 = 150_000_000

    public init() {}

    // MARK: Producers

    /// Sets the producers of the sections of the publish transport in `transportSlot` (one per
    /// section of its current `PublishedMedia`, nil for sections not forwarded). Producers the
    /// transport no longer has are removed; kept ones keep their remote workers.
    public mutating func setProducers(_ ids: [ProducerID?], transportSlot: Int) {
        let kept = Set(ids.compactMap { $0 })
        for case let id? in producersOfTransport[transportSlot] ?? [] where !kept.contains(id) {
            producers[id] = nil
        }
        for case let id? in ids where producers[id] == nil {
            producers[id] = Producer(id: id, transportSlot: transportSlot)
        }
        producersOfTransport[transportSlot] = ids
    }

    /// The producer of `section` of the transport in `transportSlot`, if forwarded.
    @inline(__always)
    public func producer(transportSlot: Int, section: Int) -> ProducerID? {
        guard let ids = producersOfTransport[transportSlot], ids.indices.contains(section) else { return nil }
        return ids[section]
    }

    public func producer(_ id: ProducerID) -> Producer? {
        producers[id]
    }

    /// The producer of the publish transport in `transportSlot` whose latest media SSRC is
    /// `ssrc` (the sender of a report about it), if any.
    public func producer(transportSlot: Int, mediaSSRC ssrc: SSRC) -> ProducerID? {
        guard let ids = producersOfTransport[transportSlot] else { return nil }
        for case let id? in ids where producers[id]?.mediaSSRC == ssrc { return id }
        return nil
    }

    /// Records the publisher's media SSRC of `id` (called per packet; no allocation).
    @inline(__always)
    public mutating func noteMediaSSRC(_ ssrc: SSRC, of id: ProducerID) {
        if producers[id]?.mediaSSRC != ssrc { producers[id]?.mediaSSRC = ssrc }
    }

    /// Whether a key-frame request for `id` may go to its publisher now (throttled per producer).
    public mutating func mayRequestKeyFrame(_ id: ProducerID, now: Int64) -> Bool {
        producers[id]?.keyFrameRequests.shouldRequest(now: now) ?? false
    }

    /// Sets the other workers that have consumers of `id` (ignored when it is not hosted here).
    public mutating func setRemoteWorkers(_ workers: [Int], of id: ProducerID) {
        producers[id]?.remoteWorkers = workers
    }

    // MARK: Consumers

    /// Makes the consumers of the subscribe transport in `transportSlot` exactly `specs`:
    /// consumers of producers no longer listed are removed, new ones created, kept ones paused
    /// or resumed, given the current payload-type and extension maps (their numbering continues)
    /// and told where their producer lives now.
    public mutating func setConsumers(_ specs: [ConsumerSpec], transportSlot: Int) {
        let wanted = Set(specs.map(\.producer))
        for index in consumersOfTransport[transportSlot] ?? [] {
            if let consumer = consumers[index], !wanted.contains(consumer.producer) { removeConsumer(index) }
        }
        for spec in specs {
            if let index = consumersOfTransport[transportSlot]?.first(where: { consumers[$0]?.producer == spec.producer }) {
                if spec.paused { consumers[index]?.rewriter.pause() } else { consumers[index]?.rewriter.resume() }
                consumers[index]?.producerWorker = spec.producerWorker
                consumers[index]?.rewriter.payloadTypes = spec.payloadTypes
                consumers[index]?.rewriter.extensionIDs = spec.extensionIDs
                continue
            }
            var rewriter = RTPStreamRewriter(
                outputSSRC: spec.ssrc, payloadTypes: spec.payloadTypes, extensionIDs: spec.extensionIDs, isVideo: spec.isVideo,
                initialSequence: spec.initialSequence, initialTimestamp: spec.initialTimestamp)
            if spec.paused { rewriter.pause() }
            let consumer = Consumer(
                producer: spec.producer, producerWorker: spec.producerWorker, transportSlot: transportSlot, ssrc: spec.ssrc,
                rewriter: rewriter, cname: Array(spec.cname.utf8.prefix(255)))
            let index: Int
            if let free = freeConsumers.popLast() {
                index = free
                consumers[index] = consumer
            } else {
                index = consumers.count
                consumers.append(consumer)
            }
            consumerIndices[spec.producer, default: []].append(index)
            consumersOfTransport[transportSlot, default: []].append(index)
            feedbackRouters[transportSlot, default: RTCPFeedbackRouter()].setConsumer(Int32(index), for: spec.ssrc)
        }
    }

    /// The consumer slots of `id` on this worker.
    @inline(__always)
    public func consumers(of id: ProducerID) -> [Int] {
        consumerIndices[id] ?? Self.noConsumers
    }

    /// The consumer slots of the subscribe transport in `transportSlot`.
    public func consumers(ofTransport transportSlot: Int) -> [Int] {
        consumersOfTransport[transportSlot] ?? Self.noConsumers
    }

    /// What reads the RTCP of the subscribe transport in `transportSlot` (nil: it has no consumer).
    @inline(__always)
    public func feedbackRouter(transportSlot: Int) -> RTCPFeedbackRouter? {
        feedbackRouters[transportSlot]
    }

    /// Runs `body` on the consumer in slot `index` in place (no copy of the consumer, whose maps
    /// would be retained): the way the packet path reads and changes consumers.
    @inline(__always)
    public mutating func withConsumer<Result>(_ index: Int, _ body: (inout Consumer) -> Result) -> Result? {
        guard consumers.indices.contains(index) else { return nil }
        return consumers[index]?.inPlace(body)
    }

    /// Forgets the producers and consumers of the transport in `transportSlot` (it closed).
    public mutating func removeTransport(_ transportSlot: Int) {
        setProducers([], transportSlot: transportSlot)
        producersOfTransport[transportSlot] = nil
        for index in consumersOfTransport[transportSlot] ?? [] { removeConsumer(index) }
        consumersOfTransport[transportSlot] = nil
        feedbackRouters[transportSlot] = nil
    }

    private mutating func removeConsumer(_ index: Int) {
        guard let consumer = consumers[index] else { return }
        consumerIndices[consumer.producer]?.removeAll { $0 == index }
        if consumerIndices[consumer.producer]?.isEmpty == true { consumerIndices[consumer.producer] = nil }
        consumersOfTransport[consumer.transportSlot]?.removeAll { $0 == index }
        feedbackRouters[consumer.transportSlot]?.removeConsumer(for: consumer.ssrc)
        consumers[index] = nil
        freeConsumers.append(index)
    }
}
