public import RTCWire

/// What the latest RTCP sender report (RFC 3550 §6.4.1) of one remote sender said about its
/// stream, for W3C `remote-outbound-rtp`, and where the sender's RTP clock stood when it came.
///
/// Invariant: a value copy of one report's sender info; the counts are the sender's own 32-bit
/// (wrapping) figures; `receivedAt` is the worker's monotonic time of arrival, nanoseconds.
public struct RemoteSenderReport: Sendable, Hashable {
    /// The sender's NTP time of the report (its wall clock).
    public let ntpTimestamp: NTPTimestamp
    /// The RTP timestamp that corresponds to `ntpTimestamp`.
    public let rtpTimestamp: UInt32
    /// Packets the sender had sent.
    public let packetCount: UInt32
    /// Payload octets the sender had sent.
    public let octetCount: UInt32
    public let receivedAt: Int64
    /// Sender reports received about this stream so far, this one included.
    public let reportsReceived: UInt64

    public init(ntpTimestamp: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32, receivedAt: Int64,
                reportsReceived: UInt64) {
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.receivedAt = receivedAt
        self.reportsReceived = reportsReceived
    }

    /// The sender info of `report`, received at `receivedAt`.
    init(_ report: SenderReport, receivedAt: Int64, reportsReceived: UInt64) {
        self.init(ntpTimestamp: report.ntp, rtpTimestamp: report.rtpTimestamp, packetCount: report.packetCount,
                  octetCount: report.octetCount, receivedAt: receivedAt, reportsReceived: reportsReceived)
    }
}
