public import RTCWire

/// Why a `PayloadTypeMap` could not be built from the entries given.
///
/// Invariant: every case names the payload types at fault.
public enum PayloadTypeMapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two entries map the same publisher payload type.
    case duplicateInput(PayloadType)
    /// Two entries map different publisher payload types to this subscriber payload type.
    case duplicateOutput(PayloadType)
    /// The entry for this publisher payload type has a clock rate of 0.
    case zeroClockRate(PayloadType)
    /// An RTX entry names, as the media it retransmits, a payload type that is not mapped as media.
    case retransmissionOfUnmappedMedia(retransmission: PayloadType, media: PayloadType)

    public var description: String {
        switch self {
        case .duplicateInput(let payloadType):
            "publisher payload type \(payloadType) is mapped twice"
        case .duplicateOutput(let payloadType):
            "subscriber payload type \(payloadType) is the target of two publisher payload types"
        case .zeroClockRate(let payloadType):
            "publisher payload type \(payloadType) has a clock rate of 0"
        case .retransmissionOfUnmappedMedia(let retransmission, let media):
            "RTX payload type \(retransmission) retransmits \(media), which is not mapped as media"
        }
    }
}
