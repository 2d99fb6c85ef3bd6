public import RTCWire

/// What one forwarded stream (a consumer's output SSRC) learned from its subscriber's RTCP and
/// from the sender reports the server wrote about it, for W3C `outbound-rtp` (feedback counts)
/// and `remote-inbound-rtp` (the latest report block, round-trip times), plain integers owned
/// by the consumer's worker.
///
/// Round-trip time (RFC 3550 §6.4.1): each sender report the server sends is remembered by the
/// middle 32 bits of its NTP time and its monotonic send time (the last three); a report block
/// whose LSR names one of them gives RTT = arrival − send time − DLSR.
///
/// Invariants: counters only grow (wrapping); `roundTripTimeMeasurements` counts the blocks that
/// named a remembered report, and `totalRoundTripTime` sums their (non-negative) round trips;
/// times are monotonic nanoseconds. Recording never allocates or traps, whatever the block says.
public struct OutboundStreamStatistics: Sendable, Equatable {
    /// Sender reports closer together than this are not sent (the worker's tick may come early).
    public static let minimumSenderReportSpacing: Int64 = 500_000_000

    /// Generic NACK messages the subscriber sent about this SSRC.
    public internal(set) var nackCount: UInt64 = 0
    /// Sequence numbers those NACKs asked for.
    public internal(set) var nackedPackets: UInt64 = 0
    /// PLI messages the subscriber sent about this SSRC.
    public internal(set) var pliCount: UInt64 = 0
    /// FIR entries the subscriber sent naming this SSRC.
    public internal(set) var firCount: UInt64 = 0
    /// Retransmissions sent (RTX); 0 while the server does not answer NACKs.
    public internal(set) var retransmittedPacketsSent: UInt64 = 0
    /// Their payload bytes.
    public internal(set) var retransmittedBytesSent: UInt64 = 0
    /// The subscriber's latest report block about this SSRC.
    public private(set) var latestReport: ReportBlock?
    /// Monotonic time `latestReport` arrived.
    public private(set) var latestReportAt: Int64 = 0
    /// Report blocks received about this SSRC.
    public private(set) var reportsReceived: UInt64 = 0
    /// The latest round-trip time measured, nanoseconds.
    public private(set) var roundTripTime: Int64?
    /// The sum of every round-trip time measured, nanoseconds.
    public private(set) var totalRoundTripTime: Int64 = 0
    public private(set) var roundTripTimeMeasurements: UInt64 = 0
    /// Sender reports the server sent about this SSRC.
    public private(set) var senderReportsSent: UInt64 = 0
    /// The three newest sender reports sent, newest first.
    private var newestSent: SentSenderReport?
    private var previousSent: SentSenderReport?
    private var oldestSent: SentSenderReport?
    /// Where the publisher's RTP clock stood, from its latest sender report about the input.
    public internal(set) var sourceClock: SourceClockReference?

    /// One sender report sent: the LSR value a block will echo, and when it was sent.
    struct SentSenderReport: Sendable, Hashable {
        let middle32: UInt32
        let sentAt: Int64
    }

    public init() {}

    /// Monotonic time of the latest sender report sent, nil before the first.
    public var lastSenderReportAt: Int64? { newestSent?.sentAt }

    /// Whether a sender report may go out at `now`: none was sent in the last
    /// `minimumSenderReportSpacing`.
    public func isSenderReportDue(now: Int64) -> Bool {
        guard let last = lastSenderReportAt else { return true }
        return now &- last >= Self.minimumSenderReportSpacing
    }

    /// Remembers a sender report with NTP time `ntp` sent at `now`.
    public mutating func recordSenderReportSent(ntp: NTPTimestamp, at now: Int64) {
        oldestSent = previousSent
        previousSent = newestSent
        newestSent = SentSenderReport(middle32: ntp.middle32, sentAt: now)
        senderReportsSent &+= 1
    }

    /// Takes a report block about this SSRC that arrived at `now`; measures the round trip when
    /// its LSR names a remembered sender report.
    public mutating func record(_ block: ReportBlock, now: Int64) {
        latestReport = block
        latestReportAt = now
        reportsReceived &+= 1
        guard block.lastSenderReport != 0, let sent = sentReport(named: block.lastSenderReport) else { return }
        // DLSR is in 1/65536 s: at most 2^32 units, so the product stays below 2^62.
        let delay = Int64(block.delaySinceLastSenderReport) * 1_000_000_000 / 65536
        let roundTrip = max(0, (now &- sent.sentAt) &- delay)
        roundTripTime = roundTrip
        totalRoundTripTime &+= roundTrip
        roundTripTimeMeasurements &+= 1
    }

    private func sentReport(named middle32: UInt32) -> SentSenderReport? {
        if let report = newestSent, report.middle32 == middle32 { return report }
        if let report = previousSent, report.middle32 == middle32 { return report }
        if let report = oldestSent, report.middle32 == middle32 { return report }
        return nil
    }
}
