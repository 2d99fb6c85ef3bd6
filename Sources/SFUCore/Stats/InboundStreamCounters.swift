public import RTCWire

/// What one received RTP stream (one SSRC) delivered, as W3C `inbound-rtp` counts it, plain
/// integers owned by the worker, with what its sender's reports said (`remote-outbound-rtp`).
///
/// Invariants: counters only grow (wrapping); `bytesReceived` counts payload bytes only (no RTP
/// header, no padding) and `headerBytesReceived` the headers, as webrtc-stats defines them;
/// retransmissions (an RTX stream of the same section) are counted in the retransmitted
/// fields, not in `packetsReceived`. `nackCount`, `pliCount` and `firCount` count the feedback
/// the server sent the publisher about this SSRC. `clockRate` is that of `clockRatePayloadType`
/// (0 when the section has no such codec). Counting allocates nothing.
public struct InboundStreamCounters: Sendable, Hashable {
    public let ssrc: SSRC
    /// Index of the publisher's section in the transport's current `PublishedMedia.sections`.
    public private(set) var section: Int
    public let isRetransmission: Bool
    public var packetsReceived: UInt64 = 0
    public var bytesReceived: UInt64 = 0
    public var headerBytesReceived: UInt64 = 0
    public var paddingBytesReceived: UInt64 = 0
    /// Payload type of the latest packet (the codec in use).
    public var lastPayloadType: PayloadType?
    /// Monotonic time of the latest packet, nanoseconds.
    public var lastPacketReceivedAt: Int64 = 0
    /// Loss and jitter (RFC 3550 Appendix A).
    public private(set) var reception = ReceptionStatistics()
    /// Generic NACK messages the server sent about this SSRC.
    public internal(set) var nackCount: UInt64 = 0
    /// PLI messages the server sent about this SSRC (key-frame requests for its subscribers).
    public internal(set) var pliCount: UInt64 = 0
    /// FIR entries the server sent naming this SSRC.
    public internal(set) var firCount: UInt64 = 0
    /// The sender's latest report about this SSRC, once one came.
    public private(set) var remoteSender: RemoteSenderReport?
    /// The payload type whose clock rate `clockRate` is.
    public private(set) var clockRatePayloadType: PayloadType?
    public private(set) var clockRate: UInt32 = 0

    public init(ssrc: SSRC, section: Int, isRetransmission: Bool) {
        self.ssrc = ssrc
        self.section = section
        self.isRetransmission = isRetransmission
    }

    /// The same counters for a stream whose section moved to `section` (renegotiation).
    func moved(toSection section: Int) -> InboundStreamCounters {
        var moved = self
        moved.section = section
        return moved
    }

    /// Whether the clock rate of `payloadType` must be looked up before counting its packet.
    func needsClockRate(of payloadType: PayloadType) -> Bool {
        clockRatePayloadType != payloadType
    }

    /// Takes `clockRate` (0: unknown) as that of `payloadType`.
    mutating func setClockRate(_ clockRate: UInt32, of payloadType: PayloadType) {
        clockRatePayloadType = payloadType
        self.clockRate = clockRate
    }

    /// Counts one decrypted packet that arrived at `now` (monotonic nanoseconds).
    mutating func count(_ packet: RTPPacketView, now: Int64) {
        packetsReceived &+= 1
        bytesReceived &+= UInt64(packet.payload.count)
        headerBytesReceived &+= UInt64(packet.headerLength)
        paddingBytesReceived &+= UInt64(packet.paddingLength)
        lastPayloadType = packet.payloadType
        lastPacketReceivedAt = now
        reception.record(sequence: packet.sequenceNumber, timestamp: packet.timestamp, arrival: now, clockRate: clockRate)
    }

    /// Takes a sender report about this SSRC that arrived at `now` (monotonic nanoseconds).
    mutating func recordSenderReport(_ report: SenderReport, now: Int64) {
        let reportsReceived = (remoteSender?.reportsReceived ?? 0) &+ 1
        remoteSender = RemoteSenderReport(report, receivedAt: now, reportsReceived: reportsReceived)
    }
}
