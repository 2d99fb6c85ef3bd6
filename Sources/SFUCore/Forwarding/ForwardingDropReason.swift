/// Why `RTPStreamRewriter` did not forward a packet.
///
/// Invariant: each dropped packet has exactly one reason, checked in the order listed.
public enum ForwardingDropReason: Hashable, Sendable, CustomStringConvertible {
    /// The consumer is paused.
    case paused
    /// The payload type is not in the consumer's `PayloadTypeMap`.
    case unmappedPayloadType
    /// An RTX packet (RFC 4588) of the publisher; this version does not forward them.
    case retransmission
    /// The same input sequence number was already forwarded or skipped, the packet is older than
    /// the first forwarded packet of its source, or it is further behind the newest than the
    /// reorder window.
    case duplicateOrOld
    /// No payload after the header (padding only, or empty).
    case paddingOnly
    /// A video stream waits for the first packet of a key frame.
    case waitingForKeyFrame

    public var description: String {
        switch self {
        case .paused: "consumer paused"
        case .unmappedPayloadType: "payload type not forwarded to this consumer"
        case .retransmission: "publisher retransmission (RTX)"
        case .duplicateOrOld: "duplicate or too old"
        case .paddingOnly: "padding only"
        case .waitingForKeyFrame: "waiting for a key frame"
        }
    }
}
