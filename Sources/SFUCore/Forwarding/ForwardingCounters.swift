/// What one `RTPStreamRewriter` forwarded and dropped, as plain integers owned by its worker.
///
/// Invariants: counters only grow (wrapping at 2^64). Each packet offered to the rewriter is in
/// `packetsForwarded` or in exactly one drop counter. `bytesForwarded` counts payload bytes only,
/// `headerBytesForwarded` the RTP headers (CSRCs and extension block included) and
/// `paddingBytesForwarded` the padding of forwarded packets, as webrtc-stats `outbound-rtp` does.
public struct ForwardingCounters: Hashable, Sendable {
    public var packetsForwarded: UInt64 = 0
    public var bytesForwarded: UInt64 = 0
    public var headerBytesForwarded: UInt64 = 0
    public var paddingBytesForwarded: UInt64 = 0
    /// Times the output was re-anchored on a new input: the first packet, and the first after a
    /// resume, a change of input SSRC, or a jump of the input sequence numbers.
    public var reanchors: UInt64 = 0

    public var droppedPaused: UInt64 = 0
    public var droppedUnmappedPayloadType: UInt64 = 0
    public var droppedRetransmission: UInt64 = 0
    public var droppedDuplicateOrOld: UInt64 = 0
    public var droppedPaddingOnly: UInt64 = 0
    public var droppedWaitingForKeyFrame: UInt64 = 0

    public init() {}

    /// Every dropped packet, whatever the reason.
    public var packetsDropped: UInt64 {
        droppedPaused &+ droppedUnmappedPayloadType &+ droppedRetransmission &+ droppedDuplicateOrOld
            &+ droppedPaddingOnly &+ droppedWaitingForKeyFrame
    }

    /// Counts one drop for `reason`.
    mutating func countDrop(_ reason: ForwardingDropReason) {
        switch reason {
        case .paused: droppedPaused &+= 1
        case .unmappedPayloadType: droppedUnmappedPayloadType &+= 1
        case .retransmission: droppedRetransmission &+= 1
        case .duplicateOrOld: droppedDuplicateOrOld &+= 1
        case .paddingOnly: droppedPaddingOnly &+= 1
        case .waitingForKeyFrame: droppedWaitingForKeyFrame &+= 1
        }
    }
}
