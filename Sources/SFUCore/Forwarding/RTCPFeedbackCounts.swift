/// What subscribers' RTCP said about the streams the SFU sends them, counted as plain integers
/// (per compound packet from `RTCPFeedbackRouter.route`, or summed with `add`).
///
/// Invariant: counters only grow (wrapping at 2^64). Key frame requests count the requests that
/// name a known consumer, before de-duplication; `unknownMediaSSRC` the PLIs, FIR entries and
/// NACKs that name none.
public struct RTCPFeedbackCounts: Hashable, Sendable {
    /// PLI messages naming a known consumer.
    public var pictureLossIndications: UInt64 = 0
    /// FIR entries naming a known consumer.
    public var fullIntraRequests: UInt64 = 0
    /// Generic NACK messages naming a known consumer.
    public var genericNacks: UInt64 = 0
    /// Sequence numbers those NACKs report lost.
    public var nackedPackets: UInt64 = 0
    /// RR packets.
    public var receiverReports: UInt64 = 0
    /// Report blocks of RR and SR packets.
    public var reportBlocks: UInt64 = 0
    /// PLIs, FIR entries and NACKs whose media SSRC is no consumer's.
    public var unknownMediaSSRC: UInt64 = 0
    /// Key frame requests lost because the caller's output buffer was full (a request for a
    /// consumer already written is not lost; each request for one not written is).
    public var droppedKeyFrameRequests: UInt64 = 0
    /// Compound packets that ended with a malformed packet (those before it were counted).
    public var malformedCompounds: UInt64 = 0

    public init() {}

    /// Adds `other`'s counts to these.
    public mutating func add(_ other: RTCPFeedbackCounts) {
        pictureLossIndications &+= other.pictureLossIndications
        fullIntraRequests &+= other.fullIntraRequests
        genericNacks &+= other.genericNacks
        nackedPackets &+= other.nackedPackets
        receiverReports &+= other.receiverReports
        reportBlocks &+= other.reportBlocks
        unknownMediaSSRC &+= other.unknownMediaSSRC
        droppedKeyFrameRequests &+= other.droppedKeyFrameRequests
        malformedCompounds &+= other.malformedCompounds
    }
}
