public import RTCWire

/// What a worker needs to forward one producer to one subscriber: the producer and its worker,
/// the subscriber's stream identity and numbering, and whether it is paused.
///
/// Invariants: `payloadTypes` and `extensionIDs` map the publisher's numbering to the
/// subscriber's (see `PayloadTypeMap`, `RTPExtensionIDMap`); `initialSequence` and
/// `initialTimestamp` are random (RFC 3550 §5.1) and used only when the consumer is created.
public struct ConsumerSpec: Sendable {
    public let producer: ProducerID
    /// The worker that hosts the producer (where key-frame requests go).
    public let producerWorker: Int
    public let isVideo: Bool
    public let ssrc: SSRC
    public let payloadTypes: PayloadTypeMap
    public let extensionIDs: RTPExtensionIDMap
    public let paused: Bool
    public let initialSequence: SequenceNumber
    public let initialTimestamp: UInt32
    /// The CNAME the subscriber's SDP gives the stream (its publisher's), for the SDES item of
    /// the server's sender reports about it.
    public let cname: String

    public init(
        producer: ProducerID, producerWorker: Int, isVideo: Bool, ssrc: SSRC, payloadTypes: PayloadTypeMap,
        extensionIDs: RTPExtensionIDMap, paused: Bool, initialSequence: SequenceNumber, initialTimestamp: UInt32,
        cname: String = "switchboard"
    ) {
        self.producer = producer
        self.producerWorker = producerWorker
        self.isVideo = isVideo
        self.ssrc = ssrc
        self.payloadTypes = payloadTypes
        self.extensionIDs = extensionIDs
        self.paused = paused
        self.initialSequence = initialSequence
        self.initialTimestamp = initialTimestamp
        self.cname = cname
    }
}
