public import RTCWire

/// What one received RTP stream (one SSRC) delivered, as W3C `inbound-rtp` counts it, plain
/// integers owned by the worker.
///
/// Invariants: counters only grow (wrapping); `bytesReceived` counts payload bytes only (no RTP
/// header, no padding) and `headerBytesReceived` the headers, as webrtc-stats defines them;
/// retransmissions (an RTX stream of the same section) are counted in the retransmitted
/// fields, not in `packetsReceived`.
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

    /// Counts one decrypted packet.
    mutating func count(_ packet: RTPPacketView, now: Int64) {
        packetsReceived &+= 1
        bytesReceived &+= UInt64(packet.payload.count)
        headerBytesReceived &+= UInt64(packet.headerLength)
        paddingBytesReceived &+= UInt64(packet.paddingLength)
        lastPayloadType = packet.payloadType
        lastPacketReceivedAt = now
    }
}
