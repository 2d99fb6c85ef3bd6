public import RTCWire

/// A copy of one consumer's output stream at one moment (W3C `outbound-rtp` and
/// `remote-inbound-rtp`), taken on its worker for the control plane.
///
/// Invariant: a value copy; `ssrc` is the SSRC the subscriber receives; `payloadType` and
/// `clockRate` are those of the latest packet sent (the subscriber's numbering), nil before the
/// first.
public struct OutboundStreamSnapshot: Sendable, Equatable {
    public let ssrc: SSRC
    public let producer: ProducerID
    public let isVideo: Bool
    public let isPaused: Bool
    public let counters: ForwardingCounters
    public let statistics: OutboundStreamStatistics
    public let payloadType: PayloadType?
    public let clockRate: UInt32?

    public init(ssrc: SSRC, producer: ProducerID, isVideo: Bool, isPaused: Bool, counters: ForwardingCounters,
                statistics: OutboundStreamStatistics, payloadType: PayloadType?, clockRate: UInt32?) {
        self.ssrc = ssrc
        self.producer = producer
        self.isVideo = isVideo
        self.isPaused = isPaused
        self.counters = counters
        self.statistics = statistics
        self.payloadType = payloadType
        self.clockRate = clockRate
    }
}
