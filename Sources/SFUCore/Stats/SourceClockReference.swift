public import RTCWire

/// Where a publisher's RTP clock stood at one monotonic instant, from its latest sender report
/// about a stream: the report's RTP timestamp and when the report arrived. A consumer of that
/// stream extrapolates from it the RTP time of its own sender reports, so that subscribers map
/// the forwarded streams of one publisher to one timeline (lip sync).
///
/// Invariant: `ssrc` is the publisher's SSRC the report was about; `receivedAt` is monotonic
/// nanoseconds (the same clock on every worker).
public struct SourceClockReference: Sendable, Hashable {
    public let ssrc: SSRC
    public let rtpTimestamp: UInt32
    public let receivedAt: Int64

    public init(ssrc: SSRC, rtpTimestamp: UInt32, receivedAt: Int64) {
        self.ssrc = ssrc
        self.rtpTimestamp = rtpTimestamp
        self.receivedAt = receivedAt
    }
}
